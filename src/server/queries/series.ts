import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, MeetingRow, MeetingSeriesRow } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible } from './visible.ts';

/** Series the actor may see, by first start; visibility is applied in SQL. */
export async function findSeries(db: Kysely<Database>, actor: Actor, f: { wgId?: string; limit?: number; offset?: number }): Promise<MeetingSeriesRow[]> {
  let q = db.selectFrom('meeting_series').selectAll().where(visibleTo(actor, 'meeting_series'));
  if (f.wgId) q = q.where('wg_id', '=', f.wgId);
  return q
    .orderBy('starts_at')
    .orderBy('id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
}

/** One series with its occurrences the actor may see (meeting rows), in the order of the rule. */
export async function getSeriesDetail(db: Kysely<Database>, actor: Actor, id: string): Promise<{ series: MeetingSeriesRow; occurrences: MeetingRow[] }> {
  const series = await getVisible(db, actor, 'meeting_series', id, 'Series');
  const occurrences = await db.selectFrom('meetings').selectAll().where('series_id', '=', id).where(visibleTo(actor, 'meetings')).orderBy('recurrence_id').orderBy('id').execute();
  return { series, occurrences };
}
