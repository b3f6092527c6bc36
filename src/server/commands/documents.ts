import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, DocumentRow } from '../db/tables.ts';
import { AppError, badRequest, forbidden, notFound, type RefusalReason } from '../errors.ts';
import { adoptsVersion, canCreateDocument, documentAbilities } from '../policies/document.ts';
import { documentVersions, groupParties, type ClauseView } from '../queries/documents.ts';
import { getVisible } from '../queries/visible.ts';
import { signSignoff } from '../audit/party-keys.ts';
import { documentContentHash } from './document-hash.ts';
import { guardOf, newGuard } from './guard.ts';
import { checkDate, patchFrom, pick } from './values.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type Tx } from './run.ts';
import type { ClauseInput, DocumentCreateBody, DocumentUpdateBody, VersionCreateBody } from '../../core/api/documents.ts';

const conflict = (message: string, details: Record<string, unknown> | undefined, reason: RefusalReason) => new AppError('conflict', message, { details, reason });

/**
 * Checks a full clause list and turns it into the stored shape (positions in list order): keys
 * unique, tracks of the document's group, alternatives only on bracketed clauses and only from
 * parties of the group.
 */
async function checkClauses(db: Kysely<Database>, wgId: string | null, partyIds: readonly string[], clauses: Static<typeof ClauseInput>[]): Promise<ClauseView[]> {
  const tracks = new Set(wgId ? (await db.selectFrom('tracks').select('id').where('wg_id', '=', wgId).execute()).map((t) => t.id) : []);
  const keys = new Set<string>();
  return clauses.map((c, i) => {
    const at = `body.clauses.${i}`;
    if (keys.has(c.key)) throw badRequest(`${at}.key`, `"${c.key}" is used by an earlier clause; clause keys are unique within a version`, 'duplicate');
    keys.add(c.key);
    if (c.trackId && !tracks.has(c.trackId)) throw badRequest(`${at}.trackId`, 'names no track of this working group', 'unknown_record');
    const alternatives = c.alternatives ?? [];
    if (alternatives.length && c.status !== 'bracketed') throw badRequest(`${at}.alternatives`, "only a bracketed clause carries the parties' alternative wordings", 'alternatives_need_bracket');
    alternatives.forEach((a, j) => {
      if (!partyIds.includes(a.partyId)) throw badRequest(`${at}.alternatives.${j}.partyId`, 'names no party of this working group', 'party_not_in_group');
    });
    return {
      clause_key: c.key,
      position: i + 1,
      track_id: c.trackId ?? null,
      status: c.status,
      text_en: c.textEn,
      text_ko: c.textKo ?? null,
      alternatives: alternatives.map((a) => ({ party_id: a.partyId, text_en: a.textEn, text_ko: a.textKo ?? null })),
    };
  });
}

/** Writes one immutable version: its row, clauses and alternatives, under the hash of its content. */
async function insertVersion(tx: Tx, actor: Actor, documentId: string, number: number, clauses: ClauseView[], note: string | null, at: string) {
  const version = { id: newId(), document_id: documentId, number, content_hash: documentContentHash(clauses), note, created_by: actor.userId, created_at: at };
  await tx.insertInto('document_versions').values(version).execute();
  for (const c of clauses) {
    const clauseId = newId();
    await tx
      .insertInto('clauses')
      .values({ id: clauseId, version_id: version.id, position: c.position, clause_key: c.clause_key, track_id: c.track_id, status: c.status, text_en: c.text_en, text_ko: c.text_ko })
      .execute();
    if (c.alternatives.length) {
      await tx
        .insertInto('clause_alternatives')
        .values(c.alternatives.map((a) => ({ id: newId(), clause_id: clauseId, party_id: a.party_id, text_en: a.text_en, text_ko: a.text_ko })))
        .execute();
    }
  }
  return version;
}

