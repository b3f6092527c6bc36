import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Z_90, bridging, bridgingFromTable, consensusItems, groupAwareConsensus, propTest, repness, representativeItems, twoPropTest } from './polis.ts';
import { createVoteTable } from './table.ts';
import { POLIS_ITEMS } from '../../../test/fixtures/analytics/published.ts';

const item = (id: string) => POLIS_ITEMS.find((x) => x.id === id)!;

describe('Polis group-aware consensus and repness (analytics-methods.md §3.4)', () => {
  it('"bridge" has the highest group-aware consensus of the three', () => {
    const gac = POLIS_ITEMS.map((x) => ({ id: x.id, g: groupAwareConsensus(x.groups) }));
    const best = gac.reduce((m, x) => (x.g.agree > m.g.agree ? x : m));
    assert.equal(best.id, 'bridge');
    // GAC = (19/22)·(18/22)
    assert.ok(Math.abs(gac[0].g.agree - (19 / 22) * (18 / 22)) < 1e-15);
    assert.ok(Math.abs(gac[0].g.agreeNormalised - Math.sqrt((19 / 22) * (18 / 22))) < 1e-15);
  });

  it('"bridge" is not representative of group 0 (repness test fails)', () => {
    const r = repness(item('bridge').groups, 0);
    assert.equal(r.passes, false);
    assert.ok(r.rat < Z_90);
  });

  it('"group0-only" is representative of group 0 for agree: ra ≈ 6.67, rat ≈ 5.27, passes', () => {
    const r = repness(item('group0-only').groups, 0);
    assert.equal(r.repfulFor, 'agree');
    assert.ok(Math.abs(r.ra - 6.67) < 0.005, `ra ${r.ra}`);
    assert.ok(Math.abs(r.rat - 5.27) < 0.005, `rat ${r.rat}`);
    assert.ok(r.pat > Z_90);
    assert.equal(r.passes, true);
    assert.ok(Math.abs(r.pa - 20 / 22) < 1e-15);
    // …and, seen from group 1, the same item is representative for disagree.
    const r1 = repness(item('group0-only').groups, 1);
    assert.equal(r1.repfulFor, 'disagree');
    assert.equal(r1.passes, true);
  });

  it('"divisive-low" is representative of neither group; pooled, it is a shared "disagree"', () => {
    assert.equal(repness(item('divisive-low').groups, 0).passes, false);
    assert.equal(repness(item('divisive-low').groups, 1).passes, false);
    assert.ok(groupAwareConsensus(item('divisive-low').groups).agree < 0.1);
    const c = consensusItems(POLIS_ITEMS);
    assert.deepEqual(
      c.agree.map((x) => x.id),
      ['bridge'],
    );
    // pd = 27/42 > 0.5 and pdt ≈ 2.03 > 1.2816 over both groups pooled
    assert.deepEqual(
      c.disagree.map((x) => x.id),
      ['divisive-low'],
    );
  });

  it('representative items of group 0 keep only passing items', () => {
    assert.deepEqual(
      representativeItems(POLIS_ITEMS, 0).map((x) => x.id),
      ['group0-only'],
    );
  });

  it('prop tests follow stats.clj', () => {
    assert.equal(propTest(0, 0), 1); // 2·√1·(1/1 − 0.5)
    assert.ok(Math.abs(propTest(19, 20) - 2 * Math.sqrt(21) * (20 / 21 - 0.5)) < 1e-12);
    assert.equal(twoPropTest(5, 5, 8, 8), 0); // equal proportions
    assert.equal(twoPropTest(3, 4, 3, 4), 0); // pooled proportion 1: no variance → 0
    assert.throws(() => groupAwareConsensus([{ agree: 5, disagree: 5, seen: 6 }]), RangeError);
  });

  it('property: GAC lies in (0, 1) and grows with agreement', () => {
    const group = fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 30 })).map(([a, d, p]) => ({ agree: a, disagree: d, seen: a + d + p }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 5 }), fc.nat({ max: 4 }), (groups, gi) => {
        const g = groupAwareConsensus(groups);
        if (!(g.agree > 0 && g.agree < 1 && g.agreeNormalised >= g.agree)) return false;
        const i = gi % groups.length;
        const more = groups.map((x, j) => (j === i ? { ...x, agree: x.agree + 1, seen: x.seen + 1 } : x));
        return groupAwareConsensus(more).agree > g.agree;
      }),
    );
  });
});

describe('bridging between two sides', () => {
  // Parties 0–2 side A, 3–5 side B. Items: 0 all yes, 1 A yes / B no, 2 all no, 3 mixed, 4 A no / B yes
  const items = [
    { id: 'all-yes', votes: [1, 1, 1, 1, 1, 1] },
    { id: 'A-yes-B-no', votes: [1, 1, 1, 3, 3, 3] },
    { id: 'all-no', votes: [3, 3, 3, 3, 3, 2] },
    { id: 'mixed', votes: [1, 3, 2, 1, 3, 2] },
    { id: 'A-no-B-yes', votes: [3, 3, 0, 1, 1, 1] },
    { id: 'unseen-by-B', votes: [1, 1, 1, 0, 0, 0] },
  ];
  const r = bridging(items, [0, 1, 2], [3, 4, 5]);

  it('ranks shared votes first for unite (a shared no unites too)', () => {
    assert.deepEqual(
      r.unite.slice(0, 2).map((x) => x.id),
      ['all-yes', 'all-no'],
    );
    assert.equal(r.unite[0].uniteOn, 'yes');
    assert.equal(r.unite[1].uniteOn, 'no');
  });

  it('ranks opposed votes first for divide, with the direction', () => {
    assert.deepEqual(
      r.divide.slice(0, 2).map((x) => x.id),
      ['A-yes-B-no', 'A-no-B-yes'],
    );
    assert.equal(r.divide[0].divideOn, 'A-yes-B-no');
    assert.equal(r.divide[1].divideOn, 'A-no-B-yes');
  });

  it('leaves out items a side did not vote on, and rejects overlapping sides', () => {
    assert.ok(!r.unite.some((x) => x.id === 'unseen-by-B'));
    assert.throws(() => bridging(items, [0, 1], [1, 2]), RangeError);
  });

  it('works on a vote table (item indexes as ids)', () => {
    const P = 6,
      m = items.length;
    const votes = new Uint8Array(P * m);
    items.forEach((it, i) => {
      it.votes.forEach((v, p) => {
        votes[p * m + i] = v;
      });
    });
    const t = createVoteTable({ parties: ['a0', 'a1', 'a2', 'b0', 'b1', 'b2'], items: items.map((x) => x.id), votes });
    const rt = bridgingFromTable(t, [0, 1, 2], [3, 4, 5]);
    assert.deepEqual(
      rt.unite.map((x) => items[x.id].id),
      r.unite.map((x) => x.id),
    );
  });
});
