import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { METHODS, computeValue, countsFromPairs, jointCounts, measure, measureFromCounts, methodInfo, transposeCounts, votesPlusConsensus } from './measures.ts';
import { METHOD_IDS, type MethodId } from './types.ts';
import { FPSIM_KAPPA_QUAD, FPSIM_PI_NOMINAL, FPSIM_US_MX_1946, STATE_CONSENSUS_ROWS, expandPairs } from '../../../test/fixtures/analytics/published.ts';

const expand = expandPairs;

describe('fixtures from published material', () => {
  const counts = countsFromPairs(expand(FPSIM_US_MX_1946));

  it('fpsim US–Mexico 1946: quadratic κ = −0.01222707, nominal π = −0.02775801', () => {
    const kq = measureFromCounts('kappa-quad', counts);
    const pn = measureFromCounts('pi-nominal', counts);
    assert.equal(kq.n, 38);
    assert.ok(Math.abs(kq.value! - FPSIM_KAPPA_QUAD) < 1e-7, `κ_quad = ${kq.value}`);
    assert.ok(Math.abs(pn.value! - FPSIM_PI_NOMINAL) < 1e-7, `π_nominal = ${pn.value}`);
    assert.deepEqual(kq.marginalsA, [24, 2, 12]); // US: yes 17+5+2, abstain 2, no 9+2+1
    assert.deepEqual(kq.marginalsB, [26, 3, 9]);
  });

  it('the same value comes from two vote vectors', () => {
    const pairs = expand(FPSIM_US_MX_1946);
    const a = pairs.map((p) => p[0]),
      b = pairs.map((p) => p[1]);
    assert.equal(measure('kappa-quad', a, b).value, measureFromCounts('kappa-quad', counts).value);
  });

  it('State votes+consensus: ROK 2013 → 92.0 %, Japan 2014 → 89.7 %', () => {
    for (const row of STATE_CONSENSUS_ROWS) {
      const r = votesPlusConsensus(row);
      assert.equal((r.value! * 100).toFixed(1), row.percent, `${row.country} ${row.year}`);
    }
    const rok = votesPlusConsensus({ same: 44, opposite: 21, absences: 1, consensus: 200, plenaryVotes: 90 });
    assert.equal((rok.value! * 100).toFixed(1), '92.0');
    assert.ok(Math.abs(rok.participation - 89 / 90) < 1e-15);
    assert.equal((rok.votesOnly! * 100).toFixed(1), '67.7'); // 44/65
  });

  it('votes+consensus rejects impossible inputs', () => {
    assert.throws(() => votesPlusConsensus({ same: 1, opposite: 1, absences: 0, consensus: 1, plenaryVotes: 0 }), RangeError);
    assert.throws(() => votesPlusConsensus({ same: 1, opposite: 1, absences: 5, consensus: 1, plenaryVotes: 4 }), RangeError);
  });
});

