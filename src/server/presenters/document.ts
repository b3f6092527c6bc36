import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { DocumentRow, SignoffRow } from '../db/tables.ts';
import { documentAbilities } from '../policies/document.ts';
import type { ClauseDiff, ClauseView, DocumentListRow, VersionView } from '../queries/documents.ts';
import { checkSignoff, fingerprintOf, type PartyKey } from '../audit/party-keys.ts';
import { presentAccess } from './access.ts';
import { BUNDLE_FORMAT, KEYS_FORMAT, type DocumentBundleSchema, type SigningKeysSchema } from '../../core/api/documents.ts';
import type { ClauseSchema, DiffSchema, DocumentSchema, DocumentSummarySchema, SignOffSchema, VersionSchema, VersionSummarySchema } from '../../core/api/documents.ts';

export function presentClause(c: ClauseView): Static<typeof ClauseSchema> {
  return {
    key: c.clause_key,
    position: c.position,
    trackId: c.track_id,
    status: c.status,
    textEn: c.text_en,
    textKo: c.text_ko,
    alternatives: c.alternatives.map((a) => ({ partyId: a.party_id, textEn: a.text_en, textKo: a.text_ko })),
  };
}

/** A sign-off's signature, checked against the key it names: the fingerprint must be the public key's, and the signature the sign-off's. */
function presentSignature(s: SignoffRow, versionNumber: number): Static<typeof SignOffSchema>['signature'] {
  if (!s.signature || !s.key_id || !s.public_key) return null;
  const fields = { documentId: s.document_id, versionNumber, contentHash: s.content_hash, partyId: s.party_id, signedAt: s.signed_at };
  const valid = fingerprintOf(s.public_key) === s.key_id && checkSignoff(fields, s.signature, s.public_key);
  return { keyId: s.key_id, publicKey: s.public_key, value: s.signature, valid };
}

export function presentSignOff(s: SignoffRow, versions: VersionView[]): Static<typeof SignOffSchema> {
  const versionNumber = versions.find((v) => v.id === s.version_id)?.number ?? 0;
  return {
    id: s.id,
    partyId: s.party_id,
    versionNumber,
    contentHash: s.content_hash,
    signedBy: s.signed_by,
    signedAt: s.signed_at,
    voidedAt: s.voided_at,
    voidedReason: s.voided_reason,
    signature: presentSignature(s, versionNumber),
  };
}

export function presentVersionSummary(v: VersionView): Static<typeof VersionSummarySchema> {
  return { number: v.number, contentHash: v.content_hash, note: v.note, createdBy: v.created_by, createdAt: v.created_at, bracketedClauses: v.bracketed };
}

export function presentVersion(documentId: string, v: VersionView, versions: VersionView[], clauses: ClauseView[], signoffs: SignoffRow[]): Static<typeof VersionSchema> {
  return {
    ...presentVersionSummary(v),
    documentId,
    latest: versions.at(-1)?.id === v.id,
    clauses: clauses.map(presentClause),
    signOffs: signoffs.filter((s) => s.version_id === v.id).map((s) => presentSignOff(s, versions)),
  };
}

export function presentDocumentSummary(actor: Actor, d: DocumentRow, latestNumber: number | null, adoptedNumber: number | null, partyIds: readonly string[]): Static<typeof DocumentSummarySchema> {
  return {
    id: d.id,
    version: Number(d.version),
    wgId: d.wg_id,
    kind: d.kind,
    title: d.title,
    titleKo: d.title_ko,
    releasedOn: d.released_on,
    latestVersion: latestNumber,
    adopted: d.adopted_version_id !== null,
    adoptedVersion: adoptedNumber,
    access: presentAccess(d),
    abilities: documentAbilities(actor, d, partyIds),
  };
}

export const presentDocumentListItem = (actor: Actor, d: DocumentListRow, partyIds: readonly string[]) => presentDocumentSummary(actor, d, d.latest_number, d.adopted_number, partyIds);

