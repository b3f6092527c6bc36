import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../../bin/concord.js');
// The shared reference data sits beside the repository; without it the extract test skips.
const SEEDS = resolve(import.meta.dirname, '../../..', '../shared/reference/seeds');
const noSeeds = existsSync(SEEDS) ? false : `the shared seeds are not beside the repository (${SEEDS})`;
const concord = (env: Record<string, string>, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

test('concord extract: a table, JSON, speakers resolved against the store, and --eval scores', { skip: noSeeds }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-extract-'));
  try {
    const table = concord({}, 'extract', `${SEEDS}/000_84a47929f38cc454.txt`, '--date', '2025-12-15');
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /7 candidates/);
    assert.match(table.stdout, /Kang Yu-jung\s+spokesperson, presidential/);
    assert.match(table.stdout, /Unification Ministry \[org\]/);

    const json = concord({}, 'extract', `${SEEDS}/004_ba8545c4c8a2fca9.txt`, '--json', '--date', '2018-11-22');
    assert.equal(json.status, 0, json.stderr);
    const docs = JSON.parse(json.stdout);
    const pompeo = docs[0].candidates.filter((c: any) => c.speaker.name === 'Mike Pompeo');
    assert.equal(pompeo.length, 2);
    assert.match(pompeo[0].quote, /should not get ahead of denuclearization/);

    const url = `sqlite:${join(dir, 'd.db')}`;
    assert.equal(concord({ DATABASE_URL: url }, 'demo').status, 0);
    const resolved = concord({ DATABASE_URL: url }, 'extract', '--resolve', '--json', '--date', '2025-12-15', `${SEEDS}/000_84a47929f38cc454.txt`);
    const kang = JSON.parse(resolved.stdout)[0].candidates.find((c: any) => c.speaker.name === 'Kang Yu-jung');
    assert.equal(kang.resolution.personId, 'kang-yj');
    assert.equal(kang.resolution.organisationId, 'rok-pres');
    assert.equal(kang.resolution.role, 'Spokesperson');

    const feed = join(dir, 'feed.xml');
    writeFileSync(
      feed,
      '<rss version="2.0"><channel><item><title>A</title><pubDate>Tue, 20 Nov 2018 10:00:00 +0900</pubDate><description>"We view them as tandem," Pompeo said.</description></item></channel></rss>',
    );
    const f = concord({}, 'extract', feed);
    assert.equal(f.status, 0, f.stderr);
    assert.match(f.stdout, /— A \(2018-11-20\): 1 candidate/);

    const ev = concord({}, 'extract', '--eval', resolve(import.meta.dirname, '../../../test/fixtures/extract/heldout'));
    assert.equal(ev.status, 0, ev.stderr);
    assert.match(ev.stdout, /precision\s+recall\s+f1/);
    assert.match(ev.stdout, /^speaker\+quote\s+\d\.\d{3}/m);

    assert.equal(concord({}, 'extract').status, 2, 'no files and no --eval is a usage error');
    assert.equal(concord({}, 'extract', '--date', 'yesterday', feed).status, 2);
    const missing = concord({}, 'extract', join(dir, 'nope.txt'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /Cannot read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('concord statements check: the system view of the demo finds the Nov 2018 and Dec 2025 divergences', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-check-'));
  try {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'd.db')}` };
    assert.equal(concord(env, 'demo').status, 0);
    const nov = concord(env, 'statements', 'check', '--group', 'wg-2018', '--since', '2018-11-01', '--until', '2018-11-30', '--json');
    assert.equal(nov.status, 0, nov.stderr);
    const n = JSON.parse(nov.stdout);
    assert.equal(n.view, 'system');
    assert.ok(n.findings.some((f: any) => f.issue.id === 'i-sequencing' && f.relation === 'cross_party' && f.grade === 'contradiction'));
    const dec = concord(env, 'statements', 'check', '--since', '2025-12-01', '--until', '2025-12-31');
    assert.equal(dec.status, 0, dec.stderr);
    assert.match(dec.stdout, /system view of every record/);
    assert.match(dec.stdout, /contradiction\s+own_position\s+2025-12-15 Ministry of Unification\s+oppose\s+Ministry of Foreign Affairs posit/);
    assert.match(dec.stdout, /\d+ comparisons: \d+ contradictions/);
    assert.equal(concord(env, 'statements', 'check', '--group', 'no-such-group').status, 1);
    assert.equal(concord(env, 'statements', 'check', '--since', '2025-02-30').status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
