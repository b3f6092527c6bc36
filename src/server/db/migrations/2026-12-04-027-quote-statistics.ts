import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: statistics on `lower(quote)`, the expression the statement list's `q` filter tests
 * with LIKE. Without them the planner guesses that one statement matches, scans every statement
 * and sorts (16.5 ms at 100× the demo, against 5.1 ms at 1×: bench/growth); with them it reads the
 * list's own order and stops at the page (0.4 ms in the store at 100×). Extended statistics on an
 * expression need PostgreSQL 14; on an older server the migration does nothing. SQLite: nothing
 * (its plan already stops at the page).
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const v = await sql<{ n: string }>`select current_setting('server_version_num') as n`.execute(db);
  if (Number(v.rows[0].n) < 140000) return;
  await sql`create statistics if not exists statements_lower_quote on (lower(quote)) from statements`.execute(db);
  await sql`analyze statements`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop statistics if exists statements_lower_quote`.execute(db);
}
