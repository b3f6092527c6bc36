/**
 * The read cache is bounded in bytes: `concord serve` (a child process, the demo on a fresh SQLite
 * file, the read cache at its default 64 MB) answers 1,000 distinct cacheable URLs of about 150 kB
 * each (≈150 MB of answers, which a cache bounded by entry count would keep) and its resident
 * set must grow by less than 100 MB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInDemo, startChild } from './serve-child.ts';

const MB = 1024 * 1024;

test('1,000 distinct cached answers grow the server by less than 100 MB', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-memory-'));
  const server = await startChild(`sqlite:${join(dir, 'concord.db')}`, { CONCORD_READ_CACHE: process.env.MEM_CACHE ?? 'on', CONCORD_READ_CACHE_MB: process.env.MEM_MB ?? '64' });
  try {
    const { cookie } = await signInDemo(server.url);
    const get = async (path: string) => {
      const r = await fetch(`${server.url}${path}`, { headers: { cookie } });
      const body = await r.text();
      assert.equal(r.status, 200, `${path}: ${body.slice(0, 200)}`);
      return { body, cache: r.headers.get('x-concord-cache') };
    };
    // The newest 500 audit events, paged from a cursor past the newest: each URL is distinct
    // (and cached on its own), each answer the same ≈150 kB.
    const url = (i: number) => `/api/audit?limit=500&before=${1_000_000 - i}`;
    for (let i = 0; i < 20; i++) await get(url(10_000 + i)); // warm up: code compiled, heap settled
    if (!process.env.MEM_CACHE) assert.equal((await get(url(10_000))).cache, 'hit', 'the read cache is on');
    const before = server.rss();
    let bytes = 0;
    for (let i = 0; i < 1000; i += 4) {
      const answers = await Promise.all([0, 1, 2, 3].map((k) => get(url(i + k))));
      for (const a of answers) bytes += a.body.length;
    }
    const atEnd = server.rss();
    // V8 collects lazily: the garbage of the sweep (each answer is serialized afresh) still counts
    // in RSS at its end. Once the server is idle its memory reducer collects and gives pages back;
    // what remains is what the server holds. Wait (up to 40 s) for RSS to stop falling.
    let after = atEnd;
    for (let i = 0, still = 0; i < 40 && still < 5; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = server.rss();
      still = now < after - MB ? 0 : still + 1;
      after = Math.min(after, now);
    }
    const grew = (after - before) / MB;
    process.stdout.write(`# RSS ${(before / MB).toFixed(0)} MB → ${(atEnd / MB).toFixed(0)} MB at the end of the sweep → ${(after / MB).toFixed(0)} MB idle (+${grew.toFixed(1)} MB) over 1,000 distinct URLs, ${(bytes / MB).toFixed(0)} MB of answers\n`);
    assert.ok(bytes > 100 * MB, 'the sweep returned more than the bound');
    assert.ok(grew < 100, `RSS grew by ${grew.toFixed(1)} MB`);
    assert.ok(server.alive());
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
