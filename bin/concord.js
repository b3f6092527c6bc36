#!/usr/bin/env node
// The `concord` command. Node 24 runs the TypeScript sources directly (type stripping), so there
// is no build step for the server or the CLI. Started by an older Node (outside npm scripts), it
// hands over to the Node 24 that the project pins in node_modules.
import { spawnSync } from 'node:child_process';
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
  const r = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv);
