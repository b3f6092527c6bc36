import { createLabelScale, DEFAULT_GROUP_LABEL_SCALE, isMethodId, type LabelScale } from '../../core/analytics/index.ts';
import type { WorkingGroupRow } from '../db/tables.ts';
import { badRequest } from '../errors.ts';

/** A label scale as stored and sent: JSON has no -Infinity, so the last band's open floor is null. */
export interface StoredLabelScale {
  method: string;
  bands: { label: string; min: number | null }[];
  minN: number;
}

/** Parses and checks a scale sent by a client; a bad one is a 400 naming the field. */
export function parseLabelScale(input: StoredLabelScale, wgId: string, field = 'body'): LabelScale {
  if (!isMethodId(input.method)) throw badRequest(`${field}.method`, `"${input.method}" is not a method`, 'not_allowed_value');
  const nulls = input.bands.filter((b) => b.min === null).length;
  if (nulls > 1 || (nulls === 1 && input.bands[input.bands.length - 1].min !== null)) {
    throw badRequest(`${field}.bands`, 'only the last band may have an open floor (min null)', 'not_allowed_value');
  }
  try {
    return createLabelScale(
      `group:${wgId}`,
      input.method,
      input.bands.map((b) => ({ label: b.label, min: b.min ?? -Infinity })),
      input.minN,
    );
  } catch (e) {
    throw badRequest(`${field}.bands`, (e as Error).message, 'not_allowed_value');
  }
}

/** The scale a working group labels its alignment figures with: its own, or Concord's default. */
export function groupLabelScale(wg: Pick<WorkingGroupRow, 'id' | 'label_scale'>): LabelScale {
  if (!wg.label_scale) return DEFAULT_GROUP_LABEL_SCALE;
  return parseLabelScale(JSON.parse(wg.label_scale) as StoredLabelScale, wg.id);
}

export const presentLabelScale = (s: LabelScale) => ({
  id: s.id,
  method: s.method,
  bands: s.bands.map((b) => ({ label: b.label, min: Number.isFinite(b.min) ? b.min : null })),
  minN: s.minN,
});
