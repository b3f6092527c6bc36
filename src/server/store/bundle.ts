import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PostgresConnections, Store } from '../db/database.ts';
import { isEmpty, refreshStatistics } from '../db/database.ts';
import { openReadOnly } from '../db/sqlite-connection.ts';
import { TABLE_ORDER, type Database } from '../db/tables.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { GENESIS_HASH, hashEvent } from '../audit/chain.ts';
import type { AuditEventRow } from '../db/tables.ts';
import { bigCache } from '../unvotes/import.ts';
import { CopyError, CopyLoader, ForeignKeyError, setAsideKeysAndIndexes } from './postgres-bulk.ts';

/*
 * The bundle: one JSON document, laid out one row per line so that it can be written and read as
 * a stream (version 2):
 *
 *   {"format":"concord-bundle","formatVersion":2,"tables":{
 *   "parties":[
 *   {row},
 *   {row}
 *   ],
 *   "organisations":[],
 *   …
 *   "audit_events":[
 *   …
 *   ]
 *   },
 *   "summary":{"chain":{"events":N,"head":"…"},"tables":{"parties":{"rows":N,"sha256":"…"},…}},
 *   "sha256":"…"}
 *
 * Each row is canonical JSON (sorted keys). A table's sha256 is over its rows, each followed by a
 * newline; the last line's sha256 is over every byte of the file before that line. Version 1 (no
 * summary, no hashes) had the same layout up to the tables and ended in `}}`: it is still read,
 * but only when the caller accepts a bundle without hashes.
 */

export const BUNDLE_FORMAT = 'concord-bundle';
export const BUNDLE_VERSION = 2;

/** Primary key columns per table, for a stable row order in the bundle. */
const KEYS: Partial<Record<keyof Database, string[]>> = {
  wg_parties: ['wg_id', 'party_id'],
  wg_members: ['wg_id', 'organisation_id'],
  wg_user_roles: ['wg_id', 'user_id'],
  meeting_leads: ['meeting_id', 'person_id'],
  statement_issues: ['statement_id', 'issue_id'],
  wg_proposal_approvals: ['proposal_id', 'party_id'],
  notification_preferences: ['user_id', 'kind'],
  notification_mutes: ['user_id', 'wg_id'],
  commitment_reminders: ['commitment_id', 'kind', 'due_on'],
  audit_events: ['seq'],
};
export const keysOf = (t: keyof Database): string[] => KEYS[t] ?? ['id'];

/** Columns that point at rows of their own table: imported null first, then set. */
const SELF_REFS: Partial<Record<keyof Database, string>> = {
  organisations: 'parent_id',
  working_groups: 'predecessor_id',
  meetings: 'beside_meeting_id',
};

/** Integer columns, so both databases write the same JSON numbers. */
const INTEGER_COLUMNS = new Set([
  'version',
  'clearance',
  'from_clearance',
  'is_admin',
  'disabled',
  'email_verified',
  'classification',
  'position',
  'number',
  'percent',
  'seq',
  'session',
  'important',
  'span_start',
  'span_end',
  'passage_start',
  'passage_end',
]);

/** Rows fetched from the snapshot at a time (PostgreSQL cursor) and rows written per chunk. */
const FETCH_ROWS = 500;
/** Bytes of bundle text gathered before one write to the output. */
const WRITE_CHUNK = 1 << 18;

const sha256 = (): Hash => createHash('sha256');

/**
 * A SHA-256 over lines, each followed by a newline, gathered into one buffer before each update:
 * an update a line (two with the newline) cost the import more than the hashing itself.
 */
class LinesHash {
  readonly #hash = sha256();
  readonly #buf = Buffer.allocUnsafe(1 << 18);
  #at = 0;

  add(line: Uint8Array): void {
    if (this.#at + line.length + 1 > this.#buf.length) {
      this.#hash.update(this.#buf.subarray(0, this.#at));
      this.#at = 0;
      if (line.length + 1 > this.#buf.length) {
        this.#hash.update(line).update('\n');
        return;
      }
    }
    this.#buf.set(line, this.#at);
    this.#at += line.length;
    this.#buf[this.#at++] = 0x0a;
  }

