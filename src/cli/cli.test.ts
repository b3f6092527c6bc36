import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore, migrateToLatest } from '../server/db/database.ts';
import { seedWorld, testApp, call } from '../../test/helpers.ts';

const BIN = resolve(import.meta.dirname, '../../bin/concord.js');
const concord = (env: Record<string, string>, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

test('concord audit verify names the altered event; export/import round trip through files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
  try {
    const url = `sqlite:${join(dir, 'a.db')}`;
    const store = openStore(url);
    await migrateToLatest(store.db);
    const w = await seedWorld(store);
    const app = await testApp(store);
    for (let i = 0; i < 3; i++) {
      const r = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: `M${i}`, level: 'working', format: 'video', startsAt: '2026-03-01T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });
      assert.equal(r.status, 201);
    }
    await app.close();
    await store.close();

    const ok = concord({ DATABASE_URL: url }, 'audit', 'verify');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /intact: 4 events/);

    const bundle = join(dir, 'bundle.json');
    assert.equal(concord({ DATABASE_URL: url }, 'export', bundle).status, 0);
    const url2 = `sqlite:${join(dir, 'b.db')}`;
    const imp = concord({ DATABASE_URL: url2 }, 'import', bundle);
    assert.equal(imp.status, 0, imp.stderr);
    const bundle2 = join(dir, 'bundle2.json');
    assert.equal(concord({ DATABASE_URL: url2 }, 'export', bundle2).status, 0);
    assert.equal(spawnSync('cmp', [bundle, bundle2]).status, 0, 'the re-exported bundle is identical');
    const again = concord({ DATABASE_URL: url2 }, 'import', bundle);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not empty/);

    // Someone edits the record of event 3 behind Concord's back.
    const raw = new DatabaseSync(join(dir, 'a.db'));
    raw.prepare(`update audit_events set after = replace(after, 'M1', 'M9') where seq = 3`).run();
    raw.close();
    const bad = concord({ DATABASE_URL: url }, 'audit', 'verify');
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /broken at event 3 .*content does not match/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2; unreadable files exit 1 with a plain message', () => {
  assert.equal(concord({}, 'no-such-command').status, 2);
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
  writeFileSync(join(dir, 'x.json'), '{"format":"other"}');
  const r = concord({ DATABASE_URL: `sqlite:${join(dir, 'c.db')}` }, 'import', join(dir, 'x.json'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not a Concord bundle/);
  rmSync(dir, { recursive: true, force: true });
});
