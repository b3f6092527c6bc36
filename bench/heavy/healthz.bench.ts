/**
 * What the analysis thread buys: /healthz latency and the heavy reads' own latency while the
 * heaviest reads over the UN roll calls run together, with the analysis thread (as `concord serve`
 * runs by default) and without it (CONCORD_ANALYSIS_THREAD=off: the naive path, everything on the
 * event loop), on the same store in the same run. Also times the first alignment read after a
 * sign-in, which no longer reloads the 870,000 positions (the logs are cached under the newest
 * audit event that is not a sign-in).
 *
 * Run: node bench/heavy/healthz.bench.ts   (ROUNDS=3; needs ../shared/data/unvotes)
 * Prints medians of the rounds and their ratios (thread / naive), and writes bench/results/heavy.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const UNVOTES = resolve(ROOT, '../shared/data/unvotes');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
if (!existsSync(join(UNVOTES, 'unvotes.csv'))) {
  process.stdout.write(`${UNVOTES} is not there: nothing to measure\n`);
  process.exit(0);
}

const HEAVY = [
  '/api/working-groups/unga/alignment?a=US&b=KR&method=kappa-quad',
  '/api/alignment/matrix?method=kappa-quad',
  '/api/alignment/agreement?a=US&b=KR&method=kappa-quad&by=year',
  '/api/alignment/bridging?groupA=US,GB,FR&groupB=CN,RU',
  '/api/working-groups/unga/discipline',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function serve(db: string, env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/concord.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${db}`, PORT: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const base = await new Promise<string>((res, rej) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /on (http:\/\/localhost:\d+)/.exec(out)?.[1];
      if (url && (env.CONCORD_ANALYSIS_THREAD === 'off' || /ahead in/.test(out))) res(url);
    });
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return { child, base };
}

async function signIn(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'state.desk@concord.demo', password: 'concord-demo' }),
  });
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] };
}

/** One round: sign in (a write), then the heavy reads together while /healthz is polled every 10 ms. */
async function round(base: string, k: number): Promise<{ healthzMax: number; healthzP99: number; heavyMax: number }> {
  const headers = await signIn(base);
  const hz: number[] = [];
  let on = true;
  const poll = (async () => {
    while (on) {
      const t = performance.now();
      await (await fetch(`${base}/healthz`)).text();
      hz.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // A new asOf per round, so no round is answered from the read cache.
  const times = await Promise.all(
    HEAVY.map(async (p) => {
      const t = performance.now();
      await (await fetch(`${base}${p}${p.includes('discipline') ? `?from=19${50 + k}-01-01` : `&asOf=20${10 + k}-01-01`}`, { headers })).text();
      return performance.now() - t;
    }),
  );
  on = false;
  await poll;
  return { healthzMax: Math.max(...hz), healthzP99: quantile(hz, 0.99), heavyMax: Math.max(...times) };
}

const dir = mkdtempSync(join(tmpdir(), 'concord-bench-heavy-'));
const db = join(dir, 'concord.db');
for (const args of [['demo'], ['import', 'unvotes', UNVOTES]]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/concord.js'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${db}` }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

const results: Record<string, { healthzMax: number[]; healthzP99: number[]; heavyMax: number[] }> = {};
for (const [name, env] of [
  ['thread', {}],
  ['naive', { CONCORD_ANALYSIS_THREAD: 'off' }],
] as const) {
  const s = await serve(db, env);
  // Load the logs once in both (the naive path has no warm-up), so the rounds compare the steady state.
  await (await fetch(`${s.base}${HEAVY[0]}`, { headers: await signIn(s.base) })).text();
  const r = { healthzMax: [] as number[], healthzP99: [] as number[], heavyMax: [] as number[] };
  for (let k = 0; k < ROUNDS; k++) {
    const x = await round(s.base, k);
    r.healthzMax.push(x.healthzMax);
    r.healthzP99.push(x.healthzP99);
    r.heavyMax.push(x.heavyMax);
  }
  results[name] = r;
  s.child.kill('SIGTERM');
  await new Promise((res) => s.child.once('exit', res));
}
rmSync(dir, { recursive: true, force: true });

const summary = Object.fromEntries(
  ['healthzMax', 'healthzP99', 'heavyMax'].map((k) => {
    const key = k as 'healthzMax';
    const t = median(results.thread[key]),
      n = median(results.naive[key]);
    return [k, { thread: Math.round(t * 10) / 10, naive: Math.round(n * 10) / 10, ratio: Math.round((t / n) * 1000) / 1000 }];
  }),
);
for (const [k, v] of Object.entries(summary)) process.stdout.write(`${k.padEnd(11)} median of ${ROUNDS}: analysis thread ${v.thread} ms, naive ${v.naive} ms, ratio ${v.ratio}\n`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/heavy.json'), `${JSON.stringify({ rounds: ROUNDS, routes: HEAVY, summary, results }, null, 2)}\n`);
