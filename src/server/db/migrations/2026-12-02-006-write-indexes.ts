import { sql, type Kysely } from 'kysely';

/**
 * Fewer index entries per write. `attendance_meeting_id` repeated the first column of the unique
 * (meeting_id, organisation_id) constraint, which serves the same lookups; `meetings_beside`
 * held a NULL for every meeting that is not a separate consultation, so it now holds only those
 * that are (a lookup `beside_meeting_id = ?` still uses it). Each write of a meeting with its
 * invitations makes two index insertions fewer. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attendance_meeting_id').execute();
  await db.schema.dropIndex('meetings_beside').execute();
  await db.schema.createIndex('meetings_beside').on('meetings').column('beside_meeting_id').where(sql.ref('beside_meeting_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_beside').execute();
  await db.schema.createIndex('meetings_beside').on('meetings').column('beside_meeting_id').execute();
  await db.schema.createIndex('attendance_meeting_id').on('attendance').column('meeting_id').execute();
}
