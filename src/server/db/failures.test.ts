/**
 * A store that cannot be written (disk full, read-only, I/O error) answers writes with a clear
 * 503 `store_unavailable` and Retry-After, and /readyz fails until a write succeeds again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { storeFailure } from './failures.ts';
import { migrateToLatest, openStore, type Store } from './database.ts';
import { buildApp } from '../app.ts';
import { WriteThread } from '../commands/write-thread.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World } from '../../../test/helpers.ts';

const meeting = (w: World, title: string) => ({
  method: 'POST' as const,
  url: '/api/meetings',
  payload: { wgId: w.wgId, title, level: 'working', format: 'video', startsAt: '2026-03-01T10:00:00+09:00', timezone: 'Asia/Seoul' },
});

async function expectUnwritable(app: FastifyInstance, w: World, reason: RegExp): Promise<void> {
  // As large as the writes that filled the store (a smaller one might still fit).
  const r = await call(app, w.users.mofa_secretariat, meeting(w, `Refused ${'x'.repeat(450)}`));
  assert.equal(r.status, 503, JSON.stringify(r.body));
  assert.equal(r.body.error, 'store_unavailable');
  assert.match(r.body.message, /cannot be written/);
  assert.match(r.body.message, reason);
  assert.ok(Number(r.headers['retry-after']) > 0, 'Retry-After');
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 503);
  assert.match(ready.json().reason, reason);
  // Reads still work.
  assert.equal((await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/meetings?wgId=${w.wgId}` })).status, 200);
}

async function expectWritableAgain(app: FastifyInstance, w: World): Promise<void> {
  const r = await call(app, w.users.mofa_secretariat, meeting(w, 'Accepted'));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200, ready.body);
}

test('store failures are classified in one place, for both stores', () => {
  const sqlite = (errcode: number) => Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode });
  assert.match(storeFailure(sqlite(13))!, /disk is full/); // SQLITE_FULL
  assert.match(storeFailure(sqlite(8))!, /read-only/); // SQLITE_READONLY
  assert.match(storeFailure(sqlite(8 | (5 << 8)))!, /read-only/); // SQLITE_READONLY_DBMOVED
  assert.match(storeFailure(sqlite(10 | (4 << 8)))!, /I\/O error/); // SQLITE_IOERR_WRITE
  assert.match(storeFailure(sqlite(14))!, /cannot be opened/); // SQLITE_CANTOPEN
  assert.equal(storeFailure(sqlite(787)), null); // a foreign key: the caller's mistake
  assert.equal(storeFailure(sqlite(5)), null); // SQLITE_BUSY
  assert.match(storeFailure(Object.assign(new Error('x'), { code: '53100' }))!, /disk is full/);
  assert.match(storeFailure(Object.assign(new Error('x'), { code: '53200' }))!, /out of resources/);
  assert.match(storeFailure(Object.assign(new Error('x'), { code: '25006' }))!, /read-only/);
  assert.equal(storeFailure(Object.assign(new Error('x'), { code: '23505' })), null);
  assert.equal(storeFailure(new Error('plain')), null);
  assert.equal(storeFailure(null), null);
});

test('sqlite: a read-only store answers writes 503 and fails /readyz until it can be written again', async () => {
  const store = await freshStore('sqlite');
  try {
    const w = await seedWorld(store);
    const app = await buildApp({ store, webRoot: false, signInPerMinute: 1000 });
    // As good as a read-only file (root ignores file modes): SQLite answers SQLITE_READONLY.
    store.sqlite!.write.exec('PRAGMA query_only = ON');
    await expectUnwritable(app, w, /read-only/);
    store.sqlite!.write.exec('PRAGMA query_only = OFF');
    await expectWritableAgain(app, w);
    await app.close();
  } finally {
    await store.close();
  }
});

test('sqlite: a full store (max_page_count reached) answers writes 503 and fails /readyz until a write succeeds', async () => {
  const store = await freshStore('sqlite');
  try {
    const w = await seedWorld(store);
    const app = await buildApp({ store, webRoot: false, signInPerMinute: 1000 });
    const pages = Number((store.sqlite!.write.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    store.sqlite!.write.exec(`PRAGMA max_page_count = ${pages}`);
    // Fill the last free pages, so the next write needs a new one.
    let refused = false;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await call(app, w.users.mofa_secretariat, meeting(w, `Filler ${i} ${'x'.repeat(450)}`));
      if (r.status === 503) refused = true;
      else assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    assert.ok(refused, 'the store filled up');
    await expectUnwritable(app, w, /disk is full/);
    store.sqlite!.write.exec(`PRAGMA max_page_count = ${pages * 100}`);
    await expectWritableAgain(app, w);
    await app.close();
  } finally {
    await store.close();
  }
});

// A real full disk: an 8 MB tmpfs (room for the migrated store with its search index) (needs root and a kernel that lets the test mount one; skipped
// otherwise), with the API's writes on the write thread as under `concord serve`.
test('sqlite: a full disk (tmpfs) answers writes 503 through the write thread; freeing space makes it ready again', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-full-'));
  const mnt = join(dir, 'disk');
  mkdirSync(mnt);
  const mount = process.getuid?.() === 0 ? spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt], { encoding: 'utf8' }) : null;
  if (mount?.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    t.skip('cannot mount a tmpfs here (needs root)');
    return;
  }
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  try {
    const path = join(mnt, 'store.db');
    store = openStore(`sqlite:${path}`);
    await migrateToLatest(store.db);
    const w = await seedWorld(store);
    const writer = await WriteThread.start(path, store);
    app = await buildApp({ store, webRoot: false, signInPerMinute: 1000, writer });
    app.addHook('onClose', () => writer.close());
    assert.equal((await call(app, w.users.mofa_secretariat, meeting(w, 'Before'))).status, 201);
    // Fill the disk.
    const filler = join(mnt, 'filler');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(16 * 1024, 1);
    try {
      for (;;) writeSync(fd, block);
    } catch {
      try {
        for (;;) writeSync(fd, block, 0, 512);
      } catch {
        // full
      }
    }
    closeSync(fd);
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await call(app, w.users.mofa_secretariat, meeting(w, `Filler ${i} ${'x'.repeat(450)}`));
      if (r.status === 503) refused = true;
      else assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    assert.ok(refused, 'a write was refused once the disk was full');
    await expectUnwritable(app, w, /disk is full|I\/O error/);
    unlinkSync(filler);
    await expectWritableAgain(app, w);
  } finally {
    await app?.close();
    await store?.close();
    spawnSync('umount', [mnt]);
    rmSync(dir, { recursive: true, force: true });
  }
});

if (storeKinds().includes('postgres')) {
  test('postgres: a read-only database (as a standby) answers writes 503 and fails /readyz', async () => {
    const store = await freshStore('postgres');
    const url = new URL(process.env.CONCORD_TEST_PG!);
    const name = store.location.split('/').pop()!.split('?')[0];
    url.pathname = `/${name}`;
    let ro: Store | undefined;
    try {
      const w = await seedWorld(store);
      const admin = new pg.Client({ connectionString: process.env.CONCORD_TEST_PG });
      await admin.connect();
      await admin.query(`alter database ${name} set default_transaction_read_only = on`);
      await admin.end();
      // New connections see the setting: a second store on the same database.
      ro = openStore(url.toString());
      const app = await testApp(ro);
      await expectUnwritable(app, w, /read-only/);
      await app.close();
    } finally {
      await ro?.close();
      await store.close();
    }
  });
}
