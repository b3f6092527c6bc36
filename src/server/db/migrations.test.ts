/**
 * Migrations: frozen once shipped, run in a transaction on both stores, and an upgrade from a
 * store made at every schema version that ever landed gives today's schema with the data intact.
 *
 * A version's migrations are today's frozen files, but for the older forms of files changed
 * before they were frozen, kept as fixtures (test/fixtures/migrations/<commit>/). A store is built at
 * each version with them, filled with the demo's rows (the columns that version had), upgraded
 * with today's migrateToLatest, and compared with a fresh store: tables, columns, indexes and
 * constraints, and every row of every table as it was.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MIGRATIONS, migrateToLatest, type Store } from './database.ts';
import { TABLE_ORDER } from './tables.ts';
import { verifyChain } from '../audit/chain.ts';
import { loadDemo } from '../demo/load.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type StoreKind } from '../../../test/helpers.ts';

const MIGRATIONS_DIR = resolve(import.meta.dirname, 'migrations');
const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures/migrations');
const BIN = resolve(import.meta.dirname, '../../../bin/concord.js');

const migrationFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
const TODAY = migrationFiles(MIGRATIONS_DIR).map((f) => f.replace(/\.ts$/, ''));
/** Today's migrations by number: named('001', '002') → their full names. */
const named = (...numbers: string[]) => numbers.map((n) => TODAY.find((m) => m.includes(`-${n}-`))!);

