import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../db/database.ts';
import { freshStore, storeKinds } from '../../../../test/helpers.ts';
import { ACCOUNT_CAP_S, CLIENT_CAP_S, FORGET_MS, MemoryThrottle, TableThrottle, throttleKeys, type SignInThrottle } from './throttle.ts';

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);

function suite(name: string, make: () => Promise<{ throttle: SignInThrottle; close(): Promise<void> }>) {
  describe(`sign-in throttle (${name})`, () => {
    let t: SignInThrottle;
    let close: () => Promise<void>;
    before(async () => ({ throttle: t, close } = await make()));
    after(() => close());

    test('free up to the limit, then 2, 4, 8 … seconds, capped; an attempt while waiting does not count', async () => {
      const keys = throttleKeys('192.0.2.1', 'a@x', 3);
      let now = T0;
      await t.failed(keys, now);
      await t.failed(keys, now);
      assert.equal(await t.wait(keys, now), 0, 'two failures: no wait');
      await t.failed(keys, now);
      assert.equal(await t.wait(keys, now), 2, 'the third (the limit): 2 s');
      assert.equal(await t.wait(keys, now + 2000), 0, 'then free again');
      const waits: number[] = [];
      for (let i = 0; i < 14; i++) {
        now += (await t.wait(keys, now)) * 1000; // waits out each backoff, then fails again
        await t.failed(keys, now);
        waits.push(await t.wait(keys, now));
      }
      assert.deepEqual(waits.slice(0, 5), [4, 8, 16, 32, 64]);
      assert.equal(Math.max(...waits), CLIENT_CAP_S, 'capped at 15 minutes');
      assert.equal(await t.wait(throttleKeys('192.0.2.2', 'b@x', 3), now), 0, 'other addresses and accounts are not held');
    });

    test('an account waits after limit × 3 failures from any addresses, at most a minute; success clears it', async () => {
      let now = T0;
      const from = (i: number) => throttleKeys(`198.51.100.${i}`, 'victim@x', 3);
      for (let i = 0; i < 8; i++) await t.failed(from(i), now);
      assert.equal(await t.wait(from(99), now), 0, '8 failures: the owner is not held');
      await t.failed(from(8), now);
      assert.equal(await t.wait(from(99), now), 2, 'the ninth: the account waits 2 s, from every address');
      for (let i = 0; i < 10; i++) {
        now += (await t.wait(from(99), now)) * 1000;
        await t.failed(from(10 + i), now);
      }
      assert.equal(await t.wait(from(99), now), ACCOUNT_CAP_S, 'never more than a minute');
      await t.succeeded(from(99)[1].key);
      assert.equal(await t.wait(from(99), now), 0, 'a successful sign-in clears the account');
    });

    test('failures are forgotten an hour after the last', async () => {
      const keys = throttleKeys('203.0.113.5', 'c@x', 2);
      await t.failed(keys, T0);
      await t.failed(keys, T0 + FORGET_MS + 1000);
      assert.equal(await t.wait(keys, T0 + FORGET_MS + 1000), 0, 'the old failure no longer counts');
    });
  });
}

suite('memory', async () => ({ throttle: new MemoryThrottle(), close: async () => {} }));
for (const kind of storeKinds()) {
  suite(`table, ${kind}`, async () => {
    const store: Store = await freshStore(kind);
    return { throttle: new TableThrottle(store), close: () => store.close() };
  });
}