describe('State Department regimes on a hand-made vector', () => {
  // a = reference (US). Items: Y/Y, N/N, Y/N, N/Y, Y/A, A/Y, A/A, Y/absent, A/absent, absent/N, N/absent
  const a = [1, 3, 1, 3, 1, 2, 2, 1, 2, 0, 3];
  const b = [1, 3, 3, 1, 2, 1, 2, 0, 0, 3, 0];

  it('state-votes-only: basis = a voted Y/N; SAME/(SAME+OPPOSITE); abstain/absent counted, excluded', () => {
    const r = measure('state-votes-only', a, b);
    assert.equal(r.same, 2);
    assert.equal(r.opposite, 2);
    assert.equal(r.partial, 1); // b abstained on a's yes
    assert.equal(r.absent, 2); // b absent where a voted Y or N (items 8 and 11)
    assert.equal(r.n, 5);
    assert.equal(r.denominator, 4);
    assert.equal(r.value, 0.5);
  });

  it('state-final-2017: (S + P/2)/(S + O + P) over both-voted items, both abstaining = same', () => {
    const r = measure('state-final-2017', a, b);
    assert.equal(r.same, 3); // YY, NN, AA
    assert.equal(r.opposite, 2);
    assert.equal(r.partial, 2); // YA, AY
    assert.equal(r.n, 7);
    assert.equal(r.value, (3 + 1) / 7);
    assert.equal(r.absent, 3); // b absent where a voted (items 8, 9, 11)
  });

  it('state-2021: b absences scored as abstentions, a absences excluded', () => {
    const r = measure('state-2021', a, b);
    // imputed: Y/absent → partial, A/absent → same, N/absent → partial; absent/N excluded
    assert.equal(r.same, 4);
    assert.equal(r.opposite, 2);
    assert.equal(r.partial, 4);
    assert.equal(r.n, 10);
    assert.equal(r.absent, 3);
    assert.equal(r.value, (4 + 2) / 10);
    assert.deepEqual(r.marginalsB, [3, 5, 2]); // includes 3 imputed abstentions
  });

  it('non-members are never absent', () => {
    const notMemberB = b.map((_, i) => (i === 7 ? 0 : 1)); // b not a member on item 8
    const r = measure('state-2021', a, b, { memberB: notMemberB });
    assert.equal(r.absent, 2);
    assert.equal(r.n, 9);
    const sym = measure('agree', a, b, { memberA: a.map(() => 0), memberB: notMemberB });
    assert.equal(sym.absentA, 0);
    assert.equal(sym.absentB, 2);
    assert.equal(sym.absent, 2);
  });

  it('state-2021 is not symmetric; state-votes-only has a symmetric value but reference-based counts', () => {
    assert.notEqual(measure('state-2021', a, b).value, measure('state-2021', b, a).value);
    const ab = measure('state-votes-only', a, b),
      ba = measure('state-votes-only', b, a);
    assert.equal(ab.value, ba.value);
    assert.notDeepEqual([ab.n, ab.partial, ab.absent], [ba.n, ba.partial, ba.absent]);
  });
});

describe('null rules', () => {
  it('n = 0 gives null for every method', () => {
    for (const m of METHOD_IDS) assert.equal(measure(m, [0, 1, 0], [2, 0, 0], { memberA: [0, 0, 0], memberB: [0, 0, 0] }).value, null, m);
  });
  it('D_e = 0 (both cast one identical category) gives null for κ and π, 1 for agreement', () => {
    const v = [1, 1, 1, 1];
    for (const m of ['kappa-nominal', 'kappa-abs', 'kappa-quad', 'pi-nominal', 'pi-abs', 'pi-quad'] as const) {
      assert.equal(measure(m, v, v).value, null, m);
    }
    assert.equal(measure('agree', v, v).value, 1);
  });
  it('opposed single-category parties: κ = 0 (own marginals), π = −1 (pooled)', () => {
    // a all yes, b all no: κ D_e = 4 > 0 (κ = 0), π pooled D_e > 0 (π = −1)
    assert.equal(measure('kappa-quad', [1, 1], [3, 3]).value, 0);
    assert.equal(measure('pi-quad', [1, 1], [3, 3]).value, -1);
  });
  it('state-votes-only with only abstentions by a is null', () => {
    assert.equal(measure('state-votes-only', [2, 2], [1, 3]).value, null);
  });
  it('rejects invalid codes and length mismatches', () => {
    assert.throws(() => measure('agree', [1, 4], [1, 1]), RangeError);
    assert.throws(() => measure('agree', [1], [1, 1]), RangeError);
    assert.throws(() => methodInfo('nope' as MethodId), RangeError);
  });
});

describe('METHODS', () => {
  it('lists every method id once, with the documented fields', () => {
    assert.deepEqual(
      METHODS.map((m) => m.id),
      [...METHOD_IDS],
    );
    for (const m of METHODS) {
      assert.ok(m.name && m.description && m.source && m.basis, m.id);
      assert.equal(m.range[1], 1);
    }
    assert.deepEqual(
      METHODS.filter((m) => !m.symmetric).map((m) => m.id),
      ['state-2021'],
    );
    assert.deepEqual(
      METHODS.filter((m) => m.referenceBased).map((m) => m.id),
      ['state-votes-only', 'state-final-2017', 'state-2021'],
    );
  });
  it('Signorino–Ritter S uses d_max = 2', () => {
    // one yes/no pair: |d| = 2 → S_abs = 1 − 2·2/(1·2) = −1; S_sq = 1 − 2·4/(1·4) = −1
    assert.equal(measure('s-abs', [1], [3]).value, -1);
    assert.equal(measure('s-sq', [1], [3]).value, -1);
    // one yes/abstain pair: S_abs = 1 − 2·1/2 = 0; S_sq = 1 − 2·1/4 = 0.5
    assert.equal(measure('s-abs', [1], [2]).value, 0);
    assert.equal(measure('s-sq', [1], [2]).value, 0.5);
  });
});

