import type { Kysely } from 'kysely';

/**
 * What each user wants to be told, and how: the outbox's preferences.
 * - `notification_settings`: one row per user who has saved a choice (`id` is the user's id), with
 *   the zone and hour of their daily digest; versioned (If-Match). No row: the defaults.
 * - `notification_preferences`: per user and kind, `immediate`, `digest` or `off` (a kind with no
 *   row has its default).
 * - `notification_mutes`: the working groups a user muted (listed in the app, never mailed).
 * - `commitment_reminders`: the idempotency key of the time-driven notifications, one row per
 *   commitment × kind (due soon, overdue) × due date, written in the transaction that writes the
 *   reminder's notifications, so two passes or two processes never remind twice.
 * - `notifications.html`: the e-mail's HTML part, rendered with its text; `digest_id`: the digest
 *   (itself a row of `notifications`, kind `digest`) that carried a notification.
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_settings')
    .addColumn('id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('digest_hour', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();
  await db.schema
    .createTable('notification_mutes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addPrimaryKeyConstraint('notification_mutes_pk', ['user_id', 'wg_id'])
    .execute();
  await db.schema
    .createTable('commitment_reminders')
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commitment_reminders_pk', ['commitment_id', 'kind', 'due_on'])
    .execute();
  await db.schema.alterTable('notifications').addColumn('html', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('digest_id', 'text').execute();
  await db.schema.createIndex('commitments_due').on('commitments').columns(['due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('commitments_due').execute();
  await db.schema.alterTable('notifications').dropColumn('digest_id').execute();
  await db.schema.alterTable('notifications').dropColumn('html').execute();
  await db.schema.dropTable('commitment_reminders').execute();
  await db.schema.dropTable('notification_mutes').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notification_settings').execute();
}
