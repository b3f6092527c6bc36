/**
 * The read phase of `concord import unvotes`: the three UN files (unvotes.csv, 869,937 votes;
 * roll_calls.csv; issues.csv) into parallel arrays, by
 *   - `hand-written`: Concord's reader (src/server/unvotes/read.ts): a fast path for unvotes.csv's
 *     plain lines, the RFC 4180 `parseCsv` for the rest;
 *   - `parseCsv only`: the same code path with every file through `parseCsv` (no fast path);
 *   - `csv-parse`: the same code path with every file through csv-parse (sync API, `cast` to learn
 *     whether each field was quoted, which Namibia's "NA" needs; `on_record` returning null so no
 *     record array is kept).
 * Rounds alternate the readers; median of BENCH_RUNS (default 5). The three results are checked
 * identical (roll calls, countries with their codes, every vote) before any figure is printed.
 *
 *   node bench/analytics/csv-read.bench.ts        (npm run bench:csv)
 *
 * Measured 2026-12-03 (2 shared CPUs at load 8, Node 24.21, csv-parse 7.0.3, median of 5):
 * hand-written 1.10 s, parseCsv only 1.61 s (×1.46), csv-parse 6.32 s (×5.74); csv-parse
 * without `cast` (so without the quoted/unquoted distinction) still took 4–7× the hand-written
 * time on unvotes.csv alone. The read is ~1.7 s of a 13 s import on that machine, so csv-parse
 * would add ~5 s to every import: the importer keeps its own reader (the ~1.5× bar is not met)
 * and csv-parse is a devDependency of this benchmark only. Both readers give identical results,
 * Namibia's "NA" included. Results go to bench/results/csv-read.json.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseCsv, readUnvotesDir, unvotesFilesIn, type CsvReader, type UnvotesFiles } from '../../src/server/unvotes/read.ts';
import { defaultUnvotesDir } from './unvotes.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dir = process.env.CONCORD_UNVOTES_DIR ?? defaultUnvotesDir(repoRoot);
if (!unvotesFilesIn(dir)) {
  console.error(`UN vote data not found at ${dir}`);
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** csv-parse behind Concord's reader interface: fields, and whether each was quoted. */
const csvParse: CsvReader = (text, onRow) => {
  const quoted: boolean[] = [];
  parse(text, {
    cast: (value, ctx) => {
      quoted[ctx.index] = ctx.quoting;
      return value;
    },
    on_record: (record: string[]) => {
      quoted.length = record.length;
      onRow(record, quoted);
      return null;
    },
  });
};

const readers: Array<{ name: string; read: () => UnvotesFiles }> = [
  { name: 'hand-written', read: () => readUnvotesDir(dir) },
  { name: 'parseCsv only', read: () => readUnvotesDir(dir, { csv: parseCsv }) },
  { name: 'csv-parse', read: () => readUnvotesDir(dir, { csv: csvParse }) },
];

// Same result from each reader, first.
const results = readers.map((r) => r.read());
const [ref] = results;
for (const [i, res] of results.entries()) {
  const name = readers[i].name;
  assert.equal(res.nVotes, ref.nVotes, name);
  assert.deepEqual(res.rollCalls, ref.rollCalls, `${name}: roll calls`);
  assert.deepEqual(res.countries, ref.countries, `${name}: countries`);
  assert.deepEqual([res.voteRollCall, res.voteCountry, res.voteCode], [ref.voteRollCall, ref.voteCountry, ref.voteCode], `${name}: votes`);
}
const namibia = ref.countries.find((c) => c.name === 'Namibia');
const missing = ref.countries.filter((c) => c.code === null).map((c) => c.name);
assert.equal(namibia?.code, 'NA', 'Namibia keeps its quoted code "NA"');
console.log(`${ref.nVotes} votes, ${ref.rollCalls.length} roll calls, ${ref.countries.length} countries; Namibia "${namibia?.code}"; no code: ${missing.join(', ')}`);
console.log(
  `${os.cpus().length} CPUs, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}, Node ${process.version}, ${RUNS} rounds`,
);

const times = new Map<string, number[]>(readers.map((r) => [r.name, []]));
for (let round = 0; round < RUNS; round++) {
  // Alternate the order so that no reader always runs after the same one.
  const order = round % 2 ? [...readers].reverse() : readers;
  for (const r of order) {
    const t0 = performance.now();
    r.read();
    times.get(r.name)!.push(performance.now() - t0);
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(times.get('hand-written')!);
const summary = readers.map((r) => {
  const xs = times.get(r.name)!;
  return { reader: r.name, medianMs: Math.round(median(xs)), minMs: Math.round(Math.min(...xs)), maxMs: Math.round(Math.max(...xs)), ratio: Number((median(xs) / base).toFixed(2)) };
});
for (const s of summary) {
  console.log(`${s.reader.padEnd(14)} median ${(s.medianMs / 1000).toFixed(2)} s  min ${(s.minMs / 1000).toFixed(2)} s  max ${(s.maxMs / 1000).toFixed(2)} s  ×${s.ratio.toFixed(2)}`);
}
mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(
  path.join(repoRoot, 'bench/results/csv-read.json'),
  JSON.stringify({ at: new Date().toISOString(), node: process.version, runs: RUNS, load: os.loadavg(), votes: ref.nVotes, summary }, null, 2),
);
