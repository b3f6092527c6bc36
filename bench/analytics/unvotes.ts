/**
 * Loader for the TidyTuesday `unvotes` CSV files (../shared/data/unvotes), for benchmarks and
 * data tests. Kept out of src/core so the analytics core stays I/O-free.
 *
 * The one trap (analytics-methods.md §2): in unvotes.csv the country code of Namibia is the
 * *quoted* string "NA", while a missing code (Federal Republic of Germany, Zanzibar, Yemen Arab
 * Republic) is the *unquoted* literal NA, as R's write.csv emits them. The parser therefore
 * reports whether each field was quoted, and only an unquoted NA becomes null.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { RollCallMeta, VoteRow } from '../../src/core/analytics/index.ts';
import { parseCsv } from '../../src/server/unvotes/read.ts';

/** The CSV parser is the importer's (`concord import unvotes`), so both read the files alike. */
export { parseCsv };

/** Parsed contents of the unvotes directory. */
export interface UnvotesData {
  votes: VoteRow[];
  rollCalls: RollCallMeta[];
}

/** Default location: CONCORD_UNVOTES_DIR, else ../shared/data/unvotes relative to the repository root. */
export function defaultUnvotesDir(repoRoot: string): string {
  return process.env.CONCORD_UNVOTES_DIR ?? path.resolve(repoRoot, '../shared/data/unvotes');
}

/** True when the directory holds unvotes.csv and roll_calls.csv. */
export function unvotesAvailable(dir: string): boolean {
  return existsSync(path.join(dir, 'unvotes.csv')) && existsSync(path.join(dir, 'roll_calls.csv'));
}

function headerIndex(header: string[], names: readonly string[], file: string): number[] {
  return names.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: missing column ${name}`);
    return i;
  });
}

/** Read unvotes.csv and roll_calls.csv from `dir`. */
export function loadUnvotes(dir: string): UnvotesData {
  const rollCalls: RollCallMeta[] = [];
  let rcCols: number[] | null = null;
  parseCsv(readFileSync(path.join(dir, 'roll_calls.csv'), 'utf8'), (f) => {
    if (!rcCols) {
      rcCols = headerIndex(f, ['rcid', 'session', 'date'], 'roll_calls.csv');
      return;
    }
    const [ri, si, di] = rcCols;
    rollCalls.push({ rcid: Number(f[ri]), session: Number(f[si]), date: f[di] });
  });

  const votes: VoteRow[] = [];
  let vCols: number[] | null = null;
  parseCsv(readFileSync(path.join(dir, 'unvotes.csv'), 'utf8'), (f, q) => {
    if (!vCols) {
      vCols = headerIndex(f, ['rcid', 'country', 'country_code', 'vote'], 'unvotes.csv');
      return;
    }
    const [ri, ci, cci, vi] = vCols;
    const code = f[cci] === 'NA' && !q[cci] ? null : f[cci] === '' ? null : f[cci];
    const vote = f[vi];
    if (vote !== 'yes' && vote !== 'abstain' && vote !== 'no') throw new Error(`unvotes.csv: bad vote ${vote}`);
    votes.push({ rcid: Number(f[ri]), country: f[ci], countryCode: code, vote });
  });
  return { votes, rollCalls };
}
