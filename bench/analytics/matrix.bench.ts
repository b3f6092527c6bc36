/**
 * All-pairs alignment matrix benchmark: Concord's bit-vector engine vs DuckDB SQL, on the full UN
 * General Assembly data (869,937 votes, 6,202 roll calls, 200 countries).
 *
 *   node bench/analytics/matrix.bench.ts            (from the repository root)
 *   BENCH_REPS=9 node bench/analytics/matrix.bench.ts   (DuckDB repetitions; Concord runs max(REPS, 11))
 *
 * Both engines compute simple agreement and quadratic Cohen's κ for every pair of countries
 * (over all roll calls both voted on), and the same per calendar year. Both start from data
 * already in memory: Concord from its vote table (time to pack bit vectors is included), DuckDB
 * from an in-memory table loaded with read_csv (the query, including fetching every result chunk,
 * is timed; converting DuckDB values to JS arrays is not). The CSV load of each side is reported
 * separately. Results must agree: the script reports the max |difference| and exits non-zero if it
 * exceeds 1e-9 or the pair sets differ. Results are written to bench/results/analytics.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { allPairsMatrix, buildVoteTable, windowMatrices, windowsByYear, type PairMatrix } from '../../src/core/analytics/index.ts';
import { defaultUnvotesDir, loadUnvotes, unvotesAvailable } from './unvotes.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = defaultUnvotesDir(repoRoot);
if (!unvotesAvailable(dir)) {
  console.error(`UN vote data not found at ${dir}`);
  process.exit(2);
}
const REPS = Number(process.env.BENCH_REPS ?? 5);
/** DuckDB repetitions stop early (after at least 3) once they have used this many ms, to keep the run near 2 minutes on a busy 2-core box. */
const DUCK_BUDGET_MS = Number(process.env.BENCH_DUCK_BUDGET_MS ?? 60_000);
const CONCORD_REPS = Math.max(REPS, 11);
const METHODS = ['agree', 'kappa-quad'] as const;

interface Stats {
  runs: number;
  min: number;
  median: number;
  max: number;
  all: number[];
}
function stats(ms: number[]): Stats {
  const s = [...ms].sort((x, y) => x - y);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { runs: s.length, min: r(s[0]), median: r(median), max: r(s[s.length - 1]), all: ms.map(r) };
}
async function time<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}
const fmt = (s: Stats) => `min ${s.min.toFixed(1)} ms   median ${s.median.toFixed(1)} ms   max ${s.max.toFixed(1)} ms   (${s.runs} runs)`;

// ------------------------------------------------------------------ Concord
console.log(`Concord vs DuckDB, all-pairs alignment matrices (${METHODS.join(', ')}) — ${os.cpus().length} CPUs, Node ${process.version}`);
const [loadMs, data] = await time(() => loadUnvotes(dir));
const [buildMs, table] = await time(() => buildVoteTable(data.votes, data.rollCalls));
const years = windowsByYear(table);
console.log(`data: ${data.votes.length} votes, ${table.items.length} roll calls, ${table.parties.length} countries, ${years.length} calendar years`);
console.log(`Concord: CSV parse ${loadMs.toFixed(0)} ms, buildVoteTable ${buildMs.toFixed(0)} ms`);

let concordAll: PairMatrix[] = [];
let concordYears: ReturnType<typeof windowMatrices<number>> = [];
allPairsMatrix(table, METHODS); // warm-up (JIT)
windowMatrices(table, METHODS, years);
const cAll: number[] = [],
  cYear: number[] = [];
for (let r = 0; r < CONCORD_REPS; r++) {
  const [t1, m] = await time(() => allPairsMatrix(table, METHODS));
  cAll.push(t1);
  concordAll = m;
  const [t2, y] = await time(() => windowMatrices(table, METHODS, years));
  cYear.push(t2);
  concordYears = y;
}
const concordAllStats = stats(cAll),
  concordYearStats = stats(cYear);
console.log(`Concord all-pairs (all 6,202 roll calls): ${fmt(concordAllStats)}`);
console.log(`Concord per-year matrices (${years.length} years):  ${fmt(concordYearStats)}`);

