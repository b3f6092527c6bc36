/**
 * The vote table: parties × items with codes 0 = missing, 1 = yes, 2 = abstain, 3 = no, plus each
 * party's membership span, and the windows (year, session, meeting …) that group items.
 *
 * Membership. The UN roll-call data has no absent code and no membership dates
 * (analytics-methods.md §2), so a party counts as a member from its first to its last recorded
 * vote, in item order; a missing vote inside that span is an *absence*, outside it is
 * non-membership and is never counted. Callers with real membership dates can pass explicit
 * spans to {@link createVoteTable}.
 *
 * Pure module: no I/O (CSV loading lives in bench/analytics).
 */
import type { MethodId, MeasureResult } from './types.ts';
import { JOINT_SLOTS } from './types.ts';
import { measureFromCounts } from './measures.ts';

/** Metadata of one UN roll call (an item). `year` is the calendar year of `date`. */
export interface RollCallItem {
  rcid: number;
  session: number;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  year: number;
}

/**
 * A party × item vote table. `votes[p * items.length + i]` is party p's code on item i.
 * Items are in a fixed order (buildVoteTable: by date, then rcid).
 */
export interface VoteTable<I = RollCallItem> {
  /** Party keys (for UN data: the `country` name, never the ISO code; see buildVoteTable). */
  parties: readonly string[];
  items: readonly I[];
  /** Party-major codes 0–3, length parties.length × items.length. */
  votes: Uint8Array;
  /** First item index (inclusive) of each party's membership; > memberTo when it never voted. */
  memberFrom: Int32Array;
  /** Last item index (inclusive) of each party's membership. */
  memberTo: Int32Array;
}

/** Input of {@link createVoteTable}. */
export interface VoteTableInit<I> {
  parties: readonly string[];
  items: readonly I[];
  votes: Uint8Array;
  /** Explicit membership spans (inclusive item indexes); default: first to last recorded vote. */
  memberFrom?: ArrayLike<number>;
  memberTo?: ArrayLike<number>;
}

/**
 * Validate and assemble a vote table. Throws RangeError on a size mismatch, a code outside 0–3,
 * duplicate party keys, or a vote outside its party's explicit membership span (the all-pairs
 * kernel relies on every vote lying inside the span).
 */
export function createVoteTable<I>(init: VoteTableInit<I>): VoteTable<I> {
  const P = init.parties.length;
  const m = init.items.length;
  if (init.votes.length !== P * m) throw new RangeError(`votes has ${init.votes.length} cells, expected ${P} × ${m}`);
  if (new Set(init.parties).size !== P) throw new RangeError('party keys must be unique');
  const memberFrom = new Int32Array(P);
  const memberTo = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    let first = -1,
      last = -1;
    const row = p * m;
    for (let i = 0; i < m; i++) {
      const v = init.votes[row + i];
      if (v > 3) throw new RangeError(`invalid vote code ${v} (party ${init.parties[p]}, item ${i})`);
      if (v !== 0) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (init.memberFrom && init.memberTo) {
      const from = init.memberFrom[p],
        to = init.memberTo[p];
      if (first >= 0 && (first < from || last > to)) {
        throw new RangeError(`party ${init.parties[p]} has votes outside its membership span [${from}, ${to}]`);
      }
      memberFrom[p] = Math.max(0, from);
      memberTo[p] = Math.min(m - 1, to);
    } else if (first >= 0) {
      memberFrom[p] = first;
      memberTo[p] = last;
    } else {
      memberFrom[p] = m; // empty span
      memberTo[p] = -1;
    }
  }
  return { parties: [...init.parties], items: init.items, votes: init.votes, memberFrom, memberTo };
}

/** One vote row as in unvotes.csv (already parsed). */
export interface VoteRow {
  rcid: number;
  /** Country name: the party key. */
  country: string;
  /** ISO 3166-1 alpha-2, or null when the source has none (see buildVoteTable on `NA`). */
  countryCode?: string | null;
  vote: 'yes' | 'abstain' | 'no';
}

/** One roll call's metadata as in roll_calls.csv (already parsed). */
export interface RollCallMeta {
  rcid: number;
  session: number;
  /** YYYY-MM-DD */
  date: string;
}

/** A vote table of UN roll calls, with each party's ISO code (null when unknown). */
export interface UnVoteTable extends VoteTable<RollCallItem> {
  partyCodes: readonly (string | null)[];
}

const VOTE_CODE = { yes: 1, abstain: 2, no: 3 } as const;

/**
 * Build the vote table from parsed `unvotes` rows and roll-call metadata.
 *
 * - Parties are keyed by `country` name and sorted by name. The ISO code is kept only as an
 *   attribute: in the source CSV the literal `NA` is both Namibia's code and "no code" (Federal
 *   Republic of Germany, Zanzibar, Yemen Arab Republic), so a code cannot be a key. Parsing `NA`
 *   correctly is the loader's job; this function stores whatever code it is given (first non-null).
 * - Items are the roll calls sorted by date, then rcid; `year` is the calendar year of the date
 *   (sessions run Sep–Sep, published yearly figures use calendar years).
 * - Membership spans are first-to-last recorded vote (see the module doc).
 *
 * Throws on a vote whose rcid has no roll call, an unknown vote string, or a duplicate
 * (rcid, country) row.
 */
