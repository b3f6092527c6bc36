/**
 * Verbal labels for alignment figures.
 *
 * A working group configures its own scale: a list of bands on one named measure. The label is a
 * product decision, not a finding (analytics-methods.md §1.8), so every label comes back with the
 * figure, n and method it came from, and a figure from a different method is refused rather than
 * silently labelled on the wrong scale.
 *
 * Pure module: no I/O.
 */
import type { MeasureResult, MethodId } from './types.ts';
import { methodInfo } from './measures.ts';

/** One band: values ≥ min (and below the next band's min) get `label`. */
export interface LabelBand {
  label: string;
  /** Lower bound, inclusive. Use -Infinity for the bottom band. */
  min: number;
}

/** A working group's label scale. */
export interface LabelScale {
  /** Stable id, stored with every label (e.g. 'concord-default-v1'). */
  id: string;
  /** The measure the bands are defined on. */
  method: MethodId;
  /** Bands in descending order of min; the last band should start at -Infinity. */
  bands: readonly LabelBand[];
  /** Figures on fewer scored items get no label (default 10). */
  minN: number;
}

/**
 * Concord's default scale, on `state-final-2017` coincidence ((same + ½·partial)/(same + opposite
 * + partial)): the figure governments themselves publish, in [0, 1], so the bands read as "share
 * of the way to full agreement". Thresholds are a product choice:
 *
 * | coincidence | label |
 * |---|---|
 * | ≥ 0.80 | aligned |
 * | 0.60 – 0.80 | slight differences |
 * | 0.40 – 0.60 | divergent |
 * | < 0.40 | in conflict |
 *
 * Minimum n = 10 scored items.
 */
export const DEFAULT_LABEL_SCALE: LabelScale = Object.freeze({
  id: 'concord-default-v1',
  method: 'state-final-2017',
  bands: Object.freeze([
    { label: 'aligned', min: 0.8 },
    { label: 'slight differences', min: 0.6 },
    { label: 'divergent', min: 0.4 },
    { label: 'in conflict', min: -Infinity },
  ]),
  minN: 10,
}) as LabelScale;

/**
 * Validate and build a label scale. Throws RangeError when the bands are empty, not in strictly
 * descending order of `min`, or labels repeat.
 */
export function createLabelScale(id: string, method: MethodId, bands: readonly LabelBand[], minN = 10): LabelScale {
  methodInfo(method); // throws on an unknown method
  if (bands.length === 0) throw new RangeError('a label scale needs at least one band');
  for (let i = 1; i < bands.length; i++) {
    if (!(bands[i].min < bands[i - 1].min)) throw new RangeError('bands must be in strictly descending order of min');
  }
  if (new Set(bands.map((b) => b.label)).size !== bands.length) throw new RangeError('band labels must be unique');
  if (!(minN >= 0)) throw new RangeError('minN must be ≥ 0');
  return { id, method, bands: bands.map((b) => ({ ...b })), minN };
}

/** A label with its provenance. */
export interface AlignmentLabel {
  /** The band label, or null when there is no label (see `reason`). */
  label: string | null;
  value: number | null;
  n: number;
  method: MethodId;
  scaleId: string;
  reason?: 'undefined-value' | 'too-few-items' | 'below-lowest-band';
}

/**
 * Label a figure on a scale. Throws RangeError when the figure's method is not the scale's
 * method (a κ of 0.5 and a coincidence of 0.5 mean very different things).
 */
export function labelFor(result: MeasureResult, scale: LabelScale = DEFAULT_LABEL_SCALE): AlignmentLabel {
  if (result.method !== scale.method) {
    throw new RangeError(`scale ${scale.id} is defined on ${scale.method}, not ${result.method}`);
  }
  const base = { value: result.value, n: result.n, method: result.method, scaleId: scale.id };
  if (result.value === null) return { label: null, ...base, reason: 'undefined-value' };
  if (result.n < scale.minN) return { label: null, ...base, reason: 'too-few-items' };
  for (const band of scale.bands) if (result.value >= band.min) return { label: band.label, ...base };
  return { label: null, ...base, reason: 'below-lowest-band' };
}

/** Landis & Koch (1977) agreement labels for κ/π. */
export type LandisKochLabel = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

/**
 * Landis & Koch (1977, Biometrics 33:159–174) label of a κ or π value: < 0 poor, 0–0.20 slight,
 * 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect. The published
 * bands are given to two decimals; here each band's upper bound is inclusive (0.20 is slight,
 * 0.2001 fair). The authors called the bands arbitrary and κ depends on prevalence: show n and
 * the marginals alongside. Returns null for a null value.
 */
export function landisKoch(value: number | null): LandisKochLabel | null {
  if (value === null || Number.isNaN(value)) return null;
  if (value < 0) return 'poor';
  if (value <= 0.2) return 'slight';
  if (value <= 0.4) return 'fair';
  if (value <= 0.6) return 'moderate';
  if (value <= 0.8) return 'substantial';
  return 'almost perfect';
}

/** Landis & Koch label of a κ/π result, with provenance. Throws for a method that is not κ or π. */
export function landisKochLabel(result: MeasureResult): AlignmentLabel {
  if (!methodInfo(result.method).chanceCorrected) {
    throw new RangeError(`Landis & Koch bands apply to κ/π, not ${result.method}`);
  }
  const label = landisKoch(result.value);
  return {
    label,
    value: result.value,
    n: result.n,
    method: result.method,
    scaleId: 'landis-koch-1977',
    ...(label === null ? { reason: 'undefined-value' as const } : {}),
  };
}

/**
 * The default scale for a working group's own positions: the same bands as
 * DEFAULT_LABEL_SCALE, given from 3 shared issues instead of 10, because a working group rarely
 * has ten issues on which two parties both hold a stance. Every label is shown with the figure,
 * n and method it came from, so a label on a small basis reads as what it is. A group may set
 * its own scale.
 */
export const DEFAULT_GROUP_LABEL_SCALE: LabelScale = Object.freeze(createLabelScale('concord-group-v1', DEFAULT_LABEL_SCALE.method, DEFAULT_LABEL_SCALE.bands, 3)) as LabelScale;
