/**
 * All-pairs alignment matrices by bit-vector popcounts.
 *
 * Every method is a function of the pair's 15-slot joint-count record (3×3 table + absences by
 * category; see JOINT_SLOTS). So the kernel packs each party's votes in a window into three
 * bit planes per 32-item word — yes (Y), no (N), voted (V = yes|abstain|no) — and gets the whole
 * 3×3 table of a pair from nine popcounts per word:
 *
 *   YY, YN, NY, NN           → t11, t13, t31, t33
 *   Ya&Vb, Na&Vb, Va&Yb, Va&Nb, Va&Vb → row/column sums, from which t12, t32, t21, t23, t22 follow.
 *
 * Absences need no extra per-word work: because each party's votes lie inside its membership
 * span, and a window's items are packed in ascending item order, b's span is one contiguous run
 * of packed positions, so "a voted k inside b's span" is a difference of per-word prefix counts,
 * and "a voted k while b was absent" = that minus a's row sum over the items both voted on.
 *
 * The loop runs only over the words where both parties have votes (most states joined after
 * 1946), and the values for any number of methods are derived from the same counts.
 *
 * Pure module: no I/O. Tested against the per-item reference loop (pairCounts) in matrix.test.ts.
 */
import type { MethodId } from './types.ts';
import { JOINT_SLOTS } from './types.ts';
import { methodInfo, valueFunction } from './measures.ts';
import type { VoteTable } from './table.ts';
import { allItems } from './table.ts';

/** Popcount of a 32-bit word (SWAR; JS has no native popcount). */
function pc(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Bit-packed votes of every party over one window of items. */
export interface PackedWindow {
  nParties: number;
  /** Number of items in the window. */
  nItems: number;
  nWords: number;
  /** Per party, per word: Y, N, V interleaved: planes[(p·nWords + w)·3 + {0: Y, 1: N, 2: V}]. */
  planes: Uint32Array;
  /** Prefix counts at word boundaries: cum[((p·(nWords+1)) + w)·3 + (k−1)] = #votes k in words < w. */
  cum: Int32Array;
  /** First and last word holding a vote of the party (first > last when none). */
  wFrom: Int32Array;
  wTo: Int32Array;
  /** The party's membership span as packed positions [memLo, memHi). */
  memLo: Int32Array;
  memHi: Int32Array;
  /** Packed positions of the party's first and last vote in the window (first > last when none). */
  posFirst: Int32Array;
  posLast: Int32Array;
  /** Votes per category in the window: totals[p·3 + (k−1)]. */
  totals: Int32Array;
}

/** First index in sorted `a` with a[i] >= x. */
function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ascendingUnique(idx: ArrayLike<number>, m: number): boolean {
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (!Number.isInteger(i) || i < 0 || i >= m || (k > 0 && i <= idx[k - 1])) return false;
  }
  return true;
}

/**
 * Pack the votes of all parties over `items` (item indexes; default all). The indexes are sorted
 * and de-duplicated first, since the membership-span trick needs ascending order.
 */
