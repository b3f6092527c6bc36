/**
 * Passkeys in Chromium against the started server, with Chromium's virtual authenticator (CTAP2,
 * internal transport, resident keys, user verification) driven through the DevTools protocol.
 * The server runs as an instance that requires a passkey above `restricted` and is bound to
 * http://localhost:PORT (CONCORD_PUBLIC_URL). A desk officer (restricted) enrols a passkey from My
 * account; signs out; signs in with password + passkey, and without a password; removes it, after
 * which it no longer signs in. A secretariat (confidential) is sent to enrol one before the app
 * opens. An authenticator holding a credential the server never registered is refused.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { browserSkip, DEMO_PASSWORD, newContext, requireBuild, screenshot, setUpBrowser, settled, watchPage } from './harness.ts';
import { freePort, printLogIfFailed, startConcord, type StartedServer } from '../started/server.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

/** A virtual platform authenticator on this page: it holds resident keys and verifies its user at once. */
async function authenticator(ctx: BrowserContext, page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, id: authenticatorId };
}

const credentialsOf = async (a: { cdp: CDPSession; id: string }) => (await a.cdp.send('WebAuthn.getCredentials', { authenticatorId: a.id })).credentials;

async function passwordStep(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel(/e-mail|이메일/i).fill(email);
  await page.getByLabel(/^password|비밀번호/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^sign in$|^로그인$/i }).click();
}

/** The header's sign-out (My account has its own "Sign out here" beside the session). */
async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Sign out|로그아웃)$/, exact: true }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/sign-in'), { timeout: 10_000 });
}

const signedInAs = async (page: Page, url: string) =>
  (await page.evaluate(`fetch('${url}/api/session').then((r) => r.ok ? r.json() : null)`)) as { user: { email: string }; limitedTo?: string } | null;

