import type { Kysely } from 'kysely';

/**
 * Failed sign-ins per client address and per account, so that every process serving one
 * PostgreSQL database applies the same backoff (routes/session/throttle.ts). Operational state,
 * not a record: not exported, not audited. Times are milliseconds since the epoch. Frozen in
 * time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_ms', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until_ms', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_throttle').execute();
}
