import { BUSY_WAIT_MS } from './sqlite-connection.ts';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { type CompiledQuery, SelectQueryNode, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult } from 'kysely';
import { StatementClassifier } from './statement-kind.ts';

/**
 * The embedded store's connection to SQLite through the built-in `node:sqlite`.
 *
 * Kysely's own SqliteDialect expects a better-sqlite3-shaped database and runs everything on one
 * connection behind one lock. This dialect keeps Kysely's compiler and adds four things:
 *
 * - **Statements**: `node:sqlite` takes spread parameters and refuses booleans, undefined and
 *   Dates; prepared statements are cached by their SQL text.
 * - **A read connection.** A query outside a transaction that only reads runs on a second,
 *   read-only connection (SQLite itself says which statements only read: statement-kind.ts). In WAL mode it sees every committed transaction and nothing
 *   uncommitted, and it never waits behind a write transaction. Everything else (transactions,
 *   and a lone write outside one) runs on the write connection.
 * - **One read snapshot per turn.** In WAL mode every statement outside a transaction opens and
 *   closes a read transaction of its own, which locks and unlocks the shared-memory index; that
 *   costs more than most of Concord's point reads. The read connection instead keeps one read
 *   transaction for the rest of the current turn of the event loop and starts a new one as soon
 *   as this process commits, so a read never misses a commit of this process, and sees another
 *   process's commit from the next turn on.
 * - **Group commit.** Each Kysely transaction is a SAVEPOINT inside a physical transaction on
 *   the write connection (the first of a group begins it and needs none); a failed one rolls
 *   back to its savepoint and leaves the others untouched. The physical COMMIT waits until the
 *   end of the current turn of the event loop, so the writes of requests that arrived together
 *   share one commit (one WAL append of the pages they share instead of one per request). A transaction's `commit` resolves only after
 *   that COMMIT: no caller learns of a write before it is durable, and if the COMMIT fails,
 *   every transaction of the group fails. Each transaction's audit events are written in its
 *   savepoint, so a write and its audit trail still commit or vanish together.
 *
 * `:memory:` stores have one connection (a second would be another database) and commit at once.
 */

export interface SqliteOptions {
  /**
   * Checkpoint the WAL on a worker thread instead of inside commits (the long-running server;
   * see checkpointer.ts). The write connection keeps a high threshold of its own as a safety net.
   */
  backgroundCheckpoint?: boolean;
  /**
   * Read the change markers with every read snapshot (default). A store whose caller never asks
   * for markers (the write thread) saves two statements per snapshot.
   */
  markers?: boolean;
}

export interface SqliteHandles {
  dialect: Dialect;
  /**
   * What the reads of this turn see: `data` moves with every commit by anyone, `external` only
   * with commits by other processes (for caches that this process's own writes move otherwise).
   */
  markers(): { data: number; external: number };
  /**
   * Moves whenever the write connection's content may differ from what this process last wrote
   * through it: another connection committed (seen when a physical transaction begins), or a
   * transaction or a group rolled back. Memos of the newest rows (the audit chain's head) hold
   * only while it stays put.
   */
  writeEpoch(): number;
  /**
   * Tells the driver that another connection of this process (the write thread) has committed:
   * the next read starts a new snapshot, so it sees that commit.
   */
  sawCommit(): void;
  /** Physical COMMITs made on this store's write connection so far. */
  commits(): number;
  /** The write connection (bulk work joins the open Kysely transaction on it). */
  raw: DatabaseSync;
  /**
   * The read connection (the write connection for `:memory:`), inside this turn's snapshot:
   * committed data only, including this process's latest commit.
   */
  rawRead(): DatabaseSync;
  /** Closes the checkpointer and both connections (after Kysely is destroyed). */
  close(): Promise<void>;
}

/** The write connection's `synchronous` setting: FULL unless CONCORD_SQLITE_SYNC says `normal`. */
export function sqliteSync(env: string | undefined = process.env.CONCORD_SQLITE_SYNC): 'FULL' | 'NORMAL' {
  const v = (env ?? '').trim().toLowerCase();
  if (v === '' || v === 'full') return 'FULL';
  if (v === 'normal') return 'NORMAL';
  throw new Error(`CONCORD_SQLITE_SYNC must be full or normal (got "${env}")`);
}

