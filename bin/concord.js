#!/usr/bin/env node
// The `concord` command. Node 24 runs the TypeScript sources directly (type stripping),
// so there is no build step for the server or the CLI.
import { run } from '../src/cli/main.ts';

const code = await run(process.argv);
process.exitCode = code;
