/**
 * Bulk loading into an empty PostgreSQL store, as pg_restore does it: rows go in through
 * `COPY … FROM STDIN` in its text format (no statement per batch, no parameters: building pg's
 * array parameters for `insert … select from unnest(…)` and PostgreSQL's parsing of them took a
 * third of the import's time), and the tables' foreign keys and non-unique indexes are set aside
 * while the rows go in, then made again from their own definitions (pg_get_constraintdef,
 * pg_get_indexdef): one validating join per foreign key and one sort per index instead of a
 * trigger and an index insertion per row. All of it inside the caller's transaction: a failure
 * leaves the store as it was. Used by the bundle import (bundle.ts) only.
 */
import { once } from 'node:events';
import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { Database } from '../db/tables.ts';

type Tx = Transaction<Database> | Kysely<Database>;

/** Characters COPY's text format escapes in a value; a NUL cannot be sent at all. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value in COPY's text format: null as `\N`, numbers and booleans as PostgreSQL reads them,
 * text with its backslashes, tabs, newlines and carriage returns escaped (anything else, any
 * Unicode, goes as it is: the connection speaks UTF-8), objects as their JSON text.
 */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s.includes('\u0000')) throw new Error('COPY cannot carry a NUL character');
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]) : s;
}

/** The store refused a row as COPY sent it (a duplicate key, a value of the wrong type). */
export class CopyError extends Error {
  readonly table: string;
  /** The first and last rows (counted from 0 in what was loaded into the table) that may be the one refused. */
  readonly from: number;
  readonly to: number;
  /** The row PostgreSQL named, when it did (counted as `from` and `to` are). */
  readonly row: number | null;
  readonly detail: string | undefined;
  constructor(table: string, from: number, to: number, row: number | null, cause: Error & { detail?: string }) {
    super(cause.message);
    this.table = table;
    this.from = from;
    this.to = to;
    this.row = row;
    this.detail = cause.detail;
  }
}

/** Characters of COPY text gathered before they are handed to the connection. */
const COPY_CHUNK = 1 << 18;
/**
 * Bytes a COPY holds for the connection before `write` waits: a few chunks, so that PostgreSQL
 * has rows to store while the next are read, and the reading goes on while it stores them.
 */
const COPY_AHEAD = 1 << 22;

/**
 * Loads rows into tables through COPY on one client (inside its open transaction), a table at a
 * time in the order given: `write` sends rows and resolves as soon as the connection can take
 * more, so that the next rows are read while PostgreSQL stores these; rows with other columns
 * than the last start another COPY. `end` waits until PostgreSQL has them all. A refusal is
 * thrown as a CopyError by the `write` or `end` after it arrives.
 */
export class CopyLoader {
  readonly #client: pg.ClientBase;
  #stream: CopyStreamQuery | null = null;
  #failed: Error | null = null;
  #table = '';
  #columns: string[] = [];
  /** Rows of the table sent before this COPY, and rows sent in it. */
  #start = 0;
  #sent = 0;

  constructor(client: pg.ClientBase) {
    this.#client = client;
  }

  /** Sends rows of `table`; `first` is the index of the first of them in the table. */
  async write(table: string, first: number, rows: readonly Record<string, unknown>[]): Promise<void> {
    let text = '';
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!this.#stream || table !== this.#table || !this.#sameColumns(row)) {
        await this.#send(text);
        text = '';
        await this.end();
        this.#open(table, Object.keys(row), first + i);
      }
      const columns = this.#columns;
      let line = copyValue(row[columns[0]]);
      for (let j = 1; j < columns.length; j++) line += `\t${copyValue(row[columns[j]])}`;
      text += `${line}\n`;
      this.#sent++;
      if (text.length >= COPY_CHUNK) {
        await this.#send(text);
        text = '';
      }
    }
    await this.#send(text);
  }

  /** Whether the row has the columns of the COPY under way, in its order (JSON.parse makes the names the same strings). */
  #sameColumns(row: Record<string, unknown>): boolean {
    const keys = Object.keys(row);
    const columns = this.#columns;
    if (keys.length !== columns.length) return false;
    for (let j = 0; j < keys.length; j++) if (keys[j] !== columns[j]) return false;
    return true;
  }

  /** Ends the COPY under way, if any, and waits until PostgreSQL has stored its rows. */
  async end(): Promise<void> {
    const stream = this.#stream;
    if (!stream) return;
    this.#stream = null;
    if (!this.#failed) {
      stream.end();
      // once() rejects if the stream reports a refusal instead ('error' is kept by #open's listener).
      await once(stream, 'finish').catch(() => {});
    }
    this.#check();
  }

  /**
   * Abandons the COPY under way, if any (PostgreSQL refuses it and so undoes the transaction):
   * until then the connection takes no other statement, not even the rollback.
   */
  async abort(): Promise<void> {
    const stream = this.#stream;
    this.#stream = null;
    if (!stream || this.#failed || stream.destroyed) return;
    const closed = once(stream, 'close').catch(() => {});
    stream.destroy(new Error('the import was abandoned'));
    await closed;
  }

  #open(table: string, columns: string[], start: number): void {
    if (!columns.length) throw new Error(`${table}: a row without columns cannot be copied`);
    this.#table = table;
    this.#columns = columns;
    this.#start = start;
    this.#sent = 0;
    const list = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
    const stream = this.#client.query(copyFrom(`copy "${table.replace(/"/g, '""')}" (${list}) from stdin`, { highWaterMark: COPY_AHEAD }));
    stream.on('error', (e: Error) => {
      this.#failed ??= this.#refusal(e);
    });
    this.#stream = stream;
  }

  async #send(text: string): Promise<void> {
    this.#check();
    if (!text || !this.#stream) return;
    if (!this.#stream.write(text)) {
      const stream = this.#stream;
      await once(stream, 'drain').catch(() => {});
      this.#check();
    }
  }

  #check(): void {
    if (this.#failed) throw this.#failed;
  }

  /** The refusal with the rows it can be, from the line PostgreSQL names ("COPY t, line 3"). */
  #refusal(e: Error & { where?: string }): CopyError {
    const line = /\bCOPY [^,]*, line (\d+)/.exec(e.where ?? '');
    const row = line ? this.#start + Number(line[1]) - 1 : null;
    return new CopyError(this.#table, this.#start, this.#start + Math.max(this.#sent - 1, 0), row, e);
  }
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