/** Most transactions that may share one physical COMMIT. */
const MAX_GROUP = 256;

export function openSqlite(path: string, options: SqliteOptions = {}): SqliteHandles {
  const memory = path === ':memory:';
  const writer = new DatabaseSync(path);
  // The wait comes first: switching a new file to WAL takes its lock, and a second process
  // opening the same new store at that moment must wait for it, not fail with "database is locked".
  writer.exec(`PRAGMA busy_timeout = ${BUSY_WAIT_MS}`);
  writer.exec('PRAGMA journal_mode = WAL');
  writer.exec('PRAGMA foreign_keys = ON');
  // FULL: under WAL a commit waits for the log's fsync, so a write survives a power loss, not
  // only a crash of the process (NORMAL leaves the last commits in the OS cache until the next
  // checkpoint). With group commit that is one fsync per group. CONCORD_SQLITE_SYNC=normal trades it away.
  writer.exec(`PRAGMA synchronous = ${sqliteSync()}`);
  // Each transaction of a group is a savepoint, and SQLite journals a savepoint's pages in a
  // temporary file unless told to keep them in memory: measured, memory makes a write ~25 % cheaper.
  writer.exec('PRAGMA temp_store = MEMORY');
  let reader = writer;
  if (!memory) {
    reader = new DatabaseSync(path);
    reader.exec(`PRAGMA busy_timeout = ${BUSY_WAIT_MS}`);
    // A read that slipped through with a write in it fails loudly instead of writing outside a
    // transaction (and so outside the audit trail).
    reader.exec('PRAGMA query_only = ON');
  }
  let checkpointer: Worker | null = null;
  if (options.backgroundCheckpoint && !memory) {
    writer.exec('PRAGMA wal_autocheckpoint = 20000');
    checkpointer = new Worker(new URL('./checkpointer.ts', import.meta.url), { workerData: { path, intervalMs: 250 } });
    checkpointer.unref();
    // A checkpointer that fails leaves SQLite's own checkpoints in place; the store keeps working.
    checkpointer.on('error', () => writer.exec('PRAGMA wal_autocheckpoint = 1000'));
  }
  const classifier = new StatementClassifier(path, memory ? writer : undefined);
  const driver = new GroupCommitDriver(new Statements(writer), memory ? null : new Statements(reader), !memory, options.markers ?? true, classifier);
  const dialect: Dialect = {
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new RoutedSqliteAdapter(),
    // biome-ignore lint/suspicious/noExplicitAny: Kysely's dialect interface takes a database of any schema
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
  };
  return {
    dialect,
    markers: () => driver.markers(),
    writeEpoch: () => driver.epoch,
    sawCommit: () => driver.sawCommit(),
    commits: () => driver.commitCount,
    raw: writer,
    rawRead: () => {
      driver.snapshot();
      return reader;
    },
    close: async () => {
      if (checkpointer) {
        const w = checkpointer;
        checkpointer = null;
        await new Promise<void>((done) => {
          const timer = setTimeout(done, 2000);
          w.once('message', () => {
            clearTimeout(timer);
            done();
          });
          w.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          w.postMessage('stop');
        });
        await w.terminate();
      }
      classifier.close();
      if (reader !== writer && reader.isOpen) reader.close();
      if (writer.isOpen) writer.close();
    },
  };
}

/**
 * SQLite's adapter, telling Kysely not to put its own one-connection lock around everything, and
 * that SQLite's DDL is transactional: Kysely's Migrator then runs the pending migrations inside
 * one transaction (BEGIN IMMEDIATE on the write connection, which also keeps a second process
 * from migrating at the same time), so a migration that fails leaves the schema as it was.
 * (Kysely's migration lock is a no-op on SQLite; the write lock of that transaction is the lock.)
 */
class RoutedSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