/** Creates a joint document in a group the actor runs, with version 1 of its text. */
export async function createDocument(ctx: ActingContext, body: Static<typeof DocumentCreateBody>): Promise<{ id: string; contentHash: string }> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const wg = await getVisible(db, actor, 'working_groups', body.wgId, 'Working group').catch(() => {
    throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
  });
  if (!canCreateDocument(actor, wg.id)) throw forbidden('Only the chair or secretariat of the working group may draft its documents', 'not_permitted');
  if (body.releasedOn) checkDate(body.releasedOn, 'body.releasedOn');
  const parties = await groupParties(db, wg.id);
  const clauses = await checkClauses(
    db,
    wg.id,
    parties.map((p) => p.id),
    body.clauses,
  );
  const guard = newGuard(actor, wg.id, body);
  const t = now();
  const row: DocumentRow = {
    id: newId(),
    wg_id: wg.id,
    kind: body.kind,
    title: body.title,
    title_ko: body.titleKo ?? null,
    released_on: body.releasedOn ?? null,
    adopted_version_id: null,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  return runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('documents').values(row).execute();
    const v = await insertVersion(tx, actor, row.id, 1, clauses, body.note ?? null, t);
    audit({
      action: 'document.create',
      entityType: 'document',
      entityId: row.id,
      after: { ...row, firstVersion: { number: 1, content_hash: v.content_hash, clauses: clauses.length } },
      guard: guardOf(row),
    });
    return { id: row.id, contentHash: v.content_hash };
  });
}

/** Changes a document's title, kind or release date (If-Match). Its text changes only by new versions. */
export async function updateDocument(ctx: ActingContext, id: string, version: number, body: Static<typeof DocumentUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const doc = await getVisible(db, actor, 'documents', id, 'Document');
  const parties = await groupParties(db, doc.wg_id);
  if (
    !documentAbilities(
      actor,
      doc,
      parties.map((p) => p.id),
    ).update
  )
    throw forbidden('Only the chair or secretariat of the working group may change its documents', 'not_permitted');
  if (body.releasedOn) checkDate(body.releasedOn, 'body.releasedOn');
  const patch = patchFrom(body, { kind: 'kind', title: 'title', titleKo: 'title_ko', releasedOn: 'released_on' });
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'documents', id, version, patch);
    audit({ action: 'document.update', entityType: 'document', entityId: id, before: pick(doc, Object.keys(patch)), after: patch, guard: guardOf(doc) });
  });
}

/**
 * Puts forward a new immutable version of a document's text (If-Match: the document's version).
 *
 * A sign-off binds a party to one exact text (its content hash). Once a new version exists, the
 * text the parties signed is no longer the document's current text, so every live sign-off on
 * an earlier version is voided — kept, with the reason "superseded by version N", so the record
 * still shows who signed what and when — and adoption is cleared: "adopted" must always mean
 * that every party has signed the text the document carries now, never an earlier one. The
 * parties adopt the new version by signing it.
 */
export async function createDocumentVersion(ctx: ActingContext, id: string, expected: number, body: Static<typeof VersionCreateBody>): Promise<{ number: number; contentHash: string }> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const doc = await getVisible(db, actor, 'documents', id, 'Document');
  const parties = await groupParties(db, doc.wg_id);
  if (
    !documentAbilities(
      actor,
      doc,
      parties.map((p) => p.id),
    ).createVersion
  )
    throw forbidden('Only the chair or secretariat of the working group may put forward a new version', 'not_permitted');
  const clauses = await checkClauses(
    db,
    doc.wg_id,
    parties.map((p) => p.id),
    body.clauses,
  );
  const t = now();
  return runCommand(ctx, async (tx, audit) => {
    const cur = await tx.selectFrom('documents').select('adopted_version_id').where('id', '=', id).executeTakeFirstOrThrow();
    // The If-Match check also takes the document row, so a concurrent sign-off (which takes the
    // same row first) either finishes before this version exists or sees it and is refused.
    await updateVersioned(tx, 'documents', id, expected, { adopted_version_id: null });
    const last = await tx.selectFrom('document_versions').select('number').where('document_id', '=', id).orderBy('number', 'desc').limit(1).executeTakeFirst();
    const number = (last ? Number(last.number) : 0) + 1;
    const v = await insertVersion(tx, actor, id, number, clauses, body.note ?? null, t);
    const live = await tx.selectFrom('signoffs').select(['id', 'party_id', 'version_id']).where('document_id', '=', id).where('voided_at', 'is', null).execute();
    if (live.length) {
      await tx
        .updateTable('signoffs')
        .set({ voided_at: t, voided_reason: `superseded by version ${number}` })
        .where('document_id', '=', id)
        .where('voided_at', 'is', null)
        .execute();
    }
    audit({
      action: 'document.version_create',
      entityType: 'document',
      entityId: id,
      before: { adopted_version_id: cur.adopted_version_id },
      after: { number, version_id: v.id, content_hash: v.content_hash, note: v.note, clauses: clauses.length, voided_signoffs: live.map((s) => s.id), adopted_version_id: null },
      guard: guardOf(doc),
    });
    return { number, contentHash: v.content_hash };
  });
}

