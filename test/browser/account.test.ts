/**
 * A user's own account in the browser, against the started server: changing one's password
 * (refusals at their field, in English and Korean), one's sessions listed and another browser's
 * ended, and a reset link from the party's administrator opened, used and refused the second time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, DEMO_PASSWORD, newContext, screenshot, seriousViolations, describeViolations, setUpBrowser, settled, signIn, startServer, until, watchPage, type Server } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);
const NEW = 'liaison office in Kaesong, 2018';

/** Signs in over HTTP as `email`: the cookie and CSRF token, for the API calls a test makes as that user. */
async function apiSession(url: string, email: string) {
  const r = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  assert.equal(r.status, 200);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

describe('my account', { skip }, () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  test('change my password; see and end my sessions; in English', { timeout: 180_000 }, async () => {
    const other = await apiSession(server.url, 'mou.desk@concord.demo');
    const ctx = await newContext(browser());
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await signIn(page, server.url, 'mou.desk@concord.demo');
      await page.getByTestId('current-user').click();
      await page.waitForURL((u) => u.pathname === '/account');
      await settled(page);
      const rows = page.getByTestId('session-row');
      await until(page, "document.querySelectorAll('[data-testid=session-row]').length === 2");
      assert.equal(await rows.filter({ hasText: 'This browser' }).count(), 1);

      await page.getByLabel('Current password').fill('not my password');
      await page.getByLabel(/^New password\s*\*?$/).fill(NEW);
      await page.getByLabel('New password again').fill(NEW);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('This is not your current password').waitFor();

      await page.getByLabel('Current password').fill(DEMO_PASSWORD);
      await page.getByLabel(/^New password\s*\*?$/).fill('password1234');
      await page.getByLabel('New password again').fill('password1234');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText(/Too easy to guess/).waitFor();

      await page.getByLabel(/^New password\s*\*?$/).fill(NEW);
      await page.getByLabel('New password again').fill(NEW);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText(/Password changed\. 1 other session was ended/).waitFor();
      const gone = await fetch(`${server.url}/api/session`, { headers: { cookie: other.cookie } });
      assert.equal(gone.status, 401, 'the other session ended with the change');
      await until(page, "document.querySelectorAll('[data-testid=session-row]').length === 1");
      const vs = await seriousViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));
      await screenshot(page, 'account-en');

      // A second browser signs in with the new password; this one ends it from the list.
      const ctx2 = await newContext(browser());
      const page2 = await ctx2.newPage();
      await signIn(page2, server.url, 'mou.desk@concord.demo', NEW);
      await page.reload();
      await until(page, "document.querySelectorAll('[data-testid=session-row]').length === 2");
      await rows
        .filter({ hasNotText: 'This browser' })
        .getByRole('button', { name: /End the session/ })
        .click();
      await until(page, "document.querySelectorAll('[data-testid=session-row]').length === 1");
      await page2.reload();
      await page2.waitForURL((u) => u.pathname.startsWith('/sign-in'), { timeout: 15_000 });
      await ctx2.close();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('a meeting the Foreign Ministry schedules reaches the Unification vice-minister’s notifications, in Korean', { timeout: 180_000 }, async () => {
    const sec = await apiSession(server.url, 'mofa.secretariat@concord.demo');
    const made = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { cookie: sec.cookie, 'x-csrf-token': sec.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        wgId: 'ic-2026',
        title: 'Follow-up on the Joint Fact Sheet',
        titleKo: '공동 설명자료 후속 협의',
        level: 'working',
        format: 'in_person',
        startsAt: '2027-02-02T10:00:00+09:00',
        timezone: 'Asia/Seoul',
      }),
    });
    const madeText = await made.text();
    assert.equal(made.status, 201, madeText);
    const ctx = await newContext(browser(), { locale: 'ko-KR' });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await signIn(page, server.url, 'mou.vice@concord.demo');
      await page.goto(`${server.url}/account`);
      await page.getByText('한국어', { exact: true }).click();
      await page.getByRole('link', { name: '내 알림' }).click();
      await page.waitForURL((u) => u.pathname === '/notifications');
      const card = page.getByTestId('notification').filter({ hasText: '새 회의: 공동 설명자료 후속 협의' });
      await card.waitFor();
      assert.equal(await card.getAttribute('data-read'), 'no');
      // The header's bell counts the unread ones, and counts one fewer once it is read.
      const bell = page.getByTestId('notification-bell');
      const before = Number(await bell.getAttribute('data-unread'));
      assert.ok(before >= 1, `the bell counts the unread notification (${before})`);
      await card.getByRole('button', { name: '읽음으로 표시' }).click();
      await until(page, "document.querySelector('[data-testid=notification][data-read=no]') === null");
      await until(page, `document.querySelector('[data-testid=notification-bell]')?.getAttribute('data-unread') === '${before - 1}'`);
      const vs = await seriousViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));
      await screenshot(page, 'notifications-ko');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('a reset link from the administrator sets a new password once; the page speaks Korean', { timeout: 180_000 }, async () => {
    const admin = await apiSession(server.url, 'admin@concord.demo');
    const users = (await (await fetch(`${server.url}/api/users`, { headers: { cookie: admin.cookie } })).json()) as { items: { id: string; email: string }[] };
    const desk = users.items.find((u) => u.email === 'mofa.desk@concord.demo')!;
    const issued = await fetch(`${server.url}/api/users/${desk.id}/password-reset`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    assert.equal(issued.status, 201);
    const { path } = (await issued.json()) as { path: string };

    const ctx = await newContext(browser(), { locale: 'ko-KR' });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.url}/sign-in`);
      await page.getByText('한국어', { exact: true }).click();
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: '새 비밀번호 설정' }).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the secret leaves the address bar');
      await page.getByLabel(/^새 비밀번호\s*\*?$/).fill(NEW);
      await page.getByLabel('새 비밀번호 확인').fill(NEW);
      await page.getByRole('button', { name: '비밀번호 설정' }).click();
      await page.getByRole('heading', { name: '비밀번호를 설정했습니다' }).waitFor();
      const vs = await seriousViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));
      await screenshot(page, 'reset-password-ko');
      await page.getByRole('link', { name: '로그인' }).click();
      await signIn(page, server.url, 'mofa.desk@concord.demo', NEW);

      // The same link a second time: refused, in Korean.
      const again = await ctx.newPage();
      await again.goto(`${server.url}${path}`);
      await again.getByLabel(/^새 비밀번호\s*\*?$/).fill('another long phrase for the desk');
      await again.getByLabel('새 비밀번호 확인').fill('another long phrase for the desk');
      await again.getByRole('button', { name: '비밀번호 설정' }).click();
      await again.getByText(/이 재설정 링크는 쓸 수 없습니다/).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