function toParam(v: unknown): null | number | bigint | string | Uint8Array {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || v instanceof Uint8Array) return v;
  return JSON.stringify(v);
}

/** One connection's prepared statements, cached by SQL text. */
class Statements {
  readonly db: DatabaseSync;
  readonly #cache = new Map<string, { stmt: StatementSync; reader: boolean }>();
  constructor(db: DatabaseSync) {
    this.db = db;
  }

  #prepare(sql: string): { stmt: StatementSync; reader: boolean } {
    let p = this.#cache.get(sql);
    if (!p) {
      const stmt = this.db.prepare(sql);
      p = { stmt, reader: stmt.columns().length > 0 };
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(sql, p);
    }
    return p;
  }

  execute<R>(q: CompiledQuery): QueryResult<R> {
    const { stmt, reader } = this.#prepare(q.sql);
    const params = q.parameters.map(toParam);
    if (reader) return { rows: stmt.all(...params) as R[] };
    let r: ReturnType<typeof stmt.run>;
    try {
      r = stmt.run(...params);
    } catch (e) {
      // SQLite does not say which reference broke: commands/references.ts works it out from the statement.
      if ((e as { errcode?: number }).errcode === 787) Object.defineProperty(e, 'statement', { value: q });
      throw e;
    }
    return { rows: [], numAffectedRows: BigInt(r.changes), insertId: r.lastInsertRowid != null ? BigInt(r.lastInsertRowid) : undefined };
  }

  *stream<R>(q: CompiledQuery): IterableIterator<QueryResult<R>> {
    const { stmt } = this.#prepare(q.sql);
    for (const row of stmt.iterate(...q.parameters.map(toParam))) yield { rows: [row as R] };
  }
}

/** A connection's `PRAGMA data_version`: it moves when another connection has committed. */
const dataVersion = (stmt: StatementSync): number => Number((stmt.get() as { data_version: number }).data_version);

interface Waiting {
  resolve(): void;
  reject(e: unknown): void;
}

/** Kysely's handle on a connection: routes each statement as the class comment describes. */
class RoutedConnection implements DatabaseConnection {
  readonly #driver: GroupCommitDriver;
  /** Set between beginTransaction and commit/rollback. */
  inTransaction = false;
  constructor(driver: GroupCommitDriver) {
    this.#driver = driver;
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const d = this.#driver;
    if (this.inTransaction) {
      try {
        return d.writer.execute<R>(q);
      } catch (e) {
        d.lastError = e;
        throw e;
      }
    }
    // A Kysely select cannot write; anything else (raw SQL, inserts with RETURNING …) is
    // classified by SQLite itself (statement-kind.ts).
    const kind = SelectQueryNode.is(q.query) ? 'read' : d.classifier.kind(q.sql);
    if (kind === 'read' && d.reader) return d.read<R>(q);
    if (kind !== 'write') {
      // A read on a one-connection store, or a statement about the connection itself (a
      // pragma): it runs on the write connection, outside any transaction of ours, once the open
      // one is done.
      await d.lock();
      try {
        return d.writer.execute<R>(q);
      } finally {
        d.unlock();
      }
    }
    // A lone write: a transaction of its own.
    await d.begin();
    let result: QueryResult<R>;
    try {
      result = d.writer.execute<R>(q);
      d.release();
    } catch (e) {
      d.rollback();
      throw e;
    }
    await d.settle();
    return result;
  }

  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const d = this.#driver;
    if (!SelectQueryNode.is(q.query) && d.classifier.kind(q.sql) !== 'read') throw new Error('Only reads can be streamed');
    if (this.inTransaction || !d.reader) {
      yield* d.writer.stream<R>(q);
      return;
    }
    d.snapshot();
    yield* d.reader.stream<R>(q);
  }
}

