/**
 * Bulk loading into an empty PostgreSQL store, as pg_restore does it: rows go in as one
 * `insert … select from unnest($1::type[], …)` per batch (one parameter per column, not per
 * value: Kysely's multi-row VALUES spent most of the import compiling statements and binding
 * parameters), and the tables' foreign keys and non-unique indexes are set aside while the rows go
 * in, then made again from their own definitions (pg_get_constraintdef, pg_get_indexdef): one
 * validating join per foreign key and one sort per index instead of a trigger and an index
 * insertion per row. All of it inside the caller's transaction: a failure leaves the store as it
 * was. Used by the bundle import (bundle.ts) only.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';

type Tx = Transaction<Database> | Kysely<Database>;

/** Inserts rows that share their columns as one statement of arrays, a column each. */
export async function insertByUnnest(tx: Tx, table: string, columns: readonly string[], typeOf: (column: string) => string | undefined, rows: readonly Record<string, unknown>[]): Promise<void> {
  const arrays = columns.map((c) => {
    const type = typeOf(c);
    if (!type || !/^[a-z0-9_]+$/.test(type)) throw new Error(`${table}.${c}: no PostgreSQL type to load it as`);
    return sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`;
  });
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(tx);
}

/** A foreign key the store refused when it was made again: the rows name a record that is not there. */
export class ForeignKeyError extends Error {
  readonly table: string;
  constructor(table: string, message: string) {
    super(message);
    this.table = table;
  }
}

/**
 * Drops the foreign keys of the tables named and their non-unique indexes (unique ones stay: a
 * duplicate must be refused at its batch); returns the function that makes them again, which
 * throws a ForeignKeyError naming the table and key when the rows break a foreign key.
 */
export async function setAsideKeysAndIndexes(tx: Tx, tables: readonly string[]): Promise<() => Promise<void>> {
  const fks = (
    await sql<{ table_name: string; name: string; def: string }>`
      select t.relname as table_name, c.conname as name, pg_get_constraintdef(c.oid) as def
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_namespace n on n.oid = t.relnamespace
      where c.contype = 'f' and n.nspname = current_schema() and t.relname = any(${[...tables]}::text[])
      order by t.relname, c.conname`.execute(tx)
  ).rows;
  const indexes = (
    await sql<{ name: string; def: string }>`
      select x.relname as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i
      join pg_class x on x.oid = i.indexrelid
      join pg_class t on t.oid = i.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = any(${[...tables]}::text[])
        and not i.indisunique and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by x.relname`.execute(tx)
  ).rows;
  for (const f of fks) await sql`alter table ${sql.table(f.table_name)} drop constraint ${sql.ref(f.name)}`.execute(tx);
  for (const i of indexes) await sql`drop index ${sql.ref(i.name)}`.execute(tx);
  return async () => {
    for (const i of indexes) await sql.raw(i.def).execute(tx);
    for (const f of fks) {
      try {
        await sql`alter table ${sql.table(f.table_name)} add constraint ${sql.ref(f.name)} ${sql.raw(f.def)}`.execute(tx);
      } catch (e) {
        const err = e as { code?: string; detail?: string; message: string };
        if (err.code !== '23503') throw e;
        throw new ForeignKeyError(f.table_name, `${err.detail ?? err.message} (${f.name})`);
      }
    }
  };
}
