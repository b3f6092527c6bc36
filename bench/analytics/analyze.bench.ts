/**
 * `concord analyze matrix` end to end, against DuckDB end to end, on the UN General Assembly
 * votes (869,937 positions): each side is a program started from nothing that prints every
 * ordered pair's simple agreement as CSV.
 *   concord   `bin/concord.js analyze matrix --method agree --csv` on a store holding the UN
 *             roll calls (imported first by `concord import unvotes`): start-up, migrations
 *             check, the group's log, the matrix, the CSV
 *   no copy   the same with CONCORD_ANALYTICS_COPY=off: the log read from the positions, as
 *             before the compact copy (src/server/analytics/compact/)
 *   duckdb    bench/analytics/duckdb-matrix.ts: start-up, read_csv of unvotes.csv, the pairs in
 *             SQL, the CSV
 * The first concord run after the import builds the copy (reported apart); then the three run in
 * turn RUNS times, so that they share the machine's load. Wall time from spawn to exit, and CPU
 * time (user + sys, all threads) from /usr/bin/time. The values of both are compared pair by
 * pair (the run fails if any differ by more than 1e-9).
 *
 *   node bench/analytics/analyze.bench.ts                (SQLite)
 *   CONCORD_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres node bench/analytics/analyze.bench.ts   (and PostgreSQL)
 *   RUNS=5 CONCORD_UNVOTES_DIR=…
 * Results go to bench/results/analyze.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { defaultUnvotesDir, loadUnvotes, parseCsv } from './unvotes.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = defaultUnvotesDir(repoRoot);
if (!existsSync(path.join(dir, 'unvotes.csv'))) {
  console.error(`UN vote data not found at ${dir} (CONCORD_UNVOTES_DIR)`);
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('/usr/bin/time is needed for the CPU times');
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 5);
const BIN = path.join(repoRoot, 'bin/concord.js');
const DUCK = path.join(repoRoot, 'bench/analytics/duckdb-matrix.ts');

interface Measure {
  wallMs: number;
  cpuMs: number;
  stdout: string;
}
function timed(cmd: string, args: string[], env: Record<string, string> = {}): Measure {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const c = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr)!;
  return { wallMs: Math.round(wallMs), cpuMs: Math.round((Number(c[1]) + Number(c[2])) * 1000), stdout: r.stdout };
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** a|b → value, for pairs with n > 0 (labels through `label`). */
function pairs(csv: string, label: (x: string) => string | undefined = (x) => x): Map<string, number> {
  const out = new Map<string, number>();
  parseCsv(csv, (f) => {
    const [m, a, b, n, v] = f;
    const la = label(a),
      lb = label(b);
    if (m !== 'method' && Number(n) > 0 && la && lb) out.set(`${la}|${lb}`, Number(v));
  });
  return out;
}
/** Country name → the code Concord labels it with, for the names whose code no other name shares. */
function codeOfName(): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const v of loadUnvotes(dir).votes) if (v.countryCode) names.set(v.countryCode, (names.get(v.countryCode) ?? new Set()).add(v.country));
  const out = new Map<string, string>();
  for (const [code, set] of names) if (set.size === 1) out.set([...set][0], code);
  return out;
}
function compare(concord: string, duck: string): { pairs: number; compared: number; maxAbsDiff: number } {
  const codes = codeOfName();
  const c = pairs(concord),
    d = pairs(duck, (name) => codes.get(name));
  let compared = 0,
    maxAbsDiff = 0;
  for (const [k, v] of d) {
    const w = c.get(k);
    if (w === undefined) continue;
    compared++;
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - w));
  }
  return { pairs: d.size, compared, maxAbsDiff };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'concord-analyze-bench-'));
