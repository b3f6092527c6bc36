import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { buildApp } from '../../app.ts';
import { sha256 } from '../../auth/sessions.ts';
import { call, freshStore, lastAudit, PASSWORD, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';

const GOOD = 'rail survey across the DMZ in 2018';
const BETTER = 'Kaesong liaison office, second floor';

for (const kind of storeKinds()) {
  describe(`passwords and sessions (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let admin: WorldUser;
    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      admin = w.users.mofa_none;
      await store.db.updateTable('users').set({ is_admin: 1 }).where('id', '=', admin.id).execute();
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    let n = 0;
    /** Signs in from a fresh client address; the cookie header and CSRF token of the new session. */
    async function signIn(email: string, password = PASSWORD, agent = 'test-agent') {
      const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: `10.7.0.${++n}`, headers: { 'user-agent': agent } });
      assert.equal(r.statusCode, 200, r.body);
      return { cookie: `concord_session=${r.cookies.find((x) => x.name === 'concord_session')!.value}`, csrf: r.json().csrfToken as string };
    }
    const as = (s: { cookie: string; csrf: string }, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload });

    test('changing one’s password needs the current one, refuses short and guessable ones at the field, and ends every other session', async () => {
      const u = w.users.mou_member;
      const a = await signIn(u.email, PASSWORD, 'browser A');
      const b = await signIn(u.email, PASSWORD, 'browser B');

      const wrong = await as(a, 'POST', '/api/session/password', { currentPassword: 'not it', newPassword: GOOD });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().field, 'body.currentPassword');
      assert.equal(wrong.json().details.rule, 'currentPassword');

      const short = await as(a, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'short pass' });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().field, 'body.newPassword');
      assert.equal(short.json().details.rule, 'minLength');

      for (const guessable of ['password1234', 'qwertyuiop123', 'mou_member2025']) {
        const r = await as(a, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: guessable });
        assert.equal(r.statusCode, 400, guessable);
        assert.equal(r.json().field, 'body.newPassword');
        assert.equal(r.json().details.rule, 'guessable', guessable);
      }

      const ok = await as(a, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: GOOD });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().sessionsEnded, 2);
      assert.equal((await lastAudit(store)).action, 'user.password_change');
      const fresh = { cookie: `concord_session=${ok.cookies.find((x) => x.name === 'concord_session')!.value}`, csrf: ok.json().csrfToken as string };
      assert.equal((await as(fresh, 'GET', '/api/session')).statusCode, 200, 'the browser that changed it stays signed in');
      assert.equal((await as(a, 'GET', '/api/session')).statusCode, 401, 'its old session ended');
      assert.equal((await as(b, 'GET', '/api/session')).statusCode, 401, 'the other browser’s session ended');
      const old = await app.inject({ method: 'POST', url: '/api/session', payload: { email: u.email, password: PASSWORD }, remoteAddress: '10.7.1.1' });
      assert.equal(old.statusCode, 401, 'the old password no longer signs in');
      await signIn(u.email, GOOD);
      // The audit event says how many sessions ended, never the password or its hash.
      const ev = await store.db.selectFrom('audit_events').select(['after']).where('action', '=', 'user.password_change').executeTakeFirstOrThrow();
      assert.doesNotMatch(String(ev.after), /scrypt|Kaesong|rail survey/);
    });

    test('a token cannot change the password or list sessions: only a signed-in browser can', async () => {
      const r = await call(app, w.users.mofa_member, { method: 'POST', url: '/api/session/password', payload: { currentPassword: PASSWORD, newPassword: BETTER } });
      assert.equal(r.status, 403);
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/sessions' })).status, 403);
    });

    test('one lists one’s own live sessions, the current one marked, and ends another', async () => {
      const u = w.users.state_member;
      const a = await signIn(u.email, PASSWORD, 'Firefox on the desk');
      const b = await signIn(u.email, PASSWORD, 'Chromium at home');
      const other = await signIn(w.users.state_chair.email);
      const list = await as(a, 'GET', '/api/sessions');
      assert.equal(list.statusCode, 200);
      const items = list.json().items as { id: string; current: boolean; userAgent: string; endsAt: string; lastSeenAt: string }[];
      assert.equal(items.length, 2, 'only this user’s sessions');
      assert.deepEqual(items.map((s) => s.userAgent).sort(), ['Chromium at home', 'Firefox on the desk']);
      assert.equal(items.filter((s) => s.current).length, 1);
      assert.equal(items.find((s) => s.current)!.userAgent, 'Firefox on the desk');
      assert.deepEqual(list.json().limits, { idleMinutes: 60, maxHours: 12 });
      const home = items.find((s) => !s.current)!;
      // Another user's session is not found, whoever asks.
      const otherId = (await as(other, 'GET', '/api/sessions')).json().items[0].id as string;
      assert.equal((await as(a, 'DELETE', `/api/sessions/${otherId}`)).statusCode, 404);
      assert.equal((await as(other, 'GET', '/api/session')).statusCode, 200);
      assert.equal((await as(a, 'DELETE', `/api/sessions/${home.id}`)).statusCode, 204);
      assert.equal((await lastAudit(store)).action, 'session.revoke');
      assert.equal((await as(b, 'GET', '/api/session')).statusCode, 401, 'the ended session signs nothing in');
      assert.equal((await as(a, 'GET', '/api/session')).statusCode, 200);
    });

    test('a session ends when idle past the timeout, and at its absolute lifetime, whatever its use', async () => {
      const short = await buildApp({ store, webRoot: false, signInPerMinute: 1000, sessionLimits: { idleMinutes: 30, maxHours: 2 } });
      try {
        const sign = async () => {
          const r = await short.inject({ method: 'POST', url: '/api/session', payload: { email: w.users.dod_member.email, password: PASSWORD }, remoteAddress: `10.8.0.${++n}` });
          assert.equal(r.statusCode, 200);
          const c = r.cookies.find((x) => x.name === 'concord_session')!;
          assert.equal(c.maxAge, 2 * 3600, 'the cookie lives as long as the session may');
          return { cookie: `concord_session=${c.value}`, id: sha256(c.value) };
        };
        const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
        const get = (s: { cookie: string }) => short.inject({ method: 'GET', url: '/api/session', headers: { cookie: s.cookie } });

        const idle = await sign();
        await store.db
          .updateTable('user_sessions')
          .set({ created_at: minutesAgo(45), last_seen_at: minutesAgo(31) })
          .where('id', '=', idle.id)
          .execute();
        assert.equal((await get(idle)).statusCode, 401, '31 minutes idle: ended');

        const busy = await sign();
        await store.db
          .updateTable('user_sessions')
          .set({ created_at: minutesAgo(100), last_seen_at: minutesAgo(29) })
          .where('id', '=', busy.id)
          .execute();
        assert.equal((await get(busy)).statusCode, 200, '29 minutes idle: still live');
        const seen = await store.db.selectFrom('user_sessions').select('last_seen_at').where('id', '=', busy.id).executeTakeFirstOrThrow();
        assert.ok(seen.last_seen_at! > minutesAgo(1), 'the request was recorded as its last');

        const old = await sign();
        await store.db
          .updateTable('user_sessions')
          .set({ expires_at: minutesAgo(1), last_seen_at: minutesAgo(0) })
          .where('id', '=', old.id)
          .execute();
        assert.equal((await get(old)).statusCode, 401, 'past its absolute lifetime: ended, though just used');
      } finally {
        await short.close();
      }
    });

    test('an administrator of the user’s party issues a one-time reset link; it sets the password once, ends every session, and expires', async () => {
      const u = w.users.mofa_observer;
      const s = await signIn(u.email);
      // Who may issue: the party's administrator, for someone else only.
      assert.equal((await call(app, w.users.mofa_chair, { method: 'POST', url: `/api/users/${u.id}/password-reset` })).status, 403, 'a chair is no administrator');
      assert.equal((await call(app, admin, { method: 'POST', url: `/api/users/${admin.id}/password-reset` })).status, 403, 'not for oneself');
      assert.equal((await call(app, admin, { method: 'POST', url: `/api/users/${w.users.state_member.id}/password-reset` })).status, 404, "another party's account is not found");
      const first = await call(app, admin, { method: 'POST', url: `/api/users/${u.id}/password-reset` });
      assert.equal(first.status, 201);
      const issued = await call(app, admin, { method: 'POST', url: `/api/users/${u.id}/password-reset` });
      assert.equal(issued.status, 201);
      const token = issued.body.token as string;
      assert.equal(issued.body.path, `/reset-password#token=${token}`);
      assert.equal((await lastAudit(store)).action, 'user.password_reset_issue');
      const row = await store.db.selectFrom('password_resets').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, token, 'only the hash is kept');

      const reset = (t: string, newPassword: string) => app.inject({ method: 'POST', url: '/api/password-reset', payload: { token: t, newPassword } });
      const superseded = await reset(first.body.token as string, GOOD);
      assert.equal(superseded.statusCode, 400, 'an earlier link stops working when a new one is issued');
      assert.equal(superseded.json().field, 'body.token');
      const weak = await reset(token, 'password1234');
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().details.rule, 'guessable');
      const done = await reset(token, GOOD);
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().email, u.email);
      assert.equal((await lastAudit(store)).action, 'user.password_reset');
      assert.equal((await as(s, 'GET', '/api/session')).statusCode, 401, 'the sessions of the account ended');
      await signIn(u.email, GOOD);
      const again = await reset(token, BETTER);
      assert.equal(again.statusCode, 400, 'a link works once');
      assert.equal(again.json().field, 'body.token');

      const late = await call(app, admin, { method: 'POST', url: `/api/users/${u.id}/password-reset` });
      await store.db
        .updateTable('password_resets')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', sha256(late.body.token as string))
        .execute();
      assert.equal((await reset(late.body.token as string, BETTER)).statusCode, 400, 'an expired link does nothing');
      assert.equal((await reset('x'.repeat(43), BETTER)).statusCode, 400, 'an unknown link answers alike');
    });

    test('the user list says whom the administrator may send a reset link', async () => {
      const r = await call(app, admin, { method: 'GET', url: `/api/users/${w.users.mou_observer.id}` });
      assert.equal(r.status, 200);
      assert.equal(r.body.abilities.resetPassword, true);
      const self = await call(app, admin, { method: 'GET', url: `/api/users/${admin.id}` });
      assert.equal(self.body.abilities.resetPassword, false);
    });
  });
}
