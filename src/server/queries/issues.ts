import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, IssueRow } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible } from './visible.ts';

export interface IssueFilter {
  wgId?: string;
  trackId?: string;
  limit?: number;
  offset?: number;
}

export type IssueWithTrack = IssueRow & { track_name: string | null };

/** Issues the actor may see, by code then title; visibility is applied in SQL. */
export async function findIssues(db: Kysely<Database>, actor: Actor, f: IssueFilter): Promise<IssueWithTrack[]> {
  let q = db.selectFrom('issues').leftJoin('tracks', 'tracks.id', 'issues.track_id').selectAll('issues').select('tracks.name as track_name').where(visibleTo(actor, 'issues'));
  if (f.wgId) q = q.where('issues.wg_id', '=', f.wgId);
  if (f.trackId) q = q.where('issues.track_id', '=', f.trackId);
  return q
    .orderBy('issues.wg_id')
    .orderBy('issues.code')
    .orderBy('issues.title')
    .orderBy('issues.id')
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0)
    .execute();
}

export async function getIssue(db: Kysely<Database>, actor: Actor, id: string): Promise<IssueWithTrack> {
  const issue = await getVisible(db, actor, 'issues', id, 'Issue');
  const track = issue.track_id ? await db.selectFrom('tracks').select('name').where('id', '=', issue.track_id).executeTakeFirst() : undefined;
  return { ...issue, track_name: track?.name ?? null };
}
