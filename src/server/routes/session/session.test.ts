import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, PASSWORD, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`sign-in, sessions, CSRF and tokens (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store, 5);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    const signIn = (email: string, password = PASSWORD) => app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: `10.0.0.${email.length}` });

    test('wrong password and unknown e-mail get the same 401; a good one sets an httpOnly SameSite cookie and is audited', async () => {
      const bad = await signIn(w.users.mofa_member.email, 'nope');
      const unknown = await signIn('nobody@test.example');
      assert.equal(bad.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(bad.json().message, unknown.json().message);
      const ok = await signIn(w.users.mofa_member.email);
      assert.equal(ok.statusCode, 200);
      const c = ok.cookies.find((x) => x.name === 'concord_session')!;
      assert.equal(c.httpOnly, true);
      assert.equal(String(c.sameSite).toLowerCase(), 'lax');
      assert.equal((await lastAudit(store)).action, 'session.sign_in');
    });

    test('cookie writes need the CSRF header; sign-out revokes the session at once', async () => {
      const ok = await signIn(w.users.state_member.email);
      const cookie = `concord_session=${ok.cookies.find((x) => x.name === 'concord_session')!.value}`;
      const csrf = ok.json().csrfToken as string;
      assert.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode, 200);
      const noCsrf = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload: { name: 'x' } });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(noCsrf.json().field, 'headers.x-csrf-token');
      const withCsrf = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'script' } });
      assert.equal(withCsrf.statusCode, 201);
      const token = withCsrf.json().token as string;
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
      const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrf } });
      assert.equal(out.statusCode, 204);
      assert.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode, 401, 'the revoked session no longer signs in');
    });

    test('a revoked token stops working at once, even right after a cached read', async () => {
      const u = w.users.mou_member;
      const created = await call(app, u, { method: 'POST', url: '/api/tokens', payload: { name: 'temp' } });
      const bearer = { authorization: `Bearer ${created.body.token}` };
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 200);
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 200);
      assert.equal((await call(app, u, { method: 'DELETE', url: `/api/tokens/${created.body.id}` })).status, 204);
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 401);
    });

    test('sign-in is rate limited per client', async () => {
      let last = 0;
      for (let i = 0; i < 7; i++) last = (await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x@y.z', password: 'p' }, remoteAddress: '10.9.9.9' })).statusCode;
      assert.equal(last, 429);
    });
  });
}