/**
 * Signs a version off for the actor's government. The client proves which text it signed by
 * sending the version's content hash. Refused (409) when the version is not the latest, the
 * hash is not that version's, any clause is still bracketed, or the party has already signed
 * it. The sign-off is signed with the party's key. When every party of the group holds a live
 * sign-off on this version, the document is adopted on it in the same transaction.
 */
export async function signDocumentVersion(ctx: ActingContext, id: string, number: number, contentHash: string): Promise<{ id: string; adopted: boolean }> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const doc = await getVisible(db, actor, 'documents', id, 'Document');
  const parties = await groupParties(db, doc.wg_id);
  const partyIds = parties.map((p) => p.id);
  if (!documentAbilities(actor, doc, partyIds).signOff) {
    throw forbidden(partyIds.includes(actor.partyId) ? 'Only the chair or secretariat may sign off for their government' : 'Your government is not a party of this working group', 'not_permitted');
  }
  const t = now();
  return runCommand(ctx, async (tx, audit) => {
    // Take the document row before looking: a concurrent new version or sign-off waits here,
    // so the checks below see the latest versions and sign-offs.
    await tx
      .updateTable('documents')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: t }))
      .where('id', '=', id)
      .execute();
    const versions = await documentVersions(tx, id);
    const v = versions.find((x) => x.number === number);
    if (!v) throw notFound(`Version ${number} of this document`);
    const latest = versions.at(-1)!;
    if (v.id !== latest.id) throw conflict(`Version ${number} is not the latest; version ${latest.number} is. Review and sign the latest text`, { latestVersion: latest.number }, 'not_latest_version');
    if (contentHash !== v.content_hash) {
      throw conflict(
        `The content hash you sent is not the hash of version ${number}'s text: the text you reviewed is not the text on record. Reload it and sign again`,
        {
          contentHash: v.content_hash,
        },
        'text_changed',
      );
    }
    if (v.bracketed > 0) {
      const keys = await tx.selectFrom('clauses').select('clause_key').where('version_id', '=', v.id).where('status', '=', 'bracketed').orderBy('position').execute();
      throw conflict(
        `Version ${number} cannot be signed: ${v.bracketed} clause(s) are still bracketed (${keys.map((k) => k.clause_key).join(', ')}). Agree them in a new version first`,
        {
          bracketed: keys.map((k) => k.clause_key),
        },
        'still_bracketed',
      );
    }
    const mine = await tx.selectFrom('signoffs').select('id').where('version_id', '=', v.id).where('party_id', '=', actor.partyId).where('voided_at', 'is', null).executeTakeFirst();
    if (mine) throw conflict(`Your government has already signed version ${number}`, { signOffId: mine.id }, 'already_signed');
    // The party's key signs what the sign-off binds it to (audit/party-keys.ts), so the sign-off
    // can be checked offline, outside this store, against the party's public key.
    const signed = signSignoff({ documentId: id, versionNumber: number, contentHash: v.content_hash, partyId: actor.partyId, signedAt: t });
    const row = {
      id: newId(),
      document_id: id,
      version_id: v.id,
      party_id: actor.partyId,
      content_hash: v.content_hash,
      signed_by: actor.userId,
      signed_at: t,
      voided_at: null,
      voided_reason: null,
      signature: signed.signature,
      key_id: signed.keyId,
      public_key: signed.publicKey,
    };
    await tx.insertInto('signoffs').values(row).execute();
    audit({ action: 'document.sign_off', entityType: 'document', entityId: id, after: { ...row, version_number: number }, guard: guardOf(doc) });
    const signers = await tx.selectFrom('signoffs').select('party_id').where('version_id', '=', v.id).where('voided_at', 'is', null).execute();
    const adopted = adoptsVersion(
      partyIds,
      signers.map((s) => s.party_id),
    );
    if (adopted) {
      await tx.updateTable('documents').set({ adopted_version_id: v.id }).where('id', '=', id).execute();
      audit({
        action: 'document.adopt',
        entityType: 'document',
        entityId: id,
        after: { adopted_version_id: v.id, version_number: number, content_hash: v.content_hash, parties: partyIds },
        guard: guardOf(doc),
      });
    }
    return { id: row.id, adopted };
  });
}
