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

  // unvotes.csv: 870k short rows `rcid,country,country_code,vote`, read as bytes (see readVotes).
  const buf = readFileSync(path.join(dir, 'unvotes.csv'));
  const countries: Country[] = [];
  const countryIndex = new Map<string, number>();
  let cap = 1 << 20;
  let voteRollCall = new Int32Array(cap),
    voteCountry = new Int32Array(cap),
    voteCode = new Uint8Array(cap);
  let n = 0;
  let nl = buf.indexOf(10);
  if (nl < 0) nl = buf.length;
  const header = buf.toString('utf8', 0, nl).replace(/\r$/, '').split(',');
  const [ri, ci, cci, vi] = columns(header, ['rcid', 'country', 'country_code', 'vote'], 'unvotes.csv');
  const filter = opts.countries;
  /** Index into `countries` of a name, added when new; null when the filter leaves it out. */
  const countryOf = (country: string, code: string | null): number | null => {
    let c = countryIndex.get(country);
    if (c === undefined) {
      if (filter && !filter.has(country)) {
        countryIndex.set(country, -1);
        return null;
      }
      c = countries.length;
      countryIndex.set(country, c);
      countries.push({ name: country, code });
    } else if (c < 0) return null;
    else if (countries[c].code === null && code !== null) countries[c].code = code;
    return c;
  };
  const push = (rc: number, c: number, v: number) => {
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
  const add = (rcidText: string, country: string, code: string | null, vote: string) => {
    if (filter && !filter.has(country)) return;
    const rc = rcIndex.get(Number(rcidText));
    if (rc === undefined) throw new Error(`unvotes.csv: vote for unknown roll call ${rcidText} (${country})`);
    const v = VOTE[vote];
    if (v === undefined) throw new Error(`unvotes.csv: unknown vote "${vote}" (rcid ${rcidText}, ${country})`);
    const c = countryOf(country, code);
    if (c !== null) push(rc, c, v);
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
    opts.csv(buf.toString('utf8'), (f, q) => {
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
  readVotes(buf, nl + 1, plain, rcIndex, countryOf, push, (line) => {
    if (line.split('"').length % 2 === 0) throw new Error(`unvotes.csv: a quoted field spans lines near "${line.slice(0, 60)}" (not expected in this file)`);
    parseCsv(line, (f, q) => {
      if (f.length < 4) throw new Error(`unvotes.csv: bad line ${line}`);
      add(f[ri], f[ci], na(f[cci], q[cci]), f[vi]);
    });
  });
  return result();
}

/**
 * The fast path of unvotes.csv, on its bytes: a plain line (`rcid,country,code,vote`, no quote,
 * the rcid in digits and a known roll call, the vote exactly yes, no or abstain) is taken apart
 * without making a string, except for a country met for the first time: a country's bytes are
 * looked up by their hash and compared byte for byte with the names already met (200 of them).
 * Any other line (Namibia's quoted "NA", a line of more fields, columns in another order:
 * `plain` false) goes to `slow` as a string, through the RFC 4180 parser; so do its errors.
 */
function readVotes(
  buf: Buffer,
  from: number,
  plain: boolean,
  rcIndex: Map<number, number>,
  countryOf: (name: string, code: string | null) => number | null,
  push: (rc: number, country: number, vote: number) => void,
  slow: (line: string) => void,
): void {
  // rcid → roll-call index as an array (the rcids are small integers: they run to ~9,200).
  // (A file of other rcids, negative or huge, goes wholly through `slow`.)
  const small = [...rcIndex.keys()].every((rcid) => Number.isInteger(rcid) && rcid >= 0 && rcid < 1 << 24);
  const rcArray = new Int32Array(small ? Math.max(0, ...rcIndex.keys()) + 1 : 0).fill(-1);
  if (small) for (const [rcid, i] of rcIndex) rcArray[rcid] = i;
  // Countries met so far, by the hash of their bytes: runs of [offset in `names`, length, index or -1 (filtered out)].
  const byHash = new Map<number, number[]>();
  const names: number[] = [];
  const noCode: number[] = []; // per country index: 1 while it has no code
  const len = buf.length;
  let i = from;
  while (i < len) {
    let end = buf.indexOf(10, i);
    if (end < 0) end = len;
    const lineEnd = end > i && buf[end - 1] === 13 ? end - 1 : end;
    if (lineEnd > i) {
      let ok = plain;
      let j = i,
        rcid = 0;
      for (; ok && j < lineEnd; j++) {
        const ch = buf[j];
        if (ch === 44) break;
        if (ch < 48 || ch > 57 || j - i > 8) ok = false;
        else rcid = rcid * 10 + (ch - 48);
      }
      if (j === i || j >= lineEnd) ok = false;
      const cStart = j + 1;
      let h = 0;
      let k = cStart;
      for (; ok && k < lineEnd; k++) {
        const ch = buf[k];
        if (ch === 44) break;
        if (ch === 34) ok = false;
        h = (Math.imul(h, 31) + ch) | 0;
      }
      if (k >= lineEnd) ok = false;
      const codeStart = k + 1;
      let m = codeStart;
      for (; ok && m < lineEnd; m++) {
        const ch = buf[m];
        if (ch === 44) break;
        if (ch === 34) ok = false;
      }
      if (m >= lineEnd) ok = false;
      let vote = 0;
      if (ok) {
        const vLen = lineEnd - m - 1;
        const v0 = buf[m + 1];
        if (v0 === 121 && vLen === 3 && buf[m + 2] === 101 && buf[m + 3] === 115) vote = 1;
        else if (v0 === 110 && vLen === 2 && buf[m + 2] === 111) vote = 3;
        else if (v0 === 97 && vLen === 7 && buf.toString('latin1', m + 1, lineEnd) === 'abstain') vote = 2;
      }
      const rc = ok && rcid < rcArray.length ? rcArray[rcid] : -1;
      if (vote === 0 || rc < 0) slow(buf.toString('utf8', i, lineEnd));
      else {
        const cLen = k - cStart;
        let country: number | undefined;
        const bucket = byHash.get(h);
        if (bucket) {
          for (let b = 0; b < bucket.length && country === undefined; b += 3) {
            if (bucket[b + 1] !== cLen) continue;
            const at = bucket[b];
            let x = 0;
            while (x < cLen && names[at + x] === buf[cStart + x]) x++;
            if (x === cLen) country = bucket[b + 2];
          }
        }
        const code = (): string | null => {
          const s = buf.toString('utf8', codeStart, m);
          return s === 'NA' || s === '' ? null : s;
        };
        if (country === undefined) {
          const c = code();
          country = countryOf(buf.toString('utf8', cStart, k), c) ?? -1;
          if (country >= 0) noCode[country] = c === null ? 1 : 0;
          const entry = [names.length, cLen, country];
          for (let x = cStart; x < k; x++) names.push(buf[x]);
          if (bucket) bucket.push(...entry);
          else byHash.set(h, entry);
        } else if (country >= 0 && noCode[country] === 1) {
          // A code after earlier rows of the country without one: countryOf takes the first.
          const c = code();
          if (c !== null) {
            countryOf(buf.toString('utf8', cStart, k), c);
            noCode[country] = 0;
          }
        }
        if (country >= 0) push(rc, country, vote);
      }
    }
    i = end + 1;
  }
}
