/**
 * `npm test`'s runner. Every test file is a job: the browser tests (test/browser: Chromium and a
 * started server), every other test file, and the route tests a second time through the server's
 * write thread (`npm run test:write-thread`: CONCORD_TEST_WRITE_THREAD=1, SQLite only). WORKERS
 * (default 3) run the jobs side by side, each taking the next file from one queue ordered by
 * its usual duration, longest first (WEIGHTS, from earlier runs), so the workers end together
 * instead of one long lane finishing alone. The tests wait on fsyncs, Chromium and timers as much
 * as they compute: with two fixed lanes the test processes used about one of the two cores.
 * Files that time the server against a bound (test/heavy.test.ts: /healthz under 50 ms while the
 * heaviest reads run; test/memory.test.ts: the read cache's RSS) run afterwards, alone.
 *
 * Each file's output is printed whole when it ends (a failing file lists its failing tests at its
 * end, as the runner prints them); at the end, each lane's time, its slowest files, and the files
 * that failed. The exit status is non-zero when any file failed.
 *
 *   node test/lanes.ts                          every lane
 *   TEST_LANES=browser node test/lanes.ts       only the named lanes (browser, rest, write-thread, alone)
 *   TEST_WORKERS=2 node test/lanes.ts           how many files run at once
 */
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ALONE = ['test/heavy.test.ts', 'test/memory.test.ts'];
const WORKERS = Math.max(1, Number(process.env.TEST_WORKERS ?? 3));

const all = [...globSync('src/**/*.test.ts', { cwd: ROOT }), ...globSync('test/**/*.test.ts', { cwd: ROOT })].map((f) => relative(ROOT, join(ROOT, f))).sort();
const browser = all.filter((f) => f.startsWith('test/browser/'));
const alone = all.filter((f) => ALONE.includes(f));
const rest = all.filter((f) => !browser.includes(f) && !alone.includes(f));
const routes = all.filter((f) => f.startsWith('src/server/routes/'));

/**
 * Seconds a file usually takes on a loaded CI machine (from this runner's "slowest files");
 * a browser file not listed counts 20, any other 8. Only the order depends on them.
 */
const WEIGHTS: Record<string, number> = {
  'test/browser/axe.test.ts': 250,
  'test/browser/app.test.ts': 130,
  'test/browser/week.test.ts': 90,
  'test/browser/xss.test.ts': 75,
  'test/browser/korean.test.ts': 95,
  'test/browser/create.test.ts': 65,
  'test/browser/smoke.test.ts': 60,
  'test/browser/analysis.test.ts': 50,
  'test/browser/drafts.test.ts': 45,
  'test/browser/oidc.test.ts': 40,
  'test/browser/series.test.ts': 35,
  'test/browser/phone.test.ts': 33,
  'test/browser/account.test.ts': 33,
  'test/browser/notifications.test.ts': 32,
  'test/browser/briefing.test.ts': 30,
  'src/server/db/migrations.test.ts': 150,
  'test/leak.test.ts': 300,
  'src/server/store/bundle.test.ts': 35,
  'test/notifications.test.ts': 28,
  'src/server/routes/discipline/discipline.test.ts': 26,
  'src/server/routes/identity/identity.test.ts': 26,
  'test/started/sweep.test.ts': 26,
  'src/server/routes/passkeys/passkeys.test.ts': 24,
  'test/notification-kinds.test.ts': 20,
  'src/cli/store-path.test.ts': 20,
  'src/server/routes/session/session.test.ts': 18,
  'src/cli/document-verify.test.ts': 17,
  'src/server/demo/load.test.ts': 17,
  'src/server/audit/checkpoint.test.ts': 17,
  'test/fuzz.test.ts': 17,
};
const weight = (lane: string, f: string) => (lane === 'write-thread' ? 5 : (WEIGHTS[f] ?? (lane === 'browser' ? 20 : 8)));

interface Job {
  lane: string;
  file: string;
  env?: Record<string, string>;
}

const wanted = new Set((process.env.TEST_LANES ?? 'browser,rest,write-thread,alone').split(',').map((s) => s.trim()));
const jobs: Job[] = [
  ...browser.map((file) => ({ lane: 'browser', file })),
  ...rest.map((file) => ({ lane: 'rest', file })),
  ...routes.map((file) => ({ lane: 'write-thread', file, env: { CONCORD_TEST_WRITE_THREAD: '1', CONCORD_TEST_PG: '', CONCORD_REQUIRE_PG: '' } })),
]
  .filter((j) => wanted.has(j.lane))
  .sort((a, b) => weight(b.lane, b.file) - weight(a.lane, a.file));

interface Done {
  job: Job;
  seconds: number;
  ok: boolean;
}

/** Runs files through Node's test runner in one process (one file at a time); resolves with its status and time. */
function run(files: string[], env: Record<string, string> | undefined, title: string): Promise<{ ok: boolean; seconds: number }> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => out.push(d));
    child.on('close', (code, signal) => {
      const ok = (code ?? (signal ? 1 : 0)) === 0;
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`\n=== ${title}: ${ok ? 'passed' : `FAILED (exit ${code ?? signal})`} in ${seconds.toFixed(1)} s ===\n`);
      process.stdout.write(Buffer.concat(out));
      done({ ok, seconds });
    });
  });
}

/** At most this many browser files at once (each is Chromium and a started server; more would starve the rest). */
const MAX_BROWSER = 2;
let browsers = 0;
const queue = [...jobs];
/** The next job for a free worker: the longest waiting, unless it would be one browser file too many. */
const next = (): Job | undefined => {
  const i = queue.findIndex((j) => j.lane !== 'browser' || browsers < MAX_BROWSER);
  return i < 0 ? undefined : queue.splice(i, 1)[0];
};

const started = Date.now();
const done: Done[] = [];
await Promise.all(
  Array.from({ length: WORKERS }, async () => {
    for (let job = next(); job; job = next()) {
      if (job.lane === 'browser') browsers++;
      const r = await run([job.file], job.env, `${job.lane} ${job.file}`);
      if (job.lane === 'browser') browsers--;
      done.push({ job, ...r });
    }
  }),
);
const sideBySide = (Date.now() - started) / 1000;
let aloneResult: { ok: boolean; seconds: number } | null = null;
if (wanted.has('alone') && alone.length) aloneResult = await run(alone, undefined, `alone ${alone.join(', ')}`);

process.stdout.write(
  `\n=== summary: ${done.length} file(s) on ${WORKERS} worker(s) in ${sideBySide.toFixed(0)} s${aloneResult ? `, then the alone lane in ${aloneResult.seconds.toFixed(0)} s` : ''} ===\n`,
);
for (const lane of ['browser', 'rest', 'write-thread']) {
  const mine = done.filter((d) => d.job.lane === lane);
  if (!mine.length) continue;
  const total = mine.reduce((s, d) => s + d.seconds, 0);
  process.stdout.write(`${lane}: ${mine.length} file(s), ${total.toFixed(0)} s in all; slowest:\n`);
  for (const d of [...mine].sort((a, b) => b.seconds - a.seconds).slice(0, 8)) process.stdout.write(`  ${d.seconds.toFixed(1).padStart(6)} s  ${d.job.file}\n`);
}
const failed = [...done.filter((d) => !d.ok).map((d) => `${d.job.lane} ${d.job.file}`), ...(aloneResult && !aloneResult.ok ? ['alone'] : [])];
process.stdout.write(failed.length ? `\n${failed.length} failed:\n${failed.map((f) => `  ${f}\n`).join('')}` : '\nevery file passed\n');
process.exit(failed.length ? 1 : 0);