// ------------------------------------------------------------------ DuckDB
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const q = (s: string) => s.replace(/'/g, "''");
const [duckLoadMs] = await time(async () => {
  await con.run(`CREATE TABLE rc AS
    SELECT rcid, year(CAST(date AS DATE))::INTEGER AS yr
    FROM read_csv('${q(path.join(dir, 'roll_calls.csv'))}', header = true,
      columns = {'rcid': 'INTEGER', 'session': 'INTEGER', 'importantvote': 'VARCHAR', 'date': 'VARCHAR', 'unres': 'VARCHAR',
                 'amend': 'VARCHAR', 'para': 'VARCHAR', 'short': 'VARCHAR', 'descr': 'VARCHAR'})`);
  await con.run(`CREATE TABLE v AS
    SELECT u.rcid, u.country, (CASE u.vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 WHEN 'no' THEN 3 END)::TINYINT AS x, rc.yr
    FROM read_csv('${q(path.join(dir, 'unvotes.csv'))}', header = true,
      columns = {'rcid': 'INTEGER', 'country': 'VARCHAR', 'country_code': 'VARCHAR', 'vote': 'VARCHAR'}) u
    JOIN rc USING (rcid)`);
});
const threads = (await con.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0][0];
const duckVersion = (await con.runAndReadAll('SELECT version()')).getRows()[0][0];
console.log(`DuckDB ${duckVersion}: read_csv into in-memory tables ${duckLoadMs.toFixed(0)} ms, threads = ${threads}`);

/**
 * Pairs over the roll calls both countries voted on. κ_quad = 1 − D_o/D_e with, for quadratic
 * distances, D_e = E(X − Y)² under independence = var(X) + var(Y) + (mean X − mean Y)² (population
 * moments over the paired votes): an algebraically independent route to the same figure, so the
 * comparison checks Concord's count-table arithmetic too. D_e = 0 only when both variances are 0
 * and the means are equal: NULL, as in Concord.
 */
const pairSql = (groupByYear: boolean) => `
  SELECT ${groupByYear ? 'a.yr,' : ''} a.country AS ca, b.country AS cb, count(*)::INTEGER AS n,
    avg(CASE WHEN a.x = b.x THEN 1.0 ELSE 0.0 END)::DOUBLE AS agree,
    CASE WHEN var_pop(a.x) = 0 AND var_pop(b.x) = 0 AND avg(a.x) = avg(b.x) THEN NULL
         ELSE 1 - avg(((a.x - b.x) * (a.x - b.x))::DOUBLE) / (var_pop(a.x) + var_pop(b.x) + (avg(a.x) - avg(b.x)) ^ 2)
    END AS kappa
  FROM v a JOIN v b ON a.rcid = b.rcid AND a.country < b.country
  GROUP BY ${groupByYear ? 'a.yr, ' : ''}a.country, b.country`;

await con.runAndReadAll(pairSql(false)); // warm-up
const dAll: number[] = [],
  dYear: number[] = [];
let duckAllReader = null as Awaited<ReturnType<typeof con.runAndReadAll>> | null;
let duckYearReader = null as Awaited<ReturnType<typeof con.runAndReadAll>> | null;
const duckStart = performance.now();
for (let r = 0; r < REPS; r++) {
  if (r >= 3 && performance.now() - duckStart > DUCK_BUDGET_MS) break;
  const [t1, a] = await time(() => con.runAndReadAll(pairSql(false)));
  dAll.push(t1);
  duckAllReader = a;
  const [t2, y] = await time(() => con.runAndReadAll(pairSql(true)));
  dYear.push(t2);
  duckYearReader = y;
}
const duckAllStats = stats(dAll),
  duckYearStats = stats(dYear);
console.log(`DuckDB  all-pairs (all 6,202 roll calls): ${fmt(duckAllStats)}`);
console.log(`DuckDB  per-year matrices (${years.length} years):  ${fmt(duckYearStats)}`);

// ------------------------------------------------------------------ verification
const rowMaps = new WeakMap<PairMatrix, Map<string, number>>();
function rowOf(m: PairMatrix, party: string): number | undefined {
  let map = rowMaps.get(m);
  if (!map) {
    map = new Map(m.parties.map((p, i) => [p, i]));
    rowMaps.set(m, map);
  }
  return map.get(party);
}
interface Check {
  pairs: number;
  maxAbsDiffAgree: number;
  maxAbsDiffKappa: number;
  nMismatches: number;
  nullMismatches: number;
  /** Pairs DuckDB returned that Concord lacks, plus Concord pairs with n > 0 that DuckDB did not return. */
  pairSetMismatches: number;
}
function compare(cols: unknown[][], withYear: boolean, matrixFor: (year: number | null) => PairMatrix[] | undefined): Check {
  const off = withYear ? 1 : 0;
  const [ca, cb, n, agree, kappa] = cols.slice(off) as [string[], string[], number[], number[], (number | null)[]];
  const check: Check = { pairs: ca.length, maxAbsDiffAgree: 0, maxAbsDiffKappa: 0, nMismatches: 0, nullMismatches: 0, pairSetMismatches: 0 };
  const seen = new Map<number | null, Set<number>>();
  for (let r = 0; r < ca.length; r++) {
    const year = withYear ? Number(cols[0][r]) : null;
    const ms = matrixFor(year);
    const i = ms && rowOf(ms[0], ca[r]),
      j = ms && rowOf(ms[0], cb[r]);
    if (!ms || i === undefined || j === undefined) {
      check.pairSetMismatches++;
      continue;
    }
    const [mA, mK] = ms;
    const k = i * mA.size + j;
    let s = seen.get(year);
    if (!s) {
      s = new Set();
      seen.set(year, s);
    }
    s.add(i < j ? k : j * mA.size + i);
    if (mA.n[k] !== Number(n[r]) || mA.n[j * mA.size + i] !== Number(n[r])) check.nMismatches++;
    check.maxAbsDiffAgree = Math.max(check.maxAbsDiffAgree, Math.abs(mA.values[k] - Number(agree[r])));
    const dk = kappa[r];
    if ((dk === null) !== Number.isNaN(mK.values[k])) check.nullMismatches++;
    else if (dk !== null) check.maxAbsDiffKappa = Math.max(check.maxAbsDiffKappa, Math.abs(mK.values[k] - Number(dk)));
  }
  // Every Concord pair with paired votes must have come back from DuckDB.
  const windows: [number | null, PairMatrix[]][] = withYear ? concordYears.map((w) => [w.key, w.matrices]) : [[null, concordAll]];
  for (const [year, ms] of windows) {
    const m = ms[0];
    const s = seen.get(year) ?? new Set<number>();
    for (let i = 0; i < m.size; i++)
      for (let j = i + 1; j < m.size; j++) {
        if (m.n[i * m.size + j] > 0 && !s.has(i * m.size + j)) check.pairSetMismatches++;
      }
  }
  return check;
}
const yearIndex = new Map(concordYears.map((w) => [w.key, w.matrices]));
const checkAll = compare(duckAllReader!.getColumns() as unknown[][], false, () => concordAll);
const checkYears = compare(duckYearReader!.getColumns() as unknown[][], true, (y) => yearIndex.get(y!));
const ok = (c: Check) => c.maxAbsDiffAgree <= 1e-9 && c.maxAbsDiffKappa <= 1e-9 && c.nMismatches === 0 && c.nullMismatches === 0 && c.pairSetMismatches === 0;
for (const [name, c] of [
  ['all-pairs', checkAll],
  ['per-year', checkYears],
] as const) {
  console.log(
    `verify ${name}: ${c.pairs} DuckDB pairs; max |Δ| agree ${c.maxAbsDiffAgree.toExponential(2)}, κ_quad ${c.maxAbsDiffKappa.toExponential(2)}; ` +
      `n mismatches ${c.nMismatches}, null mismatches ${c.nullMismatches}, pair-set mismatches ${c.pairSetMismatches} → ${ok(c) ? 'OK' : 'MISMATCH'}`,
  );
}

const ratioAll = duckAllStats.median / concordAllStats.median;
const ratioYear = duckYearStats.median / concordYearStats.median;
console.log(`ratio DuckDB median / Concord median: all-pairs ${ratioAll.toFixed(1)}×, per-year ${ratioYear.toFixed(1)}× (target ≥ 20× on all-pairs: ${ratioAll >= 20 ? 'met' : 'NOT met'})`);

const out = {
  benchmark: 'analytics all-pairs matrix',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, duckdb: String(duckVersion), duckdbThreads: String(threads) },
  data: { votes: data.votes.length, rollCalls: table.items.length, parties: table.parties.length, years: years.length },
  methods: METHODS,
  concord: { csvParseMs: Math.round(loadMs), buildVoteTableMs: Math.round(buildMs), allPairs: concordAllStats, perYear: concordYearStats },
  duckdb: { readCsvMs: Math.round(duckLoadMs), allPairs: duckAllStats, perYear: duckYearStats },
  ratioMedian: { allPairs: Math.round(ratioAll * 10) / 10, perYear: Math.round(ratioYear * 10) / 10 },
  verification: { allPairs: checkAll, perYear: checkYears, ok: ok(checkAll) && ok(checkYears) },
};
const resultsDir = path.join(repoRoot, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'analytics.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${path.relative(repoRoot, path.join(resultsDir, 'analytics.json'))}`);
con.closeSync();
instance.closeSync();
if (!out.verification.ok) process.exit(1);