export function buildVoteTable(rows: Iterable<VoteRow>, rollCalls: readonly RollCallMeta[]): UnVoteTable {
  const items: RollCallItem[] = rollCalls.map((r) => {
    const year = Number.parseInt(r.date.slice(0, 4), 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date) || !Number.isFinite(year)) throw new RangeError(`roll call ${r.rcid}: bad date ${r.date}`);
    return { rcid: r.rcid, session: r.session, date: r.date, year };
  });
  items.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.rcid - y.rcid));
  const itemOf = new Map<number, number>();
  items.forEach((it, i) => {
    if (itemOf.has(it.rcid)) throw new RangeError(`duplicate roll call ${it.rcid}`);
    itemOf.set(it.rcid, i);
  });

  // First pass: collect rows per country (rows may be a one-shot iterable).
  const byCountry = new Map<string, { code: string | null; item: number[]; vote: number[] }>();
  for (const r of rows) {
    const i = itemOf.get(r.rcid);
    if (i === undefined) throw new RangeError(`vote for unknown roll call ${r.rcid} (${r.country})`);
    const v = VOTE_CODE[r.vote];
    if (v === undefined) throw new RangeError(`unknown vote "${String(r.vote)}" (rcid ${r.rcid}, ${r.country})`);
    let e = byCountry.get(r.country);
    if (!e) {
      e = { code: null, item: [], vote: [] };
      byCountry.set(r.country, e);
    }
    if (e.code === null && r.countryCode) e.code = r.countryCode;
    e.item.push(i);
    e.vote.push(v);
  }
  const parties = [...byCountry.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const m = items.length;
  const votes = new Uint8Array(parties.length * m);
  const partyCodes: (string | null)[] = [];
  parties.forEach((name, p) => {
    const e = byCountry.get(name)!;
    partyCodes.push(e.code);
    for (let k = 0; k < e.item.length; k++) {
      const cell = p * m + e.item[k];
      if (votes[cell] !== 0) throw new RangeError(`duplicate vote: ${name} on roll call ${items[e.item[k]].rcid}`);
      votes[cell] = e.vote[k];
    }
  });
  return { ...createVoteTable({ parties, items, votes }), partyCodes };
}

/** Index of a party key; throws when unknown (a silent -1 would compute garbage). */
export function partyIndex(table: VoteTable<unknown>, party: string): number {
  const i = table.parties.indexOf(party);
  if (i < 0) throw new RangeError(`unknown party: ${party}`);
  return i;
}

/** A party's row of codes (a view, not a copy). */
export function votesOf(table: VoteTable<unknown>, p: number): Uint8Array {
  const m = table.items.length;
  return table.votes.subarray(p * m, (p + 1) * m);
}

/** All item indexes 0 … m−1. */
export function allItems(table: VoteTable<unknown>): Int32Array {
  const idx = new Int32Array(table.items.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx;
}

/**
 * Joint counts of the ordered pair (a, b) over the given items (default: all), by a plain loop
 * over items. This is the reference implementation the bit-vector matrix is tested against.
 */
export function pairCounts(table: VoteTable<unknown>, a: number, b: number, items?: ArrayLike<number>): Uint32Array {
  const m = table.items.length;
  const c = new Uint32Array(JOINT_SLOTS);
  const idx = items ?? allItems(table);
  const fa = table.memberFrom[a],
    ta = table.memberTo[a],
    fb = table.memberFrom[b],
    tb = table.memberTo[b];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const x = table.votes[a * m + i],
      y = table.votes[b * m + i];
    if (x !== 0 && y !== 0) c[(x - 1) * 3 + (y - 1)]++;
    else if (x !== 0 && i >= fb && i <= tb) c[8 + x]++;
    else if (y !== 0 && i >= fa && i <= ta) c[11 + y]++;
  }
  return c;
}

/** Measure for one pair of a table, by party index, over the given items (default: all). */
export function pairMeasure(table: VoteTable<unknown>, method: MethodId, a: number, b: number, items?: ArrayLike<number>): MeasureResult {
  return measureFromCounts(method, pairCounts(table, a, b, items));
}

/** A group of items: a calendar year, a session, a meeting, … */
export interface ItemWindow<K extends string | number = string | number> {
  key: K;
  /** Item indexes, ascending. */
  items: Int32Array;
}

/**
 * Group item indexes by a key. Windows come out sorted by key when every key is a number
 * (years, sessions), otherwise in order of first appearance (e.g. meeting ids in date order).
 * Items whose key is null/undefined are left out.
 */
export function groupItems<I, K extends string | number>(items: readonly I[], keyOf: (item: I, index: number) => K | null | undefined): ItemWindow<K>[] {
  const groups = new Map<K, number[]>();
  items.forEach((it, i) => {
    const k = keyOf(it, i);
    if (k === null || k === undefined) return;
    let g = groups.get(k);
    if (!g) {
      g = [];
      groups.set(k, g);
    }
    g.push(i);
  });
  const out = [...groups].map(([key, idx]) => ({ key, items: Int32Array.from(idx) }));
  if (out.every((w) => typeof w.key === 'number')) out.sort((x, y) => (x.key as number) - (y.key as number));
  return out;
}

/** Windows by calendar year of the roll call date. */
export function windowsByYear(table: VoteTable<RollCallItem>): ItemWindow<number>[] {
  return groupItems(table.items, (it) => it.year);
}

/** Windows by UNGA session (sessions run Sep–Sep). */
export function windowsBySession(table: VoteTable<RollCallItem>): ItemWindow<number>[] {
  return groupItems(table.items, (it) => it.session);
}
