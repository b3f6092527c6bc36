import type { Kysely } from 'kysely';

/**
 * Passwords that change and sessions that end when idle.
 *
 * `users.password_changed_at`: when the password was last set by its owner or through a reset
 * (null: never since the account was made).
 * `user_sessions` gains `last_seen_at` (the last request the session made, kept to the minute;
 * with the instance's idle timeout it ends a session nobody uses), and the browser and address it
 * was opened from (`user_agent`, `ip`), so its owner can tell their sessions apart and end one.
 * `password_resets`: one-time reset links an administrator (or the server's holder, from the
 * command line) issues; only the SHA-256 of the link's secret is kept; `used_at` once spent.
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  await db.schema.alterTable('user_sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('user_sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('user_sessions').addColumn('ip', 'text').execute();
  await db.schema.createIndex('user_sessions_user').on('user_sessions').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
  await db.schema.dropIndex('user_sessions_user').execute();
  for (const c of ['ip', 'user_agent', 'last_seen_at']) await db.schema.alterTable('user_sessions').dropColumn(c).execute();
  await db.schema.alterTable('users').dropColumn('password_changed_at').execute();
}
