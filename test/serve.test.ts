/**
 * `concord serve` as a process: /healthz and /readyz, and SIGTERM stopping the server cleanly,
 * also when it was started by an older Node through the launcher in bin/concord.js (as
 * `npx concord serve` is on a machine whose own Node is older than 24).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { buildApp } from '../src/server/app.ts';
import { freshStore, storeKinds } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** A Node older than 24 on PATH (outside node_modules), to start the launcher with; or undefined. */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const bin = join(dir, 'node');
    if (!existsSync(bin)) continue;
    const v = spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    if (v.status === 0 && Number(v.stdout.split('.')[0]) < 24) return bin;
  }
  return undefined;
}

/** Starts `concord serve` with `node` on a fresh SQLite file; resolves once it says where it listens. */
async function start(node: string): Promise<{ child: ChildProcess; url: string; log: () => string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-serve-'));
  const child = spawn(node, [join(ROOT, 'bin/concord.js'), 'serve', '--demo-if-empty', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'concord.db')}`, PORT: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`concord serve did not start in 60 s:\n${out}`)), 60_000);
    const look = () => {
      const m = /"url":"(http:\/\/localhost:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`concord serve exited with ${code}:\n${out}`)));
  });
  return { child, url, log: () => out, dir };
}

function exited(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'timeout'> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((r) => {
    const timer = setTimeout(() => r('timeout'), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      r({ code, signal });
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('concord serve as a process', () => {
  const launchers: [string, string | undefined][] = [
    ['Node 24 directly', join(ROOT, 'node_modules/.bin/node')],
    ['an older Node through the launcher', olderNode()],
  ];
  for (const [name, node] of launchers) {
    test(`SIGTERM stops the server cleanly, started by ${name}`, { skip: node ? false : 'no Node older than 24 on PATH' }, async () => {
      const s = await start(node!);
      try {
        const ready = await fetch(`${s.url}/readyz`);
        assert.equal(ready.status, 200);
        assert.deepEqual(await ready.json(), { ok: true });
        assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
        s.child.kill('SIGTERM');
        const end = await exited(s.child, 20_000);
        assert.notEqual(end, 'timeout', `the process did not stop within 20 s:\n${s.log()}`);
        assert.deepEqual(end, { code: 0, signal: null }, s.log());
        assert.equal(await answers(s.url), false, 'nothing answers on the port any more');
        assert.match(s.log(), /"msg":"Stopped cleanly"/);
      } finally {
        if (s.child.exitCode === null) s.child.kill('SIGKILL');
        rmSync(s.dir, { recursive: true, force: true });
      }
    });
  }
});

test('a request in flight when SIGTERM arrives still gets its answer; then the server stops', async () => {
  const s = await start(join(ROOT, 'node_modules/.bin/node'));
  try {
    const { port } = new URL(s.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const body = JSON.stringify({ email: 'mofa.secretariat@concord.demo', password: 'concord-demo' });
    let answer = '';
    socket.on('data', (d) => (answer += d));
    // Headers and half the body: the request is in flight, not idle.
    socket.write(`POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(s.child.exitCode, null, 'the server waits for the request in flight');
    socket.write(body.slice(10));
    const end = await exited(s.child, 20_000);
    assert.match(answer, /^HTTP\/1\.1 200/, `the request was answered:\n${answer}\n${s.log()}`);
    assert.deepEqual(end, { code: 0, signal: null }, s.log());
    socket.destroy();
  } finally {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(s.dir, { recursive: true, force: true });
  }
});

describe('/readyz', () => {
  for (const kind of storeKinds()) {
    test(`answers 200 while the store answers, 503 with the reason when it does not (${kind})`, async () => {
      const store = await freshStore(kind);
      const app = await buildApp({ store, webRoot: false });
      try {
        const ok = await app.inject({ method: 'GET', url: '/readyz' });
        assert.equal(ok.statusCode, 200);
        assert.equal(ok.headers['cache-control'], 'no-store');
        const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
        assert.ok(spec.paths['/readyz']?.get && spec.paths['/healthz']?.get, 'both are documented');
      } finally {
        await store.close();
      }
      const down = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(down.statusCode, 503);
      assert.equal(down.json().ok, false);
      assert.match(down.json().reason, /store/i);
      assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the process itself is alive');
      await app.close();
    });
  }
});
