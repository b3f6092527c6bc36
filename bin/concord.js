#!/bin/sh
//usr/bin/env true; d=$(dirname "$(readlink -f "$0")")/../node_modules/.bin; [ -x "$d/node" ] && exec "$d/node" "$0" "$@"; exec node "$0" "$@"
// The `concord` command. Node 24 runs the TypeScript sources directly (type stripping), so there
// is no build step for the server or the CLI. Run as a program (`./bin/concord.js`, or the
// `concord` that npm links to it), the shell reads line 2 and starts the Node 24 that the project
// pins in node_modules at once (to JavaScript that line is a comment): no older Node starts
// first, which cost 0.2 s of CPU per command. Started by an older Node itself (`node
// bin/concord.js` outside npm scripts), it hands over to the pinned Node 24 below.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const pinned = resolve(root, 'node_modules/.bin/node');
  if (!existsSync(pinned)) {
    process.stderr.write(`concord: needs Node.js 24 or later (this is ${process.version}); run npm install first\n`);
    process.exit(1);
  }
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // The launcher stands in for the server: a signal sent to it (systemd, a terminal's Ctrl-C,
  // `kill`) is passed on, and it exits as the server did.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (e) => {
    process.stderr.write(`concord: could not start Node.js 24 at ${pinned}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  // Node's compile cache keeps the type-stripped and compiled form of every module this command
  // loads (in the system's temporary folder, or NODE_COMPILE_CACHE), so the next start skips both:
  // `concord --help` took 0.5 s of CPU without it, 0.18 s with it (`npm run bench:cli`). A cache
  // that cannot be written (a read-only temporary folder) only means a slower start.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  // Concord as installed runs React's production build (the server renders e-mails with it): the
  // development build checks every element and made a write that notifies several times slower.
  // A developer may still set NODE_ENV=development.
  process.env.NODE_ENV ??= 'production';
  const { run } = await import('../src/cli/main.ts');
  process.exitCode = await run(process.argv);
}
