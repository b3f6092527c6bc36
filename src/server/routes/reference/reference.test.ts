import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`reference API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let admin: WorldUser;

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      admin = w.users.mofa_none;
      await store.db.updateTable('users').set({ is_admin: 1 }).where('id', '=', admin.id).execute();
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on reads and writes', async () => {
      for (const url of ['/api/parties', `/api/parties/${w.parties.kr}`, '/api/organisations', `/api/organisations/${w.orgs.mofa}`, '/api/people', '/api/people/x']) {
        assert.equal((await call(app, undefined, { method: 'GET', url })).status, 401, url);
      }
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/parties', payload: { code: 'JP', name: 'Japan', kind: 'government' } })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/people', payload: { name: 'X' } })).status, 401);
    });

    test('any signed-in user reads reference data, across parties', async () => {
      const parties = await call(app, w.users.state_observer, { method: 'GET', url: '/api/parties' });
      assert.equal(parties.status, 200);
      assert.deepEqual(
        parties.body.items.map((p: { code: string }) => p.code),
        ['KR', 'US'],
      );
      assert.equal(parties.body.items[0].abilities.update, false);
      const orgs = await call(app, w.users.dod_none, { method: 'GET', url: `/api/organisations?partyId=${w.parties.kr}` });
      assert.deepEqual(orgs.body.items.map((o: { acronym: string }) => o.acronym).sort(), ['MOFA', 'MOU']);
      const one = await call(app, w.users.dod_none, { method: 'GET', url: `/api/organisations/${w.orgs.mou}` });
      assert.equal(one.status, 200);
      assert.equal(one.body.nameKo, '통일부');
      assert.equal(one.headers.etag, '"1"');
      const adm = await call(app, admin, { method: 'GET', url: `/api/parties/${w.parties.us}` });
      assert.equal(adm.body.abilities.update, true);
    });

    test('404 for unknown ids', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/parties/nope' })).status, 404);
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/organisations/nope' })).status, 404);
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/people/nope' })).status, 404);
      assert.equal((await call(app, admin, { method: 'PATCH', url: '/api/parties/nope', headers: { 'if-match': '1' }, payload: { name: 'x' } })).status, 404);
    });

    test('403 for writes by anyone but a system administrator, chairs included', async () => {
      const seq = (await lastAudit(store)).seq;
      for (const u of [w.users.mofa_chair, w.users.state_secretariat, w.users.mou_member]) {
        assert.equal((await call(app, u, { method: 'POST', url: '/api/parties', payload: { code: 'JP', name: 'Japan', kind: 'government' } })).status, 403);
        assert.equal((await call(app, u, { method: 'POST', url: '/api/organisations', payload: { partyId: w.parties.kr, name: 'NIS', kind: 'agency' } })).status, 403);
        assert.equal((await call(app, u, { method: 'POST', url: '/api/people', payload: { name: 'Lee Do-hoon' } })).status, 403);
        assert.equal((await call(app, u, { method: 'PATCH', url: `/api/organisations/${w.orgs.mou}`, headers: { 'if-match': '1' }, payload: { name: 'x' } })).status, 403);
      }
      assert.equal((await lastAudit(store)).seq, seq);
    });

    test('400 names the field', async () => {
      const a = await call(app, admin, { method: 'POST', url: '/api/parties', payload: { code: 'jp', name: 'Japan', kind: 'government' } });
      assert.equal(a.status, 400);
      assert.equal(a.body.field, 'body.code');
      const b = await call(app, admin, { method: 'POST', url: '/api/organisations', payload: { partyId: 'p-none', name: 'NIS', kind: 'agency' } });
      assert.equal(b.status, 400);
      assert.equal(b.body.field, 'body.partyId');
      const c = await call(app, admin, { method: 'POST', url: '/api/organisations', payload: { partyId: w.parties.kr, parentId: w.orgs.state, name: 'NIS', kind: 'agency' } });
      assert.equal(c.body.field, 'body.parentId');
      const d = await call(app, admin, { method: 'POST', url: '/api/people', payload: { name: 'X', roles: [{ organisationId: w.orgs.mofa, title: 'Envoy', from: '2019-02-30' }] } });
      assert.equal(d.status, 400);
      assert.equal(d.body.field, 'body.roles.0.from');
      const e = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/people?asOf=yesterday' });
      assert.equal(e.status, 400);
      assert.equal(e.body.field, 'querystring.asOf');
      const f = await call(app, admin, { method: 'POST', url: '/api/parties', payload: { code: 'KR', name: 'Korea again', kind: 'government' } });
      assert.equal(f.status, 409);
    });

    let orgId = '';
    test('create party and organisation tree: 201 and audited', async () => {
      const p = await call(app, admin, { method: 'POST', url: '/api/parties', payload: { code: 'JP', name: 'Japan', nameKo: '일본', kind: 'government' } });
      assert.equal(p.status, 201);
      let ev = await lastAudit(store);
      assert.equal(ev.action, 'party.create');
      assert.equal(ev.entity_id, p.body.id);
      assert.equal(ev.scope, 'public');
      assert.equal(ev.actor_user_id, admin.id);
      const o = await call(app, admin, {
        method: 'POST',
        url: '/api/organisations',
        payload: { partyId: w.parties.kr, parentId: w.orgs.mofa, acronym: 'KPO', name: 'Korean Peninsula Peace Office', kind: 'bureau' },
      });
      assert.equal(o.status, 201);
      orgId = o.body.id;
      ev = await lastAudit(store);
      assert.equal(ev.action, 'organisation.create');
      assert.equal(ev.owner_org_id, orgId);
      const d = await call(app, w.users.state_member, { method: 'GET', url: `/api/organisations/${w.orgs.mofa}` });
      assert.deepEqual(
        d.body.children.map((c: { id: string }) => c.id),
        [orgId],
      );
      const k = await call(app, w.users.state_member, { method: 'GET', url: `/api/organisations/${orgId}` });
      assert.deepEqual(
        k.body.ancestors.map((c: { id: string }) => c.id),
        [w.orgs.mofa],
      );
      const kids = await call(app, w.users.state_member, { method: 'GET', url: `/api/organisations?parentId=${w.orgs.mofa}` });
      assert.deepEqual(
        kids.body.items.map((c: { id: string }) => c.id),
        [orgId],
      );
    });

    test('organisation update: 428 without If-Match, 409 stale, no cycles', async () => {
      assert.equal((await call(app, admin, { method: 'PATCH', url: `/api/organisations/${orgId}`, payload: { nameKo: '한반도평화교섭본부' } })).status, 428);
      const ok = await call(app, admin, { method: 'PATCH', url: `/api/organisations/${orgId}`, headers: { 'if-match': '"1"' }, payload: { nameKo: '한반도평화교섭본부' } });
      assert.equal(ok.status, 204);
      assert.equal((await lastAudit(store)).action, 'organisation.update');
      const stale = await call(app, admin, { method: 'PATCH', url: `/api/organisations/${orgId}`, headers: { 'if-match': '1' }, payload: { acronym: 'PO' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const cyc = await call(app, admin, { method: 'PATCH', url: `/api/organisations/${w.orgs.mofa}`, headers: { 'if-match': '1' }, payload: { parentId: orgId } });
      assert.equal(cyc.status, 400);
      assert.equal(cyc.body.field, 'body.parentId');
    });

    let personId = '';
    test('people: aliases, roles over time, search by alias any case, as-of', async () => {
      const r = await call(app, admin, {
        method: 'POST',
        url: '/api/people',
        payload: {
          name: 'Lee Do-hoon',
          nameKo: '이도훈',
          partyId: w.parties.kr,
          aliases: [{ alias: 'Lee Dohoon', kind: 'romanization' }, { alias: 'Special Representative Lee' }],
          roles: [
            { organisationId: w.orgs.mofa, title: 'Special Representative for Korean Peninsula Peace and Security Affairs', from: '2018-09-01', to: '2020-12-31' },
            { organisationId: w.orgs.mofa, title: 'First Vice Foreign Minister', from: '2022-05-01' },
          ],
        },
      });
      assert.equal(r.status, 201);
      personId = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'person.create');
      assert.match(String(ev.after), /Lee Dohoon/);
      await call(app, admin, {
        method: 'POST',
        url: '/api/people',
        payload: { name: 'Stephen Biegun', partyId: w.parties.us, roles: [{ organisationId: w.orgs.state, title: 'Special Representative for North Korea', from: '2018-08-23', to: '2021-01-20' }] },
      });

      const byAlias = await call(app, w.users.state_member, { method: 'GET', url: '/api/people?q=DOHOON' });
      assert.deepEqual(
        byAlias.body.items.map((p: { id: string }) => p.id),
        [personId],
      );
      assert.equal(byAlias.body.items[0].aliases.length, 2);
      const byName = await call(app, w.users.state_member, { method: 'GET', url: `/api/people?q=${encodeURIComponent('biegun')}` });
      assert.equal(byName.body.items.length, 1);
      const pct = await call(app, w.users.state_member, { method: 'GET', url: '/api/people?q=%25' });
      assert.equal(pct.body.items.length, 0, 'LIKE wildcards in q are literal');

      const in2019 = await call(app, w.users.state_member, { method: 'GET', url: `/api/people?orgId=${w.orgs.mofa}&asOf=2019-06-01` });
      assert.deepEqual(
        in2019.body.items.map((p: { id: string }) => p.id),
        [personId],
      );
      assert.equal(in2019.body.items[0].roles.length, 1);
      assert.match(in2019.body.items[0].roles[0].title, /Special Representative/);
      const in2021 = await call(app, w.users.state_member, { method: 'GET', url: `/api/people?orgId=${w.orgs.mofa}&asOf=2021-06-01` });
      assert.equal(in2021.body.items.length, 0);
      const one = await call(app, w.users.dod_none, { method: 'GET', url: `/api/people/${personId}` });
      assert.equal(one.body.roles.length, 2);
      assert.equal(one.body.roles[0].from, '2022-05-01');
      assert.equal(one.body.roles[1].to, '2020-12-31');
    });

    test('person update replaces aliases; 409 on a stale version', async () => {
      const ok = await call(app, admin, { method: 'PATCH', url: `/api/people/${personId}`, headers: { 'if-match': '1' }, payload: { aliases: [{ alias: 'Do-hoon Lee' }] } });
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'person.update');
      const g = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/people/${personId}` });
      assert.deepEqual(
        g.body.aliases.map((a: { alias: string }) => a.alias),
        ['Do-hoon Lee'],
      );
      assert.equal(g.body.version, 2);
      const stale = await call(app, admin, { method: 'PATCH', url: `/api/people/${personId}`, headers: { 'if-match': '1' }, payload: { nameKo: '이도훈' } });
      assert.equal(stale.status, 409);
      const pty = await call(app, admin, { method: 'PATCH', url: `/api/parties/${w.parties.us}`, headers: { 'if-match': '1' }, payload: { nameKo: '미합중국' } });
      assert.equal(pty.status, 204);
      assert.equal((await lastAudit(store)).action, 'party.update');
    });
  });
}
