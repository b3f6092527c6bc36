/**
 * `concord serve` as a child process, as it runs in production: for the tests that must watch the
 * whole process (it stays up when PostgreSQL drops its connections; its memory stays bounded).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { randomUUID } from 'node:crypto';

export const ROOT = resolve(import.meta.dirname, '..');
const NODE = resolve(ROOT, 'node_modules/.bin/node');
const BIN = resolve(ROOT, 'bin/concord.js');

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** The child's resident set size in bytes (VmRSS from /proc). */
  rss(): number;
  stop(): Promise<void>;
}

/** Starts `concord serve --demo-if-empty` on DATABASE_URL, and resolves once it listens. */
export async function startChild(databaseUrl: string, env: Record<string, string> = {}, timeoutMs = 180_000): Promise<ChildServer> {
  // A port from 18600–18699 (the serve command moves on to the next free one and says which).
  const port = 18600 + Math.floor(Math.random() * 80);
  const child = spawn(NODE, [BIN, 'serve', '--demo-if-empty', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let exited = false;
  child.stderr!.on('data', (d) => (err += d));
  child.on('exit', () => (exited = true));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`concord serve did not start in ${timeoutMs} ms: ${out}\n${err}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /serving .* on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`concord serve exited with ${code}: ${out}\n${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    alive: () => !exited,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
    stop: async () => {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    },
  };
}

/** A fresh, empty PostgreSQL database on the CONCORD_TEST_PG server: its URL and a drop function. */
export async function freshPgDatabase(admin: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `concord_child_${process.pid}_${randomUUID().slice(0, 8)}`;
  await adminQuery(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(admin, `drop database if exists ${name} with (force)`).then(() => {}) };
}

export async function adminQuery(admin: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return await c.query(text, values);
  } finally {
    await c.end();
  }
}

/** Signs in as a demo user; returns the cookie and CSRF token. */
export async function signInDemo(url: string, email = 'mofa.secretariat@concord.demo'): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'concord-demo' }) });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}
