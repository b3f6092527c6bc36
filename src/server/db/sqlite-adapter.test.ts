/**
 * The embedded store's connection: the read connection sees committed data only, concurrent
 * transactions share one COMMIT without sharing their failures, a lone write is its own
 * transaction, and a transaction that waits on something outside the store keeps the others out.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openStore, type Store } from './database.ts';
import { sqliteSync } from './sqlite-adapter.ts';
import { appendAudit, verifyChain } from '../audit/chain.ts';

async function fileStore(t: { after(fn: () => Promise<void>): void }, options = {}): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-sqlite-'));
  const store = openStore(`sqlite:${join(dir, 'store.db')}`, options);
  await migrateToLatest(store.db);
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const party = (id: string) => ({
  id,
  code: id.toUpperCase(),
  name: `Party ${id}`,
  name_ko: null,
  kind: 'government',
  version: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
const guard = { wg_id: null, owner_org_id: 'o', owner_party_id: 'p', scope: 'public' as const, classification: 0 };
const count = async (store: Store) => Number((await store.db.selectFrom('parties').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
const physicalCommits = (store: Store) => {
  // Every physical COMMIT moves the WAL's frame count; count changes of the write connection's
  // total_changes would not tell commits apart, so count COMMIT statements instead.
  const raw = store.sqlite!.write;
  const exec = raw.exec.bind(raw);
  let n = 0;
  raw.exec = (s: string) => {
    if (s === 'COMMIT') n += 1;
    return exec(s);
  };
  return () => n;
};

test('a read outside a transaction sees committed data only', async (t) => {
  const store = await fileStore(t);
  let seenInside = -1;
  let seenOutside = -1;
  await store.db.transaction().execute(async (tx) => {
    await tx.insertInto('parties').values(party('a')).execute();
    seenInside = Number((await tx.selectFrom('parties').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    seenOutside = await count(store);
  });
  assert.equal(seenInside, 1, 'the transaction sees its own write');
  assert.equal(seenOutside, 0, 'a read beside it does not');
  assert.equal(await count(store), 1, 'and sees it once committed');
});

test('concurrent transactions share one COMMIT; a failed one rolls back alone', async (t) => {
  const store = await fileStore(t);
  const commits = physicalCommits(store);
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('parties')
          .values(party(`p${i}`))
          .execute();
        await appendAudit(tx, { dialect: 'sqlite', auditHead: () => null, keepAuditHead: () => {} }, { actorUserId: null, actorOrgId: null, requestId: `r${i}` }, [
          { action: 'party.create', entityType: 'party', entityId: `p${i}`, after: { i }, guard },
        ]);
        if (i % 5 === 3) throw new Error(`transaction ${i} fails`);
      }),
    ),
  );
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
  assert.deepEqual(failed, [3, 8, 13, 18]);
  assert.equal(await count(store), 16);
  const audit = await store.db.selectFrom('audit_events').select('request_id').orderBy('seq').execute();
  assert.deepEqual(
    audit.map((a) => a.request_id),
    [...Array(20).keys()].filter((i) => i % 5 !== 3).map((i) => `r${i}`),
    'each write kept its audit event, in order',
  );
  assert.deepEqual(await verifyChain(store.db), { ok: true, checked: 16 });
  assert.ok(commits() < 5, `20 transactions took ${commits()} commits`);
});

test('when the first transaction of a group fails, the ones after it still commit', async (t) => {
  const store = await fileStore(t);
  const results = await Promise.allSettled(
    [0, 1, 2].map((i) =>
      store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('parties')
          .values(party(`f${i}`))
          .execute();
        if (i === 0) throw new Error('the first fails');
      }),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'fulfilled'],
  );
  assert.deepEqual(
    (await store.db.selectFrom('parties').select('id').orderBy('id').execute()).map((r) => r.id),
    ['f1', 'f2'],
  );
});

test('a transaction resolves only after its COMMIT: what a caller was told is durable', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-sqlite-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const url = `sqlite:${join(dir, 'store.db')}`;
  const store = openStore(url);
  await migrateToLatest(store.db);
  await Promise.all(
    [0, 1, 2].map((i) =>
      store.db.transaction().execute((tx) =>
        tx
          .insertInto('parties')
          .values(party(`d${i}`))
          .execute(),
      ),
    ),
  );
  // Another connection (another process, as far as SQLite knows) sees all three at once.
  const other = openStore(url);
  assert.equal(await count(other), 3);
  await other.close();
  await store.close();
});

test('a lone write outside a transaction is a transaction of its own', async (t) => {
  const store = await fileStore(t);
  await store.db.insertInto('parties').values(party('x')).execute();
  assert.equal(await count(store), 1);
  await assert.rejects(store.db.insertInto('parties').values(party('x')).execute(), /UNIQUE/);
  assert.equal(await count(store), 1);
  await store.db.updateTable('parties').set({ name: 'Renamed' }).where('id', '=', 'x').execute();
  assert.equal((await store.db.selectFrom('parties').select('name').executeTakeFirstOrThrow()).name, 'Renamed');
});

test('a transaction that awaits something outside the store keeps the write connection to itself', async (t) => {
  const store = await fileStore(t);
  const order: string[] = [];
  const slow = store.db.transaction().execute(async (tx) => {
    await tx.insertInto('parties').values(party('slow')).execute();
    order.push('slow wrote');
    await new Promise((r) => setTimeout(r, 30)); // e.g. a password hash on the thread pool
    order.push('slow done');
  });
  await new Promise((r) => setImmediate(r));
  const quick = store.db.transaction().execute(async (tx) => {
    order.push('quick starts');
    await tx.insertInto('parties').values(party('quick')).execute();
  });
  await Promise.all([slow, quick]);
  assert.deepEqual(order, ['slow wrote', 'slow done', 'quick starts']);
  assert.equal(await count(store), 2);
});

test('the read connection refuses writes', async (t) => {
  const store = await fileStore(t);
  assert.throws(
    () => store.sqlite!.read().exec(`insert into parties (id, code, name, kind, version, created_at, updated_at) values ('r', 'R', 'R', 'government', 1, 'x', 'x')`),
    /readonly|read-only|query_only/i,
  );
});

test('the background checkpointer keeps the WAL short and stops with the store', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-sqlite-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'store.db');
  const store = openStore(`sqlite:${path}`, { backgroundCheckpoint: true });
  await migrateToLatest(store.db);
  // 200 commits of ~40 KB each: 8 MB of log, under the write connection's own threshold (80 MB),
  // so only the checkpointer can let SQLite start the log over.
  const long = 'x'.repeat(40_000);
  for (let i = 0; i < 200; i++) {
    await store.db
      .insertInto('parties')
      .values({ ...party(`c${i}`), name: long })
      .execute();
    if (i % 20 === 0) await new Promise((r) => setTimeout(r, 300));
  }
  const wal = statSync(`${path}-wal`).size;
  assert.ok(wal < 4_000_000, `the WAL grew to ${wal} bytes`);
  assert.equal(await count(store), 200);
  await store.close();
});

test('SQLite says which connection a statement runs on: CTEs, pragmas and RETURNING, whatever the first word', async (t) => {
  const store = await fileStore(t);
  await store.db.insertInto('parties').values(party('a')).execute();
  // As under `concord serve` with the write thread: the write connection refuses writes, so a
  // read routed to it as a write (a transaction of its own) would fail.
  store.sqlite!.write.exec('PRAGMA query_only = ON');
  try {
    const cte = await sql<{ n: number }>`with p as (select id from parties) select count(*) as n from p`.execute(store.db);
    assert.equal(Number(cte.rows[0]!.n), 1, 'WITH … SELECT is a read');
    const recursive = await sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 5) select max(x) as n from c`.execute(store.db);
    assert.equal(Number(recursive.rows[0]!.n), 5, 'a recursive CTE is a read');
    const lower = await sql<{ n: number }>`  /* leading comment */ SELECT count(*) as n FROM parties`.execute(store.db);
    assert.equal(Number(lower.rows[0]!.n), 1);
    const info = await sql<{ name: string }>`select name from pragma_table_info('parties') order by cid`.execute(store.db);
    assert.ok(
      info.rows.some((r) => r.name === 'code'),
      'a table-valued pragma is a read',
    );
    const pragma = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    assert.equal(Number(pragma.rows[0]!.foreign_keys), 1, 'a pragma runs on the write connection, whose settings it reports');
    const values = await sql<{ v: number }>`values (42)`.execute(store.db);
    assert.equal(Number(Object.values(values.rows[0]!)[0]), 42, 'VALUES is a read');
  } finally {
    store.sqlite!.write.exec('PRAGMA query_only = OFF');
  }
  // Writes in disguise go to the write connection, in a transaction of their own.
  const inserted = await sql<{
    id: string;
  }>`with x as (select 'b' as id) insert into parties (id, code, name, kind, version, created_at, updated_at) select id, 'B', 'Party b', 'government', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' from x returning id`.execute(
    store.db,
  );
  assert.deepEqual(
    inserted.rows.map((r) => r.id),
    ['b'],
    'WITH … INSERT … RETURNING is a write',
  );
  const returned = await store.db.insertInto('parties').values(party('c')).returning('id').execute();
  assert.deepEqual(
    returned.map((r) => r.id),
    ['c'],
  );
  const deleted = await sql<{ id: string }>`delete from parties where id = 'c' returning id`.execute(store.db);
  assert.deepEqual(
    deleted.rows.map((r) => r.id),
    ['c'],
  );
  assert.equal(await count(store), 2);
});

test('commits survive a power loss by default (synchronous = FULL); CONCORD_SQLITE_SYNC=normal trades that away', async (t) => {
  const store = await fileStore(t);
  assert.equal((store.sqlite!.write.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous, 2, 'FULL');
  assert.equal(sqliteSync(undefined), 'FULL');
  assert.equal(sqliteSync('full'), 'FULL');
  assert.equal(sqliteSync('NORMAL'), 'NORMAL');
  assert.throws(() => sqliteSync('off'), /CONCORD_SQLITE_SYNC must be full or normal/);
});
