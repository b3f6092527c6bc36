import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, freshStore, seedWorld, storeKinds, testApp } from '../../../test/helpers.ts';
import { exportBundle, importBundle, parseBundle, serializeBundle } from './bundle.ts';
import type { Store } from '../db/database.ts';

/** A store with some history: the factory world and a few writes through the API. */
async function storeWithHistory(kind: 'sqlite' | 'postgres'): Promise<Store> {
  const store = await freshStore(kind);
  const w = await seedWorld(store);
  const app = await testApp(store);
  const m = await call(app, w.users.mofa_secretariat, {
    method: 'POST', url: '/api/meetings',
    payload: { wgId: w.wgId, title: '회의 / Meeting', level: 'working', format: 'video', startsAt: '2026-03-01T10:00:00+09:00', timezone: 'Asia/Seoul', invite: [w.orgs.mou], scope: 'party', classification: 'restricted' },
  });
  assert.equal(m.status, 201);
  await call(app, w.users.mou_member, { method: 'PUT', url: `/api/meetings/${m.body.id}/attendance`, headers: { 'if-match': '1' }, payload: { organisationId: w.orgs.mou, status: 'declined', reason: '“Quoted” reason — with Korean 사유' } });
  await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/meetings/${m.body.id}/agenda`, payload: { title: 'Agenda', trackId: w.trackId } });
  await app.close();
  return store;
}

describe('export / import', () => {
  const kinds = storeKinds();
  for (const from of kinds) {
    for (const to of kinds) {
      test(`round trip ${from} → ${to} → export is identical`, async () => {
        const a = await storeWithHistory(from);
        const b = await freshStore(to);
        try {
          const first = serializeBundle(await exportBundle(a.db));
          await importBundle(b, parseBundle(first));
          const second = serializeBundle(await exportBundle(b.db));
          assert.equal(second, first);
          assert.ok(JSON.parse(first).tables.audit_events.length >= 4);
        } finally {
          await a.close();
          await b.close();
        }
      });
    }
  }

  test('import refuses a non-empty store, and a bundle whose chain was altered', async () => {
    const a = await storeWithHistory('sqlite');
    const text = serializeBundle(await exportBundle(a.db));
    await assert.rejects(importBundle(a, parseBundle(text)), /not empty/);
    const tampered = parseBundle(text);
    const ev = tampered.tables.audit_events[2] as Record<string, unknown>;
    ev.after = String(ev.after).replace('"', '"x');
    const b = await freshStore('sqlite');
    await assert.rejects(importBundle(b, tampered), /audit chain is broken at event 3/);
    assert.equal((await b.db.selectFrom('parties').selectAll().execute()).length, 0, 'nothing was imported');
    await a.close();
    await b.close();
  });

  test('a bundle of another format is refused with a plain message', () => {
    assert.throws(() => parseBundle('{"format":"other"}'), /not a Concord bundle/);
    assert.throws(() => parseBundle('nope'), /not JSON/);
  });
});
