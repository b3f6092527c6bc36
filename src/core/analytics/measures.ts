/**
 * Dyadic alignment measures on ordinal votes (1 = yes, 2 = abstain, 3 = no).
 *
 * Every measure is computed from the 15-slot joint-count record of a pair (see JOINT_SLOTS in
 * ./types.ts): the 3×3 table of paired votes plus the absences of each side by the other's vote.
 * One function, {@link computeValue}, holds the arithmetic of all methods; the per-pair API
 * ({@link measure}) and the all-pairs matrix (./matrix.ts) both go through it, so they cannot
 * drift apart.
 *
 * Sources (full notes in ../shared/reference/analytics-methods.md):
 * - US State Department, *Voting Practices in the United Nations* (P.L. 101-246 §406), three
 *   regimes: up to 2016 "votes only" (+ "votes + consensus"), 2017–2020 "final plenary votes",
 *   2021– "absences scored as abstentions".
 * - Voeten's dyadic agreement index, (same + ½·partial)/n.
 * - Signorino & Ritter (1999), "Tau-b or not tau-b", ISQ 43:115–144 (S, d_max = 2); reference
 *   implementation fpsim::srs.
 * - Häge (2011), "Choice or Circumstance?", Political Analysis 19(3):287–305 (κ and π as
 *   1 − D_o/D_e, marginals over the n paired votes, level set fixed to {1, 2, 3}); reference
 *   implementations fpsim::cohenk (quadratic by default) and fpsim::spi (nominal π).
 *
 * Pure module: no I/O.
 */
import type { CastVote, JointCounts, Marginals, MeasureResult, MethodId, VoteCode } from './types.ts';
import { JOINT_SLOTS, METHOD_IDS } from './types.ts';

/** Description of one method, for pickers, tooltips and stored provenance. */
export interface MethodInfo {
  id: MethodId;
  name: string;
  description: string;
  /** Which items are scored. */
  basis: string;
  /**
   * Bounds [min, max] the value always lies in (κ/π reach −1 only for particular marginals; their
   * lower bound of −1 is checked by property tests, not just asserted).
   */
  range: readonly [min: number, max: number];
  /** True when value(a, b) = value(b, a) for every pair of vote vectors. */
  symmetric: boolean;
  /**
   * True when a is a reference party (the State Department's "US") and some counts (basis, n,
   * partial, absent) are taken relative to it, even if the value itself is symmetric.
   */
  referenceBased: boolean;
  /** True for the chance-corrected indices (κ, π), to which Landis & Koch labels apply. */
  chanceCorrected: boolean;
  source: string;
}

const BOTH_VOTED = 'Items on which both parties cast yes, abstain or no.';

