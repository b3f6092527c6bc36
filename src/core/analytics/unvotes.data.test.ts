/**
 * Regression tests on the real UN General Assembly data in ../shared/data/unvotes (read in place,
 * never copied into the repo). Skipped, with a message, when the shared directory is missing.
 * Run alone: node --test src/core/analytics/unvotes.data.test.ts
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultUnvotesDir, loadUnvotes, parseCsv, unvotesAvailable } from '../../../bench/analytics/unvotes.ts';
import { allPairsMatrix, matrixGet } from './matrix.ts';
import { countsFromPairs, measureFromCounts } from './measures.ts';
import { buildVoteTable, pairCounts, pairMeasure, partyIndex, windowsByYear, type UnVoteTable } from './table.ts';
import { pairTrend } from './trend.ts';
import { FPSIM_KAPPA_QUAD, FPSIM_PI_NOMINAL, FPSIM_US_MX_1946, ROK_UNGA_MATCHING_YEARS, expandPairs } from '../../../test/fixtures/analytics/published.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
// ../shared/data/unvotes beside the repository; CONCORD_UNVOTES_DIR overrides it.
const dir = process.env.CONCORD_UNVOTES_DIR ?? defaultUnvotesDir(repoRoot);
const fixtureFile = path.resolve(repoRoot, '../shared/data/fixtures/rok_unga_us_rok.csv');
const skip = unvotesAvailable(dir) ? false : `UN vote data not found at ${dir} (../shared/data/unvotes); skipping data tests`;

describe('UN General Assembly data (unvotes)', { skip }, () => {
  let table: UnVoteTable;
  before(() => {
    const data = loadUnvotes(dir);
    assert.equal(data.votes.length, 869_937);
    assert.equal(data.rollCalls.length, 6_202);
    table = buildVoteTable(data.votes, data.rollCalls);
  });

  it('parties are keyed by name: 200 names, Namibia keeps "NA", missing codes are null', () => {
    assert.equal(table.parties.length, 200);
    assert.equal(table.partyCodes[partyIndex(table, 'Namibia')], 'NA');
    for (const name of ['Federal Republic of Germany', 'Zanzibar', 'Yemen Arab Republic']) {
      assert.equal(table.partyCodes[partyIndex(table, name)], null, name);
    }
    assert.equal(table.partyCodes[partyIndex(table, 'South Korea')], 'KR');
  });

  it('fpsim fixture: US–Mexico pairs of calendar year 1946 come out of unvotes.csv', () => {
    const us = partyIndex(table, 'United States'),
      mx = partyIndex(table, 'Mexico');
    const y1946 = windowsByYear(table).find((w) => w.key === 1946)!;
    const c = pairCounts(table, us, mx, y1946.items);
    const expected = countsFromPairs(expandPairs(FPSIM_US_MX_1946));
    assert.deepEqual(Array.from(c.subarray(0, 9)), Array.from(expected.subarray(0, 9)));
    assert.ok(Math.abs(measureFromCounts('kappa-quad', c).value! - FPSIM_KAPPA_QUAD) < 1e-7);
    assert.ok(Math.abs(measureFromCounts('pi-nominal', c).value! - FPSIM_PI_NOMINAL) < 1e-7);
  });

  it('stevedata rok_unga: ROK–US agree and quadratic κ by calendar year match to 4 decimals (n = both voted)', () => {
    if (!existsSync(fixtureFile)) return assert.fail(`fixture missing: ${fixtureFile}`);
    const rows = new Map<number, { agree: number; kappa: number }>();
    let header: string[] | null = null;
    parseCsv(readFileSync(fixtureFile, 'utf8'), (f) => {
      if (!header) {
        header = [...f];
        return;
      }
      const get = (name: string) => f[header!.indexOf(name)];
      if (get('iso3c') === 'USA') rows.set(Number(get('year')), { agree: Number(get('agree')), kappa: Number(get('kappa')) });
    });
    const rok = partyIndex(table, 'South Korea'),
      us = partyIndex(table, 'United States');
    const byYear = new Map(windowsByYear(table).map((w) => [w.key, w.items]));
    for (const y of ROK_UNGA_MATCHING_YEARS) {
      const agree = pairMeasure(table, 'agree', rok, us, byYear.get(y));
      const kappa = pairMeasure(table, 'kappa-quad', rok, us, byYear.get(y));
      const want = rows.get(y)!;
      assert.ok(Math.abs(agree.value! - want.agree) < 5e-5, `${y} agree ${agree.value} vs ${want.agree}`);
      assert.ok(Math.abs(kappa.value! - want.kappa) < 5e-5, `${y} κ ${kappa.value} vs ${want.kappa}`);
    }
    // The published examples, to 4 decimals.
    assert.equal(pairMeasure(table, 'agree', rok, us, byYear.get(1994)).value!.toFixed(4), '0.3582');
    assert.equal(pairMeasure(table, 'kappa-quad', rok, us, byYear.get(1994)).value!.toFixed(4), '0.1744');
    assert.equal(pairMeasure(table, 'agree', rok, us, byYear.get(2018)).value!.toFixed(4), '0.3617');
    assert.equal(pairMeasure(table, 'kappa-quad', rok, us, byYear.get(2018)).value!.toFixed(4), '0.1824');
    // The convention matters: counting one-sided absences in n (state-2021 style) breaks 1994.
    const r1994 = pairMeasure(table, 'agree', rok, us, byYear.get(1994));
    assert.equal(r1994.n, 67);
    assert.ok(r1994.absent > 0, '1994 has an absence that must stay out of n');
  });

  it('the all-pairs matrix agrees with the per-pair loop on the real data', () => {
    const [agree, kq] = allPairsMatrix(table, ['agree', 'kappa-quad']);
    const names = ['United States', 'South Korea', 'Mexico', 'Namibia', 'Federal Republic of Germany', 'Zanzibar', 'Japan'];
    for (const x of names) {
      for (const y of names) {
        const a = partyIndex(table, x),
          b = partyIndex(table, y);
        const wantA = pairMeasure(table, 'agree', a, b),
          wantK = pairMeasure(table, 'kappa-quad', a, b);
        assert.deepEqual(matrixGet(agree, x, y), { value: wantA.value, n: wantA.n }, `${x}–${y}`);
        assert.deepEqual(matrixGet(kq, x, y), { value: wantK.value, n: wantK.n }, `${x}–${y}`);
      }
    }
    // Zanzibar (1964) and the FRG (1973–1990) never sat together: no paired vote, null value.
    assert.equal(agree.size, 200); // every country was a member at some point
    assert.deepEqual(matrixGet(agree, 'Zanzibar', 'Federal Republic of Germany'), { value: null, n: 0 });
  });

  it('ROK–US trend 1991–2019 has its evidence: one point per year with n', () => {
    const rok = partyIndex(table, 'South Korea'),
      us = partyIndex(table, 'United States');
    const windows = windowsByYear(table).filter((w) => w.key >= 1991);
    const t = pairTrend(table, us, rok, 'kappa-quad', windows);
    assert.equal(t.points.length, 29);
    assert.equal(t.nWindows, 29);
    assert.ok(t.points.every((p) => p.n > 0 && p.value !== null));
    assert.ok(t.slope !== null && Number.isFinite(t.slope));
    assert.ok(['converging', 'diverging', 'stable'].includes(t.direction));
  });
});