describe('passkeys', { skip }, () => {
  let server: StartedServer;
  let url: string;
  before(async () => {
    requireBuild();
    // Passkeys are bound to a host name: the browser reaches the server as localhost, its public address.
    const port = await freePort();
    url = `http://localhost:${port}`;
    server = await startConcord({
      signInPerMinute: 10_000,
      env: { PORT: String(port), CONCORD_PUBLIC_URL: url, CONCORD_PASSKEY_REQUIRED_ABOVE: 'restricted' },
    });
  });
  after(async () => {
    await server?.stop();
  });

  test('enrol from My account; sign in with password + passkey, and with the passkey alone; removed, it signs in no more', { timeout: 240_000 }, async (t) => {
    printLogIfFailed(t, server);
    const ctx = await newContext(browser());
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const auth = await authenticator(ctx, page);

      // A desk officer (restricted: not required) signs in with the password alone and adds a passkey.
      await passwordStep(page, url, 'mofa.desk@concord.demo');
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      await page.getByTestId('current-user').click();
      await page.waitForURL((u) => u.pathname === '/account');
      await settled(page);
      await page.getByText('You have no passkey yet.').waitFor();
      await page.getByLabel(/^Name/).fill('Office laptop');
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      await page.getByText('Passkey “Office laptop” added.').waitFor();
      await page.getByTestId('passkey-row').filter({ hasText: 'Office laptop' }).waitFor();
      const held = await credentialsOf(auth);
      assert.equal(held.length, 1, 'the authenticator made one credential');
      assert.equal(held[0].isResidentCredential, true, 'a discoverable credential');
      // The same authenticator cannot be enrolled twice (the server lists it to exclude).
      await page.getByLabel(/^Name/).fill('Again');
      await page.getByRole('button', { name: 'Add a passkey' }).click();
      await page.getByText('This device or security key already holds a passkey for your account.').waitFor();
      await screenshot(page, 'account-passkeys');

      // Password, then the passkey: the browser asks the authenticator, and the app opens.
      await signOut(page);
      await passwordStep(page, url, 'mofa.desk@concord.demo');
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 20_000 });
      assert.equal((await signedInAs(page, url))?.user.email, 'mofa.desk@concord.demo');
      assert.equal((await credentialsOf(auth))[0].signCount, 2, 'the counter moved with each use');

      // Without a password: "Sign in with a passkey" finds the resident credential.
      await signOut(page);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 20_000 });
      assert.equal((await signedInAs(page, url))?.user.email, 'mofa.desk@concord.demo');

      // Renamed, then removed: the last one needs the current password.
      await page.goto(`${url}/account`);
      await settled(page);
      await page.getByRole('button', { name: 'Rename the passkey Office laptop' }).click();
      await page.getByTestId('passkey-rename').getByLabel(/^Name/).fill('Work laptop');
      await page.getByTestId('passkey-rename').getByRole('button', { name: 'Rename' }).click();
      await page.getByTestId('passkey-row').filter({ hasText: 'Work laptop' }).waitFor();
      await page.getByRole('button', { name: 'Remove the passkey Work laptop' }).click();
      const dialog = page.getByTestId('passkey-remove');
      await dialog.getByLabel('Current password').fill('not my password');
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await dialog.getByText('This is not your current password.').waitFor();
      await dialog.getByLabel('Current password').fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await page.getByText('You have no passkey yet.').waitFor();

      // The authenticator still holds the credential, but the server no longer knows it.
      await signOut(page);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByTestId('passkey-error').getByText('This passkey is not recognised for this account.', { exact: false }).waitFor();
      assert.equal(await signedInAs(page, url), null);
      await screenshot(page, 'sign-in-passkey-refused');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('a user cleared above the level is sent to enrol a passkey before the app opens (in Korean)', { timeout: 180_000 }, async (t) => {
    printLogIfFailed(t, server);
    const ctx = await newContext(browser(), { locale: 'ko-KR' });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const auth = await authenticator(ctx, page);
      await passwordStep(page, url, 'state.secretariat@concord.demo');
      await page.getByRole('heading', { name: '계속하려면 패스키를 추가하세요' }).waitFor();
      assert.equal((await signedInAs(page, url))?.limitedTo, 'passkey_enrolment');
      // Nothing else answers this session.
      const blocked = (await page.evaluate(`fetch('${url}/api/working-groups').then((r) => r.json())`)) as { reason: string };
      assert.equal(blocked.reason, 'passkey_enrolment_required');
      await screenshot(page, 'passkey-enrol-ko');
      await page.getByLabel(/^이름/).fill('보안 키');
      await page.getByRole('button', { name: '패스키 추가' }).click();
      await page.getByTestId('current-user').waitFor({ timeout: 20_000 });
      assert.equal((await signedInAs(page, url))?.limitedTo, undefined);
      assert.equal((await credentialsOf(auth)).length, 1);

      // From now on: password and passkey.
      await signOut(page);
      await passwordStep(page, url, 'state.secretariat@concord.demo');
      await page.getByTestId('current-user').waitFor({ timeout: 20_000 });
      assert.equal((await signedInAs(page, url))?.user.email, 'state.secretariat@concord.demo');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('an assertion from an authenticator the server never registered is refused', { timeout: 120_000 }, async (t) => {
    printLogIfFailed(t, server);
    const ctx = await newContext(browser());
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const auth = await authenticator(ctx, page);
      // Its own key pair, for this site, with a user handle of its own.
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await auth.cdp.send('WebAuthn.addCredential', {
        authenticatorId: auth.id,
        credential: {
          credentialId: randomBytes(16).toString('base64'),
          isResidentCredential: true,
          rpId: 'localhost',
          privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
          userHandle: randomBytes(16).toString('base64'),
          signCount: 0,
        },
      });
      await page.goto(`${url}/sign-in`);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByTestId('passkey-error').getByText('This passkey is not recognised for this account.', { exact: false }).waitFor();
      assert.equal(await signedInAs(page, url), null);
      assert.equal((await credentialsOf(auth))[0].signCount, 1, 'the authenticator did answer');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
