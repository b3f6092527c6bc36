/**
 * Feeds a working group follows: follow one, change its address, title or language, unfollow it.
 * Each is a use case with its audit event; the fetching itself is feeds/fetch.ts, and each item
 * it takes becomes an article through the same path as a pasted one (commands/articles.ts).
 */
import type { Static } from 'typebox';
import type { GroupFeedRow } from '../db/tables.ts';
import { badRequest, forbidden } from '../errors.ts';
import { canManageFeeds } from '../policies/feed.ts';
import { getVisible } from '../queries/visible.ts';
import { guardOf, newGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext } from './run.ts';
import { checkHttpUrl } from './values.ts';
import type { FeedCreateBody, FeedUpdateBody } from '../../core/api/feeds.ts';

/** The feed columns a follower sets (the rest is the fetcher's). */
const followed = (f: Pick<GroupFeedRow, 'url' | 'title' | 'language' | 'active'>) => ({ url: f.url, title: f.title, language: f.language, active: Boolean(f.active) });

/**
 * Follows a feed for a group (its secretariat): fetched from the next round on. Following an
 * address the group once unfollowed follows it again (the same record, its items remembered, so
 * nothing already taken comes back). Another feed at the same address in the group is a 409.
 */
export async function followFeed(ctx: ActingContext, body: Static<typeof FeedCreateBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const wg = await getVisible(db, actor, 'working_groups', body.wgId, 'Working group').catch(() => {
    throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
  });
  if (!canManageFeeds(actor, wg.id)) throw forbidden("Only the group's secretariat may follow feeds for it", 'not_permitted');
  checkHttpUrl(body.url, 'body.url');
  const guard = newGuard(actor, wg.id, body, 'group');
  const t = now();
  const earlier = await db.selectFrom('group_feeds').selectAll().where('wg_id', '=', wg.id).where('url', '=', body.url).where('active', '=', 0).executeTakeFirst();
  if (earlier) {
    const patch = { active: 1, title: body.title ?? earlier.title, language: body.language ?? earlier.language, added_by: actor.userId, next_fetch_at: t, failure_count: 0 };
    await runCommand(ctx, async (tx, audit) => {
      await updateVersioned(tx, 'group_feeds', earlier.id, Number(earlier.version), patch);
      audit({ action: 'feed.follow', entityType: 'group_feed', entityId: earlier.id, before: followed(earlier), after: followed({ ...earlier, ...patch }), guard: guardOf(earlier) });
    });
    return earlier.id;
  }
  const row: GroupFeedRow = {
    id: newId(),
    wg_id: wg.id,
    url: body.url,
    title: body.title ?? null,
    language: body.language ?? 'auto',
    added_by: actor.userId,
    active: 1,
    last_fetched_at: null,
    last_status: 'pending',
    last_error: null,
    etag: null,
    last_modified: null,
    failure_count: 0,
    next_fetch_at: t,
    lease_owner: null,
    lease_until: null,
    item_count: 0,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('group_feeds').values(row).execute();
    audit({ action: 'feed.follow', entityType: 'group_feed', entityId: row.id, after: { wgId: row.wg_id, ...followed(row) }, guard: guardOf(row) });
  });
  return row.id;
}

async function loadForChange(ctx: ActingContext, id: string): Promise<GroupFeedRow> {
  const f = await getVisible(ctx.store.db, ctx.actor, 'group_feeds', id, 'Feed');
  if (!canManageFeeds(ctx.actor, f.wg_id)) throw forbidden("Only the group's secretariat may change its feeds", 'not_permitted');
  return f;
}

/**
 * Changes a feed's address, title or language (If-Match: its version). A new address starts
 * afresh: fetched at once, without the old address's ETag, and its failures forgotten.
 */
export async function updateFeed(ctx: ActingContext, id: string, version: number, body: Static<typeof FeedUpdateBody>): Promise<void> {
  const f = await loadForChange(ctx, id);
  const patch: Partial<GroupFeedRow> = {};
  if (body.url !== undefined && body.url !== f.url) {
    checkHttpUrl(body.url, 'body.url');
    Object.assign(patch, { url: body.url, etag: null, last_modified: null, failure_count: 0, next_fetch_at: now() });
  }
  if (body.title !== undefined && body.title !== f.title) patch.title = body.title;
  if (body.language !== undefined && body.language !== f.language) patch.language = body.language;
  if (Object.keys(patch).length === 0) throw badRequest('body', 'changes nothing', 'changes_nothing');
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'group_feeds', id, version, patch);
    audit({ action: 'feed.update', entityType: 'group_feed', entityId: id, before: followed(f), after: followed({ ...f, ...patch }), guard: guardOf(f) });
  });
}

/** Unfollows a feed (If-Match): nothing more is fetched; the articles it brought stay in the record. */
export async function unfollowFeed(ctx: ActingContext, id: string, version: number): Promise<void> {
  const f = await loadForChange(ctx, id);
  if (!f.active) throw badRequest('params.id', 'names a feed the group no longer follows', 'not_in_this_state');
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'group_feeds', id, version, { active: 0, lease_owner: null, lease_until: null });
    audit({ action: 'feed.unfollow', entityType: 'group_feed', entityId: id, before: followed(f), after: followed({ ...f, active: 0 }), guard: guardOf(f) });
  });
}
