import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeKinds } from './helpers.ts';
import { fuzzApi, summarise } from './fuzz.ts';

// A bounded pass with a fixed seed (see fuzz.ts; `npm run fuzz` runs longer, FUZZ_RUNS and FUZZ_SEED).
const RUNS = 6;
const SEED = 20261203;

for (const kind of storeKinds()) {
  test(`every API operation, fed generated and malformed requests, answers below 500 with its declared schema and refuses without writing (${kind})`, async () => {
    const r = await fuzzApi(kind, { runs: RUNS, seed: SEED });
    assert.ok(r.operations >= 90, `${r.operations} operations`);
    assert.ok((r.statuses[200] ?? 0) > 0 && (r.statuses[201] ?? 0) > 0 && (r.statuses[400] ?? 0) > 0, JSON.stringify(r.statuses));
    assert.equal(r.failures.length, 0, `seed ${SEED}:\n${summarise(r.failures)}`);
  });
}
