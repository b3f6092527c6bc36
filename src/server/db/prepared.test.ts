import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, storeKinds } from '../../../test/helpers.ts';
import { prepared } from './prepared.ts';

/**
 * A prepared query is built and compiled once per dialect, on the store's own instance and in the
 * transactions the store opens, and gives the same rows as building it each time.
 */
/** node:sqlite gives rows without a prototype. */
const plain = <T extends object>(row: T | undefined) => (row ? { ...row } : row);

for (const kind of storeKinds()) {
  test(`prepared queries compile once per dialect, inside the store's transactions too (${kind})`, async (t) => {
    const store = await freshStore(kind);
    t.after(() => store.close());
    let builds = 0;
    const byCode = prepared((db, a: { code: string }) => {
      builds += 1;
      return db.selectFrom('parties').select(['id', 'code']).where('code', '=', a.code);
    });
    const at = '2026-01-01T00:00:00.000Z';
    await store.transaction((tx) =>
      tx
        .insertInto('parties')
        .values([
          { id: 'p1', code: 'AA', name: 'A', name_ko: null, kind: 'government', version: 1, created_at: at, updated_at: at },
          { id: 'p2', code: 'BB', name: 'B', name_ko: null, kind: 'government', version: 1, created_at: at, updated_at: at },
        ])
        .execute(),
    );
    const before = builds;
    assert.deepEqual(plain(await byCode.first(store.db, { code: 'AA' })), { id: 'p1', code: 'AA' });
    assert.deepEqual((await byCode.execute(store.db, { code: 'BB' })).map(plain), [{ id: 'p2', code: 'BB' }]);
    await store.transaction(async (tx) => {
      assert.deepEqual(plain(await byCode.first(tx, { code: 'BB' })), { id: 'p2', code: 'BB' });
      assert.equal(await byCode.first(tx, { code: 'CC' }), undefined);
    });
    // Built once for this dialect (a previous test file in this process may have built it for it already).
    assert.ok(builds - before <= 1, `built ${builds - before} times`);
    // A transaction the store did not open is not known to be this dialect's: it compiles each time, and answers the same.
    const known = builds;
    await store.db.transaction().execute(async (tx) => {
      assert.deepEqual(plain(await byCode.first(tx, { code: 'AA' })), { id: 'p1', code: 'AA' });
      assert.deepEqual(plain(await byCode.first(tx, { code: 'BB' })), { id: 'p2', code: 'BB' });
    });
    assert.equal(builds - known, 2);
  });
}
