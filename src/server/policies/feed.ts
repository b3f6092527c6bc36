import type { Actor } from '../auth/actor.ts';
import type { GroupFeedRow } from '../db/tables.ts';
import { roleIn } from './group-role.ts';
import { canCreateArticle } from './article.ts';
import type { FEED_ABILITIES } from '../../core/api/feeds.ts';

export type FeedAbilities = Record<(typeof FEED_ABILITIES)[number], boolean>;

/**
 * Who may follow, edit and unfollow a group's feeds: its secretariat, and nobody else. What the
 * group reads every morning is the secretariat's desk work; the chair sets the group's course and
 * its settings (`canChangeGroupSettings`), members add articles by hand, and an administrator has
 * no say in a group's record without a role in it.
 */
export const canManageFeeds = (actor: Actor, wgId: string): boolean => roleIn(actor, wgId) === 'secretariat';

/** What an actor may do with a feed they can see. */
export function feedAbilities(actor: Actor, f: Pick<GroupFeedRow, 'wg_id' | 'active'>): FeedAbilities {
  const manage = canManageFeeds(actor, f.wg_id);
  return { update: manage, unfollow: manage && Boolean(f.active) };
}

/**
 * Whether the fetcher may still add a feed's items as the user who followed it: the items become
 * articles of the group in that user's name, so they must still be allowed to add articles there
 * (a disabled user, or one whose role was taken away, stops the feed: its status says so).
 */
export const fetchMayAddFor = (follower: Actor | undefined, wgId: string): follower is Actor => Boolean(follower && canCreateArticle(follower, wgId));