  digest(): string {
    this.#hash.update(this.#buf.subarray(0, this.#at));
    this.#at = 0;
    return this.#hash.digest('hex');
  }
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportResult {
  bytes: number;
  rows: Record<string, number>;
  sha256: string;
}

/**
 * One table of a snapshot in key order, a batch at a time: each row either an array of the
 * values in `columns` order, or an object keyed by column.
 */
interface TableBatch {
  columns: string[];
  rows: unknown[];
}
type TableReader = (table: keyof Database) => AsyncIterable<TableBatch>;

/**
 * Writes the whole store to `out` as a bundle, from one read snapshot (PostgreSQL: a REPEATABLE
 * READ, READ ONLY transaction; SQLite: one read transaction on a connection of its own), row by
 * row as it reads: nothing holds more than a batch of rows. Rows are in key order, compared
 * byte-wise on both databases (PostgreSQL's COLLATE "C", SQLite's BINARY: the UTF-8 byte order,
 * which is the order the bundle always had for Concord's ASCII keys), so the same store always
 * exports to the same bytes, whichever database holds it. `out` is not ended.
 */
export async function exportBundle(store: Store, out: Writable): Promise<ExportResult> {
  if (store.dialect === 'postgres') {
    return store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        let n = 0;
        const read: TableReader = async function* (t) {
          const order = keysOf(t)
            .map((k) => (k === 'seq' ? `"${k}"` : `"${k}" collate "C"`))
            .join(', ');
          const cursor = `bundle_${n++}`;
          await sql.raw(`declare ${cursor} no scroll cursor for select * from "${t}" order by ${order}`).execute(tx);
          let columns: string[] | null = null;
          for (;;) {
            const r = await sql.raw<Record<string, unknown>>(`fetch ${FETCH_ROWS} from ${cursor}`).execute(tx);
            if (r.rows.length === 0) break;
            columns ??= Object.keys(r.rows[0]);
            yield { columns, rows: r.rows };
          }
          await sql.raw(`close ${cursor}`).execute(tx);
        };
        return writeBundle(read, out);
      });
  }
  // SQLite: a connection of our own, so the snapshot is ours alone and no write waits for it.
  const own = store.location !== ':memory:';
  // It waits on a lock as the store's own connections do: beside a running server, starting a read
  // can meet the log being restarted by a checkpoint.
  const conn = own ? openReadOnly(store.location) : store.sqlite!.write;
  conn.exec('BEGIN');
  try {
    conn.prepare('select count(*) from parties').get(); // the snapshot starts at the first read
    const read: TableReader = async function* (t) {
      const columns = (conn.prepare(`pragma table_info("${t}")`).all() as { name: string }[]).map((c) => c.name);
      const order = keysOf(t)
        .map((k) => `"${k}"`)
        .join(', ');
      const stmt = conn.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${t}" order by ${order}`);
      stmt.setReturnArrays(true);
      let rows: unknown[] = [];
      for (const row of stmt.iterate()) {
        rows.push(row);
        if (rows.length >= FETCH_ROWS) {
          yield { columns, rows };
          rows = [];
        }
      }
      if (rows.length) yield { columns, rows };
    };
    return await writeBundle(read, out);
  } finally {
    conn.exec('ROLLBACK');
    if (own) conn.close();
  }
}

/**
 * Writes rows of one shape as canonical JSON (keys sorted, integer columns as numbers): the same
 * text as canonicalJson of the row, without building a sorted copy of each row.
 */
function rowWriter(columns: string[], arrays: boolean): { write: (row: unknown) => string; at: (name: string) => string | number } {
  const sorted = [...columns].sort();
  const at = sorted.map((k) => (arrays ? columns.indexOf(k) : k));
  const heads = sorted.map((k, i) => `${(i ? ',' : '{') + JSON.stringify(k)}:`);
  const ints = sorted.map((k) => INTEGER_COLUMNS.has(k));
  return {
    write: (row) => {
      const r = row as Record<string | number, unknown>;
      let s = '';
      for (let i = 0; i < heads.length; i++) {
        const v = r[at[i]];
        s += heads[i] + (v === null || v === undefined ? 'null' : ints[i] ? JSON.stringify(Number(v)) : JSON.stringify(v));
      }
      return `${s}}`;
    },
    at: (name) => at[sorted.indexOf(name)],
  };
}

