/**
 * Signed checkpoints: the store verifies against a checkpoint while its chain is untouched, and
 * fails when events up to it were removed, changed and re-chained, or when the checkpoint itself
 * was altered or signed by another key. On both stores.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { appendAudit, hashEvent, verifyChain } from './chain.ts';
import { loadOrCreateKey, parseCheckpoint, takeCheckpoint, verifyAgainstCheckpoint } from './checkpoint.ts';
import { freshStore, seedWorld, storeKinds } from '../../../test/helpers.ts';
import type { Store } from '../db/database.ts';

async function withEvents(store: Store, n: number) {
  if (!(await store.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst())) await seedWorld(store);
  const org = await store.db.selectFrom('organisations').select(['id', 'party_id']).limit(1).executeTakeFirstOrThrow();
  const guard = { wg_id: null, owner_org_id: org.id, owner_party_id: org.party_id, scope: 'public' as const, classification: 0 };
  for (let i = 0; i < n; i++) {
    await store.db
      .transaction()
      .execute((tx) =>
        appendAudit(tx, store, { actorUserId: null, actorOrgId: null, requestId: null }, [{ action: 'store.import', entityType: 'store', entityId: `e${i}`, after: { i }, guard: guard as never }]),
      );
  }
}

/** Changes one event and recomputes every hash after it, as someone hiding an edit would. */
async function rechain(store: Store, seq: number) {
  const rows = await store.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  let prev: string | undefined;
  for (const r of rows) {
    const s = Number(r.seq);
    if (s < seq) {
      prev = r.hash;
      continue;
    }
    const { hash: _old, ...rest } = r;
    const row = { ...rest, seq: s, classification: Number(r.classification), prev_hash: prev!, after: s === seq ? '{"i":"forged"}' : r.after };
    const hash = hashEvent(row);
    await store.db.updateTable('audit_events').set({ after: row.after, prev_hash: row.prev_hash, hash }).where('seq', '=', r.seq).execute();
    prev = hash;
  }
}

for (const kind of storeKinds()) {
  describe(`audit checkpoints (${kind})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-key-'));
    const key = loadOrCreateKey(join(dir, 'key.pem'));

    test('an untouched chain matches its checkpoint; later events do not matter', async () => {
      const store = await freshStore(kind);
      try {
        await withEvents(store, 5);
        const c = parseCheckpoint(JSON.stringify(await takeCheckpoint(store.db, key)));
        assert.equal(c.seq, c.events);
        assert.deepEqual(await verifyAgainstCheckpoint(store.db, c, key.publicKey), { ok: true, checked: c.events });
        await withEvents(store, 2);
        assert.equal((await verifyAgainstCheckpoint(store.db, c, key.publicKey)).ok, true);
        assert.equal(loadOrCreateKey(key.path).keyId, key.keyId, 'the key is read back, not made again');
      } finally {
        await store.close();
      }
    });

    test('removing the newest events is caught', async () => {
      const store = await freshStore(kind);
      try {
        await withEvents(store, 5);
        const c = await takeCheckpoint(store.db, key);
        await store.db
          .deleteFrom('audit_events')
          .where('seq', '>=', c.seq - 1)
          .execute();
        assert.equal((await verifyChain(store.db)).ok, true, 'the chain alone cannot tell');
        const r = await verifyAgainstCheckpoint(store.db, c, key.publicKey);
        assert.equal(r.ok, false);
        assert.match((r as { reason: string }).reason, /missing|removed/);
      } finally {
        await store.close();
      }
    });

    test('an edit hidden by recomputing the chain is caught', async () => {
      const store = await freshStore(kind);
      try {
        await withEvents(store, 5);
        const c = await takeCheckpoint(store.db, key);
        await rechain(store, c.seq - 2);
        assert.equal((await verifyChain(store.db)).ok, true, 'the chain alone cannot tell');
        const r = await verifyAgainstCheckpoint(store.db, c, key.publicKey);
        assert.equal(r.ok, false);
        assert.match((r as { reason: string }).reason, /recomputed/);
      } finally {
        await store.close();
      }
    });

    test('an altered checkpoint, or one signed by another key, is refused', async () => {
      const store = await freshStore(kind);
      try {
        await withEvents(store, 3);
        const c = await takeCheckpoint(store.db, key);
        const altered = { ...c, seq: 2, events: 2, head: (await store.db.selectFrom('audit_events').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow()).hash };
        assert.match(((await verifyAgainstCheckpoint(store.db, altered, key.publicKey)) as { reason: string }).reason, /signature/);
        const other = generateKeyPairSync('ed25519').publicKey;
        assert.match(((await verifyAgainstCheckpoint(store.db, c, other)) as { reason: string }).reason, /another key/);
      } finally {
        await store.close();
      }
    });
  });
}

test('concord audit checkpoint / verify --checkpoint: exit 0 while intact, 3 once events are removed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-ckpt-'));
  const root = resolve(import.meta.dirname, '../../..');
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, CONCORD_KEY_FILE: join(dir, 'key.pem') };
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/concord.js'), ...args], { env, encoding: 'utf8' });
  try {
    assert.equal(cli('demo').status, 0);
    const file = join(dir, 'checkpoint.json');
    const made = cli('audit', 'checkpoint', file);
    assert.equal(made.status, 0, made.stderr);
    const ok = cli('audit', 'verify', '--checkpoint', file);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /matches the checkpoint/);
    const c = JSON.parse(spawnSync('cat', [file], { encoding: 'utf8' }).stdout);
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ...c, at: '2020-01-01T00:00:00.000Z' }));
    assert.equal(cli('audit', 'verify', '--checkpoint', join(dir, 'forged.json')).status, 3, 'a forged checkpoint fails');
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(join(dir, 'c.db'));
    db.prepare('delete from audit_events where seq = (select max(seq) from audit_events)').run();
    db.close();
    const bad = cli('audit', 'verify', '--checkpoint', file);
    assert.equal(bad.status, 3, bad.stdout + bad.stderr);
    assert.match(bad.stderr, /does not match the checkpoint/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
