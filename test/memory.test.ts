/**
 * The read cache is bounded in bytes: `concord serve` (a child process, the demo on a fresh SQLite
 * file, the read cache at its default 64 MB) answers 1,000 distinct cacheable URLs, and what the
 * cache adds to its resident set (VmRSS) must stay under 100 MB.
 *
 * What the cache adds is measured against a baseline in the same test: the same sweep on a server
 * started with the cache off. A server's RSS grows over its first thousands of requests even with no
 * cache at all (measured with --trace-gc: V8 lets the old generation's committed size run to ≈200
 * MB around a live heap of ≈52 MB before it settles, ≈+85 MB of RSS after 1,000 requests, a plateau
 * after ≈3,000), so the absolute growth mixes that with the cache. Both figures are printed.
 * CONCORD_READ_CACHE_MB and CONCORD_TEST_SWEEP=large (1,000 answers of ≈150 kB) measure other cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signInDemo, startConcord } from './started/server.ts';

const MB = 1024 * 1024;

interface Sweep {
  before: number;
  atEnd: number;
  after: number;
  bytes: number;
}

/** Starts a server with the cache on or off, sweeps 1,000 distinct URLs, waits for RSS to settle. */
async function sweep(cache: 'on' | 'off'): Promise<Sweep> {
  const server = await startConcord({ env: { CONCORD_READ_CACHE: cache, CONCORD_READ_CACHE_MB: process.env.CONCORD_READ_CACHE_MB ?? '64' } });
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
    // (The session's first request records its last use, a write that starts the cache over once: ask twice.)
    if (cache === 'on') {
      await get(warm(0));
      assert.equal((await get(warm(0))).cache, 'hit', 'the read cache is on');
    }
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
    // in RSS at its end. Once the server is idle its memory reducer may collect and give pages
    // back. Wait (up to 40 s) for RSS to stop falling.
    let after = atEnd;
    for (let i = 0, still = 0; i < 40 && still < 15; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = server.rss();
      still = now < after - MB ? 0 : still + 1;
      after = Math.min(after, now);
    }
    assert.ok(server.alive());
    return { before, atEnd, after, bytes };
  } finally {
    await server.stop();
  }
}

test('1,000 distinct cached answers: the read cache adds less than 100 MB to the server (against the same sweep with the cache off)', { timeout: 900_000 }, async () => {
  const off = await sweep('off');
  const on = await sweep('on');
  const grew = (s: Sweep) => (s.after - s.before) / MB;
  for (const [name, s] of [
    ['off', off],
    ['on', on],
  ] as const) {
    process.stdout.write(
      `# cache ${name}: RSS ${(s.before / MB).toFixed(0)} MB → ${(s.atEnd / MB).toFixed(0)} MB at the end of the sweep → ${(s.after / MB).toFixed(0)} MB idle (+${grew(s).toFixed(1)} MB) over 1,000 distinct URLs, ${(s.bytes / MB).toFixed(0)} MB of answers\n`,
    );
  }
  const added = grew(on) - grew(off);
  process.stdout.write(`# the read cache adds ${added.toFixed(1)} MB\n`);
  assert.ok(added < 100, `the read cache added ${added.toFixed(1)} MB`);
  // A guard on the whole: a cache bounded by entries, not bytes, once took 300 URLs to +570 MB.
  assert.ok(grew(on) < 250, `RSS grew by ${grew(on).toFixed(1)} MB with the cache on`);
});
