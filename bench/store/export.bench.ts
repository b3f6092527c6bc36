/**
 * Export/import benchmark with the UN General Assembly votes (869,937 positions): imports them
 * into a fresh embedded store (and, with CONCORD_TEST_PG, a fresh PostgreSQL database), then per
 * run spawns, as an operator would run them:
 *   scan    bench/store/scan.ts: every row read from one snapshot and thrown away (the baseline)
 *   export  `concord export FILE`
 *   import  `concord import FILE` into a fresh store of the same kind
 * and times each from spawn to exit, with its peak RSS and CPU time from /usr/bin/time. Speed
 * is reported as ratios against the scan of the same run; peak RSS in MB, against a limit of
 * 300 MB. It also checks that the re-export of the imported store is byte-identical.
 *
 *   node bench/store/export.bench.ts
 *   CONCORD_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres node bench/store/export.bench.ts
 *   BENCH_RUNS=3 …
 *
 * Results go to bench/results/export.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = process.env.CONCORD_UNVOTES_DIR ?? path.resolve(repoRoot, '../shared/data/unvotes');
if (!existsSync(path.join(dir, 'unvotes.csv'))) {
  console.error(`UN vote data not found at ${dir}`);
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('/usr/bin/time is needed for peak RSS');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const BIN = path.join(repoRoot, 'bin/concord.js');
const SCAN = path.join(repoRoot, 'bench/store/scan.ts');
const LIMIT_MB = 300;

interface Measure {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

function timed(url: string, ...args: string[]): Measure {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr)!;
  return { wallMs: Math.round(Number(m[1]) * 1000), cpuMs: Math.round((Number(m[2]) + Number(m[3])) * 1000), rssMb: Math.round(Number(m[4]) / 1024) };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'concord-export-bench-'));
const pgAdmin = process.env.CONCORD_TEST_PG;
const pgDbs: string[] = [];

async function freshUrl(kind: 'sqlite' | 'postgres', name: string): Promise<string> {
  if (kind === 'sqlite') return `sqlite:${path.join(tmp, `${name}.db`)}`;
  const db = `concord_bench_${process.pid}_${name}`;
  const c = new pg.Client({ connectionString: pgAdmin });
  await c.connect();
  await c.query(`drop database if exists ${db} with (force)`);
  await c.query(`create database ${db}`);
  await c.end();
  pgDbs.push(db);
  const u = new URL(pgAdmin!);
  u.pathname = `/${db}`;
  return u.toString();
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const results: Record<string, unknown> = { at: new Date().toISOString(), runs: RUNS, limitMb: LIMIT_MB, stores: {} };
try {
  for (const kind of pgAdmin ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    const src = await freshUrl(kind, 'src');
    const u = spawnSync(process.execPath, [BIN, 'import', 'unvotes', dir], { env: { ...process.env, DATABASE_URL: src }, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (u.status !== 0) throw new Error(`import unvotes failed: ${u.stderr}`);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const file = path.join(tmp, `bundle-${kind}-${i}.json`);
      const scan = timed(src, SCAN);
      const exp = timed(src, BIN, 'export', file);
      const dst = await freshUrl(kind, `dst${i}`);
      const imp = timed(dst, BIN, 'import', file);
      const again = path.join(tmp, `again-${kind}-${i}.json`);
      timed(dst, BIN, 'export', again);
      const identical = readFileSync(file).equals(readFileSync(again));
      const run = {
        bundleMb: Math.round(statSync(file).size / 2 ** 20),
        scan,
        export: exp,
        import: imp,
        identical,
        exportWallRatio: ratio(exp.wallMs, scan.wallMs),
        exportCpuRatio: ratio(exp.cpuMs, scan.cpuMs),
        importWallRatio: ratio(imp.wallMs, scan.wallMs),
        importCpuRatio: ratio(imp.cpuMs, scan.cpuMs),
      };
      runs.push(run);
      rmSync(file);
      rmSync(again);
      console.log(
        `${kind} run ${i + 1}: bundle ${run.bundleMb} MB; scan ${scan.wallMs} ms (cpu ${scan.cpuMs}, ${scan.rssMb} MB); ` +
          `export ${exp.wallMs} ms = ×${run.exportWallRatio} scan (cpu ×${run.exportCpuRatio}), peak RSS ${exp.rssMb} MB; ` +
          `import ${imp.wallMs} ms = ×${run.importWallRatio} scan (cpu ×${run.importCpuRatio}), peak RSS ${imp.rssMb} MB; ` +
          `re-export ${identical ? 'identical' : 'DIFFERS'}` +
          (exp.rssMb > LIMIT_MB || imp.rssMb > LIMIT_MB ? `; OVER ${LIMIT_MB} MB` : ''),
      );
    }
    (results.stores as Record<string, unknown>)[kind] = runs;
  }
  mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'bench/results/export.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
  if (pgDbs.length) {
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    for (const db of pgDbs) await c.query(`drop database if exists ${db} with (force)`);
    await c.end();
  }
}
