import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { verifyPassword } from '../../auth/password.ts';
import { createUser } from '../../commands/users.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`users API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let admin: WorldUser;
    const body = (over: Record<string, unknown> = {}) => ({
      email: 'Desk.Officer@MOFA.example',
      displayName: 'Desk officer',
      organisationId: w.orgs.mofa,
      password: 'correct horse battery',
      clearance: 'restricted',
      ...over,
    });

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

    test('401 without credentials', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/users' })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/users', payload: body() })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PATCH', url: `/api/users/${admin.id}`, headers: { 'if-match': '1' }, payload: { locale: 'ko' } })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PUT', url: `/api/working-groups/${w.wgId}/roles/${admin.id}`, payload: { role: 'member' } })).status, 401);
    });

    test('403 for everyone but administrators, chairs included', async () => {
      const seq = (await lastAudit(store)).seq;
      assert.equal((await call(app, w.users.mofa_chair, { method: 'GET', url: '/api/users' })).status, 403);
      assert.equal((await call(app, w.users.mofa_chair, { method: 'GET', url: `/api/users/${admin.id}` })).status, 403);
      assert.equal((await call(app, w.users.state_chair, { method: 'POST', url: '/api/users', payload: body() })).status, 403);
      assert.equal(
        (await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/users/${w.users.mofa_member.id}`, headers: { 'if-match': '1' }, payload: { clearance: 'secret' } })).status,
        403,
      );
      assert.equal((await lastAudit(store)).seq, seq);
    });

    test('400 names the field', async () => {
      const short = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ password: 'short' }) });
      assert.equal(short.status, 400);
      assert.equal(short.body.field, 'body.password');
      const clr = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ clearance: 'top_secret' }) });
      assert.equal(clr.body.field, 'body.clearance');
      const org = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ organisationId: 'o-none' }) });
      assert.equal(org.body.field, 'body.organisationId');
      const mail = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ email: 'not-an-email' }) });
      assert.equal(mail.body.field, 'body.email');
      const self = await call(app, admin, { method: 'PATCH', url: `/api/users/${admin.id}`, headers: { 'if-match': '1' }, payload: { disabled: true } });
      assert.equal(self.body.field, 'body.disabled');
      assert.deepEqual(
        (await call(app, admin, { method: 'GET', url: `/api/users/${admin.id}` })).body.abilities,
        { update: true, changeClearance: false, disable: false, resetPassword: false },
        'nobody disables their own account',
      );
      assert.deepEqual((await call(app, admin, { method: 'GET', url: `/api/users/${w.users.mofa_member.id}` })).body.abilities, {
        update: true,
        changeClearance: true,
        disable: true,
        resetPassword: true,
      });
    });

    let userId = '';
    test('create: 201, password hashed, audited without the hash, e-mail unique', async () => {
      const r = await call(app, admin, { method: 'POST', url: '/api/users', payload: body() });
      assert.equal(r.status, 201);
      userId = r.body.id;
      const ev = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.create').where('entity_id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(ev.actor_user_id, admin.id);
      assert.doesNotMatch(String(ev.after), /scrypt|password/);
      assert.equal((await lastAudit(store)).action, 'user.clearance_request', 'the clearance asked for waits for a second administrator');
      const row = await store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(row.email, 'desk.officer@mofa.example');
      assert.equal(Number(row.clearance), 0);
      assert.ok(await verifyPassword('correct horse battery', row.password_hash));
      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'desk.officer@mofa.example', password: 'correct horse battery' } });
      assert.equal(signIn.statusCode, 200);
      const dup = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ email: 'DESK.OFFICER@mofa.example' }) });
      assert.equal(dup.status, 409);
      const list = await call(app, admin, { method: 'GET', url: `/api/users?organisationId=${w.orgs.mofa}&q=desk` });
      assert.deepEqual(
        list.body.items.map((u: { id: string }) => u.id),
        [userId],
      );
      assert.equal(list.body.items[0].clearance, 'unclassified');
      assert.equal(list.body.items[0].pendingClearance.clearance, 'restricted');
      assert.equal(list.body.items[0].password_hash, undefined);
    });

    test('look-alike e-mails are one account or none: normalised (NFKC, case, invisible characters), confusables refused', async () => {
      // Each of these reads as desk.officer@mofa.example on screen.
      for (const [what, email] of [
        ['fullwidth letters', 'ｄｅｓｋ.officer@mofa.example'],
        ['a trailing zero-width space', 'desk.officer@mofa.example\u200b'],
        ['a soft hyphen inside', 'desk.off\u00adicer@mofa.example'],
        ['a Cyrillic о', 'desk.\u043efficer@mofa.example'],
        ['a Greek ο and a Cyrillic е', 'd\u0435sk.\u03bffficer@mofa.example'],
      ]) {
        const r = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ email }) });
        assert.equal(r.status, 409, `${what}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, 'body.email');
        if (/Cyrillic|Greek/.test(what)) assert.doesNotMatch(r.body.message, /desk\.officer@mofa\.example/, 'the look-alike address in use is not named');
      }
      // Signing in with the fullwidth or zero-width form reaches the one account.
      for (const email of ['ＤＥＳＫ.officer@mofa.example', 'desk.officer@mofa.example\u200b ']) {
        const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: 'correct horse battery' } });
        assert.equal(r.statusCode, 200, email);
      }
      // A Korean address is an address like any other.
      const ko = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ email: '담당관@mofa.example' }) });
      assert.equal(ko.status, 201, JSON.stringify(ko.body));
    });

    test('createUser from the CLI: no actor, so the audit actor is null; roles by group', async () => {
      const id = await createUser(store, { email: 'cli@state.example', displayName: 'CLI', organisationId: w.orgs.state, password: 'long enough pw', roles: [{ wgId: w.wgId, role: 'member' }] }, null);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'user.create');
      assert.equal(ev.actor_user_id, null);
      assert.equal(ev.owner_org_id, w.orgs.state);
      const u = await call(app, admin, { method: 'GET', url: `/api/users/${id}` });
      assert.equal(u.status, 404, "a State user is not a ROK administrator's to see");
      const row = await store.db.selectFrom('wg_user_roles').select('role').where('user_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.role, 'member');
      await assert.rejects(createUser(store, { email: 'x@y.example', displayName: 'X', organisationId: w.orgs.state, password: 'short' }, null), /body.password/);
    });

    test('update: 404, 428, 409 stale; disabling stops the tokens', async () => {
      assert.equal((await call(app, admin, { method: 'PATCH', url: '/api/users/nope', headers: { 'if-match': '1' }, payload: { locale: 'ko' } })).status, 404);
      assert.equal((await call(app, admin, { method: 'PATCH', url: `/api/users/${w.users.mou_member.id}`, payload: { locale: 'ko' } })).status, 428);
      const ok = await call(app, admin, { method: 'PATCH', url: `/api/users/${w.users.mou_member.id}`, headers: { 'if-match': '1' }, payload: { disabled: true, displayName: 'Former MOU member' } });
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'user.update');
      assert.equal(ev.owner_org_id, w.orgs.mou);
      assert.equal((await call(app, w.users.mou_member, { method: 'GET', url: '/api/working-groups' })).status, 401);
      const stale = await call(app, admin, { method: 'PATCH', url: `/api/users/${w.users.mou_member.id}`, headers: { 'if-match': '1' }, payload: { disabled: false } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      await call(app, admin, { method: 'PATCH', url: `/api/users/${w.users.mou_member.id}`, headers: { 'if-match': '2' }, payload: { disabled: false } });
      assert.equal((await call(app, w.users.mou_member, { method: 'GET', url: '/api/working-groups' })).status, 200);
    });

    test("roles: the chair or secretariat sets their own party's, an administrator their party's; others 403; outsiders 404", async () => {
      const url = (u: string, wg = w.wgId) => `/api/working-groups/${wg}/roles/${u}`;
      assert.equal(
        (await call(app, w.users.state_secretariat, { method: 'PUT', url: url(userId), payload: { role: 'member' } })).status,
        403,
        "another party's roles are its own secretariat's to set",
      );
      assert.equal((await call(app, w.users.state_chair, { method: 'PUT', url: url(userId), payload: { role: 'member' } })).status, 403);
      assert.equal((await call(app, w.users.mofa_member, { method: 'PUT', url: url(userId), payload: { role: 'member' } })).status, 403);
      assert.equal((await call(app, w.users.state_member, { method: 'PUT', url: url(userId), payload: { role: 'chair' } })).status, 403);
      assert.equal((await call(app, w.users.mou_chair, { method: 'PUT', url: url(userId, w.otherWgId), payload: { role: 'member' } })).status, 404, 'MOU cannot see the other group');
      assert.equal((await call(app, w.users.mofa_chair, { method: 'PUT', url: url('nope'), payload: { role: 'member' } })).status, 404);
      const bad = await call(app, w.users.mofa_chair, { method: 'PUT', url: url(userId), payload: { role: 'boss' } });
      assert.equal(bad.body.field, 'body.role');
      assert.equal((await call(app, w.users.mofa_chair, { method: 'PUT', url: url(w.users.dod_none.id), payload: { role: 'observer' } })).status, 403, "a US user's role is the US side's to set");
      const outsider = await call(app, admin, { method: 'PUT', url: url(w.users.mou_none.id, w.otherWgId), payload: { role: 'observer' } });
      assert.equal(outsider.status, 400);
      assert.equal(outsider.body.field, 'params.userId');

      const r = await call(app, w.users.mofa_chair, { method: 'PUT', url: url(userId), payload: { role: 'secretariat' } });
      assert.equal(r.status, 200);
      assert.equal(r.body.role, 'secretariat');
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'working_group.role_set');
      assert.equal(ev.entity_id, w.wgId);
      const g = await call(app, admin, { method: 'GET', url: `/api/users/${userId}` });
      assert.deepEqual(g.body.roles, { [w.wgId]: 'secretariat' });
      const rm = await call(app, admin, { method: 'PUT', url: url(userId), payload: { role: null } });
      assert.equal(rm.status, 200);
      assert.match(String((await lastAudit(store)).before), /secretariat/);
      assert.deepEqual((await call(app, admin, { method: 'GET', url: `/api/users/${userId}` })).body.roles, {});
    });

    test('administration by party: no user of another party, no administrators through the API, no one raises their own clearance', async () => {
      const seq = (await lastAudit(store)).seq;
      const other = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ email: 'plant@state.example', organisationId: w.orgs.state }) });
      assert.equal(other.status, 403);
      assert.equal(other.body.field, 'body.organisationId');
      const mint = await call(app, admin, { method: 'POST', url: '/api/users', payload: body({ email: 'second@mofa.example', isAdmin: true }) });
      assert.equal(mint.status, 403);
      assert.equal(mint.body.field, 'body.isAdmin');
      assert.equal((await call(app, admin, { method: 'PATCH', url: `/api/users/${w.users.state_member.id}`, headers: { 'if-match': '1' }, payload: { clearance: 'unclassified' } })).status, 404);
      assert.equal((await call(app, admin, { method: 'PUT', url: `/api/working-groups/${w.wgId}/roles/${w.users.state_none.id}`, payload: { role: 'member' } })).status, 403);
      const me = await call(app, admin, { method: 'GET', url: `/api/users/${admin.id}` });
      const self = await call(app, admin, { method: 'PATCH', url: `/api/users/${admin.id}`, headers: { 'if-match': String(me.body.version) }, payload: { clearance: 'restricted' } });
      assert.equal(self.status, 403);
      assert.equal(self.body.field, 'body.clearance');
      assert.equal((await lastAudit(store)).seq, seq, 'nothing written');
      const list = await call(app, admin, { method: 'GET', url: '/api/users' });
      assert.ok(
        list.body.items.every((u: { partyId: string }) => u.partyId === w.parties.kr),
        'the list holds the own party only',
      );
    });

    test('raising a clearance takes a second administrator of the party; lowering it one', async () => {
      const second = w.users.mou_none;
      await store.db.updateTable('users').set({ is_admin: 1 }).where('id', '=', second.id).execute();
      const target = w.users.mofa_observer;
      const before = Number((await store.db.selectFrom('users').select('clearance').where('id', '=', target.id).executeTakeFirstOrThrow()).clearance);
      const cur = await call(app, admin, { method: 'GET', url: `/api/users/${target.id}` });
      const ask = await call(app, admin, { method: 'PATCH', url: `/api/users/${target.id}`, headers: { 'if-match': String(cur.body.version) }, payload: { clearance: 'secret' } });
      assert.equal(ask.status, 204);
      assert.equal((await lastAudit(store)).action, 'user.clearance_request');
      const pending = await call(app, admin, { method: 'GET', url: `/api/users/${target.id}` });
      assert.equal(pending.body.clearance, before === 0 ? 'unclassified' : pending.body.clearance, 'not applied yet');
      assert.equal(pending.body.pendingClearance.clearance, 'secret');
      const requestId = pending.body.pendingClearance.requestId;
      const again = await call(app, admin, { method: 'PATCH', url: `/api/users/${target.id}`, headers: { 'if-match': String(pending.body.version) }, payload: { clearance: 'confidential' } });
      assert.equal(again.status, 409, 'one pending request at a time');
      const queue = await call(app, admin, { method: 'GET', url: '/api/clearance-requests' });
      assert.equal(queue.body.items.find((r: { id: string }) => r.id === requestId).canDecide, false);
      assert.equal((await call(app, admin, { method: 'POST', url: `/api/clearance-requests/${requestId}/approve` })).status, 403, 'not the one who asked');
      assert.equal((await call(app, w.users.state_member, { method: 'POST', url: `/api/clearance-requests/${requestId}/approve` })).status, 403, 'not a non-administrator');
      const ok = await call(app, second, { method: 'POST', url: `/api/clearance-requests/${requestId}/approve` });
      assert.equal(ok.status, 204);
      assert.equal((await lastAudit(store)).action, 'user.clearance_approve');
      const after = await call(app, admin, { method: 'GET', url: `/api/users/${target.id}` });
      assert.equal(after.body.clearance, 'secret');
      assert.equal(after.body.pendingClearance, null);
      assert.equal((await call(app, second, { method: 'POST', url: `/api/clearance-requests/${requestId}/reject` })).status, 409, 'decided once');
      const lower = await call(app, admin, { method: 'PATCH', url: `/api/users/${target.id}`, headers: { 'if-match': String(after.body.version) }, payload: { clearance: 'restricted' } });
      assert.equal(lower.status, 204);
      assert.equal((await call(app, admin, { method: 'GET', url: `/api/users/${target.id}` })).body.clearance, 'restricted');
    });
  });
}
