import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, DocumentRow, DocumentVersionRow, SignoffRow } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible } from './visible.ts';
import type { DocumentKind } from '../../core/vocabulary.ts';
import type { ClauseStatus } from '../../core/vocabulary.ts';

type Db = Kysely<Database>;

export interface ClauseView {
  clause_key: string;
  position: number;
  track_id: string | null;
  status: ClauseStatus;
  text_en: string;
  text_ko: string | null;
  alternatives: { party_id: string; text_en: string; text_ko: string | null }[];
}

export interface VersionView extends DocumentVersionRow {
  bracketed: number;
}

export interface DocumentListRow extends DocumentRow {
  latest_number: number | null;
  adopted_number: number | null;
}

/** The parties of a working group (the governments whose sign-offs adopt its documents), in id order. */
export async function groupParties(db: Db, wgId: string | null): Promise<{ id: string; name: string }[]> {
  if (!wgId) return [];
  return db
    .selectFrom('wg_parties')
    .innerJoin('parties', 'parties.id', 'wg_parties.party_id')
    .select(['parties.id', 'parties.name'])
    .where('wg_parties.wg_id', '=', wgId)
    .orderBy('parties.id')
    .execute();
}

/** Party ids of several working groups at once, for lists. */
export async function partiesByGroup(db: Db, wgIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (wgIds.length === 0) return map;
  const rows = await db
    .selectFrom('wg_parties')
    .select(['wg_id', 'party_id'])
    .where('wg_id', 'in', [...new Set(wgIds)])
    .orderBy('party_id')
    .execute();
  for (const r of rows) map.set(r.wg_id, [...(map.get(r.wg_id) ?? []), r.party_id]);
  return map;
}

/** Presents rows that each need their working group's parties, read for all of them in one query (a row with no group gets none). */
export async function withGroupParties<R extends { wg_id: string | null }, T>(db: Db, rows: readonly R[], present: (row: R, groupPartyIds: readonly string[]) => T): Promise<T[]> {
  const parties = await partiesByGroup(
    db,
    rows.flatMap((r) => (r.wg_id ? [r.wg_id] : [])),
  );
  return rows.map((r) => present(r, (r.wg_id && parties.get(r.wg_id)) || []));
}

/** Joint documents the actor may see, newest first, with their latest and adopted version numbers. */
export async function findDocuments(db: Db, actor: Actor, f: { wgId?: string; kind?: DocumentKind; limit?: number; offset?: number }): Promise<DocumentListRow[]> {
  let q = db
    .selectFrom('documents')
    .leftJoin('document_versions as adopted', 'adopted.id', 'documents.adopted_version_id')
    .selectAll('documents')
    .select('adopted.number as adopted_number')
    .select((eb) => eb.selectFrom('document_versions').select(sql<number>`max(number)`.as('n')).whereRef('document_versions.document_id', '=', 'documents.id').as('latest_number'))
    .where(visibleTo(actor, 'documents'));
  if (f.wgId) q = q.where('documents.wg_id', '=', f.wgId);
  if (f.kind) q = q.where('documents.kind', '=', f.kind);
  const rows = await q
    .orderBy('documents.created_at', 'desc')
    .orderBy('documents.id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, latest_number: r.latest_number === null ? null : Number(r.latest_number), adopted_number: r.adopted_number === null ? null : Number(r.adopted_number) }));
}

/** Every version of a document, oldest first, with how many bracketed clauses each holds. */
export async function documentVersions(db: Db, documentId: string): Promise<VersionView[]> {
  const rows = await db
    .selectFrom('document_versions')
    .selectAll('document_versions')
    .select((eb) =>
      eb.selectFrom('clauses').select(sql<number>`count(*)`.as('n')).whereRef('clauses.version_id', '=', 'document_versions.id').where('clauses.status', '=', 'bracketed').as('bracketed'),
    )
    .where('document_id', '=', documentId)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ ...r, number: Number(r.number), bracketed: Number(r.bracketed ?? 0) }));
}

/** The clauses of one version, in order, each with its parties' alternatives. */
export async function versionClauses(db: Db, versionId: string): Promise<ClauseView[]> {
  const clauses = await db.selectFrom('clauses').selectAll().where('version_id', '=', versionId).orderBy('position').orderBy('clause_key').execute();
  const alts = clauses.length
    ? await db
        .selectFrom('clause_alternatives')
        .selectAll()
        .where(
          'clause_id',
          'in',
          clauses.map((c) => c.id),
        )
        .orderBy('party_id')
        .orderBy('id')
        .execute()
    : [];
  return clauses.map((c) => ({
    clause_key: c.clause_key,
    position: Number(c.position),
    track_id: c.track_id,
    status: c.status,
    text_en: c.text_en,
    text_ko: c.text_ko,
    alternatives: alts.filter((a) => a.clause_id === c.id).map((a) => ({ party_id: a.party_id, text_en: a.text_en, text_ko: a.text_ko })),
  }));
}

