import { existsSync, mkdirSync } from 'node:fs';
import { inListBuckets } from './in-list-buckets.ts';
import { dirname, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, MIGRATION_LOCK_ID, Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { openSqlite, type SqliteOptions } from './sqlite-adapter.ts';
import type { Database } from './tables.ts';
import { knowDialect } from './prepared.ts';
import * as m001 from './migrations/2026-11-23-001-record.ts';
import * as m002 from './migrations/2026-11-23-002-roll-calls.ts';
import * as m003 from './migrations/2026-11-23-003-articles.ts';
import * as m004 from './migrations/2026-11-23-004-label-scale.ts';
import * as m005 from './migrations/2026-11-23-005-list-indexes.ts';
import * as m006 from './migrations/2026-12-02-006-write-indexes.ts';
import * as m008 from './migrations/2026-12-03-008-sign-in-throttle.ts';
import * as m010 from './migrations/2026-12-03-010-clearance-requests.ts';
import * as m011 from './migrations/2026-12-03-011-repair-indexes.ts';
import * as m012 from './migrations/2026-12-03-012-issue-list-order.ts';
import * as m013 from './migrations/2026-12-03-013-token-scopes.ts';
import * as m014 from './migrations/2026-12-03-014-group-proposals.ts';
import * as m015 from './migrations/2026-12-03-015-meeting-series.ts';
import * as m016 from './migrations/2026-12-03-016-signatures-and-recorders.ts';
import * as m017 from './migrations/2026-12-03-017-search.ts';
import * as m018 from './migrations/2026-12-03-018-group-feeds.ts';
import * as m019 from './migrations/2026-12-03-019-analytics-logs.ts';
import * as m021 from './migrations/2026-12-03-021-growth-indexes.ts';
import * as m022 from './migrations/2026-12-03-022-password-lifecycle.ts';
import * as m023 from './migrations/2026-12-03-023-notifications.ts';
import * as m024 from './migrations/2026-12-03-024-identity-providers.ts';
import * as m025 from './migrations/2026-12-03-025-passkeys.ts';
import * as m026 from './migrations/2026-12-03-026-notification-preferences.ts';
import * as m027 from './migrations/2026-12-04-027-quote-search.ts';
import * as m028 from './migrations/2026-12-04-028-chain-seal.ts';
import * as m029 from './migrations/2026-12-04-029-markers-and-keyed-seal.ts';
import { storeFailure } from './failures.ts';

export type Dialect = 'sqlite' | 'postgres';

/** The audit chain's newest event: its sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The embedded store's own connections, for bulk work that Kysely would make slow. */
export interface SqliteConnections {
  /**
   * The write connection under Kysely (the UN roll-call import, the bundle import): statements
   * run on it join an open Kysely transaction.
   */
  readonly write: DatabaseSync;
  /** The read connection inside this turn's snapshot (the analytics loader). */
  read(): DatabaseSync;
}

/**
 * A store, and everything the rest of the server may ask of it. What the write path keeps for
 * speed (the write counts behind the cache markers, the audit chain's head, the SQLite driver's
 * write epoch and commit count) stays inside; other folders reach it through these methods only.
 */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the store lives, without credentials (for messages). */
  readonly location: string;
  close(): Promise<void>;
  /**
   * Runs `fn` in a transaction of `db`. Prefer it to `db.transaction()`: statements compiled once
   * (prepared.ts) are reused inside it.
   */
  transaction<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T>;

  /**
   * A marker that changes whenever anything in the store may have changed, including commits by
   * other processes: SQLite's data_version plus this process's writes; on PostgreSQL the newest
   * audit sequence (every write appends an audit event).
   */
  changeMarker(): Promise<string>;
  /**
   * Like changeMarker, but moved only by writes that can change an actor (a user, a role, a
   * token, a membership; audit/actor-actions.ts): on SQLite also by any commit of another process,
   * which it cannot tell apart; on PostgreSQL the newest such event in the audit chain.
   */
  authMarker(): Promise<string>;
  /** Both markers at once, without waiting, where the store can tell at once (SQLite); null elsewhere. */
  markersNow(): { change: string; auth: string } | null;
  /** Both markers, in one read of the store where they come from it (PostgreSQL: one query per request). */
  markers(): Promise<{ change: string; auth: string }>;
  /**
   * Counts a write this process made or saw made (the command runner after a commit, the write
   * thread's answers, a demo load): it moves the change marker, and the auth marker too when the
   * write can change an actor.
   */
  countWrite(changesActor: boolean): void;
  /**
   * Writes counted so far that could change an actor, and the physical COMMITs of the write
   * connection (SQLite; 0 on PostgreSQL): the write thread reports both with each answer.
   */
  writeCounts(): { actorWrites: number; commits: number };
  /**
   * Another connection of this process (the write thread) committed: the next read starts a new
   * snapshot, so it sees that commit (SQLite; nothing to do on PostgreSQL).
   */
  sawCommit(): void;

  /**
   * The audit chain's head as this process last wrote it, while it is certainly still the head:
   * on SQLite, until the driver's write epoch moves (another process committed, a transaction
   * rolled back); never on PostgreSQL, where other processes append at any time. Null: select it.
   */
  auditHead(): ChainHead | null;
  /**
   * Remembers the head just written, inside the transaction that wrote it (a rollback moves the
   * write epoch and so forgets it); null forgets it (a bundle import replaces the chain).
   */
  keepAuditHead(head: ChainHead | null): void;

  /**
   * Whether the store can take writes, as far as this process knows: not after a write failed
   * because the store cannot be written (disk full, read-only, I/O error; see failures.ts), until
   * a write succeeds again (the audit chain moves on) or a minute has passed (so a server taken
   * out of rotation by its readiness check tries again). `/readyz` asks it.
   */
  health(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Records a failed write; returns the reason when it was one that `health` reports (see failures.ts). */
  noteFailure(e: unknown): string | null;

  /** SQLite's own connections; null on PostgreSQL. */
  readonly sqlite: SqliteConnections | null;
  /** PostgreSQL's own connections; null on SQLite. */
  readonly postgres: PostgresConnections | null;
}

/** The PostgreSQL store's connections, for bulk work that Kysely would make slow (the bundle import's COPY). */
export interface PostgresConnections {
  /** The pg client under an open transaction of this store: what runs on it joins the transaction. */
  clientOf(tx: Transaction<Database>): Promise<pg.ClientBase>;
}

/** How long a write failure for lack of space or a read-only store keeps `health` failing without a new one. */
export const FAILURE_HOLD_MS = 60_000;

/** `health` and `noteFailure` of a store (the newest audit sequence tells a later successful write). */
function healthOf(db: Kysely<Database>): Pick<Store, 'health' | 'noteFailure'> {
  let failure: { reason: string; at: number; seq: Promise<number | null> } | null = null;
  const newestSeq = async (): Promise<number | null> => {
    try {
      const r = await db.selectFrom('audit_events').select(sql<number>`coalesce(max(seq), 0)`.as('m')).executeTakeFirst();
      return Number(r?.m ?? 0);
    } catch {
      return null;
    }
  };
  return {
    noteFailure: (e) => {
      const reason = storeFailure(e);
      if (reason) failure = { reason, at: Date.now(), seq: newestSeq() };
      return reason;
    },
    health: async () => {
      const f = failure;
      if (!f) return { ok: true };
      if (Date.now() - f.at > FAILURE_HOLD_MS) {
        if (failure === f) failure = null;
        return { ok: true };
      }
      const [then, now] = await Promise.all([f.seq, newestSeq()]);
      if (then !== null && now !== null && now > then) {
        if (failure === f) failure = null;
        return { ok: true };
      }
      return { ok: false, reason: f.reason };
    },
  };
}

/** This process's write counts, behind the change and auth markers. */
class WriteCounter {
  writes = 0;
  actorWrites = 0;
  count(changesActor: boolean): void {
    this.writes += 1;
    if (changesActor) this.actorWrites += 1;
  }
}

/** `transaction` of a store: a Kysely transaction whose statements the prepared cache knows to be `dialect`'s. */
function transactionOf(db: Kysely<Database>, dialect: Dialect): Store['transaction'] {
  return (fn) =>
    db.transaction().execute((tx) => {
      knowDialect(tx, dialect);
      return fn(tx);
    });
}

/** Options for openStore: the SQLite ones, and whether a SQLite file must exist already. */
/**
 * After a bulk load (the demo, `concord import`, `import unvotes`), PostgreSQL's planner
 * statistics are brought up to date at once instead of when autovacuum next passes: until then
 * the planner takes a table of a million rows for an empty one and picks its plans by that.
 * SQLite plans by its indexes without statistics, as every measurement here was made.
 */
export async function refreshStatistics(store: Store): Promise<void> {
  if (store.dialect === 'postgres') await sql`analyze`.execute(store.db);
}

export interface StoreOptions extends SqliteOptions {
  /**
   * Refuse a SQLite file that does not exist (naming the path) instead of creating an empty
   * store there: every command but those that create a store (`migrate`, `import`, `demo`,
   * `serve --demo-if-empty`), so a mistyped path cannot look like an empty store.
   */
  mustExist?: boolean;
}

/** The SQLite store named by DATABASE_URL does not exist (see StoreOptions.mustExist). */
export class NoStoreError extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`No store at ${resolve(path)} (check DATABASE_URL; \`concord migrate\` creates a new store)`);
    this.path = path;
  }
}

