import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((n) => n.id);

for (const kind of storeKinds()) {
  describe(`notes API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let meetingId = '';
    let krIssue = '';
    const list = (type = 'meeting', id = meetingId) => `/api/notes?entityType=${type}&entityId=${id}`;

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const m = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'Plenary', level: 'working', format: 'video', startsAt: '2026-03-17T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });
      meetingId = m.body.id;
      const i = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: { wgId: w.wgId, title: 'ROK fallback', scope: 'party' } });
      krIssue = i.body.id;
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: list() })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/notes', payload: { entityType: 'meeting', entityId: meetingId, body: 'x' } })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PATCH', url: '/api/notes/x', headers: { 'if-match': '1' }, payload: { body: 'x' } })).status, 401);
    });

    test('400 names the field', async () => {
      const seq = (await lastAudit(store)).seq;
      const cases: [Record<string, unknown>, string][] = [
        [{ entityType: 'meeting', entityId: meetingId }, 'body.body'],
        [{ entityType: 'person', entityId: meetingId, body: 'x' }, 'body.entityType'],
        [{ entityType: 'meeting', entityId: 'nope', body: 'x' }, 'body.entityId'],
        [{ entityType: 'meeting', entityId: meetingId, body: 'x', scope: 'party' }, 'body.scope'],
        [{ entityType: 'meeting', entityId: meetingId, body: 'x', classification: 'secret' }, 'body.classification'],
      ];
      for (const [payload, field] of cases) {
        const r = await call(app, w.users.mou_member, { method: 'POST', url: '/api/notes', payload });
        assert.equal(r.status, 400, field);
        assert.equal(r.body.field, field);
      }
      const q = await call(app, w.users.mou_member, { method: 'GET', url: '/api/notes?entityType=meeting' });
      assert.equal(q.body.field, 'querystring.entityId');
      const us = await call(app, w.users.state_chair, { method: 'POST', url: '/api/notes', payload: { entityType: 'issue', entityId: krIssue, body: 'x' } });
      assert.equal(us.body.field, 'body.entityId', 'the US cannot note on a ROK party-scoped issue it cannot see');
      assert.equal((await lastAudit(store)).seq, seq);
    });

    test('403 without a role in the group or ownership of the record', async () => {
      assert.equal((await call(app, w.users.state_none, { method: 'POST', url: '/api/notes', payload: { entityType: 'meeting', entityId: meetingId, body: 'x' } })).status, 403);
      // The owning organisation may note without a role.
      assert.equal((await call(app, w.users.mofa_none, { method: 'POST', url: '/api/notes', payload: { entityType: 'meeting', entityId: meetingId, body: 'MOFA desk remark' } })).status, 201);
    });

    let mouNote = '';
    let groupNote = '';
    test('create: 201, audited, default scope organisation', async () => {
      const r = await call(app, w.users.mou_member, { method: 'POST', url: '/api/notes', payload: { entityType: 'meeting', entityId: meetingId, body: 'MOU will hold its own consultation' } });
      assert.equal(r.status, 201);
      mouNote = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'note.create');
      assert.equal(ev.entity_id, mouNote);
      assert.equal(ev.scope, 'organisation');
      assert.equal(ev.owner_org_id, w.orgs.mou);
      const g = await call(app, w.users.mou_observer, { method: 'GET', url: `/api/notes/${mouNote}` });
      assert.equal(g.status, 200);
      assert.equal(g.body.access.scope, 'organisation');
      assert.equal(g.body.wgId, w.wgId);
      assert.equal(g.body.abilities.update, true);
      const grp = await call(app, w.users.state_member, {
        method: 'POST',
        url: '/api/notes',
        payload: { entityType: 'working_group', entityId: w.wgId, body: 'Agreed to meet monthly', scope: 'group' },
      });
      assert.equal(grp.status, 201);
      groupNote = grp.body.id;
    });

    test('an organisation-scoped MOU note is invisible to a MOFA user', async () => {
      assert.equal((await call(app, w.users.mofa_chair, { method: 'GET', url: `/api/notes/${mouNote}` })).status, 404);
      assert.ok(!ids(await call(app, w.users.mofa_chair, { method: 'GET', url: list() })).includes(mouNote));
      assert.equal((await call(app, w.users.mofa_chair, { method: 'PATCH', url: `/api/notes/${mouNote}`, headers: { 'if-match': '1' }, payload: { body: 'x' } })).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/notes/${mouNote}` })).status, 404);
      assert.ok(ids(await call(app, w.users.mou_observer, { method: 'GET', url: list() })).includes(mouNote));
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: list('working_group', w.otherWgId) })).status, 404, 'no notes on a record you cannot see');
    });

    test('update: only the owning organisation; 428, 409 stale; audience stays within the record', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'PATCH', url: `/api/notes/${groupNote}`, headers: { 'if-match': '1' }, payload: { body: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.mou_member, { method: 'PATCH', url: `/api/notes/${mouNote}`, payload: { body: 'x' } })).status, 428);
      const ok = await call(app, w.users.mou_member, { method: 'PATCH', url: `/api/notes/${mouNote}`, headers: { 'if-match': '1' }, payload: { body: 'MOU declines; separate consultation on 3/18' } });
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'note.update');
      assert.equal(ev.scope, 'organisation');
      const stale = await call(app, w.users.mou_member, { method: 'PATCH', url: `/api/notes/${mouNote}`, headers: { 'if-match': '1' }, payload: { body: 'y' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const wide = await call(app, w.users.mou_member, { method: 'PATCH', url: `/api/notes/${mouNote}`, headers: { 'if-match': '2' }, payload: { scope: 'public' } });
      assert.equal(wide.status, 400);
      assert.equal(wide.body.field, 'body.scope');
      const share = await call(app, w.users.mou_member, { method: 'PATCH', url: `/api/notes/${mouNote}`, headers: { 'if-match': '2' }, payload: { scope: 'group' } });
      assert.equal(share.status, 204);
      assert.equal((await lastAudit(store)).scope, 'organisation', 'a change of audience is recorded inside the narrower audience');
      assert.ok(ids(await call(app, w.users.mofa_chair, { method: 'GET', url: list() })).includes(mouNote));
    });
  });
}
