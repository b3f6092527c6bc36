/**
 * The read cache is bounded in bytes: `concord serve` (a child process, the demo on a fresh SQLite
 * file, the read cache at its default 64 MB) answers 1,000 distinct cacheable URLs, and its
 * resident set (VmRSS) must grow by less than 100 MB. CONCORD_READ_CACHE_MB and CONCORD_TEST_SWEEP
 * =large (1,000 answers of ≈150 kB) measure other cases; CONCORD_READ_CACHE=off runs without the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signInDemo, startConcord } from './started/server.ts';

const MB = 1024 * 1024;

test('1,000 distinct cached answers grow the server by less than 100 MB', { timeout: 600_000 }, async () => {
  const server = await startConcord({ env: { CONCORD_READ_CACHE: process.env.CONCORD_READ_CACHE ?? 'on', CONCORD_READ_CACHE_MB: process.env.CONCORD_READ_CACHE_MB ?? '64' } });
  try {
    const { cookie } = await signInDemo(server.url);
    const get = async (path: string) => {
      const r = await fetch(`${server.url}${path}`, { headers: { cookie } });
      const body = await r.text();
      assert.equal(r.status, 200, `${path}: ${body.slice(0, 200)}`);
      return { body, cache: r.headers.get('x-concord-cache') };
    };
    // 1,000 distinct URLs over four list routes, each cached on its own, from a few hundred bytes
    // to ≈100 kB. CONCORD_TEST_SWEEP=large: the newest 500 audit events (≈150 kB) every time.
    const large = process.env.CONCORD_TEST_SWEEP === 'large';
    const day = (i: number) => new Date(Date.UTC(2018, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const url = (i: number) =>
      large
        ? `/api/audit?limit=500&before=${1_000_000 - i}`
        : [
            `/api/audit?limit=${1 + ((i * 7) % 300)}&before=${1_000_000 - i}`,
            `/api/positions?wgId=cg-2025&asOf=${day(i)}`,
            `/api/issues?wgId=wg-2018&limit=${1 + (i >> 2)}`,
            `/api/commitments?wgId=cg-2025&state=open&limit=${1 + (i >> 2)}`,
          ][i % 4];
    const warm = (i: number) => `/api/audit?limit=100&before=${2_000_000 - i}`;
    for (let i = 0; i < 20; i++) await get(warm(i)); // warm up: code compiled, heap settled
    if (process.env.CONCORD_READ_CACHE !== 'off') assert.equal((await get(warm(0))).cache, 'hit', 'the read cache is on');
    const before = server.rss();
    let bytes = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i += 4) {
      const answers = await Promise.all([0, 1, 2, 3].map((k) => get(url(i + k))));
      for (const a of answers) {
        bytes += a.body.length;
        assert.notEqual(a.cache, 'hit', 'every URL is new to the cache');
      }
      for (let k = 0; k < 4; k++) seen.add(url(i + k));
    }
    assert.equal(seen.size, 1000);
    const atEnd = server.rss();
    // V8 collects lazily: the garbage of the sweep (each answer is serialized afresh) still counts
    // in RSS at its end. Once the server is idle its memory reducer collects and gives pages back;
    // what remains is what the server holds. Wait (up to 40 s) for RSS to stop falling.
    let after = atEnd;
    for (let i = 0, still = 0; i < 40 && still < 15; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = server.rss();
      still = now < after - MB ? 0 : still + 1;
      after = Math.min(after, now);
    }
    const grew = (after - before) / MB;
    process.stdout.write(
      `# RSS ${(before / MB).toFixed(0)} MB → ${(atEnd / MB).toFixed(0)} MB at the end of the sweep → ${(after / MB).toFixed(0)} MB idle (+${grew.toFixed(1)} MB) over 1,000 distinct URLs, ${(bytes / MB).toFixed(0)} MB of answers\n`,
    );
    assert.ok(grew < 100, `RSS grew by ${grew.toFixed(1)} MB`);
    assert.ok(server.alive());
  } finally {
    await server.stop();
  }
});
