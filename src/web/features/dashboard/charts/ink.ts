/**
 * The colour of chart text (axis labels, legends, value labels) on the page's background. Charts
 * draw on a canvas, which CSS variables do not reach: options name this colour, and EChart swaps
 * it for the dark scheme's (see `inkFor`).
 */
export const INK = '#343a40';
const INK_DARK = '#dee2e6';

/** The option with every INK value replaced by the dark scheme's ink when the page is dark. */
export function inkFor<T>(option: T, dark: boolean): T {
  if (!dark) return option;
  const walk = (v: unknown): unknown => {
    if (v === INK) return INK_DARK;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(option) as T;
}