async function writeBundle(read: TableReader, out: Writable): Promise<ExportResult> {
  const whole = sha256();
  let bytes = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = async () => {
    if (!pending.length) return;
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    whole.update(chunk);
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const write = async (s: string) => {
    pending.push(s);
    pendingLength += s.length;
    if (pendingLength >= WRITE_CHUNK) await flush();
  };

  const summary: Record<string, { rows: number; sha256: string }> = {};
  const rows: Record<string, number> = {};
  let events = 0;
  let head = GENESIS_HASH;
  await write(`{"format":${JSON.stringify(BUNDLE_FORMAT)},"formatVersion":${BUNDLE_VERSION},"tables":{\n`);
  for (let i = 0; i < TABLE_ORDER.length; i++) {
    const t = TABLE_ORDER[i];
    const last = i === TABLE_ORDER.length - 1;
    const h = sha256();
    let n = 0;
    let writer: ReturnType<typeof rowWriter> | null = null;
    for await (const batch of read(t)) {
      writer ??= rowWriter(batch.columns, Array.isArray(batch.rows[0]));
      let text = '';
      for (const raw of batch.rows) {
        const row = writer.write(raw);
        h.update(`${row}\n`);
        text += (n === 0 ? `${JSON.stringify(t)}:[\n` : ',\n') + row;
        n++;
      }
      if (t === 'audit_events') head = (batch.rows.at(-1) as Record<string | number, string>)[writer.at('hash')];
      await write(text);
    }
    await write(n === 0 ? `${JSON.stringify(t)}:[]${last ? '' : ','}\n` : `\n]${last ? '' : ','}\n`);
    summary[t] = { rows: n, sha256: h.digest('hex') };
    rows[t] = n;
    if (t === 'audit_events') events = n;
  }
  await write(`},\n"summary":${canonicalJson({ chain: { events, head }, tables: summary })},\n`);
  await flush();
  const digest = whole.digest('hex');
  const tail = Buffer.from(`"sha256":"${digest}"}\n`, 'utf8');
  bytes += tail.length;
  if (!out.write(tail)) await once(out, 'drain');
  return { bytes, rows, sha256: digest };
}

/** The whole bundle as text, for tests and small stores. */
export async function exportBundleText(store: Store): Promise<string> {
  const parts: Buffer[] = [];
  const { Writable: W } = await import('node:stream');
  const sink = new W({
    write(chunk, _enc, cb) {
      parts.push(chunk as Buffer);
      cb();
    },
  });
  await exportBundle(store, sink);
  return Buffer.concat(parts).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Import

/** A bundle refused: the message says what is wrong and where. Nothing was written. */
export class BundleError extends Error {}

interface Column {
  integer: boolean;
  nullable: boolean;
  required: boolean;
}

/** The columns of every table as the migrated store has them. */
async function schemaOf(db: Kysely<Database>): Promise<Map<string, Map<string, Column>>> {
  const out = new Map<string, Map<string, Column>>();
  for (const t of await db.introspection.getTables()) {
    if (!TABLE_ORDER.includes(t.name as keyof Database)) continue;
    const cols = new Map<string, Column>();
    for (const c of t.columns) {
      // SQLite reports an INTEGER PRIMARY KEY as nullable; a key column is never null.
      const key = keysOf(t.name as keyof Database).includes(c.name);
      cols.set(c.name, { integer: /int/i.test(c.dataType), nullable: c.isNullable && !key, required: !(c.isNullable && !key) && !c.hasDefaultValue });
    }
    out.set(t.name, cols);
  }
  return out;
}

/** Columns that must hold a positive integer (record versions, the audit sequence, document version numbers). */
const POSITIVE = new Set(['version', 'seq', 'number']);

export interface ImportOptions {
  /** Accept a version-1 bundle, which carries no hashes (its rows and chain are still checked). */
  acceptUnhashed?: boolean;
  /** The SHA-256 the bundle must have, as export printed it (kept apart from the file). */
  expectSha256?: string;
  onProgress?: (table: string, rows: number) => void;
}

export interface ImportResult {
  rows: Record<string, number>;
  formatVersion: number;
  sha256: string | null;
}

interface Summary {
  chain: { events: number; head: string };
  tables: Record<string, { rows: number; sha256: string }>;
}

const HEADER = /^\{"format":("(?:[^"\\]|\\.)*"),"formatVersion":(-?\d+),"tables":\{$/;
const TABLE_LINE = /^"([a-z_]+)":\[(\])?(,)?$/;
const SUMMARY_LINE = /^"summary":(\{.*\}),$/;
const HASH_LINE = /^"sha256":"([0-9a-f]{64})"\}$/;

/** Splits a byte stream into lines (without their newline); the last piece is handed over as `last`. */
async function* lines(input: Readable): AsyncGenerator<{ bytes: Buffer; complete: boolean }> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (rest.length) buf = Buffer.concat([rest, buf]);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      yield { bytes: buf.subarray(start, nl), complete: true };
      start = nl + 1;
    }
    rest = buf.subarray(start);
  }
  if (rest.length) yield { bytes: rest, complete: false };
}