export const DEFAULT_SQLITE_PATH = './data/concord.db';

/**
 * Opens the store named by a DATABASE_URL: `postgres://…` (or `postgresql://…`), `sqlite:PATH`
 * (`sqlite::memory:` for a throwaway store), or nothing for the embedded default file.
 */
export function openStore(url: string | undefined = process.env.DATABASE_URL, options: StoreOptions = {}): Store {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    // PostgreSQL returns int8 (count(*), sums) as strings by default; Concord's counts fit in a double.
    pg.types.setTypeParser(20, (v) => Number(v));
    // A request waits at most 5 s for a connection (during an outage pg would otherwise wait for
    // ever); a failure then answers 503 (errors.ts: isStoreUnavailable).
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    // A connection the server drops (a restart, a failover, pg_terminate_backend) emits 'error':
    // on an idle client through the pool, on a checked-out one through the client itself. Either
    // with no listener would end the process. Log it and go on: pg-pool discards a client whose
    // connection has gone (at once when idle, on release when checked out) and opens new ones.
    const warn = (err: Error) => process.stderr.write(`concord: PostgreSQL connection lost (${(err as { code?: string }).code ?? err.message}); new connections will be made as needed\n`);
    pool.on('connect', (client) => client.on('error', warn));
    // The pool's clients by their server process, so that a transaction's client can be found
    // (PostgresConnections.clientOf): Kysely keeps it to itself.
    const clients = new Map<number, pg.ClientBase>();
    pool.on('connect', (client) => {
      const pid = (client as unknown as { processID?: number }).processID;
      if (pid === undefined) return;
      clients.set(pid, client);
      client.once('end', () => clients.delete(pid));
    });
    pool.on('error', () => {}); // the same error, already logged by the client's listener above
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const safe = url.replace(/\/\/[^@/]*@/, '//');
    knowDialect(db, 'postgres');
    const counts = new WriteCounter();
    // Every write appends to the chain, so its newest sequence moves with any process's write; the
    // newest event that can change an actor (one probe of migration 028's partial index) moves the
    // auth marker. Both from one call of migration 029's function, which keeps its plans per
    // connection: planning the same query sent as text took 0.4–0.9 ms a request, running it 0.05 ms.
    const markers = async () => {
      const r = await sql<{ m: number; a: number }>`select change_seq as m, actor_seq as a from concord_markers()`.execute(db);
      const { m, a } = r.rows[0];
      return { change: `${m}:${counts.writes}`, auth: `${a}:${counts.actorWrites}` };
    };
    return {
      db,
      dialect: 'postgres',
      location: safe,
      close: () => db.destroy(),
      transaction: transactionOf(db, 'postgres'),
      changeMarker: async () => (await markers()).change,
      authMarker: async () => (await markers()).auth,
      markersNow: () => null,
      markers,
      countWrite: (actor) => counts.count(actor),
      writeCounts: () => ({ actorWrites: counts.actorWrites, commits: 0 }),
      sawCommit: () => {},
      // Other processes append to the chain at any time: its head is always selected, under the advisory lock.
      auditHead: () => null,
      keepAuditHead: () => {},
      ...healthOf(db),
      sqlite: null,
      postgres: {
        clientOf: async (tx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
          const client = clients.get(rows[0].pid);
          if (!client) throw new Error(`no client of this store runs PostgreSQL process ${rows[0].pid}`);
          return client;
        },
      },
    };
  }
  let path = DEFAULT_SQLITE_PATH;
  if (url) {
    if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:")`);
    path = url.slice('sqlite:'.length) || DEFAULT_SQLITE_PATH;
  }
  if (path !== ':memory:') {
    if (options.mustExist && !existsSync(path)) throw new NoStoreError(path);
    mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const database = openSqlite(path, options);
  // Statements are prepared and kept per SQL text: `in` lists are padded to few lengths (in-list-buckets.ts).
  const db = new Kysely<Database>({ dialect: database.dialect, plugins: [inListBuckets()] });
  knowDialect(db, 'sqlite');
  const counts = new WriteCounter();
  // The chain's head as this process last wrote it, and the write epoch it was written in.
  let head: (ChainHead & { epoch: number }) | null = null;
  const markersNow = () => {
    // `data` moves with every commit (this process's too); `external` only with other processes'.
    const m = database.markers();
    return { change: `${m.data}:${counts.writes}`, auth: `${m.external}:${counts.actorWrites}` };
  };
  return {
    db,
    dialect: 'sqlite',
    location: path,
    close: async () => {
      await db.destroy();
      await database.close();
    },
    transaction: transactionOf(db, 'sqlite'),
    changeMarker: async () => markersNow().change,
    authMarker: async () => markersNow().auth,
    markersNow,
    markers: async () => markersNow(),
    countWrite: (actor) => counts.count(actor),
    writeCounts: () => ({ actorWrites: counts.actorWrites, commits: database.commits() }),
    sawCommit: () => database.sawCommit(),
    auditHead: () => (head && head.epoch === database.writeEpoch() ? head : null),
    keepAuditHead: (h) => {
      head = h ? { seq: h.seq, hash: h.hash, epoch: database.writeEpoch() } : null;
    },
    ...healthOf(db),
    sqlite: { write: database.raw, read: database.rawRead },
    postgres: null,
  };
}