export function packWindow(table: VoteTable<unknown>, items?: ArrayLike<number>): PackedWindow {
  const m = table.items.length;
  let idx: ArrayLike<number> = items ?? allItems(table);
  if (!ascendingUnique(idx, m)) {
    const sorted = Int32Array.from(new Set(Array.from(idx))).sort();
    if (sorted.length > 0 && (sorted[0] < 0 || sorted[sorted.length - 1] >= m)) throw new RangeError('item index out of range');
    idx = sorted;
  }
  const P = table.parties.length;
  const nItems = idx.length;
  const nWords = (nItems + 31) >>> 5;
  const planes = new Uint32Array(P * nWords * 3);
  const cum = new Int32Array(P * (nWords + 1) * 3);
  const wFrom = new Int32Array(P),
    wTo = new Int32Array(P),
    memLo = new Int32Array(P),
    memHi = new Int32Array(P);
  const posFirst = new Int32Array(P),
    posLast = new Int32Array(P),
    totals = new Int32Array(P * 3);
  const votes = table.votes;
  for (let p = 0; p < P; p++) {
    const row = p * m;
    const base = p * nWords * 3;
    let first = nWords,
      last = -1;
    for (let w = 0; w < nWords; w++) {
      let y = 0,
        no = 0,
        v = 0;
      const end = Math.min(nItems, (w + 1) << 5);
      for (let k = w << 5, bit = 0; k < end; k++, bit++) {
        const code = votes[row + idx[k]];
        if (code === 0) continue;
        const mask = 1 << bit;
        v |= mask;
        if (code === 1) y |= mask;
        else if (code === 3) no |= mask;
      }
      planes[base + w * 3] = y;
      planes[base + w * 3 + 1] = no;
      planes[base + w * 3 + 2] = v;
      if (v !== 0) {
        if (first === nWords) first = w;
        last = w;
      }
      const c0 = (p * (nWords + 1) + w) * 3;
      const py = pc(y),
        pn = pc(no);
      cum[c0 + 3] = cum[c0] + py;
      cum[c0 + 4] = cum[c0 + 1] + pc(v) - py - pn;
      cum[c0 + 5] = cum[c0 + 2] + pn;
    }
    wFrom[p] = first;
    wTo[p] = last;
    const cEnd = (p * (nWords + 1) + nWords) * 3;
    totals[p * 3] = cum[cEnd];
    totals[p * 3 + 1] = cum[cEnd + 1];
    totals[p * 3 + 2] = cum[cEnd + 2];
    if (last >= 0) {
      const vf = planes[base + first * 3 + 2],
        vl = planes[base + last * 3 + 2];
      posFirst[p] = (first << 5) + 31 - Math.clz32(vf & -vf);
      posLast[p] = (last << 5) + 31 - Math.clz32(vl);
    } else {
      posFirst[p] = nItems;
      posLast[p] = -1;
    }
    const from = table.memberFrom[p],
      to = table.memberTo[p];
    if (from > to) {
      memLo[p] = 0;
      memHi[p] = 0;
    } else {
      memLo[p] = lowerBound(idx, from);
      memHi[p] = lowerBound(idx, to + 1);
    }
  }
  return { nParties: P, nItems, nWords, planes, cum, wFrom, wTo, memLo, memHi, posFirst, posLast, totals };
}

/** Number of party p's votes of category k (1–3) at packed positions [0, pos). */
function prefixCount(pw: PackedWindow, p: number, k: number, pos: number): number {
  const w = pos >>> 5;
  let c = pw.cum[(p * (pw.nWords + 1) + w) * 3 + (k - 1)];
  const bits = pos & 31;
  if (bits !== 0) {
    const base = (p * pw.nWords + w) * 3;
    const y = pw.planes[base],
      no = pw.planes[base + 1],
      v = pw.planes[base + 2];
    const word = k === 1 ? y : k === 3 ? no : v & ~y & ~no;
    c += pc(word & ((1 << bits) - 1));
  }
  return c;
}

/** Number of party p's votes of category k at packed positions [lo, hi). */
function rangeCount(pw: PackedWindow, p: number, k: number, lo: number, hi: number): number {
  return hi <= lo ? 0 : prefixCount(pw, p, k, hi) - prefixCount(pw, p, k, lo);
}

/**
 * Write the joint counts of the ordered pair (a, b) into `out` at `off` (15 slots) and of (b, a)
 * at `offT`, if offT ≥ 0.
 */
