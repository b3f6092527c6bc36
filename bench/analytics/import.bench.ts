/**
 * Import benchmark: `concord import unvotes DIR` (869,937 votes, 6,202 roll calls, 200 countries)
 * into a fresh embedded store (SQLite file) and into a fresh PostgreSQL database, 3 runs each,
 * then one idempotent re-run per store (must add nothing); beside each SQLite run, in the same
 * run of the benchmark and timed the same way, the baseline: DuckDB loading the same CSV files
 * into a new database file (bench/analytics/duckdb-load.ts, spawned).
 *
 * To rerun it (from the repository root; Node 24, the one in node_modules):
 *   node_modules/.bin/node bench/analytics/import.bench.ts          (npm run bench:import)
 *   CONCORD_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres node_modules/.bin/node bench/analytics/import.bench.ts
 *   BENCH_RUNS=5 …      (more runs: on a shared machine take the median of 5 or more)
 *   CONCORD_UNVOTES_DIR=… (the data; default ../shared/data/unvotes)
 *
 * Each run spawns the real command (bin/concord.js, as an operator would run it) and times it
 * from spawn to exit: Node start-up, migrations, reading the CSV files, the insert transaction
 * and closing the store (SQLite: the WAL checkpoint). The importer's own read/write split is
 * parsed from its output, and the child's CPU time (user + sys) is taken from /usr/bin/time when
 * present — on a shared machine the wall time also measures the neighbours, the CPU time less so.
 * Without CONCORD_TEST_PG only SQLite runs. Results go to bench/results/import.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = process.env.CONCORD_UNVOTES_DIR ?? path.resolve(repoRoot, '../shared/data/unvotes');
if (!existsSync(path.join(dir, 'unvotes.csv'))) {
  console.error(`UN vote data not found at ${dir}`);
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BIN = path.join(repoRoot, 'bin/concord.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const DUCKDB = path.join(repoRoot, 'bench/analytics/duckdb-load.ts');

/** The baseline: DuckDB loads the CSV files into a new file, spawned and timed like the import. */
function runDuckdb(file: string): Run {
  const cmd = TIME ? TIME : process.execPath;
  const args = [DUCKDB, dir, file];
  const argv = TIME ? ['-f', 'CPU %U %S', process.execPath, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`duckdb-load failed (${r.status}): ${r.stderr}`);
  const m = /loaded (\d+) votes in ([\d.]+) s/.exec(r.stdout);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return {
    wallMs: Math.round(wallMs),
    readMs: null,
    writeMs: m ? Math.round(Number(m[2]) * 1000) : null,
    cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null,
    added: m ? Number(m[1]) : null,
  };
}

interface Run {
  wallMs: number;
  /** The importer's own split (from its output). */
  readMs: number | null;
  writeMs: number | null;
  /** CPU time of the child process (user + sys), when /usr/bin/time is there. */
  cpuMs: number | null;
  added: number | null;
}

function runImport(url: string): Run {
  const args = [BIN, 'import', 'unvotes', dir];
  const cmd = TIME ? TIME : process.execPath;
  const argv = TIME ? ['-f', 'CPU %U %S', process.execPath, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`concord import unvotes failed (${r.status}): ${r.stderr}`);
  const m = /Read .* in ([\d.]+) s, wrote in ([\d.]+) s/.exec(r.stdout);
  const added = /(\d+) positions \(votes\)/.exec(r.stdout);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return {
    wallMs: Math.round(wallMs),
    readMs: m ? Math.round(Number(m[1]) * 1000) : null,
    writeMs: m ? Math.round(Number(m[2]) * 1000) : null,
    cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null,
    added: added ? Number(added[1]) : r.stdout.includes('nothing new') ? 0 : null,
  };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { runs: s.length, min: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s[s.length - 1] };
}
const fmt = (label: string, xs: Run[]) => {
  const w = stats(xs.map((r) => r.wallMs));
  const cpu = xs.every((r) => r.cpuMs !== null) ? stats(xs.map((r) => r.cpuMs!)) : null;
  return (
    `${label.padEnd(10)} wall min ${(w.min / 1000).toFixed(2)} s  median ${(w.median / 1000).toFixed(2)} s  max ${(w.max / 1000).toFixed(2)} s` +
    (cpu ? `   | CPU (user+sys) median ${(cpu.median / 1000).toFixed(2)} s` : '')
  );
};

const load0 = os.loadavg();
console.log(`concord import unvotes — ${os.cpus().length} CPUs, load ${load0.map((x) => x.toFixed(1)).join(' ')}, Node ${process.version}, ${RUNS} runs per store`);