class GroupCommitDriver implements Driver {
  readonly writer: Statements;
  /** The last statement error inside a transaction (a group rolled back by SQLite reports it to the others). */
  lastError: unknown = null;
  readonly reader: Statements | null;
  readonly #group: boolean;
  /** Whether a transaction (savepoint) holds the write connection, and who waits for it. */
  #locked = false;
  readonly #queue: (() => void)[] = [];
  /** Whether the physical transaction is open, and the transactions waiting for its COMMIT. */
  #open = false;
  #pending: Waiting[] = [];
  #flushScheduled = false;
  /** Whether the running transaction is a savepoint (or the first of its group, holding none). */
  #savepoint = false;
  /** Physical COMMITs so far (and commits seen elsewhere); a read snapshot older than the last one is renewed. */
  #commits = 0;
  /** Physical COMMITs on the write connection so far. */
  commitCount = 0;
  /** The read connection's snapshot: open or not, the commit count it saw, its data versions. */
  #snap = false;
  #snapCommits = -1;
  #dataVersion = 0;
  #externalVersion = 0;
  #endScheduled = false;
  /** See SqliteHandles.writeEpoch; `#seenExternal` is the write connection's last data_version. */
  epoch = 0;
  #seenExternal = -1;
  readonly #readerVersion: StatementSync | null;
  readonly #writerVersion: StatementSync;

  readonly #trackMarkers: boolean;
  /** Which connection a statement outside a transaction runs on (see statement-kind.ts). */
  readonly classifier: StatementClassifier;

  constructor(writer: Statements, reader: Statements | null, group: boolean, trackMarkers: boolean, classifier: StatementClassifier) {
    this.writer = writer;
    this.reader = reader;
    this.classifier = classifier;
    this.#group = group;
    this.#trackMarkers = trackMarkers;
    this.#readerVersion = reader ? reader.db.prepare('PRAGMA data_version') : null;
    this.#writerVersion = writer.db.prepare('PRAGMA data_version');
  }

  /** A read on the read connection, inside this turn's snapshot. */
  read<R>(q: CompiledQuery): QueryResult<R> {
    this.snapshot();
    return this.reader!.execute<R>(q);
  }