function pairKernel(pw: PackedWindow, a: number, b: number, out: Uint32Array, off: number, offT: number): void {
  const planes = pw.planes;
  const nW = pw.nWords;
  let s11 = 0,
    s13 = 0,
    s31 = 0,
    s33 = 0,
    ry = 0,
    rn = 0,
    cy = 0,
    cn = 0,
    nn = 0;
  const w0 = Math.max(pw.wFrom[a], pw.wFrom[b]);
  const w1 = Math.min(pw.wTo[a], pw.wTo[b]);
  let ia = (a * nW + w0) * 3,
    ib = (b * nW + w0) * 3;
  for (let w = w0; w <= w1; w++, ia += 3, ib += 3) {
    const va = planes[ia + 2],
      vb = planes[ib + 2];
    if ((va & vb) === 0) continue;
    const ya = planes[ia],
      na = planes[ia + 1],
      yb = planes[ib],
      nb = planes[ib + 1];
    s11 += pc(ya & yb);
    s13 += pc(ya & nb);
    s31 += pc(na & yb);
    s33 += pc(na & nb);
    ry += pc(ya & vb);
    rn += pc(na & vb);
    cy += pc(va & yb);
    cn += pc(va & nb);
    nn += pc(va & vb);
  }
  const r2 = nn - ry - rn; // a abstained, b voted
  const c2 = nn - cy - cn; // b abstained, a voted
  const t12 = ry - s11 - s13,
    t32 = rn - s31 - s33;
  const t21 = cy - s11 - s31,
    t23 = cn - s13 - s33;
  const t22 = r2 - t21 - t23;
  // Absences: a's votes inside b's membership span minus those b also voted on.
  // Common case first: one span covers all of the other party's votes in the window.
  const bLo = pw.memLo[b],
    bHi = pw.memHi[b],
    aLo = pw.memLo[a],
    aHi = pw.memHi[a];
  const tot = pw.totals;
  let bAbs1: number, bAbs2: number, bAbs3: number, aAbs1: number, aAbs2: number, aAbs3: number;
  if (bLo <= pw.posFirst[a] && bHi > pw.posLast[a]) {
    bAbs1 = tot[a * 3] - ry;
    bAbs2 = tot[a * 3 + 1] - r2;
    bAbs3 = tot[a * 3 + 2] - rn;
  } else {
    bAbs1 = rangeCount(pw, a, 1, bLo, bHi) - ry;
    bAbs2 = rangeCount(pw, a, 2, bLo, bHi) - r2;
    bAbs3 = rangeCount(pw, a, 3, bLo, bHi) - rn;
  }
  if (aLo <= pw.posFirst[b] && aHi > pw.posLast[b]) {
    aAbs1 = tot[b * 3] - cy;
    aAbs2 = tot[b * 3 + 1] - c2;
    aAbs3 = tot[b * 3 + 2] - cn;
  } else {
    aAbs1 = rangeCount(pw, b, 1, aLo, aHi) - cy;
    aAbs2 = rangeCount(pw, b, 2, aLo, aHi) - c2;
    aAbs3 = rangeCount(pw, b, 3, aLo, aHi) - cn;
  }
  out[off] = s11;
  out[off + 1] = t12;
  out[off + 2] = s13;
  out[off + 3] = t21;
  out[off + 4] = t22;
  out[off + 5] = t23;
  out[off + 6] = s31;
  out[off + 7] = t32;
  out[off + 8] = s33;
  out[off + 9] = bAbs1;
  out[off + 10] = bAbs2;
  out[off + 11] = bAbs3;
  out[off + 12] = aAbs1;
  out[off + 13] = aAbs2;
  out[off + 14] = aAbs3;
  if (offT >= 0) {
    out[offT] = s11;
    out[offT + 1] = t21;
    out[offT + 2] = s31;
    out[offT + 3] = t12;
    out[offT + 4] = t22;
    out[offT + 5] = t32;
    out[offT + 6] = s13;
    out[offT + 7] = t23;
    out[offT + 8] = s33;
    out[offT + 9] = aAbs1;
    out[offT + 10] = aAbs2;
    out[offT + 11] = aAbs3;
    out[offT + 12] = bAbs1;
    out[offT + 13] = bAbs2;
    out[offT + 14] = bAbs3;
  }
}

/** Joint counts of every ordered pair over one window. */
export interface PairCounts {
  parties: readonly string[];
  size: number;
  /** counts[(a·size + b)·15 + slot], the record of the ordered pair (a, b); diagonal included. */
  counts: Uint32Array;
  /** Parties with a membership span or votes in the window; all other records are zero. */
  active: Int32Array;
}

/** Parties with a membership span or a vote in the window (all others have all-zero records). */
function activeParties(pw: PackedWindow): Int32Array {
  const active: number[] = [];
  for (let p = 0; p < pw.nParties; p++) if (pw.memHi[p] > pw.memLo[p] || pw.wFrom[p] <= pw.wTo[p]) active.push(p);
  return Int32Array.from(active);
}

/**
 * Joint counts of every ordered pair of parties over `items` (default: all items). Computes each
 * unordered pair once and writes its transpose for (b, a). Pass `out` to reuse a buffer of
 * size² × 15 (it is fully overwritten).
 */
export function allPairsCounts(table: VoteTable<unknown>, items?: ArrayLike<number>, out?: Uint32Array): PairCounts {
  return countsFromPacked(table.parties, packWindow(table, items), out);
}

/** {@link allPairsCounts} from an already packed window. */
export function countsFromPacked(parties: readonly string[], pw: PackedWindow, out?: Uint32Array): PairCounts {
  return countPairs(parties, pw, activeParties(pw), out);
}

/** A matrix being filled while counting (values derived while the pair's counts are in cache). */
interface MatrixTarget {
  method: MethodId;
  value: (c: Uint32Array, off: number) => number;
  symmetric: boolean;
  /** n is symmetric unless the basis depends on the reference party's votes. */
  nSymmetric: boolean;
  /** Row-major over the matrix's parties (the active parties of the window). */
  values: Float64Array;
  n: Uint32Array;
}

