/**
 * Shared types of the alignment-measure engine.
 *
 * Vote coding follows Voeten's UNGA data and the `unvotes` R package (see
 * ../shared/reference/analytics-methods.md §1): 1 = yes, 2 = abstain (the ordinal midpoint),
 * 3 = no, and 0 = no vote recorded (absent, or not a member). Whether a missing vote is an
 * *absence* or *non-membership* is decided by a membership flag/span, never by the code itself,
 * because the source data has no absent code (absences are simply missing rows).
 *
 * Pure module: no I/O.
 */

/** 0 = missing (absent or not a member), 1 = yes, 2 = abstain, 3 = no. */
export type VoteCode = 0 | 1 | 2 | 3;

/** The three cast-vote categories, in code order. */
export type CastVote = 1 | 2 | 3;

/** Counts of yes / abstain / no (index 0 = code 1, 1 = code 2, 2 = code 3). */
export type Marginals = [yes: number, abstain: number, no: number];

/** Stable ids of the implemented alignment measures. Store the id with every figure. */
export const METHOD_IDS = [
  'agree',
  'state-votes-only',
  'state-final-2017',
  'state-2021',
  'voeten',
  's-abs',
  's-sq',
  'kappa-nominal',
  'kappa-abs',
  'kappa-quad',
  'pi-nominal',
  'pi-abs',
  'pi-quad',
] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/**
 * Number of slots in a flat joint-count record (see {@link JointCounts}):
 *
 * | slots | content |
 * |---|---|
 * | 0–8   | 3×3 joint table over items where both voted: slot (x−1)·3 + (y−1) counts items with a = x, b = y |
 * | 9–11  | a voted k (k = 1, 2, 3) while b was a member and cast no vote ("b absent") |
 * | 12–14 | b voted l (l = 1, 2, 3) while a was a member and cast no vote ("a absent") |
 *
 * Every measure is a function of these 15 numbers, which is what lets the all-pairs matrix
 * compute them once per pair with popcounts and derive any method afterwards.
 */
export const JOINT_SLOTS = 15;

/**
 * Joint counts of one ordered pair (a, b) over a basis of items: a flat array of
 * {@link JOINT_SLOTS} numbers (layout in the doc of JOINT_SLOTS). Items where neither voted,
 * or where the non-voting party was not a member, are not counted anywhere.
 */
export type JointCounts = ArrayLike<number>;

/**
 * The result of one measure for one ordered pair (a, b), with the counts it came from.
 *
 * Which items are "scored" depends on the method (see METHODS[].basis):
 * - symmetric methods score the items where both a and b cast a vote;
 * - `state-votes-only` scores the items where a voted yes or no and b cast a vote;
 * - `state-2021` scores the items where a voted, with b's absences imputed as abstentions.
 */
export interface MeasureResult {
  /** Method id; always report it together with the value. */
  method: MethodId;
  /**
   * Number of scored items (see above). For `state-votes-only` this includes the items where b
   * abstained, which are counted but excluded from the ratio (see `denominator`).
   */
  n: number;
  /** Scored items with identical votes (yes/yes, abstain/abstain, no/no). */
  same: number;
  /** Scored items with yes against no (either way round). */
  opposite: number;
  /** Scored items where exactly one of the two abstained (for state-2021 this includes b's imputed abstentions against a's yes/no). */
  partial: number;
  /**
   * Absences relevant to the method. For symmetric methods: items where exactly one of the two
   * voted and the other was a member but cast no vote (a absent + b absent). For the
   * reference-based State Department methods: items in the method's basis (a voted yes/no for
   * `state-votes-only`; a voted at all for `state-2021` and `state-final-2017`) where b was a
   * member and cast no vote. Non-members are never absent.
   */
  absent: number;
  /** Items where a voted and b was absent (member, no vote), over all of a's votes. */
  absentB: number;
  /** Items where b voted and a was absent (member, no vote), over all of b's votes. */
  absentA: number;
  /** Counts of a's yes/abstain/no over the scored items. */
  marginalsA: Marginals;
  /** Counts of b's yes/abstain/no over the scored items (state-2021: including imputed abstentions). */
  marginalsB: Marginals;
  /**
   * The item count in the ratio's denominator: SAME + OPPOSITE for `state-votes-only`, n for
   * every other method (for S, κ and π the disagreement is averaged over n).
   */
  denominator: number;
  /**
   * The figure, or null when it is undefined: n = 0 (nothing scored), a zero ratio denominator
   * (e.g. state-votes-only with SAME + OPPOSITE = 0), or D_e = 0 for κ/π (both parties cast one
   * identical single category throughout, so chance agreement is total and 0/0 is undefined).
   */
  value: number | null;
}
