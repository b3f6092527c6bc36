/**
 * How long `concord` takes to start: `--help`, `--version` and each command's `--help` (which
 * parse the command line and load what the program declares, but run nothing), three ways:
 *   Node 24   `node_modules/.bin/node bin/concord.js …`
 *   program   `bin/concord.js …` run as a program, as npm's `concord` link runs it (the shell
 *             line starts the pinned Node 24 directly)
 *   launcher  `node bin/concord.js …` with the machine's own older Node, which hands over to the
 *             pinned Node 24 (a second Node start)
 * The baseline is a bare `node -e 0` of the same binary (and of the older Node), measured in the
 * same run. The compile cache (bin/concord.js) is warmed by the first run of each case, as on any
 * machine after the first command; COLD=1 points it at an empty folder per run instead.
 * Issue targets: --help under 150 ms, any command's start-up under 250 ms.
 *
 * Run: node bench/cli/startup.bench.ts   (RUNS=9) — prints medians in ms and ratios to the baseline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/concord.js');
const RUNS = Number(process.env.RUNS ?? 9);
const NODE24 = process.execPath;
const SYSTEM_NODE = spawnSync('bash', ['-lc', 'command -v node'], { encoding: 'utf8' }).stdout.trim();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const COLD = process.env.COLD === '1';
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
/** Wall ms from spawn to exit and, with /usr/bin/time, the CPU ms (user + sys) of the process and its children: on a shared machine the wall time also measures the neighbours. */
function time(cmd: string, args: string[]): { wall: number; cpu: number } {
  const cache = COLD ? mkdtempSync(join(tmpdir(), 'concord-cc-')) : undefined;
  const env = { ...process.env, DATABASE_URL: 'sqlite:/nonexistent/concord.db', ...(cache ? { NODE_COMPILE_CACHE: cache } : {}) };
  const t = performance.now();
  const r = TIME ? spawnSync(TIME, ['-f', 'CPU %U %S', cmd, ...args], { cwd: ROOT, encoding: 'utf8', env }) : spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env });
  const ms = performance.now() - t;
  if (cache) rmSync(cache, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const c = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { wall: ms, cpu: c ? (Number(c[1]) + Number(c[2])) * 1000 : Number.NaN };
}
/** Medians of wall and CPU ms over RUNS runs. */
const med = (cmd: string, args: string[]) => {
  const runs = Array.from({ length: RUNS }, () => time(cmd, args));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
};
const show = (m: { wall: number; cpu: number }) => `${m.wall.toFixed(0)} (${Number.isNaN(m.cpu) ? '–' : m.cpu.toFixed(0)})`;

const older = SYSTEM_NODE && SYSTEM_NODE !== NODE24;
const baseline = med(NODE24, ['-e', '0']);
const olderBaseline = older ? med(SYSTEM_NODE, ['-e', '0']) : null;
const cases: [string, string[]][] = [
  ['--help', ['--help']],
  ['--version', ['--version']],
  ['serve --help', ['serve', '--help']],
  ['export --help', ['export', '--help']],
  ['analyze matrix --help', ['analyze', 'matrix', '--help']],
  ['statements check --help', ['statements', 'check', '--help']],
  ['extract --help', ['extract', '--help']],
];
process.stdout.write(
  `ms from spawn to exit (CPU ms, user + sys), medians of ${RUNS} runs; compile cache ${COLD ? 'cold' : 'warm'}\n` +
    `node -e 0: Node ${process.versions.node} ${show(baseline)}${olderBaseline ? `; ${SYSTEM_NODE} (Node ${spawnSync(SYSTEM_NODE, ['-v'], { encoding: 'utf8' }).stdout.trim()}) ${show(olderBaseline)}` : ''}\n`,
);
process.stdout.write(`${'command'.padEnd(24)} ${'Node 24'.padStart(13)} ${'× bare'.padStart(7)} ${'program'.padStart(13)}${older ? ` ${'launcher'.padStart(13)}` : ''}\n`);
for (const [name, args] of cases) {
  const direct = med(NODE24, [BIN, ...args]);
  const program = med(BIN, args);
  let line = `${name.padEnd(24)} ${show(direct).padStart(13)} ${(direct.wall / baseline.wall).toFixed(2).padStart(7)} ${show(program).padStart(13)}`;
  if (older) line += ` ${show(med(SYSTEM_NODE, [BIN, ...args])).padStart(13)}`;
  process.stdout.write(`${line}\n`);
}
