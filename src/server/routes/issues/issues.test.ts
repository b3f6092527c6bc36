import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`issues API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const body = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      trackId: w.trackId,
      code: 'rail',
      title: 'Inter-Korean rail survey',
      titleKo: '남북 철도 공동조사',
      keywords: ['rail', '철도', 'Rail', ' survey '],
      ...over,
    });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/issues' })).status, 401);
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/issues/x' })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/issues', payload: body() })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PATCH', url: '/api/issues/x', headers: { 'if-match': '1' }, payload: { title: 'x' } })).status, 401);
    });

    test('400 names the field, and nothing is written', async () => {
      const seq = (await lastAudit(store)).seq;
      const a = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: { ...body(), title: undefined } });
      assert.equal(a.status, 400);
      assert.equal(a.body.field, 'body.title');
      const b = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: body({ keywords: 'rail' }) });
      assert.equal(b.body.field, 'body.keywords');
      const c = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: body({ trackId: 'tr-nope' }) });
      assert.equal(c.body.field, 'body.trackId');
      const d = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: body({ classification: 'secret' }) });
      assert.equal(d.body.field, 'body.classification');
      const e = await call(app, w.users.dod_chair, { method: 'POST', url: '/api/issues', payload: body({ wgId: w.otherWgId }) });
      assert.equal(e.body.field, 'body.wgId');
      assert.equal((await lastAudit(store)).seq, seq);
    });

    test('403 for members and observers', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/issues', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/issues', payload: body() })).status, 403);
    });

    let issueId = '';
    let krOnly = '';
    test('create: 201, audited, keywords kept as a clean list', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: body() });
      assert.equal(r.status, 201);
      issueId = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'issue.create');
      assert.equal(ev.entity_id, issueId);
      assert.equal(ev.wg_id, w.wgId);
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/issues/${issueId}` });
      assert.equal(g.status, 200);
      assert.deepEqual(g.body.keywords, ['rail', '철도', 'survey']);
      assert.equal(g.body.trackName, 'Sanctions implementation');
      assert.equal(g.body.abilities.update, false);
      assert.equal(g.body.abilities.recordPosition, true);
      assert.equal(g.headers.etag, '"1"');
      const dup = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: body() });
      assert.equal(dup.status, 409);
      const k = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: body({ code: 'kr-internal', title: 'ROK negotiating room', scope: 'party' }) });
      krOnly = k.body.id;
    });

    test('404 across parties and organisations; lists are filtered too', async () => {
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/issues/${krOnly}` })).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/issues/${krOnly}` })).status, 404);
      assert.equal((await call(app, w.users.mou_observer, { method: 'GET', url: `/api/issues/${krOnly}` })).status, 200);
      const us = await call(app, w.users.state_chair, { method: 'GET', url: `/api/issues?wgId=${w.wgId}` });
      assert.deepEqual(
        us.body.items.map((i: { id: string }) => i.id),
        [issueId],
      );
      const kr = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/issues?trackId=${w.trackId}` });
      assert.equal(kr.body.items.length, 2);
      assert.equal((await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/issues/${krOnly}`, headers: { 'if-match': '1' }, payload: { title: 'x' } })).status, 404);
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/issues/nope' })).status, 404);
    });

    test('update: 403 for members, 428 without If-Match, 409 stale', async () => {
      const url = `/api/issues/${issueId}`;
      assert.equal((await call(app, w.users.state_member, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { title: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.state_secretariat, { method: 'PATCH', url, payload: { title: 'x' } })).status, 428);
      const ok = await call(app, w.users.state_secretariat, {
        method: 'PATCH',
        url,
        headers: { 'if-match': '1' },
        payload: { keywords: ['railway'], description: 'Joint survey of the Gyeongui and Donghae lines' },
      });
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'issue.update');
      assert.match(String(ev.before), /철도/);
      const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { title: 'y' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const g = await call(app, w.users.mofa_member, { method: 'GET', url });
      assert.deepEqual(g.body.keywords, ['railway']);
    });
  });
}