export async function documentSignoffs(db: Db, documentId: string): Promise<SignoffRow[]> {
  return db.selectFrom('signoffs').selectAll().where('document_id', '=', documentId).orderBy('signed_at').orderBy('id').execute();
}

/** One document the actor may see, with its current text, version list, parties and sign-offs. */
export async function getDocumentDetail(db: Db, actor: Actor, id: string) {
  const doc = await getVisible(db, actor, 'documents', id, 'Document');
  const [versions, signoffs, parties] = await Promise.all([documentVersions(db, id), documentSignoffs(db, id), groupParties(db, doc.wg_id)]);
  const latest = versions.at(-1);
  const clauses = latest ? await versionClauses(db, latest.id) : [];
  return { doc, versions, latest, clauses, signoffs, parties };
}

/** One version of a document the actor may see, or 404. */
export async function getDocumentVersion(db: Db, actor: Actor, id: string, number: number) {
  const doc = await getVisible(db, actor, 'documents', id, 'Document');
  const versions = await documentVersions(db, id);
  const version = versions.find((v) => v.number === number);
  if (!version) throw notFound(`Version ${number} of this document`);
  const [clauses, signoffs] = await Promise.all([versionClauses(db, version.id), documentSignoffs(db, id)]);
  return { doc, version, versions, clauses, signoffs };
}

export interface ClauseDiff {
  added: ClauseView[];
  removed: ClauseView[];
  changed: { key: string; before: ClauseView; after: ClauseView; changes: ('textEn' | 'textKo' | 'status' | 'alternatives' | 'position' | 'trackId')[] }[];
  unchanged: string[];
}

const altKey = (c: ClauseView) => JSON.stringify([...c.alternatives].map((a) => [a.party_id, a.text_en, a.text_ko ?? null]).sort());

/**
 * Clause-level diff between two versions, matched by clause key: added (only in `to`),
 * removed (only in `from`), changed (in both, with what differs: English text, Korean text,
 * agreed/bracketed status, the parties' alternatives, position, track), unchanged.
 */
export function diffClauses(from: ClauseView[], to: ClauseView[]): ClauseDiff {
  const before = new Map(from.map((c) => [c.clause_key, c]));
  const afterKeys = new Set(to.map((c) => c.clause_key));
  const out: ClauseDiff = { added: [], removed: from.filter((c) => !afterKeys.has(c.clause_key)), changed: [], unchanged: [] };
  for (const a of to) {
    const b = before.get(a.clause_key);
    if (!b) {
      out.added.push(a);
      continue;
    }
    const changes: ClauseDiff['changed'][number]['changes'] = [];
    if (b.text_en !== a.text_en) changes.push('textEn');
    if ((b.text_ko ?? null) !== (a.text_ko ?? null)) changes.push('textKo');
    if (b.status !== a.status) changes.push('status');
    if (altKey(b) !== altKey(a)) changes.push('alternatives');
    if (b.position !== a.position) changes.push('position');
    if ((b.track_id ?? null) !== (a.track_id ?? null)) changes.push('trackId');
    if (changes.length) out.changed.push({ key: a.clause_key, before: b, after: a, changes });
    else out.unchanged.push(a.clause_key);
  }
  return out;
}

/** The diff between two versions of a document the actor may see; 404 when either version is missing. */
export async function getDocumentDiff(db: Db, actor: Actor, id: string, fromNumber: number, toNumber: number) {
  const doc = await getVisible(db, actor, 'documents', id, 'Document');
  const versions = await documentVersions(db, id);
  const from = versions.find((v) => v.number === fromNumber);
  if (!from) throw notFound(`Version ${fromNumber} of this document`);
  const to = versions.find((v) => v.number === toNumber);
  if (!to) throw notFound(`Version ${toNumber} of this document`);
  const [a, b] = await Promise.all([versionClauses(db, from.id), versionClauses(db, to.id)]);
  return { doc, from, to, diff: diffClauses(a, b) };
}

/**
 * What a document's bundle holds: the adopted version (else the latest), its clauses, the group's
 * parties and the sign-offs. `doc` is loaded by the caller: through visibility for the API, as
 * is for the operator's CLI.
 */
export async function documentBundleParts(db: Db, doc: DocumentRow) {
  const [versions, signoffs, parties] = await Promise.all([documentVersions(db, doc.id), documentSignoffs(db, doc.id), groupParties(db, doc.wg_id)]);
  const adopted = versions.find((v) => v.id === doc.adopted_version_id);
  const version = adopted ?? versions.at(-1);
  if (!version) throw notFound('A version of this document');
  return { doc, version, adopted: Boolean(adopted), clauses: await versionClauses(db, version.id), signoffs, parties };
}

/** Every party's name by id (party names are reference data every user sees). */
export async function partyNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('parties').select(['id', 'name']).execute();
  return new Map(rows.map((p) => [p.id, p.name]));
}
