import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Starts a server process of the API benchmarks (`concord serve`, or a bare baseline server) from
 * the repository's root with env added, and resolves with its port once it says where it listens.
 */
export function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    // The server logs a line per request (as in production): read until it says where it
    // listens, then let its log flow by unkept.
    let buf = '';
    const look = (d: Buffer) => {
      buf += d;
      const m = /listening (\d+)|on http:\/\/localhost:(\d+)/.exec(buf);
      if (m) {
        child.stdout!.off('data', look);
        child.stdout!.resume();
        buf = '';
        resolveStart({ child, port: Number(m[1] ?? m[2]) });
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buf}`)));
  });
}
