import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore } from '../../../test/helpers.ts';

// The embedded store's Kysely carries the plugin (db/database.ts → in-list-buckets.ts).
test('in lists are padded to a power of two, and the answer is the same', async () => {
  const store = await freshStore('sqlite');
  try {
    const ids = ['a', 'b', 'c'];
    const q = store.db.selectFrom('parties').select('id').where('id', 'in', ids).where('id', 'not in', ['x', 'y', 'z', 'w', 'v']);
    const c = q.compile();
    assert.equal((c.sql.match(/\?/g) ?? []).length, 4 + 8, 'three values take four places, five take eight');
    assert.deepEqual(c.parameters, ['a', 'b', 'c', 'c', 'x', 'y', 'z', 'w', 'v', 'v', 'v', 'v']);
    // A list of one, and an insert's rows, are left as they are.
    assert.equal((store.db.selectFrom('parties').select('id').where('id', 'in', ['a']).compile().sql.match(/\?/g) ?? []).length, 1);
    const ins = store.db
      .insertInto('parties')
      .values([{ id: 'p1', code: 'P1', name: 'One', name_ko: null, created_at: 'x', updated_at: 'x', version: 1 } as never])
      .compile();
    assert.doesNotMatch(ins.sql, /\(\?(, \?){15,}\)/);
    // Same rows with and without padding.
    const lengths = [1, 2, 3, 5, 9, 17];
    const all = (await store.db.selectFrom('parties').select('id').orderBy('id').execute()).map((r) => r.id);
    for (const n of lengths) {
      const want = all.slice(0, n);
      const got = (await store.db.selectFrom('parties').select('id').where('id', 'in', want).orderBy('id').execute()).map((r) => r.id);
      assert.deepEqual(got, want.slice().sort());
    }
  } finally {
    await store.close();
  }
});
