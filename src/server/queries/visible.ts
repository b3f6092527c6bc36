import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { visibleTo } from '../policies/visibility.ts';
import { prepared, type Prepared } from '../db/prepared.ts';

type GuardedTable = 'working_groups' | 'meeting_series' | 'meetings' | 'issues' | 'positions' | 'statements' | 'documents' | 'commitments' | 'projects' | 'notes';

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
