import type { Kysely } from 'kysely';

/**
 * Issues that come from recorded votes (the UN General Assembly roll calls, or any body that
 * votes): the source's own key, session, date, resolution and issue categories, so analyses can
 * select a basis of votes the way published figures do. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('issues').addColumn('source_key', 'text').execute();
  await db.schema.alterTable('issues').addColumn('session', 'integer').execute();
  await db.schema.alterTable('issues').addColumn('occurred_on', 'text').execute();
  await db.schema.alterTable('issues').addColumn('resolution', 'text').execute();
  await db.schema.alterTable('issues').addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('issues').addColumn('important', 'integer').execute();
  await db.schema.createIndex('issues_wg_source_key').on('issues').columns(['wg_id', 'source_key']).execute();
  await db.schema.createIndex('positions_wg').on('positions').columns(['wg_id', 'party_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('positions_wg').execute();
  await db.schema.dropIndex('issues_wg_source_key').execute();
  for (const c of ['important', 'categories', 'resolution', 'occurred_on', 'session', 'source_key']) {
    await db.schema.alterTable('issues').dropColumn(c).execute();
  }
}