/** Every schema version that landed on main, oldest first: the commit that made it, and its migrations. */
const VERSIONS = [
  { commit: '2450969', what: '001', migrations: named('001') },
  { commit: 'e2b86a5', what: '001–003', migrations: named('001', '002', '003') },
  { commit: '4749892', what: '001–004', migrations: named('001', '002', '003', '004') },
  { commit: '0d9edea', what: '001–005, 005 as first shipped (no meetings_beside; stores made at 0d9edea–cdd64ba)', migrations: named('001', '002', '003', '004', '005') },
  { commit: '7cd3e85', what: '001–005, 005 as edited', migrations: named('001', '002', '003', '004', '005') },
  { commit: '8a00442', what: '001–006', migrations: named('001', '002', '003', '004', '005', '006') },
  { commit: '28ac960', what: '001–006, 010', migrations: named('001', '002', '003', '004', '005', '006', '010') },
  { commit: '8d7d509', what: '001–006, 008 (landed after 010), 010', migrations: named('001', '002', '003', '004', '005', '006', '008', '010') },
  { commit: 'aa89ba7', what: '001–006, 008, 010, 011', migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011') },
  { commit: '255fa6f', what: '001–006, 008, 010–012', migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012') },
  { commit: '2b3fa59', what: '001–006, 008, 010–013', migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013') },
  { commit: 'a94a8bb', what: '001–006, 008, 010–014', migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014') },
  {
    commit: '708dda5',
    what: '001–006, 008, 010–013, 015 (the meeting-series branch, merged beside 014 and 016)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '015'),
  },
  { commit: 'aa5e0a5', what: '001–006, 008, 010–016', migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016') },
  {
    commit: 'd94396b',
    what: '001–006, 008, 010–017 (the search branch, merged beside 018, 019, 022, 023)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017'),
  },
  {
    commit: '6b7eb80',
    what: '001–006, 008, 010–016, 018 (the feeds branch)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '018'),
  },
  {
    commit: 'e4c7f41',
    what: '001–006, 008, 010–016, 019 (the speed-a branch)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '019'),
  },
  {
    commit: '7828c73',
    what: '001–006, 008, 010–016, 021 (the speed-b branch)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '021'),
  },
  {
    commit: '3a6725d',
    what: '001–006, 008, 010–016, 022 (the accounts branch before its notifications)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '022'),
  },
  {
    commit: '3f9a99e',
    what: '001–006, 008, 010–019, 021–023 (every branch of the fourteenth to seventeenth issues merged)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '021', '022', '023'),
  },
  {
    commit: 'eba0e5a',
    what: '001–006, 008, 010–019, 021–024 (the identity-providers branch, merged beside 025)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '021', '022', '023', '024'),
  },
  {
    commit: '6aa3aac',
    what: '001–006, 008, 010–019, 021–023, 025 (the passkeys branch, merged beside 024 and 026)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '021', '022', '023', '025'),
  },
  {
    commit: '4d14449',
    what: '001–006, 008, 010–019, 021–026 (the fourteenth to seventeenth issues, landed together)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '021', '022', '023', '024', '025', '026'),
  },
  {
    commit: '963e310',
    what: '001–006, 008, 010–019, 021–027 (the statement search index)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '021', '022', '023', '024', '025', '026', '027'),
  },
  {
    commit: '61fdfe4',
    what: '001–006, 008, 010–019, 021–028 (the chain seal and the actor-change index)',
    migrations: named('001', '002', '003', '004', '005', '006', '008', '010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '021', '022', '023', '024', '025', '026', '027', '028'),
  },
];

/**
 * A version's migrations as they were at its commit. A file that shipped is frozen (SHA256SUMS,
 * below), so that is today's file, except where one was changed before files were frozen: the
 * form it had at a version is a fixture, test/fixtures/migrations/<commit>/<file> (it imports
 * nothing but kysely).
 */
async function historicalMigrations(commit: string): Promise<Record<string, Migration>> {
  const out: Record<string, Migration> = {};
  for (const name of VERSIONS.find((v) => v.commit === commit)!.migrations) {
    const fixture = join(FIXTURES, commit, `${name}.ts`);
    out[name] = await import(existsSync(fixture) ? fixture : join(MIGRATIONS_DIR, `${name}.ts`));
  }
  return out;
}

test('a migration that shipped is frozen: each file matches its line in migrations/SHA256SUMS', () => {
  const sums = new Map(
    readFileSync(join(MIGRATIONS_DIR, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const [hash, file] = l.split(/\s+\*?/);
        return [file, hash] as const;
      }),
  );
  const files = migrationFiles(MIGRATIONS_DIR);
  for (const f of files) {
    const hash = createHash('sha256')
      .update(readFileSync(join(MIGRATIONS_DIR, f)))
      .digest('hex');
    assert.ok(sums.has(f), `${f} is not in migrations/SHA256SUMS: a new migration adds its line (sha256sum FILE >> SHA256SUMS)`);
    assert.equal(hash, sums.get(f), `${f} changed after it shipped: a store that ran it will never run it again. Add a new migration instead.`);
  }
  assert.deepEqual([...sums.keys()].sort(), files, 'SHA256SUMS names a migration file that is gone');
  assert.deepEqual(
    Object.keys(MIGRATIONS),
    files.map((f) => f.replace(/\.ts$/, '')),
    'database.ts runs every migration file, in order',
  );
});

test('the versions hold every landed schema version: every migration but the newest is in a version a store was made at', () => {
  // Migrations made side by side land together: then no one commit holds all but the newest, and
  // each has the version its own branch left (001–014, 001–013 + 015) instead.
  const covered = new Set(VERSIONS.flatMap((v) => v.migrations));
  assert.deepEqual(
    TODAY.slice(0, -1).filter((m) => !covered.has(m)),
    [],
    `when a migration lands, the next one adds a version for it`,
  );
  assert.deepEqual(
    VERSIONS.at(-1)!.migrations,
    TODAY.filter((m) => VERSIONS.at(-1)!.migrations.includes(m)),
    'a version holds migrations of today',
  );
  // A fixture is only the older form of a file: one equal to today's would hide nothing.
  for (const commit of readdirSync(FIXTURES)) {
    assert.ok(
      VERSIONS.some((v) => v.commit === commit),
      `test/fixtures/migrations/${commit} belongs to no version`,
    );
    for (const f of migrationFiles(join(FIXTURES, commit))) {
      assert.notEqual(readFileSync(join(FIXTURES, commit, f), 'utf8'), readFileSync(join(MIGRATIONS_DIR, f), 'utf8'), `${commit}/${f} is today's file`);
    }
  }
});

type Rows = Record<string, Record<string, unknown>[]>;

/** Every row of every table the store has (but Kysely's own), as sorted JSON-ready objects. */
async function allRows(db: Kysely<any>, tables: string[]): Promise<Rows> {
  const out: Rows = {};
  for (const t of tables) {
    const rows = (await db.selectFrom(t).selectAll().execute()).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    out[t] = rows
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort()
      .map((s) => JSON.parse(s));
  }
  return out;
}

/** The given columns of each table's rows, in a fixed order. */
const only = (rows: Rows, columns: Record<string, string[]>): Rows =>
  Object.fromEntries(
    Object.entries(columns).map(([t, cols]) => [
      t,
      (rows[t] ?? [])
        .map((r) => JSON.stringify(cols.map((c) => [c, r[c]])))
        .sort()
        .map((s) => Object.fromEntries(JSON.parse(s))),
    ]),
  );

interface Schema {
  /** table → its columns (in order) with their definitions. */
  tables: Record<string, string[]>;
  /** index name → its definition. */
  indexes: Record<string, string>;
  /** table → its constraints (keys, foreign keys, checks). */
  constraints: Record<string, string[]>;
}

const IGNORED = /^(kysely_migration|kysely_migration_lock)$/;

async function schemaOf(store: Store): Promise<Schema> {
  const s: Schema = { tables: {}, indexes: {}, constraints: {} };
  if (store.dialect === 'sqlite') {
    const db = store.sqlite!.write;
    const tables = db.prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string; sql: string }[];
    for (const { name } of tables) {
      if (IGNORED.test(name)) continue;
      s.tables[name] = (db.prepare(`select name, type, "notnull", dflt_value, pk from pragma_table_info(?)`).all(name) as Record<string, unknown>[]).map((c) => JSON.stringify(c));
      s.constraints[name] = (db.prepare(`select "table", "from", "to", on_update, on_delete from pragma_foreign_key_list(?)`).all(name) as Record<string, unknown>[])
        .map((c) => JSON.stringify(c))
        .sort();
      for (const ix of db.prepare(`select name, "unique", origin, partial from pragma_index_list(?)`).all(name) as { name: string; unique: number; origin: string; partial: number }[]) {
        const cols = (db.prepare(`select name, desc from pragma_index_xinfo(?) where key = 1 order by seqno`).all(ix.name) as { name: string; desc: number }[]).map(
          (c) => `${c.name}${c.desc ? ' desc' : ''}`,
        );
        const text = (db.prepare(`select sql from sqlite_master where name = ?`).get(ix.name) as { sql: string | null } | undefined)?.sql ?? '';
        const where = ix.partial ? / where (.*)$/is.exec(text)?.[1].replace(/\s+/g, ' ').toLowerCase() : '';
        // Automatic indexes of UNIQUE/PRIMARY KEY constraints are named by position; key them by table and columns.
        const key = ix.origin === 'c' ? ix.name : `${name}(${cols.join(', ')}) ${ix.origin}`;
        s.indexes[key] = `${name} (${cols.join(', ')})${ix.unique ? ' unique' : ''}${where ? ` where ${where}` : ''}`;
      }
    }
    // A table's own text holds its checks; columns added by ALTER TABLE put theirs at the end either way.
    for (const { name, sql: text } of tables) if (!IGNORED.test(name)) s.constraints[name].push(...(text.match(/\bcheck\s*\((?:[^()]|\([^()]*\))*\)/gi) ?? []).map((c) => c.toLowerCase()).sort());
    return s;
  }
  const cols = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>`
    select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
    where table_schema = 'public' order by table_name, ordinal_position`.execute(store.db);
  for (const c of cols.rows) {
    if (IGNORED.test(c.table_name)) continue;
    s.tables[c.table_name] ??= [];
    s.tables[c.table_name].push(JSON.stringify([c.column_name, c.data_type, c.is_nullable, c.column_default]));
  }
  const ixs = await sql<{ indexname: string; indexdef: string; tablename: string }>`select indexname, indexdef, tablename from pg_indexes where schemaname = 'public'`.execute(store.db);
  for (const ix of ixs.rows) if (!IGNORED.test(ix.tablename)) s.indexes[ix.indexname] = ix.indexdef;
  const cons = await sql<{ t: string; name: string; def: string }>`
    select c.conrelid::regclass::text as t, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'`.execute(store.db);
  for (const c of cons.rows) {
    if (IGNORED.test(c.t)) continue;
    s.constraints[c.t] ??= [];
    s.constraints[c.t].push(`${c.name}: ${c.def}`);
  }
  for (const k of Object.keys(s.constraints)) s.constraints[k].sort();
  return s;
}

/** The demo's rows, read once from a store at today's schema. */
let demoRows: Promise<Rows> | undefined;
function demo(): Promise<Rows> {
  demoRows ??= (async () => {
    const store = await freshStore('sqlite');
    try {
      await loadDemo(store);
      return await allRows(store.db, TABLE_ORDER as string[]);
    } finally {
      await store.close();
    }
  })();
  return demoRows;
}

/** Copies the demo's rows into a store at an older schema: the columns each table had then. */
async function fill(store: Store, schema: Schema): Promise<void> {
  const rows = await demo();
  await store.db.transaction().execute(async (trx) => {
    // The rows are copied in dependency order, but a table may refer to itself.
    if (store.dialect === 'sqlite') await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
    else await sql`set local session_replication_role = replica`.execute(trx);
    for (const t of TABLE_ORDER) {
      const cols = schema.tables[t];
      if (!cols || !rows[t]?.length) continue;
      const names = cols.map((c) => (store.dialect === 'sqlite' ? (JSON.parse(c) as { name: string }).name : (JSON.parse(c) as string[])[0]));
      for (const r of rows[t])
        await trx
          .insertInto(t as never)
          .values(Object.fromEntries(names.map((n) => [n, r[n] ?? null])) as never)
          .execute();
    }
  });
}

/** A store of the given kind at a historical version, filled with the demo's rows. */
async function storeAt(kind: StoreKind, commit: string): Promise<{ store: Store; before: Rows; columns: Record<string, string[]> }> {
  // freshStore migrates to today's schema; a store for a historical version starts from nothing.
  const store = await freshStore(kind);
  await dropEverything(store);
  await migrateToLatest(store.db, await historicalMigrations(commit));
  const schema = await schemaOf(store);
  await fill(store, schema);
  const columns = Object.fromEntries(
    Object.entries(schema.tables).map(([t, cols]) => [t, cols.map((c) => (kind === 'sqlite' ? (JSON.parse(c) as { name: string }).name : (JSON.parse(c) as string[])[0]))]),
  );
  return { store, before: only(await allRows(store.db, Object.keys(columns)), columns), columns };
}

async function dropEverything(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') {
    const db = store.sqlite!.write;
    db.exec('PRAGMA foreign_keys = OFF');
    // `if exists`: dropping the search's FTS5 table (migration 017) drops its shadow tables with it.
    for (const { name } of db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[]) db.exec(`drop table if exists "${name}"`);
    db.exec('PRAGMA foreign_keys = ON');
  } else {
    await sql`drop schema public cascade`.execute(store.db);
    await sql`create schema public`.execute(store.db);
  }
}

async function checkUpgraded(store: Store, kind: StoreKind, before: Rows, columns: Record<string, string[]>): Promise<void> {
  const fresh = await freshStore(kind);
  try {
    assert.deepEqual(await schemaOf(store), await schemaOf(fresh), "the upgraded schema is a fresh store's");
  } finally {
    await fresh.close();
  }
  assert.deepEqual(only(await allRows(store.db, Object.keys(columns)), columns), before, 'every row is as it was');
  const chain = await verifyChain(store.db);
  assert.ok(chain.ok, 'the audit chain verifies');
  assert.equal(chain.checked, before.audit_events.length);
  assert.ok(before.meetings.length > 0 && before.audit_events.length > 0, 'the store held data');
  assert.deepEqual(await migrateToLatest(store.db), [], 'a second run has nothing to do');
}

for (const kind of storeKinds()) {
  // Each version's store is its own (a file, or a database of its own): four upgrade at once, so
  // PostgreSQL's round trips and fsyncs overlap with the next store's work.
  describe(`${kind}: every landed version upgrades`, { concurrency: 4 }, () => {
    for (const v of VERSIONS) {
      test(`${kind}: a store made at ${v.commit} (${v.what}) upgrades to today's schema with its data intact`, async () => {
        const { store, before, columns } = await storeAt(kind, v.commit);
        try {
          const applied = await migrateToLatest(store.db);
          assert.deepEqual(
            applied,
            TODAY.filter((m) => !v.migrations.includes(m)),
            'the upgrade applies exactly the migrations the version lacked',
          );
          await checkUpgraded(store, kind, before, columns);
        } finally {
          await store.close();
        }
      });
    }
  });

  test(`${kind}: a failing migration leaves the schema and the migration record as they were`, async () => {
    const store = await freshStore(kind);
    try {
      const schema = await schemaOf(store);
      const broken: Record<string, Migration> = {
        ...MIGRATIONS,
        '2099-01-01-001-broken': {
          up: async (db) => {
            await db.schema
              .createTable('half_done')
              .addColumn('id', 'text', (c) => c.primaryKey())
              .execute();
            await db.schema.dropIndex('meetings_beside').execute();
            await db.schema.dropIndex('no_such_index').execute();
          },
        },
      };
      await assert.rejects(migrateToLatest(store.db, broken));
      assert.deepEqual(await schemaOf(store), schema, 'nothing of the broken migration remains');
      const ran = await store.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      assert.ok(!ran.some((r) => (r as { name: string }).name.startsWith('2099')));
      // The store still works, and a later run still migrates.
      assert.deepEqual(await migrateToLatest(store.db), []);
    } finally {
      await store.close();
    }
  });
}

test('sqlite: a store left half-migrated by 006 (made at 0d9edea, 006 failed midway) is repaired by the next concord migrate', async () => {
  const { store, before, columns } = await storeAt('sqlite', '0d9edea');
  try {
    // What the upgrade did before migrations ran in a transaction: 006's statements one by one,
    // autocommitted, until the one that dropped the missing index failed.
    const m006 = (await historicalMigrations('8a00442'))['2026-12-02-006-write-indexes'];
    await assert.rejects(m006.up(store.db), /meetings_beside/);
    const idx = store.sqlite!.write.prepare(`select name from sqlite_master where type = 'index' and name = 'attendance_meeting_id'`).all();
    assert.equal(idx.length, 0, 'the half-applied state: 006 dropped one index and failed on the next');
    // Every command failed on such a store; the next `concord migrate` repairs it, and export works.
    const env = { ...process.env, DATABASE_URL: `sqlite:${store.location}` };
    const m = spawnSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8' });
    assert.equal(m.status, 0, m.stderr);
    assert.match(
      m.stdout,
      /Applied 2026-12-02-006-write-indexes, 2026-12-03-008-sign-in-throttle, 2026-12-03-010-clearance-requests, 2026-12-03-011-repair-indexes, 2026-12-03-012-issue-list-order, 2026-12-03-013-token-scopes, 2026-12-03-014-group-proposals, 2026-12-03-015-meeting-series, 2026-12-03-016-signatures-and-recorders, 2026-12-03-017-search, 2026-12-03-018-group-feeds, 2026-12-03-019-analytics-logs, 2026-12-03-021-growth-indexes, 2026-12-03-022-password-lifecycle, 2026-12-03-023-notifications, 2026-12-03-024-identity-providers, 2026-12-03-025-passkeys, 2026-12-03-026-notification-preferences, 2026-12-04-027-quote-search, 2026-12-04-028-chain-seal, 2026-12-04-029-markers-and-keyed-seal to /,
    );
    const x = spawnSync(process.execPath, [BIN, 'export', '-'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(x.status, 0, x.stderr);
    assert.ok(x.stdout.length > 1000);
    await checkUpgraded(store, 'sqlite', before, columns);
  } finally {
    await store.close();
  }
});

// The race is narrow (one failure in ~8 pairs before the fix): four rounds, each on a new store.
test('sqlite: two processes migrating one new store at once: one applies, the other finds it up to date, neither fails (4 rounds)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-migrate-'));
  try {
    for (let round = 0; round < 4; round++) {
      const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, `store-${round}.db`)}` };
      const run = () =>
        new Promise<{ status: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, [BIN, 'migrate'], { env });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (status) => done({ status, out }));
        });
      const [a, b] = await Promise.all([run(), run()]);
      assert.equal(a.status, 0, a.out);
      assert.equal(b.status, 0, b.out);
      const applied = [a, b].filter((r) => /Applied /.test(r.out));
      assert.equal(applied.length, 1, `${a.out}\n${b.out}`);
      assert.match([a, b].find((r) => !/Applied /.test(r.out))!.out, /is up to date/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const kind of storeKinds()) {
  test(`${kind}: 013 makes every existing token a write token that expires 90 days after the migration`, async () => {
    const store = await freshStore(kind);
    try {
      await seedWorld(store);
      const m013 = MIGRATIONS['2026-12-03-013-token-scopes'];
      await m013.down!(store.db);
      const at = Date.now();
      await m013.up(store.db);
      const tokens = await store.db.selectFrom('api_tokens').selectAll().execute();
      assert.ok(tokens.length > 10);
      for (const t of tokens) {
        assert.equal(t.scope, 'write');
        assert.equal(t.wg_id, null);
        assert.equal(t.last_used_at, null);
        const days = (Date.parse(t.expires_at!) - at) / 86400_000;
        assert.ok(days > 89.99 && days < 90.01, `${days} days`);
      }
    } finally {
      await store.close();
    }
  });
}

for (const kind of storeKinds()) {
  test(`${kind}: 016 fills who recorded each statement from its audit event, else its owner; sign-offs before it stay unsigned`, async () => {
    const store = await freshStore(kind);
    try {
      const w = await seedWorld(store);
      const app = await testApp(store);
      try {
        const made = await call(app, w.users.state_member, {
          method: 'POST',
          url: '/api/statements',
          payload: { wgId: w.wgId, saidOn: '2026-01-05', medium: 'remarks', language: 'en', quote: 'We coordinate closely.', speakerOrgId: w.orgs.state },
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
      } finally {
        await app.close();
      }
      await insertUnauditedStatement(store, w.orgs.mofa, w.parties.kr);
      const m016 = MIGRATIONS['2026-12-03-016-signatures-and-recorders'];
      await m016.down!(store.db);
      await m016.up(store.db);
      const rows = await store.db.selectFrom('statements').select(['id', 'recorded_org_id', 'recorded_by', 'recorded_via', 'owner_org_id']).orderBy('id').execute();
      const byApi = rows.find((r) => r.recorded_by !== null)!;
      assert.deepEqual([byApi.recorded_org_id, byApi.recorded_by, byApi.recorded_via], [w.orgs.state, w.users.state_member.id, 'entry'], 'from the statement.create event');
      const loaded = rows.find((r) => r.id === 'st-loaded')!;
      assert.deepEqual([loaded.recorded_org_id, loaded.recorded_by, loaded.recorded_via], [w.orgs.mofa, null, 'import'], 'no event: the owner, loaded by the server');
      const signed = await store.db.selectFrom('signoffs').select(['signature', 'key_id', 'public_key']).execute();
      for (const s of signed) assert.deepEqual(s, { signature: null, key_id: null, public_key: null });
    } finally {
      await store.close();
    }
  });
}

/** A statement written without an audit event, as a bulk load writes it. */
async function insertUnauditedStatement(store: Store, orgId: string, partyId: string) {
  const t = new Date().toISOString();
  await store.db
    .insertInto('statements')
    .values({
      id: 'st-loaded',
      wg_id: null,
      party_id: partyId,
      speaker_person_id: null,
      speaker_org_id: orgId,
      speaker_description: null,
      said_on: '2025-01-01',
      medium: 'remarks',
      language: 'en',
      quote: 'Loaded.',
      context: null,
      source_url: null,
      source_title: null,
      passage: null,
      owner_org_id: orgId,
      owner_party_id: partyId,
      scope: 'public',
      classification: 0,
      version: 1,
      created_at: t,
      updated_at: t,
    })
    .execute();
}
