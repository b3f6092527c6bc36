import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/concord.js');
const concord = (env: Record<string, string>, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

test('a SQLite store that does not exist is refused by every command that does not create one (exit 1, naming the path)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-path-'));
  try {
    const missing = join(dir, 'typo.db');
    const env = { DATABASE_URL: `sqlite:${missing}` };
    const refused: string[][] = [
      ['export', join(dir, 'out.json')],
      ['audit', 'verify'],
      ['user', 'add', '--email', 'a@b.c', '--name', 'A', '--org', 'x', '--password', 'long-enough-password'],
      ['statements', 'check'],
      ['serve', '--port', '18530'],
    ];
    for (const args of refused) {
      const r = concord(env, ...args);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.includes(`No store at ${missing}`), `${args.join(' ')}: ${r.stderr}`);
      assert.ok(!existsSync(missing), `${args.join(' ')} created no store`);
    }
    assert.ok(!existsSync(join(dir, 'out.json')), 'export wrote no bundle');

    // The commands that create a store still do.
    const made = join(dir, 'made.db');
    const m = concord({ DATABASE_URL: `sqlite:${made}` }, 'migrate');
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /Applied .*2026-12-03-011-repair-indexes/);
    assert.equal(concord({ DATABASE_URL: `sqlite:${made}` }, 'migrate').stdout.trim(), `${made} is up to date`);
    const v = concord({ DATABASE_URL: `sqlite:${made}` }, 'audit', 'verify');
    assert.equal(v.status, 0, v.stderr);
    assert.match(v.stdout, /intact: 0 events/);
    const bundle = join(dir, 'bundle.json');
    assert.equal(concord({ DATABASE_URL: `sqlite:${made}` }, 'export', bundle).status, 0);
    const imported = concord({ DATABASE_URL: `sqlite:${join(dir, 'imported.db')}` }, 'import', bundle);
    assert.equal(imported.status, 0, imported.stderr);
    const demo = concord({ DATABASE_URL: `sqlite:${join(dir, 'demo.db')}` }, 'demo');
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stdout, /Loaded the demo/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
