import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/concord.js');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

type Ended = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/**
 * Runs `concord ARGS` with stdout (and, with `closeStderr`, stderr) on a pipe whose reader goes
 * away: at once, or after the first chunk when `readFirst` is set (as `| head -1` does).
 */
function runClosed(env: Record<string, string>, args: string[], o: { readFirst?: boolean; closeStderr?: boolean } = {}): Promise<Ended> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (o.readFirst) {
      child.stdout.once('data', (chunk: Buffer) => {
        stdout = chunk.toString();
        child.stdout.destroy();
      });
    } else child.stdout.destroy();
    if (o.closeStderr) child.stderr.destroy();
    else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`concord ${args.join(' ')} did not end after its reader went away`));
    }, 60_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

test('concord --version and -V print the package version', () => {
  for (const flag of ['--version', '-V']) {
    const r = spawnSync(process.execPath, [BIN, flag], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${VERSION}\n`);
  }
});

test('a reader that goes away ends every command quietly: status 0, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-pipe-'));
  try {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'c.db')}` };
    const demo = spawnSync(process.execPath, [BIN, 'demo'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(demo.status, 0, demo.stderr);

    const commands = [
      ['--version'],
      ['--help'],
      ['analyze', 'matrix', '--help'],
      ['migrate'],
      ['audit', 'verify'],
      ['export', '-'],
      ['analyze', 'matrix', '--group', 'cg-2025', '--method', 'agree', '--json'],
      ['analyze', 'matrix', '--group', 'cg-2025', '--method', 'agree', '--csv'],
      ['statements', 'check', '--json'],
    ];
    for (const args of commands) {
      const r = await runClosed(env, args);
      assert.equal(r.signal, null, `concord ${args.join(' ')}: ${r.signal}`);
      assert.equal(r.code, 0, `concord ${args.join(' ')} exits 0 on a closed pipe:\n${r.stderr}`);
      assert.equal(r.stderr, '', `concord ${args.join(' ')} says nothing on stderr`);
    }

    // `concord export - | head -1`: the reader takes the first chunk of a 350 kB bundle and leaves.
    const head = await runClosed(env, ['export', '-'], { readFirst: true });
    assert.match(head.stdout, /^\{"format":"concord-bundle"/);
    assert.equal(head.code, 0, head.stderr);
    assert.equal(head.stderr, '');

    // Both pipes closed: the command still ends with its own status (here a usage error, 2) …
    const usage = await runClosed(env, ['no-such-command'], { closeStderr: true });
    assert.deepEqual([usage.code, usage.signal], [2, null]);
    // … and a failure on a closed stderr is still a failure.
    const failed = await runClosed(env, ['import', join(dir, 'missing.json')], { closeStderr: true });
    assert.deepEqual([failed.code, failed.signal], [1, null]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