// ---------------------------------------------------------------- properties

const code = fc.integer({ min: 0, max: 3 });
/** Two aligned vote vectors of the same length. */
const votePair = fc.array(fc.tuple(code, code), { minLength: 0, maxLength: 60 }).map((rows) => [rows.map((r) => r[0]), rows.map((r) => r[1])] as const);

const near = (x: number | null, y: number | null) => (x === null || y === null ? x === y : Math.abs(x - y) < 1e-12);

describe('properties (fast-check)', () => {
  it('symmetric methods: value(a, b) = value(b, a), counts mirror', () => {
    fc.assert(
      fc.property(votePair, ([a, b]) => {
        for (const m of METHODS.filter((x) => x.symmetric)) {
          const ab = measure(m.id, a, b),
            ba = measure(m.id, b, a);
          if (!near(ab.value, ba.value)) return false;
          if (ab.same !== ba.same || ab.opposite !== ba.opposite) return false;
          if (m.referenceBased) continue; // basis / absences are relative to the reference party
          if (ab.n !== ba.n || ab.partial !== ba.partial || ab.absent !== ba.absent) return false;
          if (ab.marginalsA.join() !== ba.marginalsB.join()) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('bounds hold for every method (METHODS[].range)', () => {
    fc.assert(
      fc.property(votePair, ([a, b]) =>
        METHODS.every((m) => {
          const v = measure(m.id, a, b).value;
          return v === null || (v >= m.range[0] - 1e-12 && v <= m.range[1] + 1e-12);
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('bounds also hold on random joint tables with skewed marginals', () => {
    const cell = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 200 }));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 15, maxLength: 15 }), (cells) => {
        const c = Uint32Array.from(cells);
        return METHODS.every((m) => {
          const v = measureFromCounts(m.id, c).value;
          return v === null || (v >= m.range[0] - 1e-12 && v <= m.range[1] + 1e-12);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('identical vectors give the maximum (1), or null where undefined', () => {
    fc.assert(
      fc.property(fc.array(code, { maxLength: 60 }), (a) =>
        METHODS.every((m) => {
          const r = measure(m.id, a, a);
          if (r.value === null) {
            if (r.n === 0 || m.id === 'state-votes-only') return true;
            // κ/π: null only when there is no variation at all
            return m.chanceCorrected && new Set(a.filter((x) => x !== 0)).size === 1;
          }
          return Math.abs(r.value - 1) < 1e-12;
        }),
      ),
      { numRuns: 300 },
    );
  });

  it('permutation invariance: reordering the items changes nothing', () => {
    fc.assert(
      fc.property(
        votePair.chain(([a, b]) => fc.tuple(fc.constant([a, b] as const), fc.shuffledSubarray([...a.keys()], { minLength: a.length, maxLength: a.length }))),
        ([[a, b], perm]) =>
          METHOD_IDS.every((m) => {
            const x = measure(m, a, b),
              y = measure(
                m,
                perm.map((i) => a[i]),
                perm.map((i) => b[i]),
              );
            return near(x.value, y.value) && x.n === y.n && x.absent === y.absent;
          }),
      ),
      { numRuns: 200 },
    );
  });

  it('transposed counts give the swapped pair, and computeValue agrees with measure', () => {
    fc.assert(
      fc.property(votePair, ([a, b]) => {
        const ab = jointCounts(a, b),
          ba = jointCounts(b, a);
        if (transposeCounts(ab).join() !== ba.join()) return false;
        return METHOD_IDS.every((m) => {
          const v = computeValue(m, ab);
          return near(Number.isNaN(v) ? null : v, measure(m, a, b).value);
        });
      }),
      { numRuns: 200 },
    );
  });
});
