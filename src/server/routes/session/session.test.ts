import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { buildApp } from '../../app.ts';
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

    test('sign-in takes the same work for an unknown e-mail as for a known one', async () => {
      // Timing in a test is noisy, so compare medians of alternating tries' CPU time with a wide margin: before,
      // an unknown e-mail answered in ~7 ms and a known one in 115–195 ms (the scrypt check).
      // CPU time of the process (scrypt runs on libuv's pool, counted too), steadier than wall time on a loaded machine.
      const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
      const time = async (email: string) => {
        const t = cpu();
        const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: 'wrong password' }, remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
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

    const attempt = (email: string, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });

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