/** Which n a method reports: over paired items, the votes-only basis, or the 2021 basis. */
function nKind(method: MethodId): 0 | 1 | 2 {
  return method === 'state-votes-only' ? 1 : method === 'state-2021' ? 2 : 0;
}

/**
 * Output buffers of several matrices for several windows at once (window w is sizes[w] square).
 *
 * Why one block: allocating two fresh typed arrays per window and method made allocation,
 * first-touch page faults and GC the dominant cost of per-window matrices, so one block per
 * method is allocated and handed out as subarray views; methods with the same kind of n share
 * the n block. Matrices cover only the window's active parties, which roughly halves the memory
 * of yearly UN matrices (membership grew from 55 to 193).
 */
function newTargets(methods: readonly MethodId[], sizes: readonly number[]): MatrixTarget[][] {
  const offsets: number[] = [];
  let total = 0;
  for (const k of sizes) {
    offsets.push(total);
    total += k * k;
  }
  const nBlocks = new Map<number, Uint32Array>();
  const perMethod = methods.map((method) => {
    const value = valueFunction(method); // throws on an unknown id
    const kind = nKind(method);
    let nBlock = nBlocks.get(kind);
    if (!nBlock) {
      nBlock = new Uint32Array(total);
      nBlocks.set(kind, nBlock);
    }
    // Every cell is written while counting (all pairs of active parties, diagonal included).
    return { method, value, symmetric: methodInfo(method).symmetric, kind, values: new Float64Array(total), nBlock };
  });
  return sizes.map((k, w) =>
    perMethod.map((m) => ({
      method: m.method,
      value: m.value,
      symmetric: m.symmetric,
      nSymmetric: m.kind === 0,
      values: m.values.subarray(offsets[w], offsets[w] + k * k),
      n: m.nBlock.subarray(offsets[w], offsets[w] + k * k),
    })),
  );
}

/** MeasureResult.n of `method` from a record, without building the result object. */
function scoredN(method: MethodId, c: Uint32Array, off: number): number {
  if (method === 'state-votes-only') return c[off] + c[off + 1] + c[off + 2] + c[off + 6] + c[off + 7] + c[off + 8];
  const n = c[off] + c[off + 1] + c[off + 2] + c[off + 3] + c[off + 4] + c[off + 5] + c[off + 6] + c[off + 7] + c[off + 8];
  return method === 'state-2021' ? n + c[off + 9] + c[off + 10] + c[off + 11] : n;
}

/** Fill matrix cells k (pair a, b) and kT (b, a; −1 on the diagonal) from count records at off / offT. */
function fill(t: MatrixTarget, c: Uint32Array, off: number, offT: number, k: number, kT: number): void {
  const v = t.value(c, off);
  const n = scoredN(t.method, c, off);
  t.values[k] = v;
  t.n[k] = n;
  if (kT < 0) return;
  t.values[kT] = t.symmetric ? v : t.value(c, offT);
  t.n[kT] = t.nSymmetric ? n : scoredN(t.method, c, offT);
}

/** Count every unordered pair of active parties once, writing the transpose for the reverse pair. */
function countPairs(parties: readonly string[], pw: PackedWindow, active: Int32Array, out: Uint32Array | undefined): PairCounts {
  const P = pw.nParties;
  const A = active.length;
  const len = P * P * JOINT_SLOTS;
  const counts = out && out.length >= len ? out : new Uint32Array(len);
  if (A < P) counts.fill(0, 0, len);
  for (let x = 0; x < A; x++) {
    const a = active[x];
    for (let y = x; y < A; y++) {
      const b = active[y];
      pairKernel(pw, a, b, counts, (a * P + b) * JOINT_SLOTS, a === b ? -1 : (b * P + a) * JOINT_SLOTS);
    }
  }
  return { parties, size: P, counts, active };
}

/**
 * Count and derive in one pass, for callers that only want the matrices: each pair's two records
 * are turned into matrix cells while still in cache, and go to a
 * 30-slot scratch buffer that stays in L1, instead of a parties² × 15 buffer that would have to
 * be zeroed per window.
 */
function fillMatrices(pw: PackedWindow, active: Int32Array, targets: MatrixTarget[]): void {
  const A = active.length;
  const scratch = new Uint32Array(2 * JOINT_SLOTS);
  for (let x = 0; x < A; x++) {
    const a = active[x];
    for (let y = x; y < A; y++) {
      const b = active[y];
      const diag = a === b;
      pairKernel(pw, a, b, scratch, 0, diag ? -1 : JOINT_SLOTS);
      const k = x * A + y,
        kT = diag ? -1 : y * A + x;
      for (let i = 0; i < targets.length; i++) fill(targets[i], scratch, 0, JOINT_SLOTS, k, kT);
    }
  }
}

