import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../db/database.ts';
import { loadActor, type Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import { freshStore, seedWorld, storeKinds, type World } from '../../../test/helpers.ts';
import { inPlaceRunner } from './runner.ts';
import { HeavyThread } from './thread.ts';

/** The DATABASE_URL of a test store (PostgreSQL stores report their location without the user). */
function urlOf(store: Store): string {
  if (store.dialect === 'sqlite') return `sqlite:${store.location}`;
  const u = new URL(process.env.CONCORD_TEST_PG!);
  u.pathname = new URL(store.location).pathname;
  return u.toString();
}

for (const kind of storeKinds()) {
  describe(`the analysis thread (${kind})`, () => {
    let store: Store;
    let w: World;
    let thread: HeavyThread;
    let actor: Actor;

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      actor = (await loadActor(store.db, w.users.mofa_member.id))!;
      thread = await HeavyThread.start({ url: urlOf(store), warm: false });
    });
    after(async () => {
      await thread.close();
      await store.close();
    });

    test('answers exactly what the same job answers in place', async () => {
      const here = inPlaceRunner(store);
      const q = { method: 'agree', asOf: '2026-06-01' };
      assert.deepEqual(await thread.run('groupAlignment', actor, { wgId: w.wgId, q }), await here.run('groupAlignment', actor, { wgId: w.wgId, q }));
      assert.deepEqual(await thread.run('discipline', actor, { scope: { wgId: w.wgId } }), await here.run('discipline', actor, { scope: { wgId: w.wgId } }));
    });

    test('a bad argument comes back as 400 naming the field; an invisible group as 404', async () => {
      await assert.rejects(thread.run('groupAlignment', actor, { wgId: w.wgId, q: { method: 'nonsense' } }), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.status, 400);
        assert.equal(e.field, 'querystring.method');
        return true;
      });
      await assert.rejects(thread.run('matrix', actor, { group: 'no-such-group', q: { method: 'agree' } }), (e: unknown) => e instanceof AppError && e.status === 404);
    });

    test('past the time limit the caller gets 503 busy with Retry-After; at a stop, calls waiting get 503', async () => {
      const slow = await HeavyThread.start({ url: urlOf(store), warm: false, timeoutMs: 1, threads: 1 });
      try {
        await assert.rejects(slow.run('discipline', actor, { scope: { wgId: w.wgId } }), (e: unknown) => {
          assert.ok(e instanceof AppError);
          assert.equal(e.code, 'busy');
          assert.equal(e.status, 503);
          assert.equal(typeof e.details?.retryAfter, 'number');
          return true;
        });
      } finally {
        await slow.close();
      }
      const stopping = await HeavyThread.start({ url: urlOf(store), warm: false, threads: 1 });
      const refused = assert.rejects(stopping.run('discipline', actor, { scope: { wgId: w.wgId } }), (e: unknown) => e instanceof AppError && e.code === 'busy');
      await stopping.close();
      await refused;
    });
  });
}
