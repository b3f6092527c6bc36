import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LABEL_SCALE, createLabelScale, labelFor, landisKoch, landisKochLabel } from './labels.ts';
import { measure } from './measures.ts';

/** Votes of two parties with `same` identical yes votes and `opposite` yes/no splits. */
function votes(same: number, opposite: number, partial = 0) {
  const a = [...new Array(same + opposite + partial).fill(1)];
  const b = [...new Array(same).fill(1), ...new Array(opposite).fill(3), ...new Array(partial).fill(2)];
  return [a, b] as const;
}

describe('working-group label scale', () => {
  it('default scale is on state-final-2017 with four bands', () => {
    assert.equal(DEFAULT_LABEL_SCALE.method, 'state-final-2017');
    const cases: [number, number, number, string][] = [
      [9, 1, 0, 'aligned'], // 0.9
      [8, 2, 0, 'aligned'], // 0.8 (inclusive lower bound)
      [7, 3, 0, 'slight differences'],
      [4, 5, 1, 'divergent'], // (4 + 0.5)/10 = 0.45
      [2, 8, 0, 'in conflict'],
    ];
    for (const [s, o, p, want] of cases) {
      const l = labelFor(measure('state-final-2017', ...votes(s, o, p)));
      assert.equal(l.label, want, `${s}/${o}/${p}`);
      assert.equal(l.n, s + o + p);
      assert.equal(l.method, 'state-final-2017');
      assert.equal(l.scaleId, 'concord-default-v1');
    }
  });

  it('returns the figure with the label, no label below minN or for a null value', () => {
    const few = labelFor(measure('state-final-2017', ...votes(3, 0)));
    assert.equal(few.label, null);
    assert.equal(few.reason, 'too-few-items');
    assert.equal(few.value, 1);
    const none = labelFor(measure('state-final-2017', [], []));
    assert.equal(none.reason, 'undefined-value');
  });

  it('refuses a figure from another method', () => {
    assert.throws(() => labelFor(measure('kappa-quad', ...votes(9, 1))), RangeError);
  });

  it('custom scales are validated and applied', () => {
    const s = createLabelScale(
      'wg-7',
      'kappa-quad',
      [
        { label: 'close', min: 0.5 },
        { label: 'apart', min: 0 },
      ],
      0,
    );
    assert.equal(labelFor(measure('kappa-quad', [1, 2, 3, 1], [1, 2, 3, 1]), s).label, 'close');
    const below = labelFor(measure('kappa-quad', [1, 3, 1, 3], [3, 1, 3, 1]), s);
    assert.equal(below.label, null);
    assert.equal(below.reason, 'below-lowest-band');
    assert.throws(
      () =>
        createLabelScale('x', 'agree', [
          { label: 'a', min: 0 },
          { label: 'b', min: 0.5 },
        ]),
      RangeError,
    );
    assert.throws(() => createLabelScale('x', 'agree', []), RangeError);
  });
});

describe('Landis & Koch', () => {
  it('bands with inclusive upper bounds', () => {
    const cases: [number, string][] = [
      [-0.01, 'poor'],
      [0, 'slight'],
      [0.2, 'slight'],
      [0.21, 'fair'],
      [0.4, 'fair'],
      [0.5, 'moderate'],
      [0.61, 'substantial'],
      [0.8, 'substantial'],
      [0.81, 'almost perfect'],
      [1, 'almost perfect'],
    ];
    for (const [v, want] of cases) assert.equal(landisKoch(v), want, String(v));
    assert.equal(landisKoch(null), null);
  });

  it('labels κ/π results only', () => {
    const r = measure('kappa-quad', [1, 1, 3, 2], [1, 1, 3, 3]);
    const l = landisKochLabel(r);
    assert.equal(l.value, r.value);
    assert.equal(l.scaleId, 'landis-koch-1977');
    assert.throws(() => landisKochLabel(measure('agree', [1], [1])), RangeError);
  });
});
