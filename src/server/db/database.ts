import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { openSqlite, type SqliteOptions } from './sqlite-adapter.ts';
import type { Database } from './tables.ts';
import type { AuditTail } from '../audit/chain.ts';
import * as m001 from './migrations/2026-11-23-001-record.ts';
import * as m002 from './migrations/2026-11-23-002-roll-calls.ts';
import * as m003 from './migrations/2026-11-23-003-articles.ts';
import * as m004 from './migrations/2026-11-23-004-label-scale.ts';
import * as m005 from './migrations/2026-11-23-005-list-indexes.ts';
import * as m006 from './migrations/2026-12-02-006-write-indexes.ts';
import * as m010 from './migrations/2026-12-03-010-clearance-requests.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the store lives, without credentials (for messages). */
  location: string;
  close(): Promise<void>;
  /** Writes committed through this process (bumped by the command runner). */
  writes: number;
  /**
   * A marker that changes whenever anything in the store may have changed, including commits by
   * other processes: SQLite's data_version plus this process's writes; on PostgreSQL the newest
   * audit sequence (every write appends an audit event).
   */
  changeMarker(): Promise<string>;
  /** Writes through this process that may change who a user is or may do (users, roles, tokens). */
  authWrites: number;
  /**
   * Like changeMarker, but moved only by writes that can change an actor (a user, a role, a
   * token, a membership) and by any commit of another process, which cannot be told apart.
   */
  authMarker(): Promise<string>;
  /** Both markers at once, without waiting, where the store can tell at once (SQLite). */
  markersNow?(): { change: string; auth: string };
  /**
   * SQLite only: the node:sqlite handle under Kysely (the same connection), for bulk work that
   * Kysely would make slow (the UN roll-call import). Statements run on it join an open Kysely
   * transaction.
   */
  raw?: DatabaseSync;
  /** SQLite only: the read connection in this turn's snapshot, for bulk reads (the analytics loader). */
  rawRead?: () => DatabaseSync;
  /**
   * SQLite only: moves whenever the write connection may hold rows this process did not write
   * through it (another process's commit, a rollback); see SqliteHandles.writeEpoch.
   */
  writeEpoch?: () => number;
  /** SQLite only: another connection of this process (the write thread) committed; see SqliteHandles.sawCommit. */
  sawCommit?: () => void;
  /** SQLite only: physical COMMITs made on this store's write connection so far. */
  commitCount?: () => number;
  /** SQLite only: the audit chain's newest event as this process wrote it (see appendAudit). */
  auditTail?: AuditTail | null;
}

export const DEFAULT_SQLITE_PATH = './data/concord.db';

/**
 * Opens the store named by a DATABASE_URL: `postgres://…` (or `postgresql://…`), `sqlite:PATH`
 * (`sqlite::memory:` for a throwaway store), or nothing for the embedded default file.
 */
export function openStore(url: string | undefined = process.env.DATABASE_URL, options: SqliteOptions = {}): Store {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    // PostgreSQL returns int8 (count(*), sums) as strings by default; Concord's counts fit in a double.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const safe = url.replace(/\/\/[^@/]*@/, '//');
    const store: Store = {
      db, dialect: 'postgres', location: safe, close: () => db.destroy(), writes: 0, authWrites: 0,
      changeMarker: async () => {
        const r = await db.selectFrom('audit_events').select(sql<number>`coalesce(max(seq), 0)`.as('m')).executeTakeFirst();
        return `${r?.m ?? 0}:${store.writes}`;
      },
      // Other processes' writes show only in the audit sequence, which every write moves.
      authMarker: () => store.changeMarker(),
    };
    return store;
  }
  let path = DEFAULT_SQLITE_PATH;
  if (url) {
    if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:")`);
    path = url.slice('sqlite:'.length) || DEFAULT_SQLITE_PATH;
  }
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = openSqlite(path, options);
  const db = new Kysely<Database>({ dialect: database.dialect });
  const store: Store = {
    db, dialect: 'sqlite', location: path, close: async () => { await db.destroy(); await database.close(); }, writes: 0, authWrites: 0, raw: database.raw, rawRead: database.rawRead,
    writeEpoch: database.writeEpoch, sawCommit: database.sawCommit, commitCount: database.commits, auditTail: null,
    // `data` moves with every commit (this process's too); `external` only with other processes'.
    changeMarker: async () => store.markersNow!().change,
    authMarker: async () => store.markersNow!().auth,
    markersNow: () => {
      const m = database.markers();
      return { change: `${m.data}:${store.writes}`, auth: `${m.external}:${store.authWrites}` };
    },
  };
  return store;
}

const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-001-record': m001,
  '2026-11-23-002-roll-calls': m002,
  '2026-11-23-003-articles': m003,
  '2026-11-23-004-label-scale': m004,
  '2026-11-23-005-list-indexes': m005,
  '2026-12-02-006-write-indexes': m006,
  '2026-12-03-010-clearance-requests': m010,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date. Returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when the store holds no parties yet (a fresh store, ready for the demo or an import). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('parties').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}
