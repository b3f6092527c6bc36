import type { CompiledQuery, Compilable, Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './tables.ts';

/**
 * Queries built and compiled once, then run with new values.
 *
 * Only Kysely's public surface is used: a query is built with placeholders and compiled once with
 * `.compile()` on the caller's instance; afterwards the compiled SQL runs with the real values
 * through `executeQuery`, and so through the store's own cache of prepared statements (by SQL
 * text, sqlite-adapter.ts; pg names none and sends the text). The compiled form is kept per
 * dialect, which the store declares for its instances (`knowDialect`).
 *
 * Building a query with Kysely and compiling it to SQL costs more CPU than SQLite takes to run a
 * point query or a one-row insert (measured under the write load of bench/api: about a third of
 * a write's CPU went to building and compiling its six statements). The hot paths (every write's
 * insert and audit event, the visibility check of one record) therefore compile once per shape
 * and per dialect, and afterwards only swap the values in.
 */

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Which dialect each Kysely instance speaks, as the store that made it said (openStore for its
 * `db`, Store.transaction for each transaction). A compiled statement is kept per dialect; an
 * instance not known here (a transaction begun with `db.transaction()` directly) compiles every
 * time, which is slower but as correct.
 */
const dialects = new WeakMap<object, 'sqlite' | 'postgres'>();

/** Declares the dialect of a Kysely instance or transaction (see `dialects`). */
export function knowDialect(db: Db, dialect: 'sqlite' | 'postgres'): void {
  dialects.set(db, dialect);
}

const dialectKey = (db: Db): 'sqlite' | 'postgres' | undefined => dialects.get(db);

const SENTINEL = '\u0000concord-slot\u0000';

interface Shape<R> {
  query: CompiledQuery<R>;
  /** For each parameter: the named value it takes, or null for a constant kept from the build. */
  slots: (string | null)[];
}

export interface Prepared<A, R> {
  /** All rows. */
  execute(db: Db, args: A): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Db, args: A): Promise<R | undefined>;
}

/**
 * A query of one fixed shape. `build` receives a placeholder for each named value (use each as a
 * whole parameter value, never inside a string or to choose the query's shape); the compiled SQL
 * is then reused with the real values in their places.
 */
export function prepared<A extends Record<string, string | number | null>, R>(build: (db: Kysely<Database>, a: A) => Compilable<R>): Prepared<A, R> {
  const shapes = new Map<string, Shape<R>>();
  const placeholders = new Proxy({}, { get: (_t, name) => SENTINEL + String(name) }) as A;

  const compile = (db: Db): Shape<R> => {
    const query = build(db as Kysely<Database>, placeholders).compile();
    const slots = query.parameters.map((p) => {
      if (typeof p === 'string' && p.startsWith(SENTINEL)) return p.slice(SENTINEL.length);
      if (typeof p === 'string' && p.includes(SENTINEL)) throw new Error('A prepared query used a placeholder inside a value');
      return null;
    });
    return { query, slots };
  };

  const run = async (db: Db, args: A): Promise<R[]> => {
    const key = dialectKey(db);
    let shape = key ? shapes.get(key) : undefined;
    if (!shape) {
      shape = compile(db);
      if (key) shapes.set(key, shape);
    }
    const { query, slots } = shape;
    const parameters = slots.map((s, i) => (s === null ? query.parameters[i] : args[s]));
    const r = await db.executeQuery<R>({ ...query, parameters });
    return r.rows;
  };

  return {
    execute: run,
    first: async (db, args) => (await run(db, args))[0],
  };
}

interface InsertShape {
  table: string;
  rows: number;
  /** The columns, in the order of the row's own keys. */
  columns: string[];
  query: CompiledQuery;
}

/** Compiled insert statements, by dialect; few shapes per table, so a list is searched. */
const inserts = new Map<string, InsertShape[]>();

/** Whether `row` has exactly `columns` defined, in that order (compares interned key strings). */
function hasColumns(row: Record<string, unknown>, columns: string[]): boolean {
  let i = 0;
  for (const k in row) {
    if (row[k] === undefined) continue;
    if (columns[i++] !== k) return false;
  }
  return i === columns.length;
}

/**
 * Inserts rows (all with the same columns) into a table, compiling the statement once per table,
 * column list and row count. Columns whose value is undefined are left out, as Kysely does.
 */
export async function insertRows<T extends keyof Database & string>(db: Db, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const key = dialectKey(db);
  const list = key ? (inserts.get(key) ?? []) : [];
  if (key && !inserts.has(key)) inserts.set(key, list);
  const first = rows[0] as Record<string, unknown>;
  let shape = list.find((s) => s.table === table && s.rows === rows.length && hasColumns(first, s.columns));
  const columns = shape?.columns ?? Object.keys(first).filter((k) => first[k] !== undefined);
  // Rows with other columns than the first: Kysely's own statement (it fills in defaults).
  for (let r = 1; r < rows.length; r++) {
    if (!hasColumns(rows[r] as Record<string, unknown>, columns))
      return void (await db.executeQuery(
        // biome-ignore lint/suspicious/noExplicitAny: an insert into a table named at run time
        (db as Kysely<any>)
          .insertInto(table)
          .values(rows as never)
          .compile(),
      ));
  }
  const parameters: unknown[] = [];
  for (const row of rows as Record<string, unknown>[]) for (const c of columns) parameters.push(row[c]);
  if (!shape) {
    // biome-ignore lint/suspicious/noExplicitAny: an insert into a table named at run time
    const query = (db as Kysely<any>)
      .insertInto(table)
      .values(rows as never)
      .compile();
    // Reuse only a statement whose parameters are exactly the row values in column order (a
    // value Kysely turns into SQL, such as a raw expression, makes the statement one-off).
    if (query.parameters.length !== parameters.length || query.parameters.some((p, i) => p !== parameters[i])) {
      await db.executeQuery(query);
      return;
    }
    shape = { table, rows: rows.length, columns, query };
    if (key && list.length < 1000) list.push(shape);
  }
  await db.executeQuery({ ...shape.query, parameters });
}

/** Inserts one row; see insertRows. */
export function insertRow<T extends keyof Database & string>(db: Db, table: T, row: Insertable<Database[T]>): Promise<void> {
  return insertRows(db, table, [row]);
}
