/**
 * Passkeys over the API, on both stores, with a software authenticator (test/webauthn-authenticator.ts)
 * whose credentials and assertions the server checks through @simplewebauthn/server: enrolment,
 * sign-in after the password and without it, the refusals (wrong, replayed, expired and another
 * user's challenge; unknown credential; another account's passkey; a counter that did not move; no
 * user verification without a password; another origin), renaming and removing (the last one
 * confirmed), and the instance setting that requires a passkey above a clearance.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, PASSWORD, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';
import { SoftAuthenticator } from '../../../../test/webauthn-authenticator.ts';
import { passkeySettingsFromEnv } from '../../auth/passkeys.ts';

interface Browser {
  cookie: string;
  csrf: string;
}

/** A client of one app: sign-in steps and calls with a session, from its own address. */
function client(app: () => FastifyInstance) {
  let n = 0;
  const ip = () => `10.9.${Math.floor(++n / 250)}.${n % 250}`;
  const sessionOf = (r: { cookies: { name: string; value: string }[]; json(): { csrfToken: string } }): Browser => ({
    cookie: `concord_session=${r.cookies.find((x) => x.name === 'concord_session')!.value}`,
    csrf: r.json().csrfToken,
  });
  const password = (email: string, pw = PASSWORD) => app().inject({ method: 'POST', url: '/api/session', payload: { email, password: pw }, remoteAddress: ip() });
  const as = (b: Browser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
    app().inject({ method, url, headers: { cookie: b.cookie, 'x-csrf-token': b.csrf, ...headers }, payload, remoteAddress: ip() });
  const anon = (url: string, payload?: object) => app().inject({ method: 'POST', url, payload, remoteAddress: ip() });
  return {
    password,
    as,
    anon,
    sessionOf,
    /** Signs in with the password alone (an account without passkeys, not required to have one). */
    async signIn(email: string): Promise<Browser> {
      const r = await password(email);
      assert.equal(r.statusCode, 200, r.body);
      return sessionOf(r);
    },
    /** Enrols a new software passkey from a signed-in browser. */
    async enrol(b: Browser, auth: SoftAuthenticator, name = 'Laptop'): Promise<{ id: string; version: number }> {
      const o = await as(b, 'POST', '/api/passkeys/creation-options');
      assert.equal(o.statusCode, 200, o.body);
      const { challengeId, options } = o.json();
      const r = await as(b, 'POST', '/api/passkeys', { challengeId, name, credential: auth.register(options) });
      assert.equal(r.statusCode, 201, r.body);
      return r.json();
    },
    /** Password, then the passkey's assertion: the answer of POST /api/session/passkey. */
    async twoSteps(email: string, auth: SoftAuthenticator) {
      const step = await password(email);
      assert.equal(step.statusCode, 202, step.body);
      const { challengeId, options } = step.json();
      return anon('/api/session/passkey', { challengeId, credential: auth.assert(options.challenge) });
    },
  };
}

const refusal = (r: { statusCode: number; json(): { reason?: string; field?: string } }) => `${r.statusCode} ${r.json().reason} ${r.json().field ?? ''}`.trim();

for (const kind of storeKinds()) {
  describe(`passkeys (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const c = client(() => app);
    // The server is reached at http://localhost (inject's Host): without CONCORD_PUBLIC_URL, the development fallback.
    const soft = () => new SoftAuthenticator('localhost', 'http://localhost');
    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('a passkey is enrolled from a session, then signs in after the password, and without one', async () => {
      const u = w.users.mofa_member;
      const auth = soft();
      const b = await c.signIn(u.email);
      const list0 = await c.as(b, 'GET', '/api/passkeys');
      assert.deepEqual(list0.json(), { items: [], required: false, confirmRemoval: true });
      const added = await c.enrol(b, auth, 'YubiKey 5C');
      assert.equal((await lastAudit(store)).action, 'passkey.add');
      const list = (await c.as(b, 'GET', '/api/passkeys')).json();
      assert.equal(list.items.length, 1);
      assert.deepEqual([list.items[0].id, list.items[0].name, list.items[0].transports, list.items[0].lastUsedAt], [added.id, 'YubiKey 5C', ['internal'], null]);

      // After the password: a passkey step, naming only this account's passkey; no session yet.
      const step = await c.password(u.email);
      assert.equal(step.statusCode, 202, step.body);
      assert.equal(step.json().next, 'passkey');
      assert.deepEqual(
        step.json().options.allowCredentials.map((x: { id: string }) => x.id),
        [auth.id],
      );
      assert.equal(step.cookies.length, 0, 'no session before the passkey');
      const ok = await c.anon('/api/session/passkey', { challengeId: step.json().challengeId, credential: auth.assert(step.json().options.challenge) });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().user.id, u.id);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'session.sign_in');
      assert.match(String(ev.after), /password\+passkey/);
      const s = c.sessionOf(ok);
      assert.equal((await c.as(s, 'GET', '/api/meetings')).statusCode, 200);
      const row = await store.db.selectFrom('passkeys').select(['counter', 'last_used_at']).where('id', '=', added.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.counter), 1);
      assert.ok(row.last_used_at);

      // Without a password: discoverable, the user verified.
      const o = await c.anon('/api/session/passkey-options');
      assert.equal(o.statusCode, 200, o.body);
      assert.equal(o.json().options.userVerification, 'required');
      assert.deepEqual(o.json().options.allowCredentials ?? [], []);
      const pl = await c.anon('/api/session/passkey', { challengeId: o.json().challengeId, credential: auth.assert(o.json().options.challenge) });
      assert.equal(pl.statusCode, 200, pl.body);
      assert.equal(pl.json().user.id, u.id);
      assert.match(String((await lastAudit(store)).after), /"via":"passkey"/);

      // A wrong password is still a wrong password: no passkey step for it.
      assert.equal((await c.password(u.email, 'not it')).statusCode, 401);
    });

    test('refusals: wrong, replayed, expired and another user’s challenge; unknown credential; another account’s passkey; a counter that did not move', async () => {
      const u = w.users.mou_member;
      const other = w.users.state_member;
      const auth = soft();
      const otherAuth = soft();
      await c.enrol(await c.signIn(u.email), auth);
      await c.enrol(await c.signIn(other.email), otherAuth);

      // The assertion signs another challenge than the one its challengeId names.
      let step = (await c.password(u.email)).json();
      const wrong = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: auth.assert('c29tZSBvdGhlciBjaGFsbGVuZ2U') });
      assert.equal(refusal(wrong), '400 passkey_challenge_invalid body.challengeId');
      // …and that challenge is spent: even the right answer is refused now.
      const late = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: auth.assert(step.options.challenge) });
      assert.equal(refusal(late), '400 passkey_challenge_invalid body.challengeId');

      // Replayed: a challenge answered once is answered once only.
      step = (await c.password(u.email)).json();
      const first = auth.assert(step.options.challenge);
      assert.equal((await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: first })).statusCode, 200);
      const replay = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: first });
      assert.equal(refusal(replay), '400 passkey_challenge_invalid body.challengeId');

      // Expired.
      step = (await c.password(u.email)).json();
      await store.db.updateTable('webauthn_challenges').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', step.challengeId).execute();
      const expired = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: auth.assert(step.options.challenge) });
      assert.equal(refusal(expired), '400 passkey_challenge_invalid body.challengeId');

      // Unknown: a credential no account has.
      step = (await c.password(u.email)).json();
      const stranger = soft();
      const unknown = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: stranger.assert(step.options.challenge) });
      assert.equal(refusal(unknown), '400 passkey_not_recognised body.credential');

      // Another account's passkey cannot finish this account's sign-in.
      step = (await c.password(u.email)).json();
      const theirs = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: otherAuth.assert(step.options.challenge) });
      assert.equal(refusal(theirs), '400 passkey_not_recognised body.credential');

      // A counter that did not move past the stored one (a cloned authenticator).
      const stored = await store.db.selectFrom('passkeys').select('counter').where('credential_id', '=', auth.id).executeTakeFirstOrThrow();
      auth.counter = Number(stored.counter);
      step = (await c.password(u.email)).json();
      const cloned = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: auth.assert(step.options.challenge, { sameCounter: true }) });
      assert.equal(refusal(cloned), '400 passkey_not_recognised body.credential');

      // Another origin or relying party (a phishing site relaying the challenge).
      step = (await c.password(u.email)).json();
      const phished = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: auth.assert(step.options.challenge, { origin: 'https://concord.example.net' }) });
      assert.equal(refusal(phished), '400 passkey_not_recognised body.credential');
      step = (await c.password(u.email)).json();
      const rp = await c.anon('/api/session/passkey', { challengeId: step.challengeId, credential: auth.assert(step.options.challenge, { rpId: 'example.net' }) });
      assert.equal(refusal(rp), '400 passkey_not_recognised body.credential');

      // Without a password the authenticator must verify its user.
      const o = (await c.anon('/api/session/passkey-options')).json();
      const unverified = await c.anon('/api/session/passkey', { challengeId: o.challengeId, credential: auth.assert(o.options.challenge, { verified: false }) });
      assert.equal(refusal(unverified), '400 passkey_not_recognised body.credential');

      // A challenge for adding a passkey does not sign anyone in; nor does an unknown id.
      const b = await c.twoSteps(u.email, auth);
      const reg = (await c.as(c.sessionOf(b), 'POST', '/api/passkeys/creation-options')).json();
      const crossed = await c.anon('/api/session/passkey', { challengeId: reg.challengeId, credential: auth.assert(reg.options.challenge) });
      assert.equal(refusal(crossed), '400 passkey_challenge_invalid body.challengeId');
      const made = await c.anon('/api/session/passkey', { challengeId: 'no-such-challenge', credential: auth.assert('eA') });
      assert.equal(refusal(made), '400 passkey_challenge_invalid body.challengeId');

      // Another user's registration challenge cannot add a passkey to one's own account.
      const mine = c.sessionOf(await c.twoSteps(u.email, auth));
      const theirsReg = (await c.as(c.sessionOf(await c.twoSteps(other.email, otherAuth)), 'POST', '/api/passkeys/creation-options')).json();
      const stolen = await c.as(mine, 'POST', '/api/passkeys', { challengeId: theirsReg.challengeId, name: 'x', credential: soft().register(theirsReg.options) });
      assert.equal(refusal(stolen), '400 passkey_challenge_invalid body.challengeId');

      // Every refusal left no session and no sign-in event behind it.
      const signIns = await store.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'session.sign_in')
        .where('entity_id', '=', u.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(signIns.n), 1 + 1 + 1 + 1, 'enrolment, the replayed one’s first use, and the two sessions above');
    });

    test('rename (If-Match) and remove; the last one needs the current password or a passkey; a removed passkey signs in no more', async () => {
      const u = w.users.state_secretariat;
      const a = soft();
      const b2 = soft();
      const s0 = await c.signIn(u.email);
      const pa = await c.enrol(s0, a, 'Laptop');
      const s = c.sessionOf(await c.twoSteps(u.email, a));
      const pb = await c.enrol(s, b2, 'Phone');

      const renamed = await c.as(s, 'PATCH', `/api/passkeys/${pa.id}`, { name: '  Work laptop ' }, { 'if-match': String(pa.version) });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual([renamed.json().name, renamed.json().version], ['Work laptop', pa.version + 1]);
      assert.equal((await lastAudit(store)).action, 'passkey.rename');
      const stale = await c.as(s, 'PATCH', `/api/passkeys/${pa.id}`, { name: 'Again' }, { 'if-match': String(pa.version) });
      assert.equal(stale.statusCode, 409);
      assert.equal((await c.as(s, 'PATCH', `/api/passkeys/${pa.id}`, { name: 'Again' })).statusCode, 428);
      assert.equal(refusal(await c.as(s, 'PATCH', `/api/passkeys/${pa.id}`, { name: '   ' }, { 'if-match': String(pa.version + 1) })), '400 too_short body.name');
      // Another user's passkey is not found.
      const stranger = await c.signIn(w.users.dod_member.email);
      assert.equal((await c.as(stranger, 'PATCH', `/api/passkeys/${pa.id}`, { name: 'Mine' }, { 'if-match': '2' })).statusCode, 404);
      assert.equal((await c.as(stranger, 'DELETE', `/api/passkeys/${pa.id}`, {})).statusCode, 404);

      // Not the last: removed as it is.
      assert.equal((await c.as(s, 'DELETE', `/api/passkeys/${pb.id}`)).statusCode, 204);
      assert.equal((await lastAudit(store)).action, 'passkey.remove');
      const gone = (await c.password(u.email)).json();
      assert.equal(refusal(await c.anon('/api/session/passkey', { challengeId: gone.challengeId, credential: b2.assert(gone.options.challenge) })), '400 passkey_not_recognised body.credential');

      // The last one: confirmed, by the password (a wrong one refused at its field) or by a passkey.
      assert.equal(refusal(await c.as(s, 'DELETE', `/api/passkeys/${pa.id}`, {})), '400 confirmation_required body.currentPassword');
      assert.equal(refusal(await c.as(s, 'DELETE', `/api/passkeys/${pa.id}`, { currentPassword: 'not it' })), '400 wrong_password body.currentPassword');
      const conf = (await c.as(s, 'POST', '/api/passkeys/confirm-options')).json();
      const removed = await c.as(s, 'DELETE', `/api/passkeys/${pa.id}`, { proof: { challengeId: conf.challengeId, credential: a.assert(conf.options.challenge) } });
      assert.equal(removed.statusCode, 204, removed.body);
      assert.match(String((await lastAudit(store)).after), /"confirmedBy":"passkey"/);
      // Now the password alone signs in again, and the removed passkey does not, even without one.
      assert.equal((await c.password(u.email)).statusCode, 200);
      const o = (await c.anon('/api/session/passkey-options')).json();
      assert.equal(refusal(await c.anon('/api/session/passkey', { challengeId: o.challengeId, credential: a.assert(o.options.challenge) })), '400 passkey_not_recognised body.credential');

      // By the password.
      const s2 = await c.signIn(u.email);
      const pc = await c.enrol(s2, soft());
      const byPassword = await c.as(s2, 'DELETE', `/api/passkeys/${pc.id}`, { currentPassword: PASSWORD });
      assert.equal(byPassword.statusCode, 204, byPassword.body);
      assert.match(String((await lastAudit(store)).after), /"confirmedBy":"password"/);
    });

    test('passkeys are managed from a signed-in browser only, and need an address to be bound to', async () => {
      assert.equal((await call(app, w.users.mofa_chair, { method: 'GET', url: '/api/passkeys' })).status, 403);
      assert.equal((await call(app, w.users.mofa_chair, { method: 'POST', url: '/api/passkeys/creation-options' })).status, 403);
      assert.equal((await app.inject({ method: 'GET', url: '/api/passkeys' })).statusCode, 401);
      // Reached at another name than localhost, without CONCORD_PUBLIC_URL: refused, never guessed from the Host header.
      const r = await app.inject({ method: 'POST', url: '/api/session/passkey-options', headers: { host: 'concord.example.gov' } });
      assert.equal(refusal(r), '409 passkeys_unconfigured');
    });
  });

  describe(`passkeys required above a clearance (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const c = client(() => app);
    const URL_ = 'https://concord.example.gov';
    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      // CONCORD_PASSKEY_REQUIRED_ABOVE=restricted: confidential and secret clearances must use one.
      app = await testApp(store, 1000, { passkeys: passkeySettingsFromEnv({ CONCORD_PASSKEY_REQUIRED_ABOVE: 'restricted', CONCORD_PUBLIC_URL: `${URL_}/` }) });
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('a user cleared above the level gets a session that may only enrol a passkey; enrolling one opens the rest', async () => {
      const u: WorldUser = w.users.mofa_secretariat; // confidential
      const r = await c.password(u.email);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().limitedTo, 'passkey_enrolment');
      const s = c.sessionOf(r);
      assert.equal((await c.as(s, 'GET', '/api/session')).json().limitedTo, 'passkey_enrolment');
      const blocked = await c.as(s, 'GET', '/api/meetings');
      assert.equal(refusal(blocked), '403 passkey_enrolment_required');
      assert.equal(refusal(await c.as(s, 'POST', '/api/tokens', { name: 'x' })), '403 passkey_enrolment_required');
      assert.equal((await c.as(s, 'GET', '/api/passkeys')).json().required, true);

      // The relying party is CONCORD_PUBLIC_URL's, whatever the Host header says.
      const o = (await c.as(s, 'POST', '/api/passkeys/creation-options')).json();
      assert.equal(o.options.rp.id, 'concord.example.gov');
      const auth = new SoftAuthenticator('concord.example.gov', URL_);
      const added = await c.as(s, 'POST', '/api/passkeys', { challengeId: o.challengeId, name: 'Security key', credential: auth.register(o.options) });
      assert.equal(added.statusCode, 201, added.body);
      assert.match(String((await lastAudit(store)).after), /"sessionCompleted":true/);
      assert.equal((await c.as(s, 'GET', '/api/meetings')).statusCode, 200, 'the same session, now full');
      assert.equal((await c.as(s, 'GET', '/api/session')).json().limitedTo, undefined);
      // From now on: password and passkey.
      assert.equal((await c.twoSteps(u.email, auth)).statusCode, 200);
    });

    test('a user cleared at or below the level signs in with the password alone; a limited session can sign out', async () => {
      assert.equal((await c.password(w.users.mofa_member.email)).json().limitedTo, undefined); // restricted
      const s = c.sessionOf(await c.password(w.users.dod_chair.email)); // secret
      assert.equal((await c.as(s, 'DELETE', '/api/session')).statusCode, 204);
      assert.equal((await c.as(s, 'GET', '/api/session')).statusCode, 401);
    });

    test('the settings are read strictly', () => {
      assert.throws(() => passkeySettingsFromEnv({ CONCORD_PASSKEY_REQUIRED_ABOVE: 'top-secret', CONCORD_PUBLIC_URL: URL_ }), /must be none or a classification/);
      assert.throws(() => passkeySettingsFromEnv({ CONCORD_PASSKEY_REQUIRED_ABOVE: 'restricted' }), /needs CONCORD_PUBLIC_URL/);
      assert.throws(() => passkeySettingsFromEnv({ CONCORD_PUBLIC_URL: 'concord.example.gov' }), /http or https/);
      assert.deepEqual(passkeySettingsFromEnv({ CONCORD_PASSKEY_REQUIRED_ABOVE: 'none' }), { requiredAbove: null, publicUrl: null });
    });
  });
}