export function presentDocument(
  actor: Actor,
  x: { doc: DocumentRow; versions: VersionView[]; latest?: VersionView; clauses: ClauseView[]; signoffs: SignoffRow[]; parties: { id: string; name: string }[] },
): Static<typeof DocumentSchema> {
  const adopted = x.versions.find((v) => v.id === x.doc.adopted_version_id);
  const live = x.signoffs.filter((s) => s.voided_at === null && s.version_id === x.latest?.id);
  return {
    ...presentDocumentSummary(
      actor,
      x.doc,
      x.latest?.number ?? null,
      adopted?.number ?? null,
      x.parties.map((p) => p.id),
    ),
    current: x.latest ? presentVersion(x.doc.id, x.latest, x.versions, x.clauses, x.signoffs) : null,
    versions: x.versions.map(presentVersionSummary),
    signOffs: x.parties.map((p) => {
      const s = live.find((l) => l.party_id === p.id);
      return { partyId: p.id, partyName: p.name, signed: Boolean(s), signOff: s ? presentSignOff(s, x.versions) : null };
    }),
    signOffHistory: x.signoffs.map((s) => presentSignOff(s, x.versions)),
  };
}

export function presentDiff(documentId: string, from: VersionView, to: VersionView, d: ClauseDiff): Static<typeof DiffSchema> {
  const alts = (c: ClauseView) => presentClause(c).alternatives;
  return {
    documentId,
    from: { number: from.number, contentHash: from.content_hash },
    to: { number: to.number, contentHash: to.content_hash },
    added: d.added.map(presentClause),
    removed: d.removed.map(presentClause),
    changed: d.changed.map((c) => ({
      key: c.key,
      changes: c.changes,
      textEn: { before: c.before.text_en, after: c.after.text_en, changed: c.changes.includes('textEn') },
      textKo: { before: c.before.text_ko, after: c.after.text_ko, changed: c.changes.includes('textKo') },
      status: { before: c.before.status, after: c.after.status, changed: c.changes.includes('status') },
      position: { before: c.before.position, after: c.after.position, changed: c.changes.includes('position') },
      trackId: { before: c.before.track_id, after: c.after.track_id, changed: c.changes.includes('trackId') },
      alternatives: { before: alts(c.before), after: alts(c.after), changed: c.changes.includes('alternatives') },
    })),
    unchanged: d.unchanged,
  };
}

/** An adopted (else the latest) version as a bundle to check offline: text, hash, parties, signed sign-offs. */
export function presentBundle(
  x: { doc: DocumentRow; version: VersionView; adopted: boolean; clauses: ClauseView[]; signoffs: SignoffRow[]; parties: { id: string; name: string }[] },
  at = new Date(),
): Static<typeof DocumentBundleSchema> {
  return {
    format: BUNDLE_FORMAT,
    exportedAt: at.toISOString(),
    document: { id: x.doc.id, title: x.doc.title, titleKo: x.doc.title_ko, kind: x.doc.kind, wgId: x.doc.wg_id },
    adopted: x.adopted,
    version: { number: x.version.number, contentHash: x.version.content_hash, clauses: x.clauses.map(presentClause) },
    parties: x.parties.map((p) => ({ id: p.id, name: p.name })),
    signOffs: x.signoffs
      .filter((s) => s.version_id === x.version.id && s.voided_at === null)
      .map((s) => ({ partyId: s.party_id, signedAt: s.signed_at, contentHash: s.content_hash, keyId: s.key_id ?? null, publicKey: s.public_key ?? null, signature: s.signature ?? null })),
  };
}

/** The parties' sign-off keys, as a file `concord document verify --keys` reads. */
export function presentSigningKeys(keys: PartyKey[], names: Map<string, string>): Static<typeof SigningKeysSchema> {
  return { format: KEYS_FORMAT, items: keys.map((k) => ({ partyId: k.partyId, partyName: names.get(k.partyId) ?? null, keyId: k.keyId, publicKey: k.publicPem })) };
}
