/**
 * Reading the UN General Assembly roll-call files (the TidyTuesday 2021-03-23 `unvotes` set:
 * unvotes.csv, roll_calls.csv, issues.csv; see ../shared/reference/analytics-methods.md §2).
 *
 * The one trap: in unvotes.csv Namibia's country code is the *quoted* string "NA", while a
 * missing code (Federal Republic of Germany, Zanzibar, Yemen Arab Republic) is the *unquoted*
 * literal NA, as R's write.csv emits them. The parser reports whether each field was quoted, and
 * only an unquoted NA becomes null. Countries are keyed by name, never by code.
 *
 * Why not csv-parse: it makes the same quoted/unquoted distinction (its `cast` context's
 * `quoting`), and gives the same result on these files, but reads them in 5.7× the time of this
 * reader (6.3 s against 1.1 s, median of 5, 2 shared CPUs; `npm run bench:csv`, figures in
 * bench/analytics/csv-read.bench.ts), which would add seconds to every import.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * RFC 4180 parser: calls `onRow(fields, quoted)` for every record, header included. Quoted
 * fields may hold commas, newlines and doubled quotes. The arrays are reused between calls.
 */
export function parseCsv(text: string, onRow: (fields: string[], quoted: boolean[]) => void): void {
  const fields: string[] = [];
  const quoted: boolean[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    fields.length = 0;
    quoted.length = 0;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        let value = '';
        let start = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new SyntaxError('unterminated quoted field');
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(start, q + 1);
            i = start = q + 2;
          } else {
            value += text.slice(start, q);
            i = q + 1;
            break;
          }
        }
        fields.push(value);
        quoted.push(true);
      } else {
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 10 || ch === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        quoted.push(false);
        i = j;
      }
      const ch = text.charCodeAt(i);
      if (ch === 44) {
        i++;
        continue;
      }
      if (ch === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      break;
    }
    onRow(fields, quoted);
  }
}

/** One roll call (roll_calls.csv) with its issue codes (issues.csv). */
export interface RollCall {
  rcid: number;
  session: number;
  /** YYYY-MM-DD */
  date: string;
  /** 1 / 0, or null where the source has NA (it is coded for 1983–2017 only). */
  important: number | null;
  resolution: string | null;
  short: string | null;
  descr: string | null;
  /** Issue codes (me, nu, di, hr, co, ec), sorted. */
  categories: string[];
}

/** One country (a party), keyed by name. */
export interface Country {
  name: string;
  /** ISO 3166-1 alpha-2, or null when the source has none (unquoted NA). */
  code: string | null;
}

export type UnVote = 'yes' | 'abstain' | 'no';

/** The parsed directory: votes as parallel arrays (870k rows), indexes into `rollCalls` and `countries`. */
export interface UnvotesFiles {
  rollCalls: RollCall[];
  countries: Country[];
  /** Per vote: index into rollCalls. */
  voteRollCall: Int32Array;
  /** Per vote: index into countries. */
  voteCountry: Int32Array;
  /** Per vote: 1 yes, 2 abstain, 3 no. */
  voteCode: Uint8Array;
  nVotes: number;
}

/** A CSV reader: calls `onRow(fields, quoted)` for every record, header included. */
export type CsvReader = (text: string, onRow: (fields: string[], quoted: boolean[]) => void) => void;

export interface ReadOptions {
  /** Keep only the votes of these countries (by name), e.g. for a small test import. */
  countries?: ReadonlySet<string>;
  /**
   * Read every file with this reader instead of {@link parseCsv} and the unvotes.csv fast path
   * (bench/analytics/csv-read.bench.ts compares a library reader on the same code path).
   */
  csv?: CsvReader;
}

/** True when `dir` holds unvotes.csv and roll_calls.csv. */
export function unvotesFilesIn(dir: string): boolean {
  return existsSync(path.join(dir, 'unvotes.csv')) && existsSync(path.join(dir, 'roll_calls.csv'));
}