/**
 * An all-pairs matrix of one method over the parties active in its window (members or voters;
 * for the whole UN table that is every party, for a year only that year's members).
 */
export interface PairMatrix {
  method: MethodId;
  /** Names of the rows/columns. */
  parties: readonly string[];
  /** Index of each row's party in the vote table. */
  partyIndex: Int32Array;
  /** Number of rows (= columns). */
  size: number;
  /**
   * values[i·size + j] = value for the ordered pair (row i = reference, column j); NaN where the
   * measure is undefined (null in the per-pair API). Symmetric for symmetric methods.
   */
  values: Float64Array;
  /** n (scored items, as in MeasureResult.n) per ordered pair. */
  n: Uint32Array;
}

function toMatrix(t: MatrixTarget, tableParties: readonly string[], active: Int32Array): PairMatrix {
  return {
    method: t.method,
    parties: Array.from(active, (p) => tableParties[p]),
    partyIndex: active,
    size: active.length,
    values: t.values,
    n: t.n,
  };
}

/** The matrix of `method` from all-pairs counts (no recounting). */
export function matrixFromCounts(pc: PairCounts, method: MethodId): PairMatrix {
  const P = pc.size;
  const act = pc.active;
  const A = act.length;
  const t = newTargets([method], [A])[0][0];
  for (let x = 0; x < A; x++) {
    for (let y = x; y < A; y++) {
      const a = act[x],
        b = act[y];
      fill(t, pc.counts, (a * P + b) * JOINT_SLOTS, (b * P + a) * JOINT_SLOTS, x * A + y, x === y ? -1 : y * A + x);
    }
  }
  return toMatrix(t, pc.parties, act);
}

/** Matrix entry by row/column position, as number | null (null where undefined). */
export function matrixValue(m: PairMatrix, i: number, j: number): number | null {
  const v = m.values[i * m.size + j];
  return Number.isNaN(v) ? null : v;
}

/** Row/column position of a party (by name) in a matrix, or −1 when it was not active there. */
export function matrixRow(m: PairMatrix, party: string): number {
  return m.parties.indexOf(party);
}

/**
 * Value and n of the ordered pair (a, b) by party name; null value when either party is not in
 * the matrix (not a member in that window) or the measure is undefined.
 */
export function matrixGet(m: PairMatrix, a: string, b: string): { value: number | null; n: number } {
  const i = matrixRow(m, a),
    j = matrixRow(m, b);
  if (i < 0 || j < 0) return { value: null, n: 0 };
  return { value: matrixValue(m, i, j), n: m.n[i * m.size + j] };
}

/**
 * All-pairs matrices of one or more methods over `items` (default: all), from one counting pass.
 *
 * @example const [agree, kq] = allPairsMatrix(table, ['agree', 'kappa-quad']);
 */
export function allPairsMatrix(table: VoteTable<unknown>, methods: readonly MethodId[], items?: ArrayLike<number>): PairMatrix[] {
  const pw = packWindow(table, items);
  const active = activeParties(pw);
  const targets = newTargets(methods, [active.length])[0];
  fillMatrices(pw, active, targets);
  return targets.map((t) => toMatrix(t, table.parties, active));
}

/** Matrices of one window. */
export interface WindowMatrices<K> {
  key: K;
  /** Number of items in the window. */
  nItems: number;
  /** One matrix per requested method, in the order requested. */
  matrices: PairMatrix[];
}

/**
 * All-pairs matrices per window (e.g. windowsByYear(table)). Counts are not kept (each pair's
 * record lives only in a scratch buffer), so memory is the requested matrices. The matrices'
 * arrays are views into one block per method (n blocks are shared by methods with the same
 * basis): copy them if you need them independent.
 */
export function windowMatrices<K>(table: VoteTable<unknown>, methods: readonly MethodId[], windows: readonly { key: K; items: ArrayLike<number> }[]): WindowMatrices<K>[] {
  const packed = windows.map((w) => packWindow(table, w.items));
  const actives = packed.map(activeParties);
  const all = newTargets(
    methods,
    actives.map((a) => a.length),
  );
  return windows.map((w, i) => {
    fillMatrices(packed[i], actives[i], all[i]);
    return { key: w.key, nItems: w.items.length, matrices: all[i].map((t) => toMatrix(t, table.parties, actives[i])) };
  });
}
