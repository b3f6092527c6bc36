/**
 * The API's alignment reads on the UN General Assembly group, warm, through `concord serve` as
 * `npm start` runs it: the demo plus the UN roll calls (869,937 votes) in a fresh store, the read
 * cache off (CONCORD_READ_CACHE=off), so every call computes its answer; "warm" means the server
 * has loaded the group's votes once (the first call after start-up, reported apart). Each route
 * is then called RUNS times one after another, and the median and p90 of the round trip are
 * reported beside /healthz's, measured the same way in the same run (the cost of HTTP alone).
 * Target: every alignment read under 100 ms warm.
 *
 * Run (from the repository root, Node 24):
 *   node_modules/.bin/node bench/analytics/alignment-api.ts            SQLite
 *   CONCORD_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres node_modules/.bin/node bench/analytics/alignment-api.ts
 *                                                                    SQLite, then PostgreSQL
 *   RUNS=21 …   (default 15)
 * Results go to bench/results/alignment-api.json.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '../..');
const UNVOTES = process.env.CONCORD_UNVOTES_DIR ?? resolve(ROOT, '../shared/data/unvotes');
const RUNS = Number(process.env.RUNS ?? 15);
if (!existsSync(join(UNVOTES, 'unvotes.csv'))) {
  console.error(`UN vote data not found at ${UNVOTES}`);
  process.exit(2);
}

const ROUTES = [
  '/api/working-groups/unga/alignment?a=US&b=KR&method=kappa-quad',
  '/api/alignment/agreement?a=US&b=KR&method=kappa-quad&by=year',
  '/api/alignment/matrix?method=kappa-quad',
  '/api/alignment/matrix?method=agree',
  '/api/alignment/bridging?groupA=US,GB,FR&groupB=CN,RU',
];

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function serve(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/concord.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: '', CONCORD_READ_CACHE: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const base = await new Promise<string>((res, rej) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const u = /on (http:\/\/localhost:\d+)/.exec(out)?.[1];
      if (u && /ahead in/.test(out)) res(u);
    });
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}: ${out}`)));
  });
  child.stdout?.resume();
  return { child, base };
}

async function timed(base: string, path: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${base}${path}`, { headers });
  await r.arrayBuffer();
  const ms = performance.now() - t;
  if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
  return ms;
}

interface Row {
  route: string;
  firstMs: number;
  p50: number;
  p90: number;
}

async function measure(store: string, url: string): Promise<Row[]> {
  for (const args of [['demo'], ['import', 'unvotes', UNVOTES]]) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/concord.js'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  const s = await serve(url);
  try {
    const signIn = await fetch(`${s.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'state.desk@concord.demo', password: 'concord-demo' }),
    });
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0] };
    const rows: Row[] = [];
    for (const route of ['/healthz', ...ROUTES]) {
      const firstMs = await timed(s.base, route, headers);
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) xs.push(await timed(s.base, route, headers));
      rows.push({ route, firstMs: Math.round(firstMs), p50: Math.round(quantile(xs, 0.5) * 10) / 10, p90: Math.round(quantile(xs, 0.9) * 10) / 10 });
    }
    console.log(`\n${store}: ms over HTTP, read cache off; first call after start-up, then median and p90 of ${RUNS} (target < 100 ms warm)`);
    for (const r of rows) {
      const ok = r.route === '/healthz' ? '' : r.p50 < 100 ? 'OK' : 'over';
      console.log(`${r.route.padEnd(66)} first ${String(r.firstMs).padStart(6)}   p50 ${String(r.p50).padStart(6)}   p90 ${String(r.p90).padStart(6)}   ${ok}`);
    }
    return rows;
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((res) => s.child.once('exit', res));
  }
}

const results: Record<string, Row[]> = {};
const dir = mkdtempSync(join(tmpdir(), 'concord-bench-alignment-'));
try {
  results.sqlite = await measure('sqlite', `sqlite:${join(dir, 'concord.db')}`);
  const admin = process.env.CONCORD_TEST_PG;
  if (admin) {
    const name = `concord_bench_align_${randomBytes(4).toString('hex')}`;
    const a = new pg.Client({ connectionString: admin });
    await a.connect();
    await a.query(`create database ${name}`);
    try {
      const u = new URL(admin);
      u.pathname = `/${name}`;
      results.postgres = await measure('postgres', u.toString());
    } finally {
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/alignment-api.json'), `${JSON.stringify({ runs: RUNS, results }, null, 2)}\n`);
