import { sql, type Kysely } from 'kysely';

/**
 * Brings the indexes of migrations 005 and 006 to their intended state on any store, whatever
 * state it was left in: 005 was edited after it had shipped (it gained `meetings_beside`), so a
 * store made in between lacked that index and 006, which drops it, failed there; on SQLite,
 * where migrations did not yet run in a transaction, 006 was then left half-applied. Every step
 * is idempotent (drop if exists, create if not exists); `meetings_beside` is rebuilt so that it
 * is the partial index 006 meant, whichever form a store had. Nothing to undo on the way down.
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_wg_starts').ifExists().execute();
  await db.schema.createIndex('meetings_wg_starts_id').ifNotExists().on('meetings').columns(['wg_id', 'starts_at', 'id']).execute();
  await db.schema.createIndex('statements_said_created_id').ifNotExists().on('statements').columns(['said_on', 'created_at', 'id']).execute();
  await db.schema.dropIndex('attendance_meeting_id').ifExists().execute();
  await db.schema.dropIndex('meetings_beside').ifExists().execute();
  await db.schema.createIndex('meetings_beside').on('meetings').column('beside_meeting_id').where(sql.ref('beside_meeting_id'), 'is not', null).execute();
}

export async function down(_db: Kysely<any>): Promise<void> {}
