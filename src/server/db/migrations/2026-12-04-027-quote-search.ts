import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: a statement search (the list's `q`, `lower(quote) LIKE '%…%'`) without a scan of
 * every statement. At 100× the demo the planner guessed that one statement matched, scanned all
 * 4,000 and sorted them (11 ms in the store; bench/growth: 5.1 ms over HTTP at 1×, 16.5 at 100×).
 * - A GIN trigram index on `lower(quote)` (pg_trgm, which migration 017 installed for the search
 *   index) finds the matching rows: 2 ms in the store at 100×. Without GIN's pending list
 *   (fastupdate off): rows written since the last vacuum would otherwise be searched one by one
 *   (a store filled by the demo loader or an import searched as slowly as with no index).
 * - Statistics on the expression let the planner count the matches (300, not 1) when it chooses
 *   between that index and reading the list's order. Extended statistics on an expression need
 *   PostgreSQL 14; on an older server only the index is made.
 * SQLite: nothing (its plan reads the list's order and stops at the page).
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index if not exists statements_quote_trgm on statements using gin (lower(quote) gin_trgm_ops) with (fastupdate = off)`.execute(db);
  const v = await sql<{ n: string }>`select current_setting('server_version_num') as n`.execute(db);
  if (Number(v.rows[0].n) >= 140000) await sql`create statistics if not exists statements_lower_quote on (lower(quote)) from statements`.execute(db);
  await sql`analyze statements`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop statistics if exists statements_lower_quote`.execute(db);
  await sql`drop index if exists statements_quote_trgm`.execute(db);
}
