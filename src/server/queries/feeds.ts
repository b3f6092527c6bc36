import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, GroupFeedRow } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';

export type FeedListRow = GroupFeedRow & { added_by_name: string | null };

/** A group's feeds the actor may see (followed ones, or all with `all`), by title then address. */
export async function findFeeds(db: Kysely<Database>, actor: Actor, f: { wgId: string; all?: boolean }): Promise<FeedListRow[]> {
  let q = db
    .selectFrom('group_feeds')
    .leftJoin('users', 'users.id', 'group_feeds.added_by')
    .selectAll('group_feeds')
    .select('users.display_name as added_by_name')
    .where('group_feeds.wg_id', '=', f.wgId)
    .where(visibleTo(actor, 'group_feeds'));
  if (!f.all) q = q.where('group_feeds.active', '=', 1);
  return q.orderBy('group_feeds.created_at').orderBy('group_feeds.id').execute();
}

/** One feed the actor may see, with its follower's name, or undefined. */
export async function findFeed(db: Kysely<Database>, actor: Actor, id: string): Promise<FeedListRow | undefined> {
  return db
    .selectFrom('group_feeds')
    .leftJoin('users', 'users.id', 'group_feeds.added_by')
    .selectAll('group_feeds')
    .select('users.display_name as added_by_name')
    .where('group_feeds.id', '=', id)
    .where(visibleTo(actor, 'group_feeds'))
    .executeTakeFirst();
}

/** The titles (else addresses) of the feeds among `ids` the actor may see: what the review queue names an article's feed by. */
export async function visibleFeedNames(db: Kysely<Database>, actor: Actor, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('group_feeds').select(['id', 'title', 'url']).where('id', 'in', wanted).where(visibleTo(actor, 'group_feeds')).execute();
  return new Map(rows.map((r) => [r.id, r.title ?? r.url]));
}
