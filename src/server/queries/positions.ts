import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, PositionRow } from '../db/tables.ts';
import { onVisibleIssue, visibleTo } from '../policies/visibility.ts';
import { getVisible, visibleId } from './visible.ts';
import { notFound, tooBroad } from '../errors.ts';

/** 2000 → "2,000" (Number#toLocaleString's first call loads ICU's number data: 30 ms of event loop). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The most positions one request may rank: past this the caller is told to narrow it (422 too_broad). */
export const MAX_POSITIONS_PER_LIST = 2_000;

export interface PositionFilter {
  wgId?: string;
  issueId?: string;
  partyId?: string;
  organisationId?: string;
}

/**
 * The stances in force on `asOf`: for each (issue, party, organisation) the latest position with
 * valid_from ≤ asOf (a later recording on the same day wins) among those the actor may see.
 * Visibility is applied inside the window, before ranking, so a position the actor may not see
 * never hides an earlier one they may, nor betrays that it exists. Portable SQL: ROW_NUMBER runs
 * on SQLite ≥ 3.25 and PostgreSQL alike.
 */
export async function findPositionsAsOf(db: Kysely<Database>, actor: Actor, asOf: string, f: PositionFilter, max = MAX_POSITIONS_PER_LIST): Promise<PositionRow[]> {
  // Ranking every version costs a sort of all matching rows (870,000 in a UN roll-call group):
  // first look for the (max+1)th visible candidate, which stops after max+1 rows, and refuse a
  // request that matches more.
  let probe = db.selectFrom('positions as p').select('p.id').where(visibleTo(actor, 'p')).where(onVisibleIssue(actor, 'p')).where('p.valid_from', '<=', asOf);
  if (f.wgId) probe = probe.where('p.wg_id', '=', f.wgId);
  if (f.issueId) probe = probe.where('p.issue_id', '=', f.issueId);
  if (f.partyId) probe = probe.where('p.party_id', '=', f.partyId);
  if (f.organisationId) probe = probe.where('p.organisation_id', '=', f.organisationId);
  if (await probe.limit(1).offset(max).executeTakeFirst()) {
    throw tooBroad(`More than ${thousands(max)} position records match; narrow the request with issueId, partyId or organisationId (GET /api/issues lists a group's issues)`, { limit: max });
  }
  let inner = db
    .selectFrom('positions as p')
    .selectAll('p')
    .select(sql<number>`row_number() over (partition by p.issue_id, p.party_id, coalesce(p.organisation_id, '') order by p.valid_from desc, p.created_at desc, p.id desc)`.as('rn'))
    .where(visibleTo(actor, 'p'))
    .where(onVisibleIssue(actor, 'p'))
    .where('p.valid_from', '<=', asOf);
  if (f.wgId) inner = inner.where('p.wg_id', '=', f.wgId);
  if (f.issueId) inner = inner.where('p.issue_id', '=', f.issueId);
  if (f.partyId) inner = inner.where('p.party_id', '=', f.partyId);
  if (f.organisationId) inner = inner.where('p.organisation_id', '=', f.organisationId);
  const rows = await db.selectFrom(inner.as('t')).selectAll('t').where('t.rn', '=', 1).orderBy('t.issue_id').orderBy('t.party_id').orderBy(sql`coalesce(t.organisation_id, '')`).execute();
  return rows.map(({ rn: _rn, ...p }) => p as PositionRow);
}

/** Every version the actor may see of the stances on one issue, newest first. */
export async function findPositionHistory(db: Kysely<Database>, actor: Actor, f: { issueId: string; partyId?: string; organisationId?: string }): Promise<PositionRow[]> {
  await getVisible(db, actor, 'issues', f.issueId, 'Issue');
  let q = db.selectFrom('positions').selectAll().where('issue_id', '=', f.issueId).where(visibleTo(actor, 'positions'));
  if (f.partyId) q = q.where('party_id', '=', f.partyId);
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId);
  return q.orderBy('valid_from', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** One position the actor may see, on an issue they may see (else 404). */
export async function getPosition(db: Kysely<Database>, actor: Actor, id: string): Promise<PositionRow> {
  const p = await getVisible(db, actor, 'positions', id, 'Position');
  if (!(await visibleId(db, actor, 'issues', p.issue_id))) throw notFound('Position');
  return p;
}
