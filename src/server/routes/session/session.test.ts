import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { buildApp } from '../../app.ts';
import { freshStore, lastAudit, PASSWORD, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

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

    test('sign-in takes the same work for an unknown e-mail as for a known one', async () => {
      // Timing in a test is noisy, so compare medians of alternating tries' CPU time with a wide margin: before,
      // an unknown e-mail answered in ~7 ms and a known one in 115–195 ms (the scrypt check).
      // CPU time of the process (scrypt runs on libuv's pool, counted too), steadier than wall time on a loaded machine.
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      const time = async (email: string) => {
        const t = cpu();
        const r = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email, password: 'wrong password' },
          remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        });
        assert.equal(r.statusCode, 401);
        return cpu() - t;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        known.push(await time(i % 2 ? w.users.state_member.email : w.users.mofa_member.email));
        unknown.push(await time(`nobody${i}@test.example`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2];
      const ratio = median(unknown) / median(known);
      // Same work: a ratio near 1; the margin is for a loaded machine (the gap it guards was ~20×).
      assert.ok(ratio > 0.33 && ratio < 3, `unknown ${median(unknown).toFixed(0)} ms vs known ${median(known).toFixed(0)} ms of CPU`);
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

    /** A signed-in session: tokens are made, listed and revoked only from one. */
    const session = async (email: string) => {
      const ok = await signIn(email);
      assert.equal(ok.statusCode, 200);
      const cookie = `concord_session=${ok.cookies.find((x) => x.name === 'concord_session')!.value}`;
      const headers = { cookie, 'x-csrf-token': ok.json().csrfToken as string };
      return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers, payload });
    };

    test('a revoked token stops working at once, even right after a cached read', async () => {
      // Made and revoked from a session (before issue 13 the test made it with the user's token, which no token may do now).
      const s = await session(w.users.mou_member.email);
      const created = await s('POST', '/api/tokens', { name: 'temp' });
      assert.equal(created.statusCode, 201);
      const bearer = { authorization: `Bearer ${created.json().token}` };
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 200);
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 200);
      assert.equal((await s('DELETE', `/api/tokens/${created.json().id}`)).statusCode, 204);
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 401);
    });

    test('issue 13, finding 4 replayed: a token has a scope, an expiry and a last-used time, and never mints tokens', async (t) => {
      const u = w.users.state_member;
      const s = await session(u.email);
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      const as = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers: bearer(token), payload });

      // A calendar token for one group opens that group's feed and nothing else. Elsewhere it is
      // no credential at all (401, as a request without one): it is a key to one URL, not to the account.
      const cal = await s('POST', '/api/tokens', { name: 'feed', scope: 'calendar', wgId: w.wgId, days: 30 });
      assert.equal(cal.statusCode, 201);
      assert.equal(cal.json().scope, 'calendar');
      assert.equal(cal.json().wgId, w.wgId);
      const calDays = (Date.parse(cal.json().expiresAt) - Date.now()) / 86400_000;
      assert.ok(calDays > 29.9 && calDays <= 30, `expires in 30 days (${calDays})`);
      const feed = cal.json().token as string;
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics?token=${feed}` })).statusCode, 200, 'the feed by URL');
      assert.equal((await as(feed, 'GET', `/api/working-groups/${w.wgId}/calendar.ics`)).statusCode, 200, 'the feed by header');
      assert.equal((await as(feed, 'GET', '/api/working-groups')).statusCode, 401, 'no list of groups');
      assert.equal((await as(feed, 'GET', `/api/working-groups/${w.wgId}`)).statusCode, 401, 'not even its own group');
      assert.equal((await as(feed, 'GET', `/api/working-groups/${w.otherWgId}/calendar.ics`)).statusCode, 401, "not another group's feed");
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.otherWgId}/calendar.ics?token=${feed}` })).statusCode, 401, 'nor by URL');
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups?token=${feed}` })).statusCode, 400, '?token= is read by the feed only (elsewhere an unknown parameter)');
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/dashboard?token=${feed}` })).statusCode, 401, 'or no credential');
      assert.equal((await as(feed, 'GET', '/api/session')).statusCode, 401);
      assert.equal((await as(feed, 'POST', '/api/issues', { wgId: w.wgId, title: 'From a feed' })).statusCode, 401, 'no writes');
      assert.equal((await as(feed, 'POST', '/api/tokens', { name: 'child', scope: 'write' })).statusCode, 401, 'no tokens');

      // A read token reads; its writes are refused (403: it is the user's credential, but its scope does not cover writes).
      const read = await s('POST', '/api/tokens', { name: 'reader' });
      assert.equal(read.json().scope, 'read', 'read is the default');
      const readDays = (Date.parse(read.json().expiresAt) - Date.now()) / 86400_000;
      assert.ok(readDays > 89.9 && readDays <= 90, `90 days by default (${readDays})`);
      const reader = read.json().token as string;
      assert.equal((await as(reader, 'GET', '/api/working-groups')).statusCode, 200);
      const refused = await as(reader, 'POST', '/api/issues', { wgId: w.wgId, title: 'From a reader' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error, 'forbidden');
      assert.equal((await as(reader, 'PATCH', `/api/working-groups/${w.wgId}`, { name: 'x' })).statusCode, 403);

      // No token mints, lists or revokes tokens, whatever its scope: only a session does.
      const write = await s('POST', '/api/tokens', { name: 'script', scope: 'write' });
      const writer = write.json().token as string;
      const count = async () =>
        Number(
          (
            await store.db
              .selectFrom('api_tokens')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('user_id', '=', u.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      for (const t of [reader, writer]) {
        assert.equal((await as(t, 'POST', '/api/tokens', { name: 'child', scope: 'write', days: 365 })).statusCode, 403, 'no token mints one');
        assert.equal((await as(t, 'GET', '/api/tokens')).statusCode, 403, 'nor lists them');
        assert.equal((await as(t, 'DELETE', `/api/tokens/${cal.json().id}`)).statusCode, 403, 'nor revokes one');
      }
      // So a revoked token has no children: every token of the user was made by the session.
      assert.equal(await count(), before, 'the refused attempts made none');
      const audit = await store.db.selectFrom('audit_events').select(['action', 'actor_user_id']).where('action', '=', 'token.create').where('actor_user_id', '=', u.id).execute();
      assert.equal(audit.length, before - 1, "every token of the user (but the fixture's) was made from a session and audited");
      assert.equal((await s('DELETE', `/api/tokens/${write.json().id}`)).statusCode, 204);
      assert.equal((await as(writer, 'GET', '/api/working-groups')).statusCode, 401, 'revoked');

      // Bad requests: a calendar token without a group, another scope with one, a hidden or missing group, too many days.
      assert.equal((await s('POST', '/api/tokens', { name: 'x', scope: 'calendar' })).statusCode, 400);
      assert.equal((await s('POST', '/api/tokens', { name: 'x', scope: 'read', wgId: w.wgId })).statusCode, 400);
      assert.equal((await s('POST', '/api/tokens', { name: 'x', scope: 'calendar', wgId: 'wg-nope' })).statusCode, 400);
      assert.equal((await s('POST', '/api/tokens', { name: 'x', days: 366 })).statusCode, 400);
      assert.equal((await s('POST', '/api/tokens', { name: 'x', days: 0 })).statusCode, 400);

      // An expired token answers 401 like a revoked one: one whose expiry has passed in the store...
      const old = await s('POST', '/api/tokens', { name: 'old', scope: 'write' });
      await store.db
        .updateTable('api_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', old.json().id)
        .execute();
      assert.equal((await as(old.json().token, 'GET', '/api/meetings')).statusCode, 401, 'expired');

      // The list shows every token with its scope, group, dates and last use (written off the request's path).
      const list = await s('GET', '/api/tokens');
      assert.equal(list.statusCode, 200);
      const byId = new Map((list.json().items as { id: string; scope: string; wgId: string | null; lastUsedAt: string | null; revokedAt: string | null; expiresAt: string }[]).map((t) => [t.id, t]));
      const c = byId.get(cal.json().id)!;
      assert.equal(c.scope, 'calendar');
      assert.equal(c.wgId, w.wgId);
      assert.ok(c.lastUsedAt && Date.now() - Date.parse(c.lastUsedAt) < 60_000, 'last used just now');
      assert.ok(byId.get(read.json().id)!.lastUsedAt, 'the reader too');
      assert.ok(byId.get(write.json().id)!.revokedAt, 'revoked, and listed');
      assert.ok(!list.json().items.some((t: { token?: string }) => 'token' in t), 'the secret is never listed');
      const row = await store.db.selectFrom('api_tokens').select(['token_hash']).where('id', '=', cal.json().id).executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, feed, 'only a hash is kept');

      // ...and one that was just answered from the auth cache, once its 30 days have passed.
      assert.equal((await as(feed, 'GET', `/api/working-groups/${w.wgId}/calendar.ics`)).statusCode, 200);
      t.mock.timers.enable({ apis: ['Date'], now: Date.now() + 31 * 86400_000 });
      try {
        assert.equal((await as(feed, 'GET', `/api/working-groups/${w.wgId}/calendar.ics`)).statusCode, 401, 'expired after 30 days');
        assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics?token=${feed}` })).statusCode, 401, 'by URL too');
      } finally {
        t.mock.timers.reset();
      }
    });

    test('last-used is written at most once a minute per token', async () => {
      const s = await session(w.users.dod_member.email);
      const made = await s('POST', '/api/tokens', { name: 'busy' });
      const bearer = { authorization: `Bearer ${made.json().token}` };
      const lastUsed = async () => (await store.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', made.json().id).executeTakeFirstOrThrow()).last_used_at;
      assert.equal(await lastUsed(), null);
      assert.equal((await app.inject({ method: 'GET', url: '/api/meetings', headers: bearer })).statusCode, 200);
      const first = await lastUsed();
      assert.ok(first);
      for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: `/api/meetings?i=${i}`, headers: bearer });
      assert.equal(await lastUsed(), first, 'unchanged within the minute');
    });

    test('sign-in is rate limited per client', async () => {
      let last = 0;
      for (let i = 0; i < 7; i++) last = (await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x@y.z', password: 'p' }, remoteAddress: '10.9.9.9' })).statusCode;
      assert.equal(last, 429);
    });

    const attempt = (email: string, password: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });

    test('failed sign-ins back off per client and per account: 401 until the limit, then 429 with Retry-After; other clients and accounts go on', async () => {
      const victim = w.users.state_member.email;
      // One address hammers one account: 5 failures (the limit in this app) are 401s, then 429.
      for (let i = 0; i < 5; i++) assert.equal((await attempt(victim, 'wrong', '10.7.0.1')).statusCode, 401, `failure ${i + 1}`);
      const held = await attempt(victim, PASSWORD, '10.7.0.1');
      assert.equal(held.statusCode, 429, 'the address waits, even with the right password');
      assert.equal(held.json().error, 'rate_limited');
      assert.ok(Number(held.headers['retry-after']) >= 1, 'Retry-After in seconds');
      // The owner, from another address, still signs in (the account's own limit is higher).
      assert.equal((await attempt(victim, PASSWORD, '10.7.0.2')).statusCode, 200, 'the owner from another address');
      // A different account from another client is unaffected.
      assert.equal((await attempt(w.users.mou_member.email, PASSWORD, '10.7.0.3')).statusCode, 200);
    });

    test('many addresses guessing at one account slow that account down, for at most the backoff', async () => {
      const victim = w.users.mou_chair.email;
      // 15 failures (3 × the limit) from 15 addresses, none of which reaches its own limit.
      for (let i = 0; i < 15; i++) assert.equal((await attempt(victim, 'wrong', `10.8.0.${i + 1}`)).statusCode, 401);
      const r = await attempt(victim, PASSWORD, '10.8.1.1');
      assert.equal(r.statusCode, 429, 'the account backs off');
      const wait = Number(r.headers['retry-after']);
      assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait} is the backoff, capped at a minute`);
      // Other accounts from those same addresses are not held back by this account.
      assert.equal((await attempt(w.users.mofa_member.email, PASSWORD, '10.8.0.1')).statusCode, 200);
    });

    test('behind a trusted proxy: the throttle keys on the forwarded client; the cookie is Secure over HTTPS; HSTS only then', async () => {
      const proxied = await buildApp({ store, webRoot: false, signInPerMinute: 3, trustProxy: ['127.0.0.1'] });
      try {
        const via = (email: string, password: string, client: string, proto = 'https') =>
          proxied.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client, 'x-forwarded-proto': proto } });
        for (let i = 0; i < 3; i++) assert.equal((await via('nobody@test.example', 'x', '203.0.113.9')).statusCode, 401);
        assert.equal((await via('nobody2@test.example', 'x', '203.0.113.9')).statusCode, 429, 'that client waits');
        const ok = await via(w.users.state_chair.email, PASSWORD, '198.51.100.7');
        assert.equal(ok.statusCode, 200, 'another client behind the same proxy signs in');
        const c = ok.cookies.find((x) => x.name === 'concord_session')!;
        assert.equal(c.secure, true, 'Secure: the original request was HTTPS');
        assert.equal(String(c.sameSite).toLowerCase(), 'lax');
        assert.match(String(ok.headers['strict-transport-security']), /max-age=\d+/);
        const plain = await via(w.users.mofa_member.email, PASSWORD, '198.51.100.8', 'http');
        assert.equal(plain.statusCode, 200);
        assert.equal(plain.cookies.find((x) => x.name === 'concord_session')!.secure, undefined, 'not Secure over plain HTTP');
        assert.equal(plain.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
        // An untrusted sender's X-Forwarded-* are ignored.
        const spoof = await proxied.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.1.1.1', headers: { 'x-forwarded-proto': 'https' } });
        assert.equal(spoof.headers['strict-transport-security'], undefined);
      } finally {
        await proxied.close();
      }
    });

    test('security headers: CSP without inline scripts, no framing, nosniff, a referrer policy', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/session' });
      const csp = String(r.headers['content-security-policy']);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)![1];
      assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.ok(r.headers['referrer-policy']);
      assert.equal(r.headers['strict-transport-security'], undefined, 'plain HTTP: no HSTS');
    });
  });
}
