import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allPairsCounts, allPairsMatrix, matrixFromCounts, matrixGet, matrixValue, packWindow, windowMatrices } from './matrix.ts';
import { measureFromCounts } from './measures.ts';
import { buildVoteTable, createVoteTable, groupItems, pairCounts, type VoteTable } from './table.ts';
import { JOINT_SLOTS, METHOD_IDS } from './types.ts';

/**
 * A random vote table whose parties each have a contiguous membership span (like UN members
 * joining and leaving), with absences inside the span. Item count crosses word boundaries.
 */
const randomTable = fc
  .record({
    parties: fc.integer({ min: 1, max: 9 }),
    items: fc.integer({ min: 0, max: 150 }),
    seed: fc.integer(),
    explicitSpans: fc.boolean(),
  })
  .map(({ parties, items, seed, explicitSpans }) => {
    let s = seed >>> 0 || 1;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const votes = new Uint8Array(parties * items);
    const memberFrom: number[] = [],
      memberTo: number[] = [];
    for (let p = 0; p < parties; p++) {
      const from = Math.floor(rnd() * (items + 1) * 0.6);
      const to = Math.min(items - 1, from + Math.floor(rnd() * items));
      const absentRate = rnd() * 0.5;
      for (let i = from; i <= to; i++) votes[p * items + i] = rnd() < absentRate ? 0 : 1 + Math.floor(rnd() * 3);
      memberFrom.push(from);
      memberTo.push(to);
    }
    return createVoteTable({
      parties: Array.from({ length: parties }, (_, p) => `P${p}`),
      items: Array.from({ length: items }, (_, i) => ({ i, year: 2000 + Math.floor(i / 37) })),
      votes,
      ...(explicitSpans ? { memberFrom, memberTo } : {}),
    });
  });

function assertCountsMatchNaive(table: VoteTable<unknown>, items?: ArrayLike<number>): void {
  const P = table.parties.length;
  const fast = allPairsCounts(table, items).counts;
  for (let a = 0; a < P; a++) {
    for (let b = 0; b < P; b++) {
      const naive = pairCounts(table, a, b, items);
      const off = (a * P + b) * JOINT_SLOTS;
      assert.deepEqual(Array.from(fast.subarray(off, off + JOINT_SLOTS)), Array.from(naive), `pair ${a},${b}`);
    }
  }
}