/** Rows a multi-row INSERT carries on SQLite, within its limit of bound parameters. */
const ROWS_PER_INSERT = 64;
const MAX_PARAMETERS = 32766;

/** The prepared INSERT of `rows` rows of these columns into a table, made once per shape. */
function insertStatement(raw: DatabaseSync, cache: Map<string, StatementSync>, table: string, cols: string[], rows: number): StatementSync {
  const key = `${table}\u0000${rows}\u0000${cols.join('\u0000')}`;
  let stmt = cache.get(key);
  if (!stmt) {
    const one = `(${cols.map(() => '?').join(', ')})`;
    stmt = raw.prepare(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values ${Array(rows).fill(one).join(', ')}`);
    cache.set(key, stmt);
  }
  return stmt;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Where in the bundle a line is, for messages. */
function describeRow(table: string, index: number, row: Record<string, unknown> | null): string {
  const keys = keysOf(table as keyof Database);
  const id = row ? keys.map((k) => `${k} ${JSON.stringify(row[k])}`).join(', ') : '';
  return `table ${table}, row ${index}${id ? ` (${id})` : ''}`;
}

/** Each table's columns as a list, walked for every row (faster than the Map's iterator). */
const columnLists = new WeakMap<Map<string, Column>, [string, Column][]>();

function checkRow(table: string, index: number, row: unknown, cols: Map<string, Column>): Record<string, unknown> {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new BundleError(`${describeRow(table, index, null)}: not a JSON object`);
  const r = row as Record<string, unknown>;
  // Named only when something is wrong: describing every row costs more than checking it.
  const where = { toString: () => describeRow(table, index, r) };
  for (const k in r) if (!cols.has(k)) throw new BundleError(`${where}: unknown column "${k}"`);
  let list = columnLists.get(cols);
  if (!list) {
    list = [...cols];
    columnLists.set(cols, list);
  }
  for (let i = 0; i < list.length; i++) {
    const [k, c] = list[i];
    const v = r[k];
    if (v === undefined) {
      if (c.required) throw new BundleError(`${where}: column ${k} is missing`);
      continue;
    }
    if (v === null) {
      if (!c.nullable) throw new BundleError(`${where}: column ${k} may not be null`);
      continue;
    }
    if (c.integer) {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new BundleError(`${where}: column ${k} must be an integer, not ${JSON.stringify(v)}`);
      if (POSITIVE.has(k) && v < 1) throw new BundleError(`${where}: column ${k} must be a positive integer, not ${v}`);
    } else if (typeof v !== 'string') {
      throw new BundleError(`${where}: column ${k} must be text, not ${JSON.stringify(v)}`);
    } else if (v.includes('\u0000')) {
      throw new BundleError(`${where}: column ${k} holds a NUL character`);
    }
  }
  return r;
}

/** Checks one audit event against the chain so far; returns its hash. */
function checkEvent(index: number, e: Record<string, unknown>, prev: string): string {
  const where = describeRow('audit_events', index, e);
  if (e.seq !== index + 1) throw new BundleError(`${where}: expected event ${index + 1} here (events are missing or out of order)`);
  if (e.prev_hash !== prev) throw new BundleError(`${where}: its link to the previous event does not match (the audit chain is broken at event ${e.seq})`);
  const { hash, ...rest } = e as unknown as AuditEventRow;
  if (hashEvent(rest) !== hash) throw new BundleError(`${where}: its content does not match its hash (the audit chain is broken at event ${e.seq})`);
  return hash;
}

/**
 * Loads a bundle into an empty store in one transaction, reading it as a stream: every line is
 * checked as it arrives (UTF-8, layout, each row's columns and types against the store's schema,
 * the audit chain event by event), then the bundle's summary (row counts, each table's hash, the
 * chain's length and head) and its hash over the whole content. Anything wrong throws a
 * BundleError naming the table, the row and the column where it can, and the transaction is
 * rolled back: nothing is written. The chain is restored verbatim, not re-written.
 */
export async function importBundle(store: Store, input: Readable, opts: ImportOptions = {}): Promise<ImportResult> {
  if (!(await isEmpty(store.db))) throw new BundleError('The store is not empty: import only into a fresh store');
  const schema = await schemaOf(store.db);
  // The chain is replaced wholesale: forget the head this process last wrote.
  store.keepAuditHead(null);
  const raw = store.sqlite?.write;
  const inserts = new Map<string, StatementSync>();
  // SQLite: a larger page cache for the bulk work (restored after). The import of the UN roll
  // calls' store peaked at 412 MB of RSS with 256 MB, 326 MB with 64 and 295 MB with 32 (8 MB: 266,
  // no faster): most of the rest is the JavaScript heap of the rows in flight.
  const restoreCache = raw ? bigCache(raw, 32) : () => {};
  try {
    const r = await store.transaction((tx) => importRows(tx, raw, store.postgres, inserts, schema, input, opts));
    await refreshStatistics(store);
    return r;
  } finally {
    restoreCache();
  }
}

async function importRows(
  tx: Transaction<Database>,
  raw: DatabaseSync | undefined,
  pg: PostgresConnections | null,
  inserts: Map<string, StatementSync>,
  schema: Map<string, Map<string, Column>>,
  input: Readable,
  opts: ImportOptions,
): Promise<ImportResult> {
  // SQLite: the store is empty, so its secondary indexes (not the unique ones, which must name
  // the row that breaks them) are dropped and made again once every row is in, in this
  // transaction: one sort per index instead of a million scattered insertions.
  // PostgreSQL: the same, and its foreign keys too (postgres-bulk.ts), checked again when made.
  if (raw) {
    const remake = dropSecondaryIndexes(raw);
    const r = await importRowsInto(tx, raw, undefined, inserts, schema, input, opts);
    remake();
    return r;
  }
  const remake = await setAsideKeysAndIndexes(tx, TABLE_ORDER);
  const copy = new CopyLoader(await pg!.clientOf(tx));
  let r: ImportResult;
  try {
    r = await importRowsInto(tx, raw, copy, inserts, schema, input, opts);
    await copyRows(() => copy.end());
  } catch (e) {
    await copy.abort(); // the connection must leave COPY for the rollback to run
    throw e;
  }
  try {
    await remake();
  } catch (e) {
    if (e instanceof ForeignKeyError) throw new BundleError(`table ${e.table}: a row names a record that is not in the bundle: ${e.message}`);
    throw e;
  }
  return r;
}

/**
 * Splits rows into runs that have the same columns in the same order, each at most `most(width)`
 * rows long: `i` is where a run starts in `rows`, `n` how many rows it has.
 */
function* runsOfOneShape(rows: readonly Record<string, unknown>[], most: (width: number) => number): Generator<{ i: number; n: number; cols: string[] }> {
  let i = 0;
  while (i < rows.length) {
    const cols = Object.keys(rows[i]);
    const sig = cols.join('\u0000');
    const limit = Math.min(most(cols.length), rows.length - i);
    let n = 1;
    while (n < limit && Object.keys(rows[i + n]).join('\u0000') === sig) n++;
    yield { i, n, cols };
    i += n;
  }
}

/** Runs a step of the PostgreSQL COPY, its refusal made a BundleError naming the table, the rows and the key. */
async function copyRows(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (!(e instanceof CopyError)) throw e;
    // PostgreSQL has undone the transaction, so the rows cannot be tried one at a time; its
    // detail names the key ("Key (id)=(…) already exists") and its context the row.
    const named = e.row === null ? '' : `; PostgreSQL names row ${e.row}`;
    throw new BundleError(`table ${e.table}, rows ${e.from}–${e.to}: the store refused them (${e.message}${e.detail ? `: ${e.detail}` : ''}${named})`);
  }
}

/** Drops the non-unique indexes of the exported tables; returns the function that makes them again from their own definitions. */
function dropSecondaryIndexes(raw: DatabaseSync): () => void {
  const tables = new Set<string>(TABLE_ORDER);
  const indexes = (raw.prepare("select name, tbl_name, sql from sqlite_master where type = 'index' and sql is not null").all() as { name: string; tbl_name: string; sql: string }[]).filter(
    (i) => tables.has(i.tbl_name) && !/^\s*create\s+unique\b/i.test(i.sql),
  );
  for (const i of indexes) raw.exec(`drop index "${i.name.replace(/"/g, '""')}"`);
  return () => {
    for (const i of indexes) raw.exec(i.sql);
  };
}

