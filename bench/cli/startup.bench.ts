/**
 * How long `concord` takes to start: `--help`, `--version` and each command's `--help` (which
 * parse the command line and load what the program declares, but run nothing), with Node 24
 * directly and through the launcher started by the machine's own older Node (which hands over
 * to the pinned Node 24). The baseline is a bare `node -e 0` of the same binary, measured in the
 * same run. Issue targets: --help under 150 ms, any command's start-up under 250 ms.
 *
 * Run: node bench/cli/startup.bench.ts   (RUNS=9) — prints medians in ms and ratios to the baseline.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/concord.js');
const RUNS = Number(process.env.RUNS ?? 9);
const NODE24 = process.execPath;
const SYSTEM_NODE = spawnSync('bash', ['-lc', 'command -v node'], { encoding: 'utf8' }).stdout.trim();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'sqlite:/nonexistent/concord.db' } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}
const med = (cmd: string, args: string[]) => median(Array.from({ length: RUNS }, () => time(cmd, args)));

const baseline = med(NODE24, ['-e', '0']);
const cases: [string, string[]][] = [
  ['--help', ['--help']],
  ['--version', ['--version']],
  ['serve --help', ['serve', '--help']],
  ['export --help', ['export', '--help']],
  ['analyze matrix --help', ['analyze', 'matrix', '--help']],
  ['statements check --help', ['statements', 'check', '--help']],
  ['extract --help', ['extract', '--help']],
];
process.stdout.write(`node -e 0 (Node ${process.versions.node}): ${baseline.toFixed(0)} ms; ${RUNS} runs each, medians\n`);
process.stdout.write(`${'command'.padEnd(26)} ${'Node 24'.padStart(9)} ${'× bare'.padStart(7)}${SYSTEM_NODE && SYSTEM_NODE !== NODE24 ? `  ${'launcher'.padStart(9)}` : ''}\n`);
for (const [name, args] of cases) {
  const direct = med(NODE24, [BIN, ...args]);
  let line = `${name.padEnd(26)} ${`${direct.toFixed(0)} ms`.padStart(9)} ${(direct / baseline).toFixed(2).padStart(7)}`;
  if (SYSTEM_NODE && SYSTEM_NODE !== NODE24) line += `  ${`${med(SYSTEM_NODE, [BIN, ...args]).toFixed(0)} ms`.padStart(9)}`;
  process.stdout.write(`${line}\n`);
}