/** The implemented methods, in a stable order (same order as METHOD_IDS). */
export const METHODS: readonly MethodInfo[] = [
  {
    id: 'agree',
    name: 'Simple agreement',
    description: 'Share of identical votes: #(a = b) / n.',
    basis: BOTH_VOTED,
    range: [0, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: false,
    source: 'stevedata::rok_unga `agree`',
  },
  {
    id: 'state-votes-only',
    name: 'State Dept. voting coincidence, votes only (reports up to 2016)',
    description:
      'SAME / (SAME + OPPOSITE) over the items where the reference party a voted yes or no; b\'s abstentions and absences are counted but excluded. The value only uses items where both voted yes or no, so it is symmetric; the abstain/absent counts are relative to a. Optional "votes + consensus" variant: see votesPlusConsensus().',
    basis: 'Items where a (the reference, e.g. the US) voted yes or no and b cast a vote.',
    range: [0, 1],
    symmetric: true,
    referenceBased: true,
    chanceCorrected: false,
    source: 'US State Dept., Voting Practices in the UN, reports up to 2016, Sec. III',
  },
  {
    id: 'state-final-2017',
    name: 'State Dept. voting coincidence, final plenary votes (2017–2020 reports)',
    description:
      '(S + P/2) / (S + O + P): same = 1 (both abstaining counts as same), partial (exactly one abstained) = ½, opposite = 0; absences excluded. Restrict the basis to final resolutions adopted with a vote to match the reports.',
    basis: BOTH_VOTED,
    range: [0, 1],
    symmetric: true,
    referenceBased: true,
    chanceCorrected: false,
    source: 'US State Dept., Voting Practices in the UN, 2017–2020 reports',
  },
  {
    id: 'state-2021',
    name: 'State Dept. voting coincidence, absences as abstentions (2021– reports)',
    description:
      "(S + P/2) / (S + O + P) over the items where a voted, with b's absences (member, no vote) scored as abstentions and kept in the denominator. Items where a did not vote are excluded.",
    basis: 'Items where a (the reference) cast a vote and b either voted or was absent while a member.',
    range: [0, 1],
    symmetric: false,
    referenceBased: true,
    chanceCorrected: false,
    source: 'US State Dept., Voting Practices in the UN, 2021–2023 reports',
  },
  {
    id: 'voeten',
    name: "Voeten's agreement index",
    description: '(same + ½·partial) / n over all roll calls both voted on (numerically the 2017 State formula).',
    basis: BOTH_VOTED,
    range: [0, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: false,
    source: 'Voeten, UNGA AgreementScores; stevedata::rok_unga `v_agree`',
  },
  {
    id: 's-abs',
    name: 'Signorino–Ritter S (absolute distances)',
    description: 'S = 1 − 2·Σ|a − b| / (n·d_max), d_max = 2.',
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: false,
    source: 'Signorino & Ritter (1999), ISQ 43:115–144; fpsim::srs',
  },
  {
    id: 's-sq',
    name: 'Signorino–Ritter S (squared distances)',
    description: 'S = 1 − 2·Σ(a − b)² / (n·d_max²), d_max = 2.',
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: false,
    source: 'Signorino & Ritter (1999), ISQ 43:115–144; fpsim::srs',
  },
  {
    id: 'kappa-nominal',
    name: "Cohen's κ (nominal)",
    description: "1 − D_o/D_e with d = 1[k ≠ l]; D_e from each party's own marginals over the n paired votes.",
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: true,
    source: 'Häge (2011), Political Analysis 19(3):287–305',
  },
  {
    id: 'kappa-abs',
    name: "Cohen's κ (absolute weights)",
    description: "1 − D_o/D_e with d = |k − l|; D_e from each party's own marginals over the n paired votes.",
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: true,
    source: 'Häge (2011), Political Analysis 19(3):287–305',
  },
  {
    id: 'kappa-quad',
    name: "Cohen's κ (quadratic weights)",
    description: '1 − D_o/D_e with d = (k − l)²; D_e from each party\'s own marginals over the n paired votes. fpsim::cohenk default and psych::cohen.kappa "weighted".',
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: true,
    source: 'Häge (2011), Political Analysis 19(3):287–305; fpsim::cohenk',
  },
  {
    id: 'pi-nominal',
    name: "Scott's π (nominal)",
    description: '1 − D_o/D_e with d = 1[k ≠ l]; D_e from the pooled marginal (p_a + p_b)/2. fpsim::spi.',
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: true,
    source: 'Häge (2011), Political Analysis 19(3):287–305; fpsim::spi',
  },
  {
    id: 'pi-abs',
    name: "Scott's π (absolute weights)",
    description: '1 − D_o/D_e with d = |k − l|; D_e from the pooled marginal.',
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: true,
    source: 'Häge (2011), Political Analysis 19(3):287–305',
  },
  {
    id: 'pi-quad',
    name: "Scott's π (quadratic weights)",
    description: '1 − D_o/D_e with d = (k − l)²; D_e from the pooled marginal.',
    basis: BOTH_VOTED,
    range: [-1, 1],
    symmetric: true,
    referenceBased: false,
    chanceCorrected: true,
    source: 'Häge (2011), Political Analysis 19(3):287–305',
  },
];

const METHOD_BY_ID = new Map<string, MethodInfo>(METHODS.map((m) => [m.id, m]));

/** True if `id` names an implemented method. */
export function isMethodId(id: string): id is MethodId {
  return METHOD_BY_ID.has(id);
}

/** The METHODS entry for `id`; throws on an unknown id. */
export function methodInfo(id: MethodId): MethodInfo {
  const m = METHOD_BY_ID.get(id);
  if (!m) throw new RangeError(`unknown alignment method: ${String(id)}`);
  return m;
}

/** Internal dispatch code of a method id: its index in METHOD_IDS. */
function methodCode(method: MethodId): number {
  const i = (METHOD_IDS as readonly string[]).indexOf(method);
  if (i < 0) throw new RangeError(`unknown alignment method: ${String(method)}`);
  return i;
}

/** A value function over a flat joint-count record at an offset; NaN when undefined. */
type ValueFn = (c: JointCounts, off: number) => number;

/** Sum of the 3×3 table (items both voted on). */
function pairedN(c: JointCounts, off: number): number {
  return c[off] + c[off + 1] + c[off + 2] + c[off + 3] + c[off + 4] + c[off + 5] + c[off + 6] + c[off + 7] + c[off + 8];
}

/** (S + P/2) / (S + O + P) over the items both voted on (State 2017 = Voeten). */
const halfPartial: ValueFn = (c, off) => {
  const n = pairedN(c, off);
  return n === 0 ? NaN : (c[off] + c[off + 4] + c[off + 8] + (c[off + 1] + c[off + 3] + c[off + 5] + c[off + 7]) / 2) / n;
};

/**
 * κ (pooled = false) or π (pooled = true) with distance weights d1 = d(1,2) = d(2,3) and
 * d2 = d(1,3): 1 − D_o/D_e. With r = a's and k = b's marginal counts over the n paired votes:
 *   κ: D_o/D_e = n·Σ t·d / Σ r_k·k_l·d(k,l)                   (each party's own marginals)
 *   π: D_o/D_e = 4n·Σ t·d / Σ (r+k)_k·(r+k)_l·d(k,l)          (pooled p̄ = (r + k)/2n)
 * Everything is integer arithmetic up to the final division, so D_e = 0 is detected exactly.
 */
function chanceCorrected(pooled: boolean, d1: number, d2: number): ValueFn {
  return (c, off) => {
    const t11 = c[off],
      t12 = c[off + 1],
      t13 = c[off + 2];
    const t21 = c[off + 3],
      t22 = c[off + 4],
      t23 = c[off + 5];
    const t31 = c[off + 6],
      t32 = c[off + 7],
      t33 = c[off + 8];
    const r1 = t11 + t12 + t13,
      r2 = t21 + t22 + t23,
      r3 = t31 + t32 + t33;
    const k1 = t11 + t21 + t31,
      k2 = t12 + t22 + t32,
      k3 = t13 + t23 + t33;
    const n = r1 + r2 + r3;
    if (n === 0) return NaN;
    const obs = d1 * (t12 + t21 + t23 + t32) + d2 * (t13 + t31);
    if (pooled) {
      const p1 = r1 + k1,
        p2 = r2 + k2,
        p3 = r3 + k3;
      const exp = 2 * (d1 * (p1 * p2 + p2 * p3) + d2 * p1 * p3);
      return exp === 0 ? NaN : 1 - (4 * n * obs) / exp;
    }
    const exp = d1 * (r1 * k2 + r2 * k1 + r2 * k3 + r3 * k2) + d2 * (r1 * k3 + r3 * k1);
    return exp === 0 ? NaN : 1 - (n * obs) / exp;
  };
}

/** Value functions indexed by method code (= METHOD_IDS order). */
const VALUE_FNS: readonly ValueFn[] = [
  // agree: #(x = y) / n
  (c, off) => {
    const n = pairedN(c, off);
    return n === 0 ? NaN : (c[off] + c[off + 4] + c[off + 8]) / n;
  },
  // state-votes-only (State Dept. up to 2016): basis = a voted Y or N; SAME / (SAME + OPPOSITE).
  (c, off) => {
    const same = c[off] + c[off + 8];
    const den = same + c[off + 2] + c[off + 6];
    return den === 0 ? NaN : same / den;
  },
  // state-final-2017
  halfPartial,
  // state-2021: b's absences (member, no vote) scored as abstentions (code 2), kept in the denominator.
  (c, off) => {
    const n = pairedN(c, off) + c[off + 9] + c[off + 10] + c[off + 11];
    if (n === 0) return NaN;
    const same = c[off] + c[off + 4] + c[off + 10] + c[off + 8];
    const partial = c[off + 1] + c[off + 9] + c[off + 7] + c[off + 11] + c[off + 3] + c[off + 5];
    return (same + partial / 2) / n;
  },
  // voeten
  halfPartial,
  // s-abs: S = 1 − 2·Σ|x−y| / (n·d_max), d_max = 2.
  (c, off) => {
    const n = pairedN(c, off);
    return n === 0 ? NaN : 1 - (c[off + 1] + c[off + 3] + c[off + 5] + c[off + 7] + 2 * (c[off + 2] + c[off + 6])) / n;
  },
  // s-sq: S = 1 − 2·Σ(x−y)² / (n·d_max²), d_max² = 4.
  (c, off) => {
    const n = pairedN(c, off);
    return n === 0 ? NaN : 1 - (c[off + 1] + c[off + 3] + c[off + 5] + c[off + 7] + 4 * (c[off + 2] + c[off + 6])) / (2 * n);
  },
  chanceCorrected(false, 1, 1), // kappa-nominal: d = 1[k ≠ l]
  chanceCorrected(false, 1, 2), // kappa-abs: d = |k − l|
  chanceCorrected(false, 1, 4), // kappa-quad: d = (k − l)²
  chanceCorrected(true, 1, 1), // pi-nominal
  chanceCorrected(true, 1, 2), // pi-abs
  chanceCorrected(true, 1, 4), // pi-quad
];

/**
 * The value of `method` from a joint-count record (at offset `off` of `c`), or NaN when
 * undefined. This is the single implementation of every formula; see {@link measureFromCounts}
 * for the null rules.
 */
export function computeValue(method: MethodId, c: JointCounts, off = 0): number {
  return VALUE_FNS[methodCode(method)](c, off);
}

/** @internal The value function of a method, for hot loops (the all-pairs matrix). */
export function valueFunction(method: MethodId): (c: JointCounts, off: number) => number {
  return VALUE_FNS[methodCode(method)];
}

/**
 * The full result of `method` (value plus the counts it came from) from a joint-count record.
 *
 * Null rule: value is null when the method's ratio has a zero denominator — n = 0 for every
 * method; SAME + OPPOSITE = 0 for `state-votes-only`; D_e = 0 for κ/π, which happens only when
 * the marginals leave no room for chance disagreement (κ: both parties cast one and the same
 * category on every paired item; π: the pooled marginal is a single category). In those cases
 * D_o is 0 as well and 0/0 is reported as null rather than as 1, because the data cannot tell
 * "aligned" from "no variation".
 */
export function measureFromCounts(method: MethodId, c: JointCounts, off = 0): MeasureResult {
  const t = (x: CastVote, y: CastVote): number => c[off + (x - 1) * 3 + (y - 1)];
  const bAbs = (k: CastVote): number => c[off + 8 + k]; // a voted k, b absent
  const aAbs = (k: CastVote): number => c[off + 11 + k]; // b voted k, a absent
  const absentB = bAbs(1) + bAbs(2) + bAbs(3);
  const absentA = aAbs(1) + aAbs(2) + aAbs(3);
  const rawValue = computeValue(method, c, off);
  const value = Number.isNaN(rawValue) ? null : rawValue;

  if (method === 'state-votes-only') {
    const same = t(1, 1) + t(3, 3);
    const opposite = t(1, 3) + t(3, 1);
    const partial = t(1, 2) + t(3, 2);
    return {
      method,
      n: same + opposite + partial,
      same,
      opposite,
      partial,
      absent: bAbs(1) + bAbs(3),
      absentA,
      absentB,
      marginalsA: [t(1, 1) + t(1, 2) + t(1, 3), 0, t(3, 1) + t(3, 2) + t(3, 3)],
      marginalsB: [t(1, 1) + t(3, 1), t(1, 2) + t(3, 2), t(1, 3) + t(3, 3)],
      denominator: same + opposite,
      value,
    };
  }
  if (method === 'state-2021') {
    const same = t(1, 1) + t(2, 2) + bAbs(2) + t(3, 3);
    const opposite = t(1, 3) + t(3, 1);
    const partial = t(1, 2) + bAbs(1) + t(3, 2) + bAbs(3) + t(2, 1) + t(2, 3);
    const n = same + opposite + partial;
    return {
      method,
      n,
      same,
      opposite,
      partial,
      absent: absentB,
      absentA,
      absentB,
      marginalsA: [t(1, 1) + t(1, 2) + t(1, 3) + bAbs(1), t(2, 1) + t(2, 2) + t(2, 3) + bAbs(2), t(3, 1) + t(3, 2) + t(3, 3) + bAbs(3)],
      marginalsB: [t(1, 1) + t(2, 1) + t(3, 1), t(1, 2) + t(2, 2) + t(3, 2) + absentB, t(1, 3) + t(2, 3) + t(3, 3)],
      denominator: n,
      value,
    };
  }
  const same = t(1, 1) + t(2, 2) + t(3, 3);
  const opposite = t(1, 3) + t(3, 1);
  const partial = t(1, 2) + t(2, 1) + t(2, 3) + t(3, 2);
  const n = same + opposite + partial;
  return {
    method,
    n,
    same,
    opposite,
    partial,
    // state-final-2017 is reference-based in the reports ("votes where either country was absent"
    // are excluded), so its `absent` is b's absences on a's votes; symmetric methods count both.
    absent: method === 'state-final-2017' ? absentB : absentA + absentB,
    absentA,
    absentB,
    marginalsA: [t(1, 1) + t(1, 2) + t(1, 3), t(2, 1) + t(2, 2) + t(2, 3), t(3, 1) + t(3, 2) + t(3, 3)],
    marginalsB: [t(1, 1) + t(2, 1) + t(3, 1), t(1, 2) + t(2, 2) + t(3, 2), t(1, 3) + t(2, 3) + t(3, 3)],
    denominator: n,
    value,
  };
}

/** Membership of a party on each item: truthy = member. Omitted = member on every item. */
export type Membership = ArrayLike<boolean | number>;

/**
 * Joint counts of two vote vectors (codes 0–3, same length, same item order).
 *
 * A missing vote (0) is an *absence* when the party was a member on that item (per `memberA` /
 * `memberB`; default: member everywhere) and the other party voted; otherwise it is not counted.
 * Throws RangeError on a length mismatch or a code outside 0–3.
 */
export function jointCounts(a: ArrayLike<number>, b: ArrayLike<number>, memberA?: Membership, memberB?: Membership): Uint32Array {
  if (a.length !== b.length) throw new RangeError(`vote vectors differ in length: ${a.length} vs ${b.length}`);
  const c = new Uint32Array(JOINT_SLOTS);
  for (let i = 0; i < a.length; i++) {
    const x = a[i],
      y = b[i];
    if (!isCode(x) || !isCode(y)) throw new RangeError(`invalid vote code at item ${i}: ${x}, ${y} (expected 0–3)`);
    if (x !== 0 && y !== 0) c[(x - 1) * 3 + (y - 1)]++;
    else if (x !== 0 && (memberB === undefined || memberB[i])) c[8 + x]++;
    else if (y !== 0 && (memberA === undefined || memberA[i])) c[11 + y]++;
  }
  return c;
}

function isCode(x: number): x is VoteCode {
  return x === 0 || x === 1 || x === 2 || x === 3;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** a's membership per item (missing votes outside it are not absences). Default: always a member. */
  memberA?: Membership;
  /** b's membership per item. Default: always a member. */
  memberB?: Membership;
}

/**
 * Compute one measure for two parties' votes over the same items (codes 0 = missing, 1 = yes,
 * 2 = abstain, 3 = no). For reference-based methods a is the reference (e.g. the US).
 *
 * @example measure('kappa-quad', usVotes, mexicoVotes).value
 */
export function measure(method: MethodId, a: ArrayLike<number>, b: ArrayLike<number>, opts: MeasureOptions = {}): MeasureResult {
  return measureFromCounts(method, jointCounts(a, b, opts.memberA, opts.memberB));
}

/** Vote pairs, e.g. [[1, 1], [3, 1]] — convenient for fixtures. Both entries must be 1–3. */
export function countsFromPairs(pairs: Iterable<readonly [number, number]>): Uint32Array {
  const c = new Uint32Array(JOINT_SLOTS);
  for (const [x, y] of pairs) {
    if (!isCode(x) || !isCode(y) || x === 0 || y === 0) throw new RangeError(`invalid vote pair ${x}, ${y}`);
    c[(x - 1) * 3 + (y - 1)]++;
  }
  return c;
}

/** The record of (b, a) from the record of (a, b): transpose the table and swap the absences. */
export function transposeCounts(c: JointCounts, off = 0): Uint32Array {
  const t = new Uint32Array(JOINT_SLOTS);
  for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) t[y * 3 + x] = c[off + x * 3 + y];
  for (let k = 0; k < 3; k++) {
    t[9 + k] = c[off + 12 + k];
    t[12 + k] = c[off + 9 + k];
  }
  return t;
}

/** Inputs of the State Department "votes + consensus" column (reports up to 2016). */
export interface ConsensusInputs {
  /** SAME: identical yes/no votes in the votes-only basis. */
  same: number;
  /** OPPOSITE: yes against no. */
  opposite: number;
  /** The country's absences among the P recorded plenary votes. */
  absences: number;
  /** C: number of resolutions adopted by consensus that year. */
  consensus: number;
  /** P: number of recorded plenary votes that year. */
  plenaryVotes: number;
}

/** Result of {@link votesPlusConsensus}. */
export interface ConsensusResult {
  method: 'state-votes-plus-consensus';
  /** Participation rate r = (P − absences)/P. */
  participation: number;
  /** SAME / (SAME + OPPOSITE), or null when both are 0. */
  votesOnly: number | null;
  /** (SAME + C·r) / (SAME + OPPOSITE + C·r), or null when the denominator is 0. */
  value: number | null;
  inputs: ConsensusInputs;
}

/**
 * State Department "votes + consensus" coincidence (reports up to 2016): consensus adoptions are
 * credited as agreement in proportion to the country's participation,
 * `incl = (SAME + C·r) / (SAME + OPPOSITE + C·r)` with `r = (P − absences)/P`.
 * Reproduces the published rows (e.g. ROK 2013: 44, 21, 1 absence, C = 200, P = 90 → 92.0 %).
 * C and P are not in roll-call data; take them from the report of the year.
 */
export function votesPlusConsensus(inputs: ConsensusInputs): ConsensusResult {
  const { same, opposite, absences, consensus, plenaryVotes } = inputs;
  if (!(plenaryVotes > 0)) throw new RangeError('plenaryVotes (P) must be positive');
  if (absences < 0 || absences > plenaryVotes) throw new RangeError('absences must lie in [0, P]');
  if (consensus < 0 || same < 0 || opposite < 0) throw new RangeError('counts must be non-negative');
  const r = (plenaryVotes - absences) / plenaryVotes;
  const credit = consensus * r;
  const den = same + opposite + credit;
  return {
    method: 'state-votes-plus-consensus',
    participation: r,
    votesOnly: same + opposite === 0 ? null : same / (same + opposite),
    value: den === 0 ? null : (same + credit) / den,
    inputs: { ...inputs },
  };
}

/** Marginal counts helper: counts of codes 1/2/3 in a vote vector (0 ignored). */
export function marginalsOf(votes: ArrayLike<number>): Marginals {
  const m: Marginals = [0, 0, 0];
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i];
    if (v === 1 || v === 2 || v === 3) m[v - 1]++;
  }
  return m;
}