function columns(header: string[], names: readonly string[], file: string): number[] {
  return names.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: missing column ${name}`);
    return i;
  });
}

const na = (v: string, q: boolean): string | null => (v === '' || (v === 'NA' && !q) ? null : v);
const VOTE: Record<string, number> = { yes: 1, abstain: 2, no: 3 };

/** Reads the three files (issues.csv is optional). Throws on a malformed row. */
export function readUnvotesDir(dir: string, opts: ReadOptions = {}): UnvotesFiles {
  if (!unvotesFilesIn(dir)) throw new Error(`${dir} does not hold unvotes.csv and roll_calls.csv`);
  const csv = opts.csv ?? parseCsv;
  const categories = new Map<number, Set<string>>();
  const issuesFile = path.join(dir, 'issues.csv');
  if (existsSync(issuesFile)) {
    let cols: number[] | null = null;
    csv(readFileSync(issuesFile, 'utf8'), (f) => {
      if (!cols) {
        cols = columns(f, ['rcid', 'short_name'], 'issues.csv');
        return;
      }
      if (f.length < 2) return;
      const rcid = Number(f[cols[0]]);
      let s = categories.get(rcid);
      if (!s) {
        s = new Set();
        categories.set(rcid, s);
      }
      s.add(f[cols[1]]);
    });
  }

  const rollCalls: RollCall[] = [];
  const rcIndex = new Map<number, number>();
  {
    let cols: number[] | null = null;
    csv(readFileSync(path.join(dir, 'roll_calls.csv'), 'utf8'), (f, q) => {
      if (!cols) {
        cols = columns(f, ['rcid', 'session', 'importantvote', 'date', 'unres', 'short', 'descr'], 'roll_calls.csv');
        return;
      }
      if (f.length < 4) return;
      const [ri, si, ii, di, ui, shi, dei] = cols;
      const rcid = Number(f[ri]);
      const date = f[di];
      if (!Number.isInteger(rcid) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`roll_calls.csv: bad row rcid=${f[ri]} date=${date}`);
      if (rcIndex.has(rcid)) throw new Error(`roll_calls.csv: duplicate rcid ${rcid}`);
      const imp = na(f[ii], q[ii]);
      rcIndex.set(rcid, rollCalls.length);
      rollCalls.push({
        rcid,
        session: Number(f[si]),
        date,
        important: imp === null ? null : Number(imp),
        resolution: na(f[ui], q[ui]),
        short: na(f[shi], q[shi]),
        descr: na(f[dei], q[dei]),
        categories: [...(categories.get(rcid) ?? [])].sort(),
      });
    });
  }

  // unvotes.csv: 870k short rows `rcid,country,country_code,vote`. A fast path splits plain
  // lines by hand; a line with a quote goes through the RFC parser (Namibia's "NA" does).
  const text = readFileSync(path.join(dir, 'unvotes.csv'), 'utf8');
  const countries: Country[] = [];
  const countryIndex = new Map<string, number>();
  let cap = 1 << 20;
  let voteRollCall = new Int32Array(cap),
    voteCountry = new Int32Array(cap),
    voteCode = new Uint8Array(cap);
  let n = 0;
  const nl = text.indexOf('\n');
  const header = text.slice(0, nl).replace(/\r$/, '').split(',');
  const [ri, ci, cci, vi] = columns(header, ['rcid', 'country', 'country_code', 'vote'], 'unvotes.csv');
  const filter = opts.countries;
  const add = (rcidText: string, country: string, code: string | null, vote: string) => {
    if (filter && !filter.has(country)) return;
    const rc = rcIndex.get(Number(rcidText));
    if (rc === undefined) throw new Error(`unvotes.csv: vote for unknown roll call ${rcidText} (${country})`);
    const v = VOTE[vote];
    if (v === undefined) throw new Error(`unvotes.csv: unknown vote "${vote}" (rcid ${rcidText}, ${country})`);
    let c = countryIndex.get(country);
    if (c === undefined) {
      c = countries.length;
      countryIndex.set(country, c);
      countries.push({ name: country, code });
    } else if (countries[c].code === null && code !== null) countries[c].code = code;
    if (n === cap) {
      cap *= 2;
      const a = new Int32Array(cap),
        b = new Int32Array(cap),
        d = new Uint8Array(cap);
      a.set(voteRollCall);
      b.set(voteCountry);
      d.set(voteCode);
      voteRollCall = a;
      voteCountry = b;
      voteCode = d;
    }
    voteRollCall[n] = rc;
    voteCountry[n] = c;
    voteCode[n] = v;
    n++;
  };
  const result = (): UnvotesFiles => ({
    rollCalls,
    countries,
    voteRollCall: voteRollCall.subarray(0, n),
    voteCountry: voteCountry.subarray(0, n),
    voteCode: voteCode.subarray(0, n),
    nVotes: n,
  });
  if (opts.csv) {
    let first = true;
    opts.csv(text, (f, q) => {
      if (first) {
        first = false;
        return;
      }
      if (f.length === 1 && f[0] === '') return;
      if (f.length < 4) throw new Error(`unvotes.csv: bad line ${f.join(',')}`);
      add(f[ri], f[ci], na(f[cci], q[cci]), f[vi]);
    });
    return result();
  }
  const plain = ri === 0 && ci === 1 && cci === 2 && vi === 3 && header.length === 4;
  const len = text.length;
  let i = nl + 1;
  while (i < len) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = len;
    const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd > i) {
      const a = text.indexOf(',', i);
      const b = a < 0 ? -1 : text.indexOf(',', a + 1);
      const c = b < 0 ? -1 : text.indexOf(',', b + 1);
      const d = c < 0 ? -1 : text.indexOf(',', c + 1);
      // Plain line: exactly four fields, none of them quoted (a field with a comma or quote in it must be quoted).
      const isPlain =
        plain && c >= 0 && c < lineEnd && (d < 0 || d >= lineEnd) && text.charCodeAt(i) !== 34 && text.charCodeAt(a + 1) !== 34 && text.charCodeAt(b + 1) !== 34 && text.charCodeAt(c + 1) !== 34;
      if (isPlain) {
        // Plain line: no quotes, exactly four fields.
        const code = text.slice(b + 1, c);
        add(text.slice(i, a), text.slice(a + 1, b), code === 'NA' || code === '' ? null : code, text.slice(c + 1, lineEnd));
      } else {
        const line = text.slice(i, lineEnd);
        if (line.split('"').length % 2 === 0) throw new Error(`unvotes.csv: a quoted field spans lines near "${line.slice(0, 60)}" (not expected in this file)`);
        parseCsv(line, (f, q) => {
          if (f.length < 4) throw new Error(`unvotes.csv: bad line ${line}`);
          add(f[ri], f[ci], na(f[cci], q[cci]), f[vi]);
        });
      }
    }
    i = end + 1;
  }
  return result();
}
