/**
 * Windows and trends: a measure per window (calendar year, session, meeting …), an ordinary
 * least-squares slope over the windows, and a direction label.
 *
 * Why a slope: analytics-methods.md §1.8 — "for 'are two allies converging', use the trend
 * (slope) of yearly κ or State-style coincidence. Keep the vote basis and the method fixed across
 * years." Every window's value comes back with its n so the evidence can be shown.
 *
 * Pure module: no I/O.
 */
import type { MeasureResult, MethodId } from './types.ts';
import { measureFromCounts } from './measures.ts';
import type { VoteTable } from './table.ts';
import { pairCounts } from './table.ts';
import type { WindowMatrices } from './matrix.ts';
import { matrixGet } from './matrix.ts';

/** The part of a result a trend needs (a full MeasureResult, or a matrix cell). */
export type TrendInput = Pick<MeasureResult, 'method' | 'value' | 'n'>;

/** 'converging' = the value rises (every implemented measure is a similarity: higher = closer). */
export type TrendDirection = 'converging' | 'diverging' | 'stable';

/**
 * Default direction threshold: |slope| below 0.005 per x-unit is 'stable'. Per calendar year that
 * is half a percentage point of agreement/coincidence (or 0.005 of κ) a year, i.e. 0.05 over a
 * decade — smaller drifts are within the year-to-year noise of UNGA roll calls (the ROK–US
 * series moves by ±0.05–0.15 from one year to the next).
 */
export const DEFAULT_TREND_THRESHOLD = 0.005;
/** Default minimum number of windows with a value before a direction other than 'stable' is given. */
export const DEFAULT_MIN_WINDOWS = 3;

/** One window's figure in a trend. */
export interface TrendPoint<K, R extends TrendInput = MeasureResult> {
  key: K;
  /** Abscissa used for the slope (the key when numeric, e.g. the year; otherwise the window index). */
  x: number;
  value: number | null;
  n: number;
  /** False when left out of the slope (value null or n below minN). */
  used: boolean;
  result: R;
}

/** Options of the trend functions. */
export interface TrendOptions<K> {
  /** |slope| below this is 'stable' (default {@link DEFAULT_TREND_THRESHOLD}). */
  threshold?: number;
  /** Windows with fewer scored items are shown but left out of the slope (default 1). */
  minN?: number;
  /** Fewer used windows than this give direction 'stable' (default {@link DEFAULT_MIN_WINDOWS}). */
  minWindows?: number;
  /** Abscissa of a window (default: the key if it is a number, else the window index). */
  x?: (key: K, index: number) => number;
}

/** A trend with its evidence. */
export interface Trend<K, R extends TrendInput = MeasureResult> {
  method: MethodId;
  points: TrendPoint<K, R>[];
  /** OLS slope of value on x over the used windows (unweighted), null with fewer than 2. */
  slope: number | null;
  intercept: number | null;
  /** Number of windows used for the slope. */
  nWindows: number;
  threshold: number;
  direction: TrendDirection;
  /** Why the direction is 'stable' when it is not the slope's doing. */
  note?: string;
  /** With the note: the windows with a value a trend needs (`nWindows` has fewer), for a reader's own wording. */
  minWindows?: number;
}

/**
 * Ordinary least squares y = intercept + slope·x. Returns null with fewer than 2 points or when
 * all x are equal.
 */
export function leastSquares(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } | null {
  const n = xs.length;
  if (n !== ys.length) throw new RangeError('xs and ys differ in length');
  if (n < 2) return null;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Direction of a slope under a threshold (|slope| < threshold → 'stable'). */
export function directionOf(slope: number | null, threshold = DEFAULT_TREND_THRESHOLD): TrendDirection {
  if (slope === null || Math.abs(slope) < threshold) return 'stable';
  return slope > 0 ? 'converging' : 'diverging';
}

/**
 * Trend from per-window results already computed (e.g. from matrices, or from Concord positions
 * per meeting). All results must use the same method.
 */
export function trendFromResults<K, R extends TrendInput = MeasureResult>(windows: readonly { key: K; result: R }[], opts: TrendOptions<K> = {}): Trend<K, R> {
  const threshold = opts.threshold ?? DEFAULT_TREND_THRESHOLD;
  const minN = opts.minN ?? 1;
  const minWindows = opts.minWindows ?? DEFAULT_MIN_WINDOWS;
  if (!(threshold >= 0)) throw new RangeError('threshold must be ≥ 0');
  const methods = new Set(windows.map((w) => w.result.method));
  if (methods.size > 1) throw new RangeError(`a trend needs one method, got ${[...methods].join(', ')}`);
  const method = windows[0]?.result.method ?? 'agree';
  const xOf = opts.x ?? ((key: K, i: number) => (typeof key === 'number' ? key : i));
  const points = windows.map((w, i): TrendPoint<K, R> => {
    const used = w.result.value !== null && w.result.n >= minN;
    return { key: w.key, x: xOf(w.key, i), value: w.result.value, n: w.result.n, used, result: w.result };
  });
  const usedPts = points.filter((p) => p.used);
  const fit = leastSquares(
    usedPts.map((p) => p.x),
    usedPts.map((p) => p.value as number),
  );
  const enough = usedPts.length >= minWindows;
  const trend: Trend<K, R> = {
    method,
    points,
    slope: fit?.slope ?? null,
    intercept: fit?.intercept ?? null,
    nWindows: usedPts.length,
    threshold,
    direction: enough ? directionOf(fit?.slope ?? null, threshold) : 'stable',
  };
  if (!enough) {
    trend.note = `only ${usedPts.length} window(s) with a value (need ${minWindows})`;
    trend.minWindows = minWindows;
  }
  return trend;
}

/**
 * Trend of one pair (a, b: party indexes; a is the reference for asymmetric methods) over
 * windows of a vote table, e.g. `pairTrend(table, us, rok, 'kappa-quad', windowsByYear(table))`.
 */
export function pairTrend<K>(table: VoteTable<unknown>, a: number, b: number, method: MethodId, windows: readonly { key: K; items: ArrayLike<number> }[], opts: TrendOptions<K> = {}): Trend<K> {
  const results = windows.map((w) => ({ key: w.key, result: measureFromCounts(method, pairCounts(table, a, b, w.items)) }));
  return trendFromResults(results, opts);
}

/**
 * Trend of one pair (by party name) from per-window matrices (windowMatrices), using the matrix
 * of `methodIndex` in each window. A window where either party was not a member gives a point
 * with value null and n 0 (shown, not used).
 */
export function pairTrendFromMatrices<K>(windows: readonly WindowMatrices<K>[], a: string, b: string, methodIndex = 0, opts: TrendOptions<K> = {}): Trend<K, TrendInput> {
  const results = windows.map((w) => {
    const m = w.matrices[methodIndex];
    if (!m) throw new RangeError(`window ${String(w.key)} has no matrix ${methodIndex}`);
    return { key: w.key, result: { method: m.method, ...matrixGet(m, a, b) } };
  });
  return trendFromResults(results, opts);
}
