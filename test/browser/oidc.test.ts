/**
 * Single sign-on in Chromium against `concord serve` as started, with password sign-in off and a
 * real OpenID provider on localhost (oidc-provider, test/oidc-provider.ts) as the ministries'
 * directory: a first sign-in waits for approval; the Korean administrator (admitted by the
 * concord.demo domain rule, linked to their existing account) approves it on the Access requests
 * page; the analyst then lands on the group's dashboard; a domain-rule sign-in is in at once; an
 * ID token for another audience, an expired one, and a replayed callback are refused with no
 * session; a password is refused with its reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSkip, describeViolations, newContext, requireBuild, screenshot, seriousViolations, setUpBrowser, settled, watchPage } from './harness.ts';
import { freePort, printLogIfFailed, startConcord, type StartedServer } from '../started/server.ts';
import { startTestIdp, type TestIdp } from '../oidc-provider.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const ACCOUNTS = [
  { id: 'admin', claims: { email: 'admin@concord.demo', email_verified: true, name: 'ROK administrator' } },
  { id: 'kim', claims: { email: 'kim.analyst@mofa.go.kr', email_verified: true, name: 'Kim Ji-won', concord_org: 'MOFA', locale: 'ko-KR' } },
  { id: 'park', claims: { email: 'park.desk@unikorea.go.kr', email_verified: true, name: 'Park Min-jun' } },
  { id: 'lee', claims: { email: 'lee.desk@unikorea.go.kr', email_verified: true, name: 'Lee Seo-yeon' } },
];

describe('single sign-on through an OpenID provider', { skip }, () => {
  let idp: TestIdp;
  let server: StartedServer;
  let dir: string;
  before(async () => {
    requireBuild();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    idp = await startTestIdp({ redirectUris: [`${url}/api/auth/oidc/keycloak/callback`], accounts: ACCOUNTS });
    dir = mkdtempSync(join(tmpdir(), 'concord-oidc-'));
    const file = join(dir, 'providers.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'keycloak',
          label: { en: 'Keycloak', ko: '키클록' },
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          organisationClaim: 'concord_org',
          organisations: { MOFA: 'rok-mofa', MOU: 'rok-mou', STATE: 'us-state' },
          emailDomains: { 'concord.demo': 'rok-mofa', 'unikorea.go.kr': 'rok-mou' },
        },
      ]),
    );
    server = await startConcord({
      signInPerMinute: 10_000,
      env: { PORT: String(port), CONCORD_PUBLIC_URL: url, CONCORD_OIDC_PROVIDERS: file, CONCORD_PASSWORD_SIGNIN: 'off' },
    });
    assert.equal(server.url, url, 'the server took the port its redirect URI names');
  });
  after(async () => {
    await server?.stop();
    await idp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh browser that reaches only this machine (the provider's dev page asks for a web font). */
  async function context(locale = 'en-GB'): Promise<BrowserContext> {
    const ctx = await newContext(browser(), { locale });
    await ctx.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    return ctx;
  }
  /** Problems on the page other than the provider's blocked font. */
  const problemsOf = (list: string[]) => list.filter((p) => !/ERR_FAILED|fonts\.googleapis/.test(p));

  /** Back at Concord: any page but the sign-in page itself, or the sign-in page saying how it went. */
  const backAtConcord = (u: URL) => u.origin === server.url && !u.pathname.startsWith('/api/') && (u.pathname !== '/sign-in' || u.searchParams.has('sso'));

  /**
   * From Concord's sign-in page through the provider, as `login` (its sign-in form, unless the
   * provider remembers this browser's sign-in and sends it straight back); resolves once back at Concord.
   */
  async function throughProvider(page: Page, login: string, next = '/') {
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByRole('link', { name: /Keycloak|키클록/ }).click();
    const form = page.locator('input[name=login]');
    const back = page.waitForURL(backAtConcord, { timeout: 30_000 });
    if ((await Promise.race([form.waitFor({ timeout: 30_000 }).then(() => 'form'), back.then(() => 'back')])) === 'form') {
      await form.fill(login);
      await page.locator('input[name=password]').fill('directory password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    }
    await back;
  }
  const sessionStatus = (page: Page) => page.evaluate(`fetch('/api/session').then((r) => r.status)`);

  test('first sign-in waits; the administrator approves in Korean; the analyst reaches the dashboard; a domain rule admits at once', { timeout: 240_000 }, async (t) => {
    printLogIfFailed(t, server);
    const kim = await context();
    const admin = await context('ko-KR');
    const park = await context();
    try {
      const page = await kim.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('link', { name: 'Sign in with Keycloak' }).waitFor();
      assert.equal(await page.getByLabel(/^password/i).isVisible(), false, 'password sign-in is off: only the provider shows');
      const refused = (await page.evaluate(
        `fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mofa.secretariat@concord.demo', password: 'concord-demo' }) }).then(async (r) => ({ status: r.status, body: await r.json() }))`,
      )) as { status: number; body: { reason: string } };
      assert.equal(refused.status, 403);
      assert.equal(refused.body.reason, 'password_sign_in_off');
      const vs = await seriousViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));

      await throughProvider(page, 'kim', '/groups/cg-2025');
      await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('sso') === 'pending');
      await page.getByText('An administrator of your government must approve your account first').waitFor();
      assert.equal(await sessionStatus(page), 401, 'no session while waiting');
      await screenshot(page, 'sso-pending-en');

      // The Korean administrator signs in through the directory too: the concord.demo rule links their account.
      const a = await admin.newPage();
      const adminProblems = watchPage(a);
      await throughProvider(a, 'admin', '/account');
      await a.waitForURL((u) => u.pathname === '/account');
      await a.getByRole('link', { name: /접근 요청/ }).click();
      await a.waitForURL((u) => u.pathname === '/access-requests');
      const card = a.getByTestId('access-request').filter({ hasText: 'kim.analyst@mofa.go.kr' });
      await card.waitFor();
      await card.getByText('외교부').first().waitFor();
      await settled(a);
      const avs = await seriousViolations(a);
      assert.deepEqual(avs, [], describeViolations(avs));
      await screenshot(a, 'access-requests-ko');
      await card.getByRole('button', { name: '승인' }).click();
      const dialog = a.getByRole('dialog');
      await dialog.getByLabel('실무그룹').click();
      await a.getByRole('option', { name: '한미 조인트 팩트시트 후속 협의' }).click();
      await dialog.getByRole('button', { name: '승인' }).click();
      await a.getByTestId('access-decided').getByText('Kim Ji-won').waitFor();
      assert.equal(await a.getByTestId('access-request').count(), 0);
      assert.deepEqual(problemsOf(adminProblems), []);

      // Approved: the same sign-in now opens the group's dashboard as Kim.
      await throughProvider(page, 'kim', '/groups/cg-2025');
      await page.waitForURL((u) => u.pathname === '/groups/cg-2025', { timeout: 20_000 });
      await page.getByTestId('current-user').getByText('Kim Ji-won').waitFor();
      assert.equal(await sessionStatus(page), 200);
      assert.deepEqual(problemsOf(problems), []);

      // A domain rule (unikorea.go.kr → Ministry of Unification) signs in at once.
      const p = await park.newPage();
      await throughProvider(p, 'park', '/');
      await p.waitForURL((u) => u.pathname === '/');
      await p.getByTestId('current-user').getByText('Park Min-jun').waitFor();
      assert.equal(await sessionStatus(p), 200);
    } finally {
      await kim.close();
      await admin.close();
      await park.close();
    }
  });

  test('an ID token for another audience, an expired one, and a replayed callback are refused with no session', { timeout: 180_000 }, async (t) => {
    printLogIfFailed(t, server);
    for (const wrong of ['wrong_audience', 'expired'] as const) {
      const ctx = await context(wrong === 'expired' ? 'ko-KR' : 'en-GB');
      idp.misbehave = wrong;
      try {
        const page = await ctx.newPage();
        await throughProvider(page, 'lee');
        await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('sso') === 'provider_error');
        await page
          .getByTestId('sso-outcome')
          .getByText(wrong === 'expired' ? '신원 제공자의 응답을 받아들일 수 없습니다' : 'could not be accepted')
          .waitFor();
        assert.equal(await sessionStatus(page), 401, wrong);
        assert.equal(
          (await ctx.cookies()).some((c) => c.name === 'concord_session'),
          false,
          wrong,
        );
        if (wrong === 'expired') await screenshot(page, 'sso-refused-ko');
      } finally {
        idp.misbehave = null;
        await ctx.close();
      }
    }
    assert.match(server.log(), /"claim":"aud"/, 'refused for its audience');
    assert.match(server.log(), /"claim":"exp"/, 'refused for its expiry');

    // A sign-in that worked; its callback address replayed, with the same browser cookie, then in another browser.
    const ctx = await context();
    try {
      const page = await ctx.newPage();
      let callback = '';
      page.on('request', (r) => {
        if (r.url().includes('/api/auth/oidc/keycloak/callback')) callback = r.url();
      });
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('link', { name: 'Sign in with Keycloak' }).click();
      await page.waitForURL((u) => u.origin === idp.issuer);
      const binding = (await ctx.cookies()).find((c) => c.name === 'concord_sso')!.value;
      await page.locator('input[name=login]').fill('park');
      await page.locator('input[name=password]').fill('directory password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByTestId('current-user').getByText('Park Min-jun').waitFor();
      assert.ok(callback);
      const replay = await fetch(callback, { redirect: 'manual', headers: { cookie: `concord_sso=${binding}` } });
      assert.equal(replay.status, 302);
      assert.equal(replay.headers.get('location'), '/sign-in?sso=expired');
      assert.equal(
        replay.headers.getSetCookie().some((c) => c.startsWith('concord_session=')),
        false,
      );
      const other = await context();
      try {
        const p2 = await other.newPage();
        await p2.goto(callback);
        await p2.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('sso') === 'expired');
        await p2.getByText('That sign-in had expired or was already used').waitFor();
        assert.equal(await sessionStatus(p2), 401);
      } finally {
        await other.close();
      }
    } finally {
      await ctx.close();
    }
    assert.deepEqual(server.errors(), []);
  });
});
