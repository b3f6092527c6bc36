import type { Kysely } from 'kysely';

/**
 * Notifications and their outbox. A row is one notification to one user, written in the same
 * transaction as the change it tells of (so a change commits with its notifications or not at
 * all), rendered then in the recipient's language. `dedupe_key` (the audit event and the
 * recipient) makes it once only; the e-mail's Message-ID derives from the row's id, so a resend
 * after a crash is recognisably the same mail. `email_state`: pending → sending (leased until
 * `lease_until` by one deliverer) → sent, or back to pending with `next_attempt_at` after a
 * failure, or failed after the last attempt; `skipped` when no mail is to be sent. `read_at`:
 * when its recipient read it in the app. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('wg_id', 'text')
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('ical', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('email_state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_due').on('notifications').columns(['email_state', 'next_attempt_at']).execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