async function importRowsInto(
  tx: Transaction<Database>,
  raw: DatabaseSync | undefined,
  copy: CopyLoader | undefined,
  inserts: Map<string, StatementSync>,
  schema: Map<string, Map<string, Column>>,
  input: Readable,
  opts: ImportOptions,
): Promise<ImportResult> {
  // biome-ignore lint/suspicious/noExplicitAny: the import writes every table of the bundle by its name
  const t2 = tx as unknown as Kysely<any>;
  const whole = new LinesHash();
  const rows: Record<string, number> = {};
  const tableHashes: Record<string, string> = {};
  let lineNo = 0;
  let state: 'header' | 'table' | 'rows' | 'close' | 'summary' | 'hash' | 'end' = 'header';
  let formatVersion = 0;
  let table = '';
  let tableIndex = -1;
  let cols: Map<string, Column> = new Map();
  let index = 0;
  let moreTables = false;
  let expectMoreRows = false;
  let tableHash = new LinesHash();
  let batch: Record<string, unknown>[] = [];
  let batchStart = 0;
  let batchLimit = 1;
  let selfRefs: [unknown, unknown][] = [];
  let prevHash = GENESIS_HASH;
  let summary: Summary | null = null;
  let fileHash: string | null = null;
  let lastWhere: string | { toString(): string } = 'the start of the bundle';

  const flushBatch = async () => {
    if (!batch.length) return;
    const self = SELF_REFS[table as keyof Database];
    const part = self ? batch.map((r) => ({ ...r, [self]: null })) : batch;
    if (raw) {
      // SQLite: prepared inserts of up to ROWS_PER_INSERT rows of one shape, on the connection of
      // the open transaction (building and compiling each batch with Kysely costs more than SQLite
      // takes to run it; one row a call spends as long crossing into SQLite as inserting). A
      // refused statement is undone whole, so its rows are then tried one at a time to name the
      // row the store refused.
      for (const { i, n, cols } of runsOfOneShape(part, (width) => Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / width)))) {
        const values: SQLInputValue[] = [];
        for (let j = i; j < i + n; j++) for (const c of cols) values.push(part[j][c] as SQLInputValue);
        try {
          insertStatement(raw, inserts, table, cols, n).run(...values);
        } catch (e) {
          if (n === 1) throw new BundleError(`${describeRow(table, batchStart + i, part[i])}: the store refused it (${(e as Error).message})`);
          for (let j = i; j < i + n; j++) {
            try {
              insertStatement(raw, inserts, table, cols, 1).run(...cols.map((c) => part[j][c] as SQLInputValue));
            } catch (e1) {
              throw new BundleError(`${describeRow(table, batchStart + j, part[j])}: the store refused it (${(e1 as Error).message})`);
            }
          }
          throw new BundleError(`table ${table}, rows ${batchStart + i}–${batchStart + i + n - 1}: the store refused them together (${(e as Error).message})`);
        }
      }
    } else {
      // PostgreSQL: the rows go on to the table's COPY (postgres-bulk.ts) and this resolves as
      // soon as the connection takes more, so the next rows are read and checked while
      // PostgreSQL stores these. A refusal arrives a little later and is thrown by a later write.
      await copyRows(() => copy!.write(table, batchStart, part));
    }
    batchStart += batch.length;
    batch = [];
  };
  const endTable = async () => {
    await flushBatch();
    const self = SELF_REFS[table as keyof Database];
    if (self) {
      if (copy) await copyRows(() => copy.end());
      for (const [id, ref] of selfRefs) {
        try {
          await t2
            .updateTable(table)
            .set({ [self]: ref })
            .where('id', '=', id)
            .execute();
        } catch (e) {
          throw new BundleError(`table ${table}, row id ${JSON.stringify(id)}: column ${self} was refused by the store (${(e as Error).message})`);
        }
      }
      selfRefs = [];
    }
    rows[table] = index;
    tableHashes[table] = tableHash.digest();
    opts.onProgress?.(table, index);
  };
  const startTable = (name: string) => {
    const at = TABLE_ORDER.indexOf(name as keyof Database);
    if (at < 0) throw new BundleError(`line ${lineNo}: the bundle has an unknown table "${name}"`);
    if (at <= tableIndex) throw new BundleError(`line ${lineNo}: table ${name} is out of order or repeated`);
    tableIndex = at;
    table = name;
    cols = schema.get(name)!;
    index = 0;
    batchStart = 0;
    tableHash = new LinesHash();
    batchLimit = raw ? 1000 : 2000;
    lastWhere = `table ${name}`;
  };

  for await (const { bytes, complete } of lines(input)) {
    lineNo++;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      const at = state === 'rows' ? describeRow(table, index, rowGuess(bytes)) : lastWhere;
      const column = state === 'rows' ? badColumn(bytes) : null;
      throw new BundleError(`line ${lineNo} (${at}${column ? `, column ${column}` : ''}): not valid UTF-8`);
    }
    if (!complete && state !== 'header') throw new BundleError(`line ${lineNo} (${lastWhere}): the bundle ends in the middle of a line: it is truncated`);
    if (state !== 'hash') whole.add(bytes);

    switch (state) {
      case 'header': {
        const m = HEADER.exec(text);
        if (!m) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            if (!text.startsWith('{')) throw new BundleError('The file is not JSON: it is not a Concord bundle');
          }
          const f = (parsed as { format?: unknown } | undefined)?.format;
          if (parsed !== undefined && f !== BUNDLE_FORMAT) throw new BundleError(`The file is not a Concord bundle (format "${String(f)}")`);
          throw new BundleError('line 1: not a Concord bundle header ({"format":"concord-bundle","formatVersion":N,"tables":{)');
        }
        if (JSON.parse(m[1]) !== BUNDLE_FORMAT) throw new BundleError(`The file is not a Concord bundle (format ${m[1]})`);
        formatVersion = Number(m[2]);
        if (formatVersion !== 1 && formatVersion !== BUNDLE_VERSION) throw new BundleError(`Bundle format version ${formatVersion} is not supported (this Concord reads 1 and ${BUNDLE_VERSION})`);
        if (!complete) throw new BundleError('The bundle ends after its first line: it is truncated');
        if (formatVersion === 1 && !opts.acceptUnhashed)
          throw new BundleError(
            'This is a version-1 bundle, which carries no hashes: its rows and audit chain can be checked, but not that nothing was removed from its end. Import it only if you trust the file (concord import --accept-unhashed FILE)',
          );
        state = 'table';
        break;
      }
      case 'table': {
        const m = TABLE_LINE.exec(text);
        if (!m) {
          throw new BundleError(`line ${lineNo} (after ${lastWhere}): expected the start of a table, found ${snippet(text)}`);
        }
        startTable(m[1]);
        if (m[2]) {
          await endTable();
          moreTables = Boolean(m[3]);
          state = moreTables ? 'table' : 'close';
        } else {
          if (m[3]) throw new BundleError(`line ${lineNo}: malformed start of table ${m[1]}`);
          state = 'rows';
          expectMoreRows = true;
        }
        break;
      }
      case 'rows': {
        if (text === ']' || text === '],') {
          if (expectMoreRows) throw new BundleError(`line ${lineNo} (${describeRow(table, index, null)}): a row was announced by a comma but the table ends`);
          await endTable();
          moreTables = text === '],';
          state = moreTables ? 'table' : 'close';
          break;
        }
        if (!expectMoreRows) throw new BundleError(`line ${lineNo} (${describeRow(table, index, null)}): expected "]" or a comma after the previous row`);
        const comma = text.endsWith(',');
        const json = comma ? text.slice(0, -1) : text;
        let parsed: unknown;
        try {
          parsed = JSON.parse(json);
        } catch (e) {
          throw new BundleError(`line ${lineNo} (${describeRow(table, index, rowGuess(bytes))}): not valid JSON (${(e as Error).message})`);
        }
        const row = checkRow(table, index, parsed, cols);
        if (table === 'audit_events') prevHash = checkEvent(index, row, prevHash);
        tableHash.add(comma ? bytes.subarray(0, bytes.length - 1) : bytes);
        const self = SELF_REFS[table as keyof Database];
        if (self && row[self] != null) selfRefs.push([row.id, row[self]]);
        batch.push(row);
        index++;
        {
          const at = index - 1;
          lastWhere = { toString: () => describeRow(table, at, row) };
        }
        expectMoreRows = comma;
        if (batch.length >= batchLimit) await flushBatch();
        break;
      }
      case 'close': {
        if (formatVersion === 1) {
          if (text !== '}}') throw new BundleError(`line ${lineNo}: expected "}}" after the last table, found ${snippet(text)}`);
          state = 'end';
        } else {
          if (text !== '},') throw new BundleError(`line ${lineNo}: expected "}," after the last table, found ${snippet(text)}`);
          state = 'summary';
        }
        break;
      }
      case 'summary': {
        const m = SUMMARY_LINE.exec(text);
        let parsed: unknown = null;
        try {
          parsed = m ? JSON.parse(m[1]) : null;
        } catch {
          /* refused below */
        }
        const s = parsed as Summary | null;
        if (!s || typeof s !== 'object' || !s.chain || typeof s.chain.events !== 'number' || typeof s.chain.head !== 'string' || !s.tables || typeof s.tables !== 'object') {
          throw new BundleError(`line ${lineNo}: the bundle's summary is missing or malformed`);
        }
        summary = s;
        state = 'hash';
        break;
      }
      case 'hash': {
        const m = HASH_LINE.exec(text);
        if (!m) throw new BundleError(`line ${lineNo}: expected the bundle's hash ("sha256":"<64 hex digits>"}), found ${snippet(text)}`);
        fileHash = m[1];
        state = 'end';
        break;
      }
      case 'end':
        throw new BundleError(`line ${lineNo}: more text after the end of the bundle`);
    }
  }
  if (opts.expectSha256 && formatVersion === 1) throw new BundleError('A version-1 bundle has no sha256 to compare with the expected one');
  if (state !== 'end') {
    throw new BundleError(`The bundle ends early, after line ${lineNo} (${state === 'rows' ? `in table ${table}, after row ${index - 1}` : `after ${lastWhere}`}): it is truncated`);
  }

  const events = rows.audit_events ?? 0;
  if (summary) {
    for (const t of Object.keys(summary.tables)) {
      if (!(t in rows)) throw new BundleError(`The summary names table ${t}, which the bundle does not hold`);
    }
    for (const t of Object.keys(rows)) {
      const s = summary.tables[t];
      if (!s) throw new BundleError(`table ${t} is not in the bundle's summary`);
      if (s.rows !== rows[t]) throw new BundleError(`table ${t}: the bundle holds ${rows[t]} rows but its summary says ${s.rows} (rows were removed or added)`);
      if (s.sha256 !== tableHashes[t]) throw new BundleError(`table ${t}: its rows do not match the hash in the bundle's summary (a row was altered)`);
    }
    if (summary.chain.events !== events || summary.chain.head !== prevHash) {
      throw new BundleError(
        `audit_events: the bundle says the audit chain has ${summary.chain.events} events ending in ${summary.chain.head.slice(0, 12)}…, but it holds ${events} ending in ${prevHash.slice(0, 12)}… (events were removed)`,
      );
    }
    const digest = whole.digest();
    if (digest !== fileHash)
      throw new BundleError(`The bundle's content does not match its hash (sha256 ${digest.slice(0, 12)}…, the bundle says ${fileHash!.slice(0, 12)}…): it was altered after export`);
    if (opts.expectSha256 && opts.expectSha256.toLowerCase() !== digest)
      throw new BundleError(`The bundle's sha256 is ${digest}, not the expected ${opts.expectSha256}: it is another bundle, or was rewritten`);
  }
  return { rows, formatVersion, sha256: fileHash };
}

/** The row's key columns, guessed from a line that could not be read, for a message. */
function rowGuess(bytes: Buffer): Record<string, unknown> | null {
  const text = bytes.toString('utf8');
  const m = /^\{.*?"(id|seq)":("[^"]*"|\d+)/.exec(text);
  if (!m) return null;
  try {
    return { [m[1]]: JSON.parse(m[2]) };
  } catch {
    return null;
  }
}

/** The column whose text holds the bytes that are not UTF-8, when the rest of the line can be read. */
function badColumn(bytes: Buffer): string | null {
  try {
    const row = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/,$/, '')) as Record<string, unknown>;
    return Object.keys(row).find((k) => typeof row[k] === 'string' && (row[k] as string).includes('\uFFFD')) ?? null;
  } catch {
    return null;
  }
}

function snippet(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
