import type { Kysely } from 'kysely';

/**
 * A compact copy of a working group's position log beside the positions, for the analytics
 * (`concord analyze …`, the alignment endpoints): one row per group, the log encoded as bytes
 * (`bytea`: PostgreSQL's binary type; SQLite keeps a blob unchanged in a column of that name),
 * with the audit marker it was built at. Derived data: rebuilt when the marker moves, never
 * exported. No foreign key: a copy may name a group that is gone, and is then never read.
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_logs')
    .addColumn('wg_id', 'text', (c) => c.primaryKey())
    .addColumn('marker', 'text', (c) => c.notNull())
    .addColumn('format', 'integer', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_logs').execute();
}