// ---------------------------------------------------------------- SQLite
const tmp = mkdtempSync(path.join(os.tmpdir(), 'concord-import-bench-'));
const sqliteRuns: Run[] = [];
const duckRuns: Run[] = [];
let sqliteRerun: Run | null = null;
try {
  for (let i = 0; i < RUNS; i++) {
    const file = path.join(tmp, `run${i}.db`);
    const r = runImport(`sqlite:${file}`);
    if (r.added !== 869_937) throw new Error(`SQLite run ${i} added ${r.added} positions`);
    sqliteRuns.push(r);
    console.log(`  sqlite run ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s (read ${r.readMs} ms, write ${r.writeMs} ms${r.cpuMs !== null ? `, CPU ${r.cpuMs} ms` : ''})`);
    if (i === RUNS - 1) {
      sqliteRerun = runImport(`sqlite:${file}`);
      if (sqliteRerun.added !== 0) throw new Error('the SQLite re-run added rows');
      console.log(`  sqlite re-run (idempotent, adds nothing): ${(sqliteRerun.wallMs / 1000).toFixed(2)} s`);
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const duckFile = path.join(tmp, `run${i}.duckdb`);
    const d = runDuckdb(duckFile);
    if (d.added !== 869_937) throw new Error(`DuckDB run ${i} loaded ${d.added} votes`);
    duckRuns.push(d);
    console.log(`  duckdb run ${i + 1}: ${(d.wallMs / 1000).toFixed(2)} s (load in-process ${d.writeMs} ms${d.cpuMs !== null ? `, CPU ${d.cpuMs} ms` : ''})`);
    for (const f of [duckFile, `${duckFile}.wal`]) rmSync(f, { force: true });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(fmt('SQLite', sqliteRuns));
console.log(fmt('DuckDB', duckRuns));

// ---------------------------------------------------------------- PostgreSQL
const admin = process.env.CONCORD_TEST_PG;
const pgRuns: Run[] = [];
let pgRerun: Run | null = null;
if (admin) {
  for (let i = 0; i < RUNS; i++) {
    const name = `concord_bench_import_${process.pid}_${i}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      const r = runImport(url.toString());
      if (r.added !== 869_937) throw new Error(`PostgreSQL run ${i} added ${r.added} positions`);
      pgRuns.push(r);
      console.log(`  postgres run ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s (read ${r.readMs} ms, write ${r.writeMs} ms${r.cpuMs !== null ? `, CPU ${r.cpuMs} ms` : ''})`);
      if (i === RUNS - 1) {
        pgRerun = runImport(url.toString());
        if (pgRerun.added !== 0) throw new Error('the PostgreSQL re-run added rows');
        console.log(`  postgres re-run (idempotent, adds nothing): ${(pgRerun.wallMs / 1000).toFixed(2)} s`);
      }
    } finally {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    }
  }
  console.log(fmt('PostgreSQL', pgRuns));
} else {
  console.log('PostgreSQL: skipped (set CONCORD_TEST_PG to an admin URL)');
}

const summary = (runs: Run[], rerun: Run | null) =>
  runs.length === 0
    ? null
    : {
        wallMs: stats(runs.map((r) => r.wallMs)),
        cpuMs: runs.every((r) => r.cpuMs !== null) ? stats(runs.map((r) => r.cpuMs!)) : null,
        importerReadMs: runs.every((r) => r.readMs !== null) ? stats(runs.map((r) => r.readMs!)) : null,
        importerWriteMs: runs.every((r) => r.writeMs !== null) ? stats(runs.map((r) => r.writeMs!)) : null,
        runs,
        idempotentRerunMs: rerun?.wallMs ?? null,
      };
const out = {
  benchmark: 'concord import unvotes',
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    node: process.version,
    loadavgBefore: load0.map((x) => Math.round(x * 100) / 100),
    loadavgAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
  },
  data: { votes: 869_937, rollCalls: 6_202, countries: 200 },
  measured: 'wall time of `node bin/concord.js import unvotes DIR` from spawn to exit (start-up, migrations, CSV read, one insert transaction, close); CPU = user + sys of the child',
  sqlite: summary(sqliteRuns, sqliteRerun),
  duckdbBaseline: duckRuns.length
    ? {
        measured: 'wall time of `node bench/analytics/duckdb-load.ts DIR FILE` (start-up, DuckDB loading unvotes.csv and roll_calls.csv into a new database file, close); loadMs = its in-process time',
        wallMs: stats(duckRuns.map((r) => r.wallMs)),
        cpuMs: duckRuns.every((r) => r.cpuMs !== null) ? stats(duckRuns.map((r) => r.cpuMs!)) : null,
        loadMs: stats(duckRuns.map((r) => r.writeMs ?? 0)),
      }
    : null,
  postgres: summary(pgRuns, pgRerun),
};
mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(path.join(repoRoot, 'bench/results/import.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote bench/results/import.json');
