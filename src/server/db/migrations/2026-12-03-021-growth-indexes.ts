import type { Kysely } from 'kysely';

/**
 * Indexes for reads that must not grow with the store (bench/growth). Statements are listed
 * newest first (said_on desc, created_at desc, id asc): an index in exactly that order, across
 * groups and within a group (the dashboard's recent statements), lets a page be read in order and
 * stop at its end, where the index of 005 (all ascending) left the mixed order to a sort of every
 * visible statement on each request; it replaces that index. A group's page of the audit trail
 * is read in order within the group (wg_id, seq), instead of walking the whole trail and
 * skipping the other groups' events. The meeting list across groups is read in its order
 * (starts_at, id) and stops at the page's end, or starts after a keyset cursor. Frozen in time:
 * imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('statements_said_order').ifNotExists().on('statements').columns(['said_on desc', 'created_at desc', 'id']).execute();
  await db.schema.createIndex('statements_wg_said_order').ifNotExists().on('statements').columns(['wg_id', 'said_on desc', 'created_at desc', 'id']).execute();
  await db.schema.dropIndex('statements_said_created_id').ifExists().execute();
  await db.schema.createIndex('audit_events_wg_seq').ifNotExists().on('audit_events').columns(['wg_id', 'seq']).execute();
  await db.schema.createIndex('meetings_starts_id').ifNotExists().on('meetings').columns(['starts_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_starts_id').ifExists().execute();
  await db.schema.dropIndex('audit_events_wg_seq').ifExists().execute();
  await db.schema.createIndex('statements_said_created_id').ifNotExists().on('statements').columns(['said_on', 'created_at', 'id']).execute();
  await db.schema.dropIndex('statements_wg_said_order').ifExists().execute();
  await db.schema.dropIndex('statements_said_order').ifExists().execute();
}
