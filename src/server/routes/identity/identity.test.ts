/**
 * Sign-in through an identity provider, over HTTP against a real OpenID provider on localhost
 * (oidc-provider, test/oidc-provider.ts), on each store: a first sign-in leaves an access request
 * and nothing else; the party's administrator (only theirs) approves or refuses it; a domain rule
 * admits at once; an ID token for another audience, an expired one, and a replayed or foreign
 * callback are refused with no session; a disabled account is refused; password sign-in can be off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Store } from '../../db/database.ts';
import { parseProviders, type SignInSettings } from '../../auth/oidc-config.ts';
import { readClaims } from '../../auth/oidc.ts';
import { call, freshStore, PASSWORD, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';
import { authorizeAt, startTestIdp, type TestIdp } from '../../../../test/oidc-provider.ts';

const PUBLIC_URL = 'http://localhost:8080';

function settings(idp: TestIdp, w: World, passwordSignIn = true): SignInSettings {
  const providers = parseProviders(
    JSON.stringify([
      {
        id: 'directory',
        label: { en: 'Ministry directory', ko: '부처 디렉터리' },
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        organisationClaim: 'concord_org',
        organisations: { MOFA: w.orgs.mofa, STATE: w.orgs.state },
        emailDomains: { 'mou.example': w.orgs.mou },
      },
    ]),
    'test providers',
  );
  return { passwordSignIn, providers, publicUrl: PUBLIC_URL };
}

const ACCOUNTS = [
  { id: 'kim', claims: { email: 'kim@mofa.example', email_verified: true, name: 'Kim Analyst', concord_org: 'MOFA', locale: 'ko-KR' } },
  { id: 'park', claims: { email: 'park@mou.example', email_verified: true, name: 'Park Desk' } },
  { id: 'unverified', claims: { email: 'choi@mou.example', email_verified: false, name: 'Choi', concord_org: 'MOFA' } },
  { id: 'nobody', claims: { email: 'someone@elsewhere.example', email_verified: true, name: 'Someone' } },
  { id: 'mallory', claims: { email: 'mallory@state.example', email_verified: true, name: 'Mallory', concord_org: ['STAFF', 'STATE'] } },
  { id: 'member', claims: { email: 'mofa_member@test.example', email_verified: true, name: 'MOFA member', concord_org: 'MOFA' } },
];

for (const kind of storeKinds()) {
  describe(`sign-in through an identity provider (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let idp: TestIdp;
    let w: World;
    before(async () => {
      idp = await startTestIdp({ redirectUris: [`${PUBLIC_URL}/api/auth/oidc/directory/callback`], accounts: ACCOUNTS });
      store = await freshStore(kind);
      w = await seedWorld(store);
      for (const admin of ['mofa_none', 'mou_none', 'state_none']) await store.db.updateTable('users').set({ is_admin: 1 }).where('id', '=', w.users[admin].id).execute();
      app = await testApp(store, 1000, { signIn: settings(idp, w) });
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await idp?.close();
    });

    /** Signs `login` in through the provider, as the browser would: start, the provider's form, the callback. */
    async function viaProvider(login: string, next = '/groups/wg-test') {
      const start = await app.inject({ method: 'GET', url: `/api/auth/oidc/directory/start?next=${encodeURIComponent(next)}` });
      assert.equal(start.statusCode, 302, start.body);
      const browser = start.cookies.find((c) => c.name === 'concord_sso')!.value;
      const callback = await authorizeAt(start.headers.location as string, login);
      assert.equal(callback.origin + callback.pathname, `${PUBLIC_URL}/api/auth/oidc/directory/callback`);
      const res = await back(callback, browser);
      return { res, callback, browser };
    }
    const back = (callback: URL, browser: string | undefined) => app.inject({ method: 'GET', url: callback.pathname + callback.search, headers: browser ? { cookie: `concord_sso=${browser}` } : {} });
    const session = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'concord_session')?.value;
    const requests = async (who = w.users.mofa_none) => (await call(app, who, { method: 'GET', url: '/api/access-requests' })).body;
    const usersWith = (email: string) => store.db.selectFrom('users').selectAll().where('email', '=', email).execute();

    test('a first sign-in makes an access request and nothing else; signing in again changes nothing', async () => {
      const { res } = await viaProvider('kim');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/sign-in?sso=pending');
      assert.equal(session(res), undefined, 'no session');
      assert.deepEqual(await usersWith('kim@mofa.example'), [], 'no account');
      const again = await viaProvider('kim');
      assert.equal(again.res.headers.location, '/sign-in?sso=pending');
      const rows = await store.db.selectFrom('access_requests').selectAll().where('subject', '=', 'kim').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].organisation_id, w.orgs.mofa);
      assert.equal(rows[0].locale, 'ko');
      const ev = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'access_request.create').where('entity_id', '=', rows[0].id).executeTakeFirstOrThrow();
      assert.equal(ev.actor_user_id, null, 'made by nobody yet');
    });

    test("the party's administrators see it; another party's and non-administrators do not", async () => {
      const kr = await requests();
      const kim = kr.items.find((r: { email: string }) => r.email === 'kim@mofa.example');
      assert.ok(kim);
      assert.equal(kr.canReview, true);
      assert.deepEqual(kim.abilities, { approve: true, refuse: true });
      assert.equal(kim.emailVerified, true);
      assert.equal(kim.organisationClaim, 'MOFA');
      const us = await requests(w.users.state_none);
      assert.equal(us.canReview, true);
      assert.equal(
        us.items.some((r: { email: string }) => r.email === 'kim@mofa.example'),
        false,
      );
      assert.deepEqual(await requests(w.users.mofa_secretariat), { items: [], canReview: false });
      const approve = await call(app, w.users.state_none, { method: 'POST', url: `/api/access-requests/${kim.id}/approve`, headers: { 'if-match': String(kim.version) }, payload: {} });
      assert.equal(approve.status, 404, 'another party’s request is not found');
      const member = await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/access-requests/${kim.id}/approve`, headers: { 'if-match': String(kim.version) }, payload: {} });
      assert.equal(member.status, 404);
    });

    test('approval makes the account as chosen (a raise waits for a second administrator); the next sign-in opens a session', async () => {
      const kim = (await requests()).items.find((r: { email: string }) => r.email === 'kim@mofa.example');
      const noVersion = await call(app, w.users.mofa_none, { method: 'POST', url: `/api/access-requests/${kim.id}/approve`, payload: {} });
      assert.equal(noVersion.status, 428);
      const elsewhere = await call(app, w.users.mofa_none, {
        method: 'POST',
        url: `/api/access-requests/${kim.id}/approve`,
        headers: { 'if-match': String(kim.version) },
        payload: { organisationId: w.orgs.state },
      });
      assert.equal(elsewhere.status, 403, 'not into another party’s organisation');
      const ok = await call(app, w.users.mofa_none, {
        method: 'POST',
        url: `/api/access-requests/${kim.id}/approve`,
        headers: { 'if-match': String(kim.version) },
        payload: { clearance: 'restricted', roles: [{ wgId: w.wgId, role: 'member' }] },
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.linked, false);
      assert.ok(ok.body.clearanceRequestId, 'the raise waits for a second administrator');
      const [u] = await usersWith('kim@mofa.example');
      assert.equal(u.organisation_id, w.orgs.mofa);
      assert.equal(Number(u.clearance), 0);
      assert.equal(u.locale, 'ko');
      const role = await store.db.selectFrom('wg_user_roles').select('role').where('user_id', '=', u.id).where('wg_id', '=', w.wgId).executeTakeFirst();
      assert.equal(role?.role, 'member');
      const twice = await call(app, w.users.mofa_none, { method: 'POST', url: `/api/access-requests/${kim.id}/approve`, headers: { 'if-match': String(kim.version) }, payload: {} });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.reason, 'already_decided');
      const password = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'kim@mofa.example', password: PASSWORD } });
      assert.equal(password.statusCode, 401, 'an account made for a provider has no password anyone knows');

      const { res } = await viaProvider('kim', '/groups/wg-test/meetings');
      assert.equal(res.headers.location, '/groups/wg-test/meetings');
      const cookie = session(res);
      assert.ok(cookie);
      const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `concord_session=${cookie}` } });
      assert.equal(me.json().user.email, 'kim@mofa.example');
      const ev = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'session.sign_in').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal(ev.actor_user_id, u.id);
      assert.match(String(ev.after), /oidc/);
    });

    test('an e-mail domain rule admits a verified address at once, audited as done by the rule', async () => {
      const { res } = await viaProvider('park');
      assert.equal(res.headers.location, '/groups/wg-test');
      assert.ok(session(res));
      const [u] = await usersWith('park@mou.example');
      assert.equal(u.organisation_id, w.orgs.mou);
      assert.equal(Number(u.clearance), 0);
      const made = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.create').where('entity_id', '=', u.id).executeTakeFirstOrThrow();
      assert.equal(made.actor_user_id, null);
      assert.match(String(made.after), /email_domain_rule/);
    });

    test('an unverified address is not admitted by the rule, and a refused request stays refused', async () => {
      const { res } = await viaProvider('unverified');
      assert.equal(res.headers.location, '/sign-in?sso=pending');
      const r = (await requests()).items.find((x: { email: string }) => x.email === 'choi@mou.example');
      assert.equal(r.emailVerified, false);
      const refused = await call(app, w.users.mofa_none, { method: 'POST', url: `/api/access-requests/${r.id}/refuse`, headers: { 'if-match': String(r.version) } });
      assert.equal(refused.status, 204);
      assert.equal((await viaProvider('unverified')).res.headers.location, '/sign-in?sso=refused');
      assert.deepEqual(await usersWith('choi@mou.example'), []);
    });

    test('claims that map to no organisation admit nobody; a list claim maps by its first known value, to that party', async () => {
      assert.equal((await viaProvider('nobody')).res.headers.location, '/sign-in?sso=unmatched');
      assert.equal((await viaProvider('mallory')).res.headers.location, '/sign-in?sso=pending');
      const us = await requests(w.users.state_none);
      const m = us.items.find((r: { email: string }) => r.email === 'mallory@state.example');
      assert.equal(m.organisationId, w.orgs.state);
      assert.equal(
        (await requests()).items.some((r: { email: string }) => r.email === 'mallory@state.example'),
        false,
      );
    });

    test("approval links the sign-in to the party's account with the same e-mail, changing nothing else", async () => {
      assert.equal((await viaProvider('member')).res.headers.location, '/sign-in?sso=pending');
      const r = (await requests()).items.find((x: { email: string }) => x.email === 'mofa_member@test.example');
      assert.equal(r.existingUserId, w.users.mofa_member.id);
      const withFields = await call(app, w.users.mofa_none, {
        method: 'POST',
        url: `/api/access-requests/${r.id}/approve`,
        headers: { 'if-match': String(r.version) },
        payload: { clearance: 'secret' },
      });
      assert.equal(withFields.status, 400);
      assert.equal(withFields.body.reason, 'account_exists');
      const ok = await call(app, w.users.mofa_none, { method: 'POST', url: `/api/access-requests/${r.id}/approve`, headers: { 'if-match': String(r.version) }, payload: {} });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body, { userId: w.users.mofa_member.id, linked: true, clearanceRequestId: null });
      const { res } = await viaProvider('member');
      const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `concord_session=${session(res)}` } });
      assert.equal(me.json().user.id, w.users.mofa_member.id);
    });

    test('an ID token for another audience, and an expired one, are refused with no session', async () => {
      for (const wrong of ['wrong_audience', 'expired'] as const) {
        idp.misbehave = wrong;
        try {
          const { res } = await viaProvider('park');
          assert.equal(res.headers.location, '/sign-in?sso=provider_error', wrong);
          assert.equal(session(res), undefined, wrong);
        } finally {
          idp.misbehave = null;
        }
      }
    });

    test('a replayed callback, and one brought to another browser, are refused with no session', async () => {
      const first = await viaProvider('park');
      assert.ok(session(first.res));
      const replay = await back(first.callback, first.browser);
      assert.equal(replay.headers.location, '/sign-in?sso=expired');
      assert.equal(session(replay), undefined);
      // A callback carried to a browser that did not begin the sign-in (login CSRF).
      const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/directory/start' });
      const callback = await authorizeAt(start.headers.location as string, 'park');
      for (const browser of [undefined, 'x'.repeat(43)]) {
        const other = await back(callback, browser);
        assert.equal(other.headers.location, '/sign-in?sso=expired');
        assert.equal(session(other), undefined);
      }
    });

    test('a disabled account cannot sign in through the provider either', async () => {
      const [u] = await usersWith('park@mou.example');
      const disable = await call(app, w.users.mou_none, { method: 'PATCH', url: `/api/users/${u.id}`, headers: { 'if-match': String(u.version) }, payload: { disabled: true } });
      assert.equal(disable.status, 204, JSON.stringify(disable.body));
      const { res } = await viaProvider('park');
      assert.equal(res.headers.location, '/sign-in?sso=refused');
      assert.equal(session(res), undefined);
    });

    test('the sign-in page learns the providers; an unknown provider is a 404', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/auth/providers' });
      assert.deepEqual(r.json(), { passwordSignIn: true, providers: [{ id: 'directory', label: { en: 'Ministry directory', ko: '부처 디렉터리' }, startUrl: '/api/auth/oidc/directory/start' }] });
      assert.equal((await app.inject({ method: 'GET', url: '/api/auth/oidc/nope/start' })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/api/auth/oidc/nope/callback?state=x&code=y' })).statusCode, 404);
    });

    test('with password sign-in off, a right password is refused with its reason', async () => {
      const off = await testApp(store, 1000, { signIn: settings(idp, w, false) });
      try {
        const r = await off.inject({ method: 'POST', url: '/api/session', payload: { email: w.users.mofa_member.email, password: PASSWORD } });
        assert.equal(r.statusCode, 403);
        assert.equal(r.json().reason, 'password_sign_in_off');
        assert.equal((await off.inject({ method: 'GET', url: '/api/auth/providers' })).json().passwordSignIn, false);
      } finally {
        await off.close();
      }
    });
  });
}

test('claims are read by the provider’s rules: e-mail, verification, organisation, language', () => {
  const [p] = parseProviders(
    JSON.stringify([
      {
        id: 'entra',
        label: { en: 'Entra ID', ko: 'Entra ID' },
        issuer: 'https://login.example/t/v2.0',
        clientId: 'c',
        clientSecret: 's',
        emailClaim: 'preferred_username',
        requireVerifiedEmail: false,
        organisationClaim: 'groups',
        organisations: { 'g-1': 'rok-mofa' },
        defaultOrganisation: 'rok-mou',
        emailDomains: { 'mofa.go.kr': 'rok-mofa' },
      },
    ]),
    'f',
  );
  const who = readClaims(p, { sub: 'abc', preferred_username: 'Lee@MOFA.go.kr', given_name: 'Lee', family_name: 'Su', groups: ['g-0', 'g-1'] }, 'ko-KR,ko;q=0.9');
  assert.deepEqual(who, {
    providerId: 'entra',
    subject: 'abc',
    email: 'lee@mofa.go.kr',
    emailVerified: true,
    displayName: 'Lee Su',
    locale: 'ko',
    organisationClaim: 'g-0, g-1',
    organisationIds: ['rok-mofa', 'rok-mou'],
    rule: { organisationId: 'rok-mofa', domain: 'mofa.go.kr' },
  });
  const plain = readClaims({ ...p, requireVerifiedEmail: true }, { sub: 'x', preferred_username: 'x@mofa.go.kr', email_verified: 'true' });
  assert.equal(plain.emailVerified, false, 'only the boolean true verifies');
  assert.equal(plain.rule, null);
  assert.equal(plain.locale, 'en');
  assert.throws(() => parseProviders('[{"id":"a"}]', 'f'), /f: /);
  assert.throws(
    () =>
      parseProviders(
        JSON.stringify([{ ...JSON.parse(JSON.stringify(p)), issuer: 'http://sso.example' }]).replace(/"scopes":\[[^\]]*\],|"emailClaim":"[^"]*",|"requireVerifiedEmail":false,/g, ''),
        'f',
      ),
    /https/,
  );
});
