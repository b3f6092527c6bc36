import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_TREND_THRESHOLD, directionOf, leastSquares, pairTrend, pairTrendFromMatrices, trendFromResults } from './trend.ts';
import { windowMatrices } from './matrix.ts';
import { measureFromCounts } from './measures.ts';
import { createVoteTable, groupItems } from './table.ts';
import { JOINT_SLOTS } from './types.ts';

/** A result whose agree value is same/n. */
function agreeResult(same: number, n: number) {
  const c = new Uint32Array(JOINT_SLOTS);
  c[0] = same;
  c[2] = n - same;
  return measureFromCounts('agree', c);
}

describe('least squares and direction', () => {
  it('recovers an exact line', () => {
    const fit = leastSquares([2000, 2001, 2002, 2003], [0.1, 0.3, 0.5, 0.7])!;
    assert.ok(Math.abs(fit.slope - 0.2) < 1e-12);
    assert.ok(Math.abs(fit.intercept - (0.1 - 0.2 * 2000)) < 1e-8);
    assert.equal(leastSquares([1], [1]), null);
    assert.equal(leastSquares([3, 3], [1, 2]), null);
  });

  it('labels by the documented threshold', () => {
    assert.equal(DEFAULT_TREND_THRESHOLD, 0.005);
    assert.equal(directionOf(0.006), 'converging');
    assert.equal(directionOf(-0.006), 'diverging');
    assert.equal(directionOf(0.004), 'stable');
    assert.equal(directionOf(null), 'stable');
    assert.equal(directionOf(0.02, 0.05), 'stable');
  });

  it('property: slope is invariant to shifting x and flips sign when y is mirrored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: -3000, max: 3000 }),
        (pts, shift) => {
          const xs = pts.map((p) => p[0]),
            ys = pts.map((p) => p[1]);
          const a = leastSquares(xs, ys),
            b = leastSquares(
              xs.map((x) => x + shift),
              ys,
            ),
            c = leastSquares(
              xs,
              ys.map((y) => 1 - y),
            );
          if (a === null) return b === null && c === null;
          return Math.abs(a.slope - b!.slope) < 1e-9 && Math.abs(a.slope + c!.slope) < 1e-9;
        },
      ),
    );
  });
});

describe('trends with evidence', () => {
  it('converging series with per-window n; windows below minN shown but not used', () => {
    const t = trendFromResults(
      [
        { key: 2018, result: agreeResult(4, 10) },
        { key: 2019, result: agreeResult(5, 10) },
        { key: 2020, result: agreeResult(1, 2) }, // too few items
        { key: 2021, result: agreeResult(6, 10) },
      ],
      { minN: 5 },
    );
    assert.equal(t.method, 'agree');
    assert.deepEqual(
      t.points.map((p) => [p.key, p.x, p.n, p.used]),
      [
        [2018, 2018, 10, true],
        [2019, 2019, 10, true],
        [2020, 2020, 2, false],
        [2021, 2021, 10, true],
      ],
    );
    assert.equal(t.nWindows, 3);
    assert.ok(t.slope! > 0.06 && t.slope! < 0.07);
    assert.equal(t.direction, 'converging');
  });

  it('non-numeric keys use the window index; fewer than minWindows → stable with a note', () => {
    const t = trendFromResults([
      { key: 'meeting-a', result: agreeResult(9, 10) },
      { key: 'meeting-b', result: agreeResult(2, 10) },
    ]);
    assert.deepEqual(
      t.points.map((p) => p.x),
      [0, 1],
    );
    assert.ok(Math.abs(t.slope! - -0.7) < 1e-12);
    assert.equal(t.direction, 'stable');
    assert.match(t.note!, /only 2 window/);
  });

  it('refuses to mix methods', () => {
    const c = new Uint32Array(JOINT_SLOTS);
    c[0] = 1;
    assert.throws(
      () =>
        trendFromResults([
          { key: 1, result: agreeResult(1, 2) },
          { key: 2, result: measureFromCounts('voeten', c) },
        ]),
      RangeError,
    );
  });

  it('pairTrend over meeting windows of a vote table', () => {
    // two parties drifting apart over three meetings of two items each
    const items = ['m1', 'm1', 'm2', 'm2', 'm3', 'm3'];
    const votes = Uint8Array.from([1, 1, 1, 1, 1, 1, /* b */ 1, 1, 1, 3, 3, 3]);
    const t = createVoteTable({ parties: ['a', 'b'], items, votes });
    const tr = pairTrend(
      t,
      0,
      1,
      'agree',
      groupItems(items, (k) => k),
    );
    assert.deepEqual(
      tr.points.map((p) => [p.key, p.value, p.n]),
      [
        ['m1', 1, 2],
        ['m2', 0.5, 2],
        ['m3', 0, 2],
      ],
    );
    assert.equal(tr.slope, -0.5);
    assert.equal(tr.direction, 'diverging');
  });

  it('pairTrendFromMatrices gives the same series as pairTrend', () => {
    const items = ['m1', 'm1', 'm2', 'm2', 'm3', 'm3', 'm4'];
    const votes = Uint8Array.from([1, 1, 1, 2, 1, 3, 1, /* b */ 1, 1, 1, 3, 3, 3, 0, /* c, joins at m3 */ 0, 0, 0, 0, 1, 1, 1]);
    const t = createVoteTable({ parties: ['a', 'b', 'c'], items, votes });
    const windows = groupItems(items, (k) => k);
    const wm = windowMatrices(t, ['agree', 'kappa-quad'], windows);
    for (const [mi, method] of (['agree', 'kappa-quad'] as const).entries()) {
      const direct = pairTrend(t, 0, 2, method, windows);
      const viaMatrices = pairTrendFromMatrices(wm, 'a', 'c', mi);
      assert.deepEqual(
        viaMatrices.points.map((p) => [p.key, p.value, p.n, p.used]),
        direct.points.map((p) => [p.key, p.value, p.n, p.used]),
      );
      assert.equal(viaMatrices.slope, direct.slope);
      assert.equal(viaMatrices.method, method);
    }
  });
});
