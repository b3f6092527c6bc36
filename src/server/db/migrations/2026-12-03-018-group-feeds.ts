import type { Kysely } from 'kysely';

/**
 * Feeds a working group follows: RSS or Atom addresses whose new items are fetched on a schedule
 * and added to the review queue as articles. A feed is a guarded record of its group (its
 * articles take its guard), versioned for its followers' edits; the fetcher's own bookkeeping
 * (last fetch, status, ETag / Last-Modified, failures, next fetch, the lease that keeps two
 * processes from fetching it at once) lives beside it and moves no version. Each item taken
 * from a feed is remembered (`group_feed_items`: its guid, address and content hash), so an item
 * is added once, whichever feed of the group brings it again, under whichever address. An
 * article made from a feed names it (`articles.feed_id`). Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('added_by', 'text', (c) => c.references('users.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_fetched_at', 'text')
    .addColumn('last_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('last_error', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_fetch_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('owner_party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('classification', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('group_feeds_wg_url', ['wg_id', 'url'])
    .execute();
  await db.schema.createIndex('group_feeds_due').on('group_feeds').columns(['active', 'next_fetch_at']).execute();

  await db.schema
    .createTable('group_feed_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed_id', 'text', (c) => c.notNull().references('group_feeds.id'))
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('guid', 'text')
    .addColumn('url', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.references('articles.id'))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_feed_items_url').on('group_feed_items').columns(['wg_id', 'url']).execute();
  await db.schema.createIndex('group_feed_items_hash').on('group_feed_items').columns(['wg_id', 'content_hash']).execute();
  await db.schema.createIndex('group_feed_items_guid').on('group_feed_items').columns(['feed_id', 'guid']).execute();

  await db.schema.alterTable('articles').addColumn('feed_id', 'text', (c) => c.references('group_feeds.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('feed_id').execute();
  await db.schema.dropTable('group_feed_items').execute();
  await db.schema.dropTable('group_feeds').execute();
}
