/**
 * Concord as `npm start` starts it: `node bin/concord.js serve --demo-if-empty` as a child
 * process (the pinned Node 24), over a fresh store, on a free port, with the write thread on. For
 * tests that must see the product as it ships (the browser tests, the API sweep) rather than an
 * app built in-process.
 *
 * - SQLite: DATABASE_URL=sqlite:<fresh temp folder>/concord.db (the folder is removed on stop).
 * - PostgreSQL: a fresh database `concord_started_<random>` on CONCORD_TEST_PG's server, dropped
 *   on stop.
 * - The instance's signing key (CONCORD_KEY_FILE) goes in the temp folder, not ./data.
 *
 * `--demo-if-empty` loads the demo scenario. The server's stdout and stderr are collected
 * (`log()`); `stop()` sends SIGTERM, then SIGKILL after a timeout. `printLogIfFailed(t, server)`
 * prints the log under a failed test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const ROOT = resolve(import.meta.dirname, '../..');
export type StartedStore = 'sqlite' | 'postgres';

/** The stores to run started-process tests on: SQLite always, PostgreSQL when CONCORD_TEST_PG names a server. */
export function startedStores(): StartedStore[] {
  return process.env.CONCORD_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface StartOptions {
  store?: StartedStore;
  /** Serve this existing store instead of a fresh one (left in place on stop). */
  databaseUrl?: string;
  /** Sign-in attempts per minute and client (CONCORD_SIGNIN_PER_MINUTE); unset: the server's default of 10. */
  signInPerMinute?: number;
  /** More environment for the server (e.g. CONCORD_WRITE_THREAD). */
  env?: Record<string, string>;
  /**
   * What a fresh store starts with: the demo scenario (`--demo-if-empty`, as `npm start`), or only
   * the demo's users and reference data, no groups (`--users-only-if-empty`).
   */
  seed?: 'demo' | 'users-only';
  /** How long to wait for the first answer (default 120 s: a loaded machine loads the demo slowly). */
  readyTimeoutMs?: number;
}

export interface StartedServer {
  url: string;
  port: number;
  store: StartedStore;
  databaseUrl: string;
  /** How long from spawn to the first answer, in ms. */
  startMs: number;
  /** Everything the server wrote on stdout and stderr so far. */
  log(): string;
  /** What it wrote on stderr alone (lines outside the JSON log, such as a lost PostgreSQL connection). */
  stderr(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** The process's resident set size in bytes (VmRSS from /proc). */
  rss(): number;
  /** Lines of the log at level error or fatal (the server logs JSON lines, pino's levels 50 and 60). */
  errors(): string[];
  /** SIGTERM, then SIGKILL after `killAfterMs` (default 10 s); then the store is removed. Once. */
  stop(killAfterMs?: number): Promise<void>;
  /** How the process ended, once it has. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/** The pinned Node 24 (node_modules/.bin/node), as `npm start` runs it. */
export function pinnedNode(): string {
  const pinned = join(ROOT, 'node_modules/.bin/node');
  return existsSync(pinned) ? pinned : process.execPath;
}

/** A port nobody listens on right now (the server takes the next free one if it is taken meanwhile). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export async function adminQuery(admin: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/** Servers still running; killed if this process exits without stopping them (a crashed test file). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `concord serve --demo-if-empty` over a fresh store and waits until it answers. */
export async function startConcord(opts: StartOptions = {}): Promise<StartedServer> {
  const store = opts.store ?? (opts.databaseUrl && !opts.databaseUrl.startsWith('sqlite:') ? 'postgres' : 'sqlite');
  // A folder of its own: the SQLite store (when fresh) and the instance's signing key.
  const dir = mkdtempSync(join(tmpdir(), 'concord-started-'));
  let databaseUrl: string;
  let removeStore: () => Promise<void>;
  if (opts.databaseUrl) {
    databaseUrl = opts.databaseUrl;
    removeStore = async () => rmSync(dir, { recursive: true, force: true });
  } else if (store === 'sqlite') {
    databaseUrl = `sqlite:${join(dir, 'concord.db')}`;
    removeStore = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = process.env.CONCORD_TEST_PG;
    if (!admin) throw new Error('CONCORD_TEST_PG is not set: no PostgreSQL server to start Concord on');
    const name = `concord_started_${randomBytes(6).toString('hex')}`;
    await adminQuery(admin, `create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    removeStore = async () => {
      rmSync(dir, { recursive: true, force: true });
      await adminQuery(admin, `drop database if exists ${name} with (force)`);
    };
  }

  // The environment `npm start` would see, minus the knobs that change how the server runs.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^CONCORD_/.test(k) && k !== 'NODE_TEST_CONTEXT' && k !== 'NODE_OPTIONS') env[k] = v;
  }
  const requested = await freePort();
  Object.assign(env, { DATABASE_URL: databaseUrl, PORT: String(requested), HOST: '127.0.0.1', CONCORD_KEY_FILE: join(dir, 'concord-signing-key.pem'), CONCORD_FEEDS_MINUTES: '0' }, opts.env ?? {});
  if (opts.signInPerMinute !== undefined) env.CONCORD_SIGNIN_PER_MINUTE = String(opts.signInPerMinute);

  const started = Date.now();
  const child: ChildProcess = spawn(pinnedNode(), [join(ROOT, 'bin/concord.js'), 'serve', opts.seed === 'users-only' ? '--users-only-if-empty' : '--demo-if-empty'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const chunks: string[] = [];
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => chunks.push(d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    chunks.push(d);
    stderr += d;
  });
  const log = () => chunks.join('');
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((ok) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      ok();
    }),
  );

  let stopping: Promise<void> | undefined;
  const stop = (killAfterMs = 10_000) => (stopping ??= stopAndRemove(killAfterMs));
  const stopAndRemove = async (killAfterMs: number) => {
    if (!exited) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((ok) => {
        timer = setTimeout(() => {
          if (!exited) {
            chunks.push(`\n[harness] no exit ${killAfterMs} ms after SIGTERM: SIGKILL\n`);
            child.kill('SIGKILL');
          }
          ok();
        }, killAfterMs);
      });
      await Promise.race([exit, killed]);
      await exit;
      clearTimeout(timer);
    }
    await removeStore();
  };

  // Ready when it has said where it serves and answers there.
  const deadline = started + (opts.readyTimeoutMs ?? 120_000);
  let port = 0;
  for (;;) {
    if (exited) {
      await removeStore();
      throw new Error(`concord serve exited (code ${exited.code}, signal ${exited.signal}) before answering; its log:\n${log()}`);
    }
    if (Date.now() > deadline) {
      await stop(2_000);
      throw new Error(`concord serve did not answer within ${opts.readyTimeoutMs ?? 120_000} ms; its log:\n${log()}`);
    }
    const m = /Concord is serving .* on http:\/\/[^:/]+:(\d+)/.exec(log());
    if (m) {
      port = Number(m[1]);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const errors = () =>
    log()
      .split('\n')
      .filter((l) => /"level":(50|60|"error"|"fatal")[,}]/.test(l));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    databaseUrl,
    startMs: Date.now() - started,
    log,
    errors,
    stop,
    exit: () => exited,
    stderr: () => stderr,
    alive: () => !exited,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
  };
}

/** Signs in as a demo user; returns the cookie and CSRF token. */
export async function signInDemo(url: string, email = 'mofa.secretariat@concord.demo'): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'concord-demo' }) });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

// `passed` is in Node 24's TestContext (not yet in @types/node's).
type TestLike = { after(fn: () => void | Promise<void>): void; readonly name: string };
const passed = (t: TestLike) => (t as { passed?: boolean }).passed !== false;

/** Prints the server's log on stderr after the test when the test failed. */
export function printLogIfFailed(t: TestLike, server: Pick<StartedServer, 'log' | 'store'>): void {
  t.after(() => {
    if (!passed(t)) process.stderr.write(`\n--- log of concord serve (${server.store}) for "${t.name}" ---\n${server.log()}\n--- end of log ---\n`);
  });
}

/** Starts Concord for one test and stops it after the test; a failed test prints its log. */
export async function concordFor(t: TestLike, opts: StartOptions = {}): Promise<StartedServer> {
  const server = await startConcord(opts);
  t.after(() => server.stop());
  printLogIfFailed(t, server);
  return server;
}