describe('bit-vector all-pairs matrix', () => {
  it('equals the naive per-pair counts on random tables (all items)', () => {
    fc.assert(
      fc.property(randomTable, (t) => {
        assertCountsMatchNaive(t);
      }),
      { numRuns: 150 },
    );
  });

  it('equals the naive per-pair counts on random item subsets (unsorted, duplicated input)', () => {
    fc.assert(
      fc.property(
        randomTable.chain((t) => fc.tuple(fc.constant(t), fc.array(fc.nat({ max: Math.max(0, t.items.length - 1) }), { maxLength: 80 }))),
        ([t, subset]) => {
          const items = t.items.length === 0 ? [] : subset;
          const unique = [...new Set(items)].sort((x, y) => x - y);
          const fast = allPairsCounts(t, items).counts;
          const P = t.parties.length;
          for (let a = 0; a < P; a++) {
            for (let b = 0; b < P; b++) {
              const off = (a * P + b) * JOINT_SLOTS;
              assert.deepEqual(Array.from(fast.subarray(off, off + JOINT_SLOTS)), Array.from(pairCounts(t, a, b, unique)));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("every method's matrix equals measureFromCounts of the naive counts, per window", () => {
    fc.assert(
      fc.property(randomTable, (t) => {
        const windows = groupItems(t.items, (it) => it.year);
        const wm = windowMatrices(t, METHOD_IDS, windows);
        const P = t.parties.length;
        wm.forEach((w, wi) => {
          w.matrices.forEach((mx, mi) => {
            const method = METHOD_IDS[mi];
            assert.equal(mx.method, method);
            assert.deepEqual(
              mx.parties,
              Array.from(mx.partyIndex, (p) => t.parties[p]),
            );
            for (let i = 0; i < mx.size; i++) {
              for (let j = 0; j < mx.size; j++) {
                const r = measureFromCounts(method, pairCounts(t, mx.partyIndex[i], mx.partyIndex[j], windows[wi].items));
                assert.equal(matrixValue(mx, i, j), r.value, `${method} ${i},${j}`);
                assert.equal(mx.n[i * mx.size + j], r.n, `${method} n ${i},${j}`);
              }
            }
            // Parties left out of a window's matrix have nothing to count there.
            const inMatrix = new Set(mx.partyIndex);
            for (let a = 0; a < P; a++) {
              if (inMatrix.has(a)) continue;
              for (let b = 0; b < P; b++) assert.ok(pairCounts(t, a, b, windows[wi].items).every((x) => x === 0));
              assert.deepEqual(matrixGet(mx, t.parties[a], t.parties[0]), { value: null, n: 0 });
            }
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('allPairsMatrix and matrixFromCounts agree; symmetric methods give symmetric matrices', () => {
    fc.assert(
      fc.property(randomTable, (t) => {
        const ms = allPairsMatrix(t, METHOD_IDS);
        const pc = allPairsCounts(t);
        ms.forEach((m, i) => {
          const again = matrixFromCounts(pc, METHOD_IDS[i]);
          assert.deepEqual(Array.from(again.values), Array.from(m.values));
          assert.deepEqual(Array.from(again.n), Array.from(m.n));
          assert.deepEqual(Array.from(again.partyIndex), Array.from(m.partyIndex));
          if (m.method === 'state-2021') return;
          const k = m.size;
          for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) assert.ok(Object.is(m.values[a * k + b], m.values[b * k + a]));
        });
      }),
      { numRuns: 80 },
    );
  });

  it('packWindow records the membership span as packed positions and the vote totals', () => {
    const t = createVoteTable({
      parties: ['A', 'B'],
      items: Array.from({ length: 40 }, (_, i) => i),
      votes: Uint8Array.from([...Array.from({ length: 40 }, (_, i) => (i >= 5 && i <= 33 ? (i % 3) + 1 : 0)), ...new Array(40).fill(0)]),
    });
    const pw = packWindow(t, [0, 4, 5, 6, 33, 34, 39]);
    assert.equal(pw.memLo[0], 2); // item 5 is the 3rd packed position
    assert.equal(pw.memHi[0], 5); // items 5, 6, 33
    assert.deepEqual(Array.from(pw.totals.subarray(0, 3)), [2, 0, 1]); // item 5 → no, 6 → yes, 33 → yes
    assert.equal(pw.memHi[1], pw.memLo[1]); // B never voted: empty span
  });
});

describe('buildVoteTable', () => {
  const rollCalls = [
    { rcid: 10, session: 1, date: '1946-02-01' },
    { rcid: 3, session: 1, date: '1946-01-01' },
    { rcid: 4, session: 2, date: '1947-10-01' },
  ];

  it('keys parties by country name (Namibia "NA" vs missing code), orders items by date', () => {
    const t = buildVoteTable(
      [
        { rcid: 3, country: 'Namibia', countryCode: 'NA', vote: 'yes' },
        { rcid: 3, country: 'Federal Republic of Germany', countryCode: null, vote: 'no' },
        { rcid: 4, country: 'Zanzibar', countryCode: null, vote: 'abstain' },
        { rcid: 10, country: 'Namibia', countryCode: 'NA', vote: 'no' },
      ],
      rollCalls,
    );
    assert.deepEqual(t.parties, ['Federal Republic of Germany', 'Namibia', 'Zanzibar']);
    assert.deepEqual(t.partyCodes, [null, 'NA', null]);
    assert.deepEqual(
      t.items.map((i) => i.rcid),
      [3, 10, 4],
    );
    assert.deepEqual(
      t.items.map((i) => i.year),
      [1946, 1946, 1947],
    );
    assert.deepEqual(Array.from(t.votes), [3, 0, 0, 1, 3, 0, 0, 0, 2]);
    assert.deepEqual(Array.from(t.memberFrom), [0, 0, 2]);
    assert.deepEqual(Array.from(t.memberTo), [0, 1, 2]);
  });

  it('rejects duplicates, unknown roll calls and bad votes', () => {
    assert.throws(() => buildVoteTable([{ rcid: 99, country: 'X', vote: 'yes' }], rollCalls), RangeError);
    assert.throws(
      () =>
        buildVoteTable(
          [
            { rcid: 3, country: 'X', vote: 'yes' },
            { rcid: 3, country: 'X', vote: 'no' },
          ],
          rollCalls,
        ),
      RangeError,
    );
    assert.throws(() => buildVoteTable([{ rcid: 3, country: 'X', vote: 'maybe' as 'yes' }], rollCalls), RangeError);
  });

  it('createVoteTable rejects votes outside an explicit membership span', () => {
    assert.throws(() => createVoteTable({ parties: ['A'], items: [0, 1], votes: Uint8Array.from([1, 1]), memberFrom: [1], memberTo: [1] }), RangeError);
  });
});