/**
 * Migration 006 drops `attendance_meeting_id` and `meetings_beside` without "if exists". A store
 * made while migration 005 lacked `meetings_beside` (005 was edited after it had shipped), or one
 * that 006 left half-applied on SQLite (before migrations ran in a transaction), lacks one of
 * them, and 006 failed there. 006 is frozen, so this step runs just before it, in the same
 * transaction, and creates them if missing (the state 006 was written against); 011 then brings
 * every index of 005–006 to its intended form.
 */
// biome-ignore lint/suspicious/noExplicitAny: a step before migration 006, on the schema of its day
async function before006(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attendance_meeting_id').ifNotExists().on('attendance').column('meeting_id').execute();
  await db.schema.createIndex('meetings_beside').ifNotExists().on('meetings').column('beside_meeting_id').execute();
}

/**
 * Every migration, by name. The files are frozen once they have shipped: migrations.test.ts
 * holds each to the SHA-256 in migrations/SHA256SUMS (a new migration adds a line).
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-23-001-record': m001,
  '2026-11-23-002-roll-calls': m002,
  '2026-11-23-003-articles': m003,
  '2026-11-23-004-label-scale': m004,
  '2026-11-23-005-list-indexes': m005,
  '2026-12-02-006-write-indexes': {
    up: async (db) => {
      await before006(db);
      await m006.up(db);
    },
    down: m006.down,
  },
  '2026-12-03-008-sign-in-throttle': m008,
  '2026-12-03-010-clearance-requests': m010,
  '2026-12-03-011-repair-indexes': m011,
  '2026-12-03-012-issue-list-order': m012,
  '2026-12-03-013-token-scopes': m013,
  '2026-12-03-014-group-proposals': m014,
  '2026-12-03-015-meeting-series': m015,
  '2026-12-03-016-signatures-and-recorders': m016,
  '2026-12-03-017-search': m017,
  '2026-12-03-018-group-feeds': m018,
  '2026-12-03-019-analytics-logs': m019,
  '2026-12-03-021-growth-indexes': m021,
  '2026-12-03-022-password-lifecycle': m022,
  '2026-12-03-023-notifications': m023,
  '2026-12-03-024-identity-providers': m024,
  '2026-12-03-025-passkeys': m025,
  '2026-12-03-026-notification-preferences': m026,
  '2026-12-04-027-quote-search': m027,
  '2026-12-04-028-chain-seal': m028,
  '2026-12-04-029-markers-and-keyed-seal': m029,
};

/**
 * Brings the schema up to date (or up to the given migrations: tests build historical stores).
 * All pending migrations run in one transaction on both stores: a failure leaves the schema as
 * it was. Returns the names of the migrations it applied.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on the schema of their day (Kysely's migrator takes Kysely<any>)
export async function migrateToLatest(db: Kysely<any>, migrations: Readonly<Record<string, Migration>> = MIGRATIONS): Promise<string[]> {
  // A store that is up to date is left unwritten: the bookkeeping below takes the write lock, and
  // a command beside a busy server (`concord export`) would queue behind its writes for nothing.
  if (await allApplied(db, Object.keys(migrations))) return [];
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
  // 008 landed after 010: a store made in between ran 010 and not 008, and Kysely would refuse
  // to run 008 after it. Migrations are independent of their neighbours' order (each test of a
  // landed version in migrations.test.ts upgrades such a store), so a pending one runs whatever its place.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      await ensureMigrationTables(db);
    } catch (e) {
      failure = e;
    }
    const { error, results } = failure ? { error: failure, results: undefined } : await migrator.migrateToLatest();
    // Two processes starting on one new store may still race on creating the bookkeeping
    // tables (PostgreSQL's IF NOT EXISTS is not atomic against a concurrent CREATE): the
    // tables exist by then, so the next attempt finds them and waits on the lock.
    if (error && attempt < 5 && /kysely_migration|already exists|duplicate key|UNIQUE constraint/i.test(String((error as Error).message ?? error))) continue;
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
}

/** True when every named migration is recorded as applied (a read; false when the bookkeeping is not there yet). */
// biome-ignore lint/suspicious/noExplicitAny: runs before the schema exists
async function allApplied(db: Kysely<any>, names: string[]): Promise<boolean> {
  try {
    const rows = await db.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute();
    const applied = new Set(rows.map((r) => r.name as string));
    return names.every((n) => applied.has(n));
  } catch {
    return false;
  }
}

/**
 * Kysely's two bookkeeping tables and the lock's one row, made idempotently before Kysely looks
 * for them. Kysely checks, then creates, then inserts the row, and reads its check on another
 * connection: two processes migrating one new store at once could both miss the row and the
 * loser failed on its key. Here each step is one statement that a second process can repeat.
 * The columns are Kysely's own.
 */
// biome-ignore lint/suspicious/noExplicitAny: runs before the schema exists
async function ensureMigrationTables(db: Kysely<any>): Promise<void> {
  await sql`create table if not exists ${sql.table(DEFAULT_MIGRATION_TABLE)} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(db);
  await sql`create table if not exists ${sql.table(DEFAULT_MIGRATION_LOCK_TABLE)} (id varchar(255) not null primary key, is_locked integer not null default 0)`.execute(db);
  await sql`insert into ${sql.table(DEFAULT_MIGRATION_LOCK_TABLE)} (id, is_locked) values (${MIGRATION_LOCK_ID}, 0) on conflict (id) do nothing`.execute(db);
}

/** True when the store holds no parties yet (a fresh store, ready for the demo or an import). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('parties').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}
