import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { CommitmentRow, Database } from '../db/tables.ts';
import { badRequest, forbidden } from '../errors.ts';
import { canCreateCommitment, commitmentAbilities } from '../policies/commitment.ts';
import { documentVersions, groupParties } from '../queries/documents.ts';
import { getVisible } from '../queries/visible.ts';
import { guardOf, newGuard } from './guard.ts';
import { checkDate, checkHttpUrl, patchFrom, pick } from './values.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext } from './run.ts';
import type { CommitmentCreateBody, CommitmentUpdateBody, ReportBody } from '../../core/api/commitments.ts';

/**
 * Checks who is responsible: the party must be a party of the group; the organisation must
 * exist and belong to the responsible party (when one is named). Returns the party to store:
 * the one sent, else — when only an organisation is named — the organisation's government.
 */
async function checkResponsible(db: Kysely<Database>, wgId: string | null, partyId: string | null | undefined, orgId: string | null | undefined): Promise<string | null | undefined> {
  if (partyId) {
    const parties = await groupParties(db, wgId);
    if (!parties.some((p) => p.id === partyId)) throw badRequest('body.responsiblePartyId', 'names no party of this working group', 'party_not_in_group');
  }
  if (!orgId) return partyId;
  const org = await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw badRequest('body.responsibleOrgId', 'names no organisation', 'unknown_record');
  if (partyId && org.party_id !== partyId) throw badRequest('body.responsibleOrgId', 'is not an organisation of the responsible party', 'party_not_in_group');
  return partyId === undefined ? org.party_id : partyId;
}

/**
 * Records a commitment made in a working group: from a clause of a joint document (document and
 * clause key, the clause taken from the document's latest version) or from a meeting, or both
 * when a meeting adopted the document. Chair or secretariat only.
 */
export async function createCommitment(ctx: ActingContext, body: Static<typeof CommitmentCreateBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  if (!body.documentId && !body.meetingId) throw badRequest('body.documentId', 'name where the commitment was made: documentId with clauseKey, or meetingId', 'required_here');
  let wgId: string | null = null;
  if (body.documentId) {
    const doc = await getVisible(db, actor, 'documents', body.documentId, 'Document').catch(() => {
      throw badRequest('body.documentId', 'names no document you can see', 'unknown_record');
    });
    if (!body.clauseKey) throw badRequest('body.clauseKey', 'is required with documentId', 'required_here');
    const latest = (await documentVersions(db, doc.id)).at(-1);
    const clause = latest ? await db.selectFrom('clauses').select('id').where('version_id', '=', latest.id).where('clause_key', '=', body.clauseKey).executeTakeFirst() : undefined;
    if (!clause) throw badRequest('body.clauseKey', `names no clause of the document's latest version`, 'unknown_record');
    wgId = doc.wg_id;
  } else if (body.clauseKey) {
    throw badRequest('body.clauseKey', 'needs documentId', 'required_here');
  }
  if (body.meetingId) {
    const m = await getVisible(db, actor, 'meetings', body.meetingId, 'Meeting').catch(() => {
      throw badRequest('body.meetingId', 'names no meeting you can see', 'unknown_record');
    });
    if (body.documentId && m.wg_id !== wgId) throw badRequest('body.meetingId', 'belongs to another working group than the document', 'other_working_group');
    wgId = m.wg_id;
  }
  if (!canCreateCommitment(actor, wgId)) throw forbidden('Only the chair or secretariat of the working group may record its commitments', 'not_permitted');
  const partyId = await checkResponsible(db, wgId, body.responsiblePartyId, body.responsibleOrgId);
  if (body.dueOn) checkDate(body.dueOn, 'body.dueOn');
  const guard = newGuard(actor, wgId, body);
  const t = now();
  const row: CommitmentRow = {
    id: newId(),
    wg_id: wgId,
    document_id: body.documentId ?? null,
    clause_key: body.clauseKey ?? null,
    meeting_id: body.meetingId ?? null,
    track: body.track ?? null,
    title: body.title,
    title_ko: body.titleKo ?? null,
    responsible_party_id: partyId ?? null,
    responsible_org_id: body.responsibleOrgId ?? null,
    due_on: body.dueOn ?? null,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('commitments').values(row).execute();
    audit({ action: 'commitment.create', entityType: 'commitment', entityId: row.id, after: row, guard: guardOf(row) });
  });
  return row.id;
}

/** Changes a commitment's wording, responsibility or due date (If-Match). */
export async function updateCommitment(ctx: ActingContext, id: string, version: number, body: Static<typeof CommitmentUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const c = await getVisible(db, actor, 'commitments', id, 'Commitment');
  const parties = await groupParties(db, c.wg_id);
  if (
    !commitmentAbilities(
      actor,
      c,
      parties.map((p) => p.id),
    ).update
  )
    throw forbidden('Only the chair or secretariat of the working group may change its commitments', 'not_permitted');
  const patch = patchFrom(body, { title: 'title', titleKo: 'title_ko', track: 'track', responsiblePartyId: 'responsible_party_id', responsibleOrgId: 'responsible_org_id', dueOn: 'due_on' });
  if (body.responsiblePartyId !== undefined || body.responsibleOrgId !== undefined) {
    const party = body.responsiblePartyId !== undefined ? body.responsiblePartyId : c.responsible_party_id;
    const org = body.responsibleOrgId !== undefined ? body.responsibleOrgId : c.responsible_org_id;
    const stored = await checkResponsible(db, c.wg_id, party, org);
    if (body.responsiblePartyId === undefined && stored !== undefined) patch.responsible_party_id = stored;
  }
  if (body.dueOn) checkDate(body.dueOn, 'body.dueOn');
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'commitments', id, version, patch);
    audit({ action: 'commitment.update', entityType: 'commitment', entityId: id, before: pick(c, Object.keys(patch)), after: patch, guard: guardOf(c) });
  });
}

/**
 * Appends a progress report for the actor's own government and organisation (reports are never
 * changed or removed; a correction is a newer report). The report's date defaults to today.
 */
export async function reportCommitmentProgress(ctx: ActingContext, id: string, body: Static<typeof ReportBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const c = await getVisible(db, actor, 'commitments', id, 'Commitment');
  const parties = await groupParties(db, c.wg_id);
  if (
    !commitmentAbilities(
      actor,
      c,
      parties.map((p) => p.id),
    ).report
  ) {
    throw forbidden('Only members of the working group from one of its parties may report progress, for their own government', 'not_permitted');
  }
  if (body.reportedOn) checkDate(body.reportedOn, 'body.reportedOn');
  if (body.evidenceUrl) checkHttpUrl(body.evidenceUrl, 'body.evidenceUrl');
  const t = now();
  const row = {
    id: newId(),
    commitment_id: id,
    party_id: actor.partyId,
    organisation_id: actor.orgId,
    status: body.status,
    percent: body.percent ?? null,
    note: body.note ?? null,
    evidence_url: body.evidenceUrl ?? null,
    reported_on: body.reportedOn ?? t.slice(0, 10),
    reported_by: actor.userId,
    created_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('progress_reports').values(row).execute();
    audit({ action: 'commitment.report', entityType: 'commitment', entityId: id, after: row, guard: guardOf(c) });
  });
  return row.id;
}
