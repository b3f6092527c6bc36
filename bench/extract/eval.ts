/**
 * Statement-extraction evaluation: prints precision/recall per field on the labelled set.
 *
 *   node_modules/.bin/node bench/extract/eval.ts [DIR] [--details]
 *
 * DIR defaults to test/fixtures/extract (the seed passages are read from ../shared).
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { evaluateDirectory } from '../../src/core/extract/eval-files.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const details = args.includes('--details');
const dir = args.find((a) => !a.startsWith('--')) ?? resolve(here, '../../test/fixtures/extract');
const started = performance.now();
const { table } = evaluateDirectory(dir, { details });
process.stdout.write(table);
process.stdout.write(`\n(${(performance.now() - started).toFixed(0)} ms)\n`);
