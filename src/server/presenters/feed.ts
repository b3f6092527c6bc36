import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { FeedListRow } from '../queries/feeds.ts';
import { feedAbilities } from '../policies/feed.ts';
import { presentAccess } from './access.ts';
import type { FeedSchema } from '../../core/api/feeds.ts';

export function presentFeed(actor: Actor, f: FeedListRow): Static<typeof FeedSchema> {
  return {
    id: f.id,
    version: Number(f.version),
    wgId: f.wg_id,
    url: f.url,
    title: f.title,
    language: f.language,
    addedBy: f.added_by,
    addedByName: f.added_by_name,
    active: Boolean(f.active),
    lastFetchedAt: f.last_fetched_at,
    lastStatus: f.last_status,
    lastError: f.last_error,
    failureCount: Number(f.failure_count),
    nextFetchAt: f.next_fetch_at,
    itemCount: Number(f.item_count),
    createdAt: f.created_at,
    updatedAt: f.updated_at,
    access: presentAccess(f),
    abilities: feedAbilities(actor, f),
  };
}