  /** Opens the read snapshot for this turn, or renews it if this process committed since. */
  snapshot(): void {
    if (!this.reader) return;
    if (this.#snap && this.#snapCommits === this.#commits) return;
    const db = this.reader.db;
    if (this.#snap) this.#endSnapshot();
    if (this.#snap) return; // a statement is still stepping (a stream): keep reading from it
    if (this.#trackMarkers) {
      // The write connection's data_version moves only with other connections' commits. Read
      // before the snapshot is fixed, it is never newer than what the snapshot shows (a marker
      // newer than the data would let a cache keep an old answer under a new marker).
      this.#externalVersion = dataVersion(this.#writerVersion);
    }
    db.exec('BEGIN');
    // The first statement fixes the snapshot; data_version inside it costs next to nothing.
    if (this.#trackMarkers) this.#dataVersion = dataVersion(this.#readerVersion!);
    this.#snap = true;
    this.#snapCommits = this.#commits;
    this.#endSnapshotNextTurn();
  }

  #endSnapshotNextTurn(): void {
    if (this.#endScheduled) return;
    this.#endScheduled = true;
    setImmediate(() => {
      this.#endScheduled = false;
      this.#endSnapshot();
    });
  }

  #endSnapshot(): void {
    if (!this.#snap) return;
    try {
      this.reader!.db.exec('COMMIT');
      this.#snap = false;
    } catch {
      // A statement is still stepping (a stream read across turns): end it next turn.
      this.#endSnapshotNextTurn();
    }
  }

  sawCommit(): void {
    this.#commits += 1;
  }

  markers(): { data: number; external: number } {
    if (!this.reader) {
      const v = dataVersion(this.#writerVersion);
      return { data: v, external: v };
    }
    if (!this.#trackMarkers) throw new Error('This store was opened without change markers');
    this.snapshot();
    return { data: this.#dataVersion, external: this.#externalVersion };
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }
  async releaseConnection(): Promise<void> {}

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  unlock(): void {
    const next = this.#queue.shift();
    if (next)
      next(); // the lock passes straight to the next in line
    else this.#locked = false;
  }

  /** Starts a transaction: the write lock, the physical transaction if none is open, a savepoint. */
  async begin(): Promise<void> {
    await this.lock();
    try {
      if (!this.#open) {
        // The first transaction of a group has the physical transaction to itself: no savepoint
        // (a savepoint keeps a copy of every page it changes, which a bulk import would feel).
        this.writer.db.exec('BEGIN IMMEDIATE');
        this.#open = true;
        this.#savepoint = false;
        const external = dataVersion(this.#writerVersion);
        if (external !== this.#seenExternal) {
          this.#seenExternal = external;
          this.epoch += 1;
        }
      } else {
        this.writer.db.exec('SAVEPOINT concord_tx');
        this.#savepoint = true;
      }
    } catch (e) {
      this.unlock();
      throw e;
    }
  }

  /** Ends a transaction's savepoint (may throw; the caller then rolls back, still holding the lock). */
  release(): void {
    if (this.#savepoint) this.writer.db.exec('RELEASE concord_tx');
  }

  /** After `release`: lets go of the lock; resolves once the physical COMMIT holding the write is done. */
  settle(): Promise<void> {
    const waiting = new Promise<void>((resolve, reject) => this.#pending.push({ resolve, reject }));
    this.#afterTransaction();
    return waiting;
  }

  /** Undoes the transaction (its savepoint, or the physical transaction it began) and lets go of the lock. */
  rollback(): void {
    const db = this.writer.db;
    this.epoch += 1;
    try {
      if (this.#savepoint) {
        db.exec('ROLLBACK TO concord_tx');
        db.exec('RELEASE concord_tx');
      } else if (db.isTransaction) {
        db.exec('ROLLBACK'); // the first of its group: nothing else is in the physical transaction
      }
    } catch {
      // SQLite rolled the whole physical transaction back itself (an I/O error, say).
    }
    if (this.#open && !db.isTransaction) {
      this.#open = false;
      // The others of the group learn why (a full disk, an I/O error), so they are answered alike.
      const cause = this.lastError as { code?: unknown; errcode?: unknown; errstr?: unknown } | null;
      const sqliteCause = cause && typeof cause === 'object' && typeof cause.errcode === 'number' ? { code: cause.code, errcode: cause.errcode, errstr: cause.errstr } : {};
      this.#fail(Object.assign(new Error('The store rolled back a group of writes; none of them was saved'), sqliteCause));
    }
    this.#afterTransaction();
  }

  #afterTransaction(): void {
    if (!this.#group || this.#pending.length >= MAX_GROUP) this.#commitNow();
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    }
    this.unlock();
  }

  #flush(): void {
    this.#flushScheduled = false;
    // A transaction still holds the connection (it awaited something outside the store): it
    // schedules the next flush when it ends.
    if (this.#locked) return;
    this.#commitNow();
  }

  #commitNow(): void {
    if (!this.#open) return;
    try {
      this.writer.db.exec('COMMIT');
    } catch (e) {
      if (this.writer.db.isTransaction) {
        try {
          this.writer.db.exec('ROLLBACK');
        } catch {
          // nothing more to undo
        }
      }
      this.#open = false;
      this.#fail(e);
      return;
    }
    this.#open = false;
    this.#commits += 1;
    this.commitCount += 1;
    const group = this.#pending;
    this.#pending = [];
    for (const w of group) w.resolve();
  }

  #fail(e: unknown): void {
    this.epoch += 1;
    const group = this.#pending;
    this.#pending = [];
    for (const w of group) w.reject(e);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.begin();
    (connection as RoutedConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // If RELEASE throws, Kysely rolls back: the connection is still in its transaction.
    this.release();
    (connection as RoutedConnection).inTransaction = false;
    await this.settle();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After a failed group COMMIT Kysely rolls back too; by then the savepoint is gone.
    if (!(connection as RoutedConnection).inTransaction) return;
    (connection as RoutedConnection).inTransaction = false;
    this.rollback();
  }

  async destroy(): Promise<void> {
    // Anything still waiting for its COMMIT gets it now.
    if (!this.#locked) this.#commitNow();
    this.#endSnapshot();
  }
}
