/**
 * What the feed thread costs the request path: /healthz latency while `concord serve` fetches,
 * parses and extracts a round of large feeds (on its feed thread), against /healthz latency of the
 * same server idle, measured in the same run. Each round follows FEEDS new feeds of ITEMS items
 * each (served by a local HTTP server, every item new) and polls /healthz every 10 ms until the
 * feed thread has fetched them all.
 *
 * Run: node bench/feeds/healthz.bench.ts   (ROUNDS=3 FEEDS=6 ITEMS=120)
 * Prints medians of the rounds, their ratios (during a round / idle), and the items added per
 * second; writes bench/results/feeds.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const FEEDS = Number(process.env.FEEDS ?? 6);
const ITEMS = Number(process.env.ITEMS ?? 120);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** A feed of ITEMS items, each a paragraph of reported statements, unique to its round and feed. */
function feed(round: number, n: number): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const body = Array.from(
      { length: 6 },
      (_, k) =>
        `&lt;p&gt;"The working group will meet again in round ${round}, feed ${n}, item ${i}, part ${k}," a State Department spokesperson said. The Ministry of Unification said it had decided to take part in consultation ${round}-${n}-${i}-${k}.&lt;/p&gt;`,
    ).join('');
    items.push(
      `<item><title>Item ${round}-${n}-${i}</title><link>https://bench.example/${round}/${n}/${i}</link><guid>${round}-${n}-${i}</guid><pubDate>Tue, 20 Nov 2018 10:00:00 +0900</pubDate><description>${body}</description></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${round}-${n}</title>${items.join('')}</channel></rss>`;
}

const feedServer = createServer((req, res) => {
  const m = /^\/(\d+)\/(\d+)\.rss$/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed(Number(m[1]), Number(m[2])));
});
await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', () => r()));
const feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'concord-bench-feeds-'));
const db = join(dir, 'concord.db');
const demo = spawnSync(process.execPath, [join(ROOT, 'bin/concord.js'), 'demo'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${db}` }, encoding: 'utf8' });
if (demo.status !== 0) throw new Error(demo.stderr);

async function serve(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/concord.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${db}`,
      PORT: '',
      LOG_LEVEL: 'info',
      CONCORD_FEEDS_MINUTES: '30',
      CONCORD_FEEDS_TICK_MS: '200',
      CONCORD_FEEDS_ALLOW: '127.0.0.0/8',
      CONCORD_FEEDS_MAX_BYTES: String(64 << 20),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const base = await new Promise<string>((res, rej) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /on (http:\/\/localhost:\d+)/.exec(out)?.[1];
      if (url) res(url);
    });
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}: ${out}`)));
  });
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  return { child, base };
}

async function signIn(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'mofa.secretariat@concord.demo', password: 'concord-demo' }),
  });
  const body = (await r.json()) as { csrfToken?: string };
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': body.csrfToken ?? '', 'content-type': 'application/json' };
}

/** Polls /healthz every 10 ms until `done` resolves; the latencies. */
async function pollWhile(base: string, done: Promise<unknown>): Promise<number[]> {
  const hz: number[] = [];
  let on = true;
  void done.then(() => {
    on = false;
  });
  while (on) {
    const t = performance.now();
    await (await fetch(`${base}/healthz`)).text();
    hz.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return hz;
}

const s = await serve();
const headers = await signIn(s.base);
const watcher = new DatabaseSync(db, { readOnly: true });
const idle: { p99: number[]; max: number[] } = { p99: [], max: [] };
const during: { p99: number[]; max: number[]; seconds: number[]; items: number[] } = { p99: [], max: [], seconds: [], items: [] };
for (let round = 0; round < ROUNDS; round++) {
  const hzIdle = await pollWhile(s.base, new Promise((r) => setTimeout(r, 4000)));
  idle.p99.push(quantile(hzIdle, 0.99));
  idle.max.push(Math.max(...hzIdle));
  const t0 = performance.now();
  for (let n = 0; n < FEEDS; n++) {
    const r = await fetch(`${s.base}/api/feeds`, { method: 'POST', headers, body: JSON.stringify({ wgId: 'cg-2025', url: `${feedBase}/${round}/${n}.rss` }) });
    if (r.status !== 201) throw new Error(`follow: ${r.status} ${await r.text()}`);
  }
  let added = 0;
  const fetched = (async () => {
    for (;;) {
      // Read from the file by the bench itself, not through the API, so the server's main thread
      // serves nothing but /healthz while it is measured.
      const mine = watcher.prepare('select url, last_status, item_count from group_feeds where url like ?').all(`${feedBase}/${round}/%`) as {
        url: string;
        last_status: string;
        item_count: number;
      }[];
      if (mine.length === FEEDS && mine.every((f) => f.last_status !== 'pending')) {
        const bad = mine.find((f) => f.last_status !== 'ok');
        if (bad) throw new Error(`feed ${bad.url}: ${bad.last_status}`);
        added = mine.reduce((a, f) => a + Number(f.item_count), 0);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const hz = await pollWhile(s.base, fetched);
  await fetched;
  const seconds = (performance.now() - t0) / 1000;
  during.p99.push(quantile(hz, 0.99));
  during.max.push(Math.max(...hz));
  during.seconds.push(seconds);
  during.items.push(added);
  process.stdout.write(
    `round ${round + 1}: ${added} items from ${FEEDS} feeds in ${seconds.toFixed(1)} s; /healthz p99 ${quantile(hz, 0.99).toFixed(1)} ms (idle ${quantile(hzIdle, 0.99).toFixed(1)} ms)\n`,
  );
}
watcher.close();
s.child.kill('SIGTERM');
await new Promise((res) => s.child.once('exit', res));
feedServer.close();
rmSync(dir, { recursive: true, force: true });

const r1 = (x: number) => Math.round(x * 10) / 10;
const summary = {
  healthzP99: { idle: r1(median(idle.p99)), during: r1(median(during.p99)), ratio: Math.round((median(during.p99) / median(idle.p99)) * 1000) / 1000 },
  healthzMax: { idle: r1(median(idle.max)), during: r1(median(during.max)), ratio: Math.round((median(during.max) / median(idle.max)) * 1000) / 1000 },
  itemsPerSecond: r1(median(during.items.map((n, i) => n / during.seconds[i]))),
};
process.stdout.write(
  `healthz p99 median of ${ROUNDS}: during a feed round ${summary.healthzP99.during} ms, idle ${summary.healthzP99.idle} ms, ratio ${summary.healthzP99.ratio}\n` +
    `healthz max median of ${ROUNDS}: during a feed round ${summary.healthzMax.during} ms, idle ${summary.healthzMax.idle} ms, ratio ${summary.healthzMax.ratio}\n` +
    `items added per second (fetch, parse, extract, write, each in its own transaction): ${summary.itemsPerSecond}\n`,
);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/feeds.json'), `${JSON.stringify({ rounds: ROUNDS, feeds: FEEDS, items: ITEMS, summary, idle, during }, null, 2)}\n`);
