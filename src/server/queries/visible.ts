import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { onVisibleIssue, proposalVisibleTo, visibleTo } from '../policies/visibility.ts';
import { prepared, type Prepared } from '../db/prepared.ts';

type GuardedTable = 'working_groups' | 'meeting_series' | 'group_feeds' | 'meetings' | 'issues' | 'positions' | 'statements' | 'documents' | 'commitments' | 'projects' | 'notes';

type VisibleArgs = { id: string; clearance: number; partyId: string; orgId: string };

/** "This record, if the actor may see it", compiled once per table: the whole row, or its id alone. */
const compiled = { row: new Map<GuardedTable, Prepared<VisibleArgs, unknown>>(), id: new Map<GuardedTable, Prepared<VisibleArgs, unknown>>() };
function visibleRecord(db: Kysely<Database>, actor: Actor, table: GuardedTable, columns: 'row' | 'id', id: string): Promise<unknown> {
  let q = compiled[columns].get(table);
  if (!q) {
    q = prepared<VisibleArgs, unknown>((db, a) => {
      // biome-ignore lint/suspicious/noExplicitAny: one prepared statement per guarded table, chosen at run time
      const from = (db as Kysely<any>).selectFrom(table);
      const select: typeof from = columns === 'row' ? from.selectAll() : from.select(`${table}.id`);
      return select.where(`${table}.id`, '=', a.id).where(visibleTo(a, table));
    });
    compiled[columns].set(table, q);
  }
  return q.first(db, { id, clearance: actor.clearance, partyId: actor.partyId, orgId: actor.orgId });
}

/**
 * Loads one guarded record the actor may see, or throws 404. Invisible and missing look the
 * same from outside, so a probe cannot learn that a record exists.
 */
export async function getVisible<T extends GuardedTable>(db: Kysely<Database>, actor: Actor, table: T, id: string, label: string): Promise<Database[T]> {
  const row = await visibleRecord(db, actor, table, 'row', id);
  if (!row) throw notFound(label);
  return row as Database[T];
}

/**
 * The record's id if the actor may see it (the same rule as getVisible, without loading the
 * row): for a write that only needs to know the record is there for this actor.
 */
export async function visibleId(db: Kysely<Database>, actor: Actor, table: GuardedTable, id: string): Promise<string | undefined> {
  return ((await visibleRecord(db, actor, table, 'id', id)) as { id: string } | undefined)?.id;
}

/** Ids of the working groups whose member organisations include the actor's. */
export async function memberGroupIds(db: Kysely<Database>, actor: Actor): Promise<Set<string>> {
  const rows = await db.selectFrom('wg_members').select('wg_id').where('organisation_id', '=', actor.orgId).where('participation', '=', 'member').execute();
  return new Set(rows.map((r) => r.wg_id));
}

/**
 * Of `ids` (references a record carries to records of `table`), those the actor may see: a
 * presented record names another only when the reader may see it, and a reference to one they
 * may not is presented as null (hidden and missing alike).
 */
export async function visibleIdsAmong(db: Kysely<Database>, actor: Actor, table: GuardedTable | 'articles', ids: Iterable<string | null | undefined>): Promise<Set<string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (!wanted.length) return new Set();
  // biome-ignore lint/suspicious/noExplicitAny: a guarded table chosen at run time
  const rows = await (db as Kysely<any>).selectFrom(table).select(`${table}.id`).where(`${table}.id`, 'in', wanted).where(seenIn(actor, table)).execute();
  return new Set(rows.map((r: { id: string }) => r.id));
}

/** Every guarded table, by the entity type audit events and notes name it with. */
export const GUARDED_TABLE_OF: Readonly<Record<string, GuardedTable | 'articles' | 'wg_proposals' | 'meeting_series'>> = {
  working_group: 'working_groups',
  meeting: 'meetings',
  issue: 'issues',
  position: 'positions',
  statement: 'statements',
  document: 'documents',
  commitment: 'commitments',
  project: 'projects',
  note: 'notes',
  article: 'articles',
  proposal: 'wg_proposals',
  meeting_series: 'meeting_series',
  group_feed: 'group_feeds',
};

/**
 * Whether the actor may see a row of `table`: the visibility rule, with the two tables that widen
 * or narrow it — a position is seen only with its issue, a proposal also by the party it invites.
 */
function seenIn(actor: Actor, table: GuardedTable | 'articles' | 'wg_proposals' | 'meeting_series') {
  if (table === 'positions') return sql<boolean>`${visibleTo(actor, table)} and ${onVisibleIssue(actor, table)}`;
  if (table === 'wg_proposals') return proposalVisibleTo(actor);
  return visibleTo(actor, table);
}

/**
 * Of `ids` (any strings), those that are ids of guarded records the actor may not see. Missing
 * ids (a deleted record, a string that is no id) are not among them.
 */
export async function hiddenIdsAmong(db: Kysely<Database>, actor: Actor, ids: Iterable<string>, only?: GuardedTable | 'articles' | 'wg_proposals' | 'meeting_series'): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter((id) => id.length > 0 && id.length <= 200);
  const hidden = new Set<string>();
  if (!wanted.length) return hidden;
  for (const table of only ? [only] : new Set(Object.values(GUARDED_TABLE_OF))) {
    for (let i = 0; i < wanted.length; i += 500) {
      const chunk = wanted.slice(i, i + 500);
      const seen = seenIn(actor, table);
      // biome-ignore lint/suspicious/noExplicitAny: a guarded table chosen at run time
      const rows = await (db as Kysely<any>)
        .selectFrom(table)
        .select([`${table}.id as id`, sql<number>`case when ${seen} then 1 else 0 end`.as('v')])
        .where(`${table}.id`, 'in', chunk)
        .execute();
      for (const r of rows as { id: string; v: number }[]) if (Number(r.v) !== 1) hidden.add(r.id);
    }
  }
  // Statement candidates carry no guard of their own: each is hidden with its article.
  for (let i = 0; i < (only ? 0 : wanted.length); i += 500) {
    const rows = await db
      .selectFrom('statement_candidates')
      .innerJoin('articles', 'articles.id', 'statement_candidates.article_id')
      .select(['statement_candidates.id as id', sql<number>`case when ${visibleTo(actor, 'articles')} then 1 else 0 end`.as('v')])
      .where('statement_candidates.id', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) if (Number(r.v) !== 1) hidden.add(r.id);
  }
  return hidden;
}