const admin = process.env.CONCORD_TEST_PG;
const pgDbs: string[] = [];
async function freshUrl(kind: 'sqlite' | 'postgres'): Promise<string> {
  if (kind === 'sqlite') return `sqlite:${path.join(tmp, 'un.db')}`;
  const db = `concord_bench_analyze_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`drop database if exists ${db} with (force)`);
  await c.query(`create database ${db}`);
  await c.end();
  pgDbs.push(db);
  const u = new URL(admin!);
  u.pathname = `/${db}`;
  return u.toString();
}

const results: Record<string, unknown> = { at: new Date().toISOString(), runs: RUNS, cpus: os.cpus().length, loadavgBefore: os.loadavg(), node: process.version, stores: {} };
console.log(
  `analyze matrix --method agree --csv, end to end — ${os.cpus().length} CPUs, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; ms from spawn to exit (CPU ms), medians of ${RUNS}`,
);
let failed = false;
try {
  for (const kind of admin ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    const url = await freshUrl(kind);
    const env = { DATABASE_URL: url };
    timed(BIN, ['import', 'unvotes', dir], env);
    const args = ['analyze', 'matrix', '--method', 'agree', '--csv'];
    const first = timed(BIN, args, env);
    const concord: Measure[] = [],
      noCopy: Measure[] = [],
      duck: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      duck.push(timed(process.execPath, [DUCK, dir]));
      concord.push(timed(BIN, args, env));
      noCopy.push(timed(BIN, args, { ...env, CONCORD_ANALYTICS_COPY: 'off' }));
    }
    const same = concord.every((m) => m.stdout === first.stdout) && noCopy.every((m) => m.stdout === first.stdout);
    const check = compare(first.stdout, duck[0].stdout);
    const ok = same && check.compared > 30_000 && check.maxAbsDiff <= 1e-9;
    failed ||= !ok;
    const s = (ms: Measure[]) => ({ wallMs: median(ms.map((m) => m.wallMs)), cpuMs: median(ms.map((m) => m.cpuMs)) });
    const r = {
      firstRunBuildingTheCopy: { wallMs: first.wallMs, cpuMs: first.cpuMs },
      concord: s(concord),
      noCopy: s(noCopy),
      duckdb: s(duck),
      ratio: {
        duckdbOverConcordWall: Math.round((s(duck).wallMs / s(concord).wallMs) * 100) / 100,
        duckdbOverConcordCpu: Math.round((s(duck).cpuMs / s(concord).cpuMs) * 100) / 100,
        noCopyOverConcordWall: Math.round((s(noCopy).wallMs / s(concord).wallMs) * 100) / 100,
      },
      check: { ...check, sameOutputEveryRun: same, ok },
    };
    (results.stores as Record<string, unknown>)[kind] = r;
    const f = (x: { wallMs: number; cpuMs: number }) => `${x.wallMs} (${x.cpuMs})`;
    console.log(
      `${kind}: concord ${f(r.concord)}; no copy ${f(r.noCopy)}; duckdb ${f(r.duckdb)}; first run (builds the copy) ${f(r.firstRunBuildingTheCopy)}\n` +
        `  DuckDB / Concord: wall ×${r.ratio.duckdbOverConcordWall}, CPU ×${r.ratio.duckdbOverConcordCpu} (target ≥ 3 end to end: ${r.ratio.duckdbOverConcordWall >= 3 ? 'met' : 'NOT met'}); no copy / copy: wall ×${r.ratio.noCopyOverConcordWall}\n` +
        `  check: ${check.compared} of DuckDB's ${check.pairs} pairs compared, max |Δ| ${check.maxAbsDiff.toExponential(2)}, same CSV every run: ${same} → ${ok ? 'OK' : 'MISMATCH'}`,
    );
  }
  results.loadavgAfter = os.loadavg();
  mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'bench/results/analyze.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/analyze.json');
} finally {
  rmSync(tmp, { recursive: true, force: true });
  if (pgDbs.length) {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    for (const db of pgDbs) await c.query(`drop database if exists ${db} with (force)`);
    await c.end();
  }
}
if (failed) process.exit(1);
