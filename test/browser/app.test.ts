/**
 * The web app end to end: Concord as `npm start` runs it (`concord serve --demo-if-empty`, a child
 * process) over a demo store — one per test that writes, one shared by the tests that only read —
 * on the stores CONCORD_BROWSER_STORES names (SQLite by default); the built app from dist/web;
 * headless Chromium. Run `vite build --config vite.config.ts` first. Screenshots into
 * docs/screenshots come from the SQLite run.
 */
import { after, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  describeViolations,
  newContext,
  seriousViolations,
  screenshot as shoot,
  settled,
  signIn,
  signOut,
  startServer,
  browserStores,
  printServerLog,
  watchPage,
  TABLET,
  until,
  type Server,
  browserSkip,
  setUpBrowser,
} from './harness.ts';

/** The part of a DOM element the page functions below use (the test's types have no DOM library). */
type DomRow = { querySelectorAll(selector: string): Iterable<{ textContent: string | null }>; getAttribute(name: string): string | null };

// `npm run test:browser` builds dist/web and sets CONCORD_BROWSER_TESTS=1: then a missing build or
// browser fails the run. Elsewhere (a plain `npm test` in a fresh checkout) the suite skips instead.
const skip = browserSkip();
const browser = setUpBrowser(skip);

const SCREENS: { name: string; path: string; user: string; ready?: string }[] = [
  { name: 'groups', path: '/', user: 'mofa.secretariat@concord.demo', ready: '[data-testid^="group-"]' },
  { name: 'dashboard', path: '/groups/wg-2018', user: 'mofa.secretariat@concord.demo', ready: '[data-testid="alignment-heatmap"][data-chart-ready]' },
  { name: 'dashboard-cg-2025', path: '/groups/cg-2025', user: 'state.secretariat@concord.demo', ready: '#next-meetings' },
  { name: 'meetings', path: '/groups/wg-2018/meetings', user: 'mofa.secretariat@concord.demo' },
  { name: 'meeting', path: '/groups/cg-2025/meetings/m-2025-12-16', user: 'mofa.desk@concord.demo', ready: '[data-testid="attendance-table"]' },
  { name: 'positions', path: '/groups/wg-2018/positions', user: 'state.desk@concord.demo', ready: '[data-testid="positions-table"]' },
  { name: 'statements', path: '/groups/wg-2018/statements', user: 'mofa.desk@concord.demo', ready: '[data-testid="statements-feed"]' },
  { name: 'documents', path: '/groups/cg-2025/documents', user: 'mofa.secretariat@concord.demo', ready: '[data-testid="documents-table"]' },
  { name: 'document', path: '/groups/cg-2025/documents/doc-press-2025', user: 'mofa.secretariat@concord.demo', ready: '[data-testid="clauses"]' },
  { name: 'commitments', path: '/groups/cg-2025/commitments', user: 'state.secretariat@concord.demo', ready: '[data-testid="commitments-table"]' },
  { name: 'projects', path: '/groups/wg-2018/projects', user: 'nsc.observer@concord.demo', ready: '[data-testid="pipeline"]' },
  { name: 'audit', path: '/groups/wg-2018/audit', user: 'mofa.secretariat@concord.demo', ready: '[data-testid="audit-table"]' },
  { name: 'calendar', path: '/groups/cg-2025/calendar', user: 'mofa.desk@concord.demo' },
];

for (const store of browserStores()) {
  // Screenshots for docs/screenshots come from the SQLite run.
  const screenshot = store === 'sqlite' ? shoot : async (_page: Page, _name: string) => {};
  const on = store === 'sqlite' ? '' : ` [${store}]`;

  // Tests that only read share one server (one demo store); a test that writes gets its own.
  let shared: Promise<Server> | undefined;
  const sharedServer = () => {
    shared ??= startServer({ store });
    return shared;
  };
  after(async () => {
    await (await shared?.catch(() => undefined))?.close();
  });

  /** A server (`fresh`: its own, over a fresh demo store) and a fresh browser context for one test. */
  async function session(t: TestContext, opts: { viewport?: { width: number; height: number }; fresh?: boolean } = {}) {
    const server = opts.fresh ? await startServer({ store }) : await sharedServer();
    const ctx = await newContext(browser(), { viewport: opts.viewport });
    t.after(async () => {
      await ctx.close();
      if (opts.fresh) await server.close();
    });
    printServerLog(t, server);
    const page = await ctx.newPage();
    const errors = watchPage(page);
    return { server, page, errors };
  }

  /** The organisations whose reply to the meeting on the page shows a Change button. */
  const changeableReplies = (page: Page) =>
    page
      .locator('[data-testid="attendance-table"] tbody tr')
      .evaluateAll((trs) => (trs as unknown as DomRow[]).filter((tr) => [...tr.querySelectorAll('button')].some((b) => b.textContent === 'Change')).map((tr) => tr.getAttribute('data-org')));

  const visit = async (page: Page, server: Server, path: string) => {
    await page.goto(server.url + path);
    await settled(page);
  };

  describe(`access: each side sees its own internal positions and not the other side’s${on}`, { skip }, () => {
    test(`Unification Ministry desk officer${on}`, { skip }, async (t) => {
      const { server, page } = await session(t);
      await signIn(page, server.url, 'mou.desk@concord.demo');
      await visit(page, server, '/groups/cg-2025/positions');
      await page.locator('[data-testid="positions-table"]').waitFor();
      assert.equal(await page.locator('[data-position="pos-mou-consult-format"]').count(), 1, 'MOU sees its own internal position');
      assert.equal(await page.locator('[data-position="pos-mou-consult-format"][data-scope="organisation"]').count(), 1, 'marked as internal to MOU');
      assert.equal(await page.locator('[data-position="pos-us-internal"]').count(), 0, 'MOU never sees the US-internal position');
      // MOU is a KR organisation: the ROK party-internal line is its own side's.
      assert.equal(await page.locator('[data-position="pos-rok-internal"]').count(), 1, 'MOU sees the ROK-internal line');
      // Internal notes on the meeting MOU declined: its own, not MOFA's, not the US side's.
      await visit(page, server, '/groups/cg-2025/meetings/m-2025-12-16');
      await page.getByTestId('notes').waitFor();
      assert.equal(await page.locator('[data-note="note-mou-internal"]').count(), 1);
      assert.equal(await page.locator('[data-note="note-mofa-internal"]').count(), 0);
      assert.equal(await page.locator('[data-note="note-us-internal"]').count(), 0);
      await signOut(page);
      await page.goto(`${server.url}/groups/cg-2025/positions`);
      await page.waitForURL((u) => u.pathname === '/sign-in', { timeout: 10_000 });
    });

    test(`State Department desk officer${on}`, { skip }, async (t) => {
      const { server, page } = await session(t);
      await signIn(page, server.url, 'state.desk@concord.demo');
      await visit(page, server, '/groups/cg-2025/positions');
      await page.locator('[data-testid="positions-table"]').waitFor();
      assert.equal(await page.locator('[data-position="pos-us-internal"]').count(), 1, 'State sees the US-internal position');
      assert.equal(await page.locator('[data-position="pos-mou-consult-format"]').count(), 0, 'State never sees the MOU-internal position');
      assert.equal(await page.locator('[data-position="pos-rok-internal"]').count(), 0, 'State never sees the ROK-internal line');
      await visit(page, server, '/groups/cg-2025/meetings/m-2025-12-16');
      await page.getByTestId('notes').waitFor();
      // A member changes their own organisation's reply only (each reply's abilities.reply).
      assert.deepEqual(await changeableReplies(page), ['us-state']);
      assert.equal(await page.locator('[data-note="note-us-internal"]').count(), 1);
      assert.equal(await page.locator('[data-note="note-mou-internal"]').count(), 0);
      assert.equal(await page.locator('[data-note="note-mofa-internal"]').count(), 0);
      await signOut(page);
    });
  });

  test(`the dashboard's "As of" date: shown without the calendar's code, which loads when the field is used${on}`, { skip }, async (t) => {
    const { server, page } = await session(t);
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await visit(page, server, '/groups/wg-2018');
    await page.locator('[data-testid="alignment-heatmap"][data-chart-ready]').waitFor();
    const field = page.getByRole('textbox', { name: 'As of' });
    assert.match(await field.inputValue(), /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, 'the date in the interface’s words');
    assert.ok(!scripts.some((u) => /\/DateField-/.test(u)), 'the calendar is not loaded with the page');
    await field.click();
    // The real field takes its place, focused, with its calendar open: a typed date moves the panel.
    await page.locator('.mantine-DateInput-input:focus').waitFor();
    assert.ok(scripts.some((u) => /\/DateField-/.test(u)));
    await page.locator('.mantine-DateInput-input:focus').fill('16 Dec 2019');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('asOf') === '2019-12-16', { timeout: 10_000 });
  });

  test(`a secretariat schedules a meeting and another organisation declines it with a reason${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t, { fresh: true });
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await visit(page, server, '/groups/ic-2026/meetings');
    await page.getByTestId('create-meeting').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title (English)').fill('Vice-minister consultation on the 2027 budget');
    await dialog.getByLabel('Title (Korean)').fill('2027년 예산 관련 차관급 협의');
    await dialog.getByLabel('Starts (venue time)').fill('2027-03-10T10:00');
    await dialog.getByLabel('Ends (venue time)').fill('2027-03-10T12:00');
    await dialog.getByLabel('Place').fill('Government Complex Seoul');
    await dialog.getByRole('button', { name: 'Schedule meeting' }).click();
    await page.waitForURL(/\/groups\/ic-2026\/meetings\/[^/]+$/);
    await settled(page);
    const meetingUrl = page.url();
    await page.getByRole('heading', { name: /Vice-minister consultation on the 2027 budget/ }).waitFor();
    await signOut(page);

    await signIn(page, server.url, 'mou.desk@concord.demo');
    await page.goto(meetingUrl);
    await settled(page);
    await page.getByTestId('respond').click();
    const reply = page.getByRole('dialog');
    // A first reply starts on attending: declining is a choice the user makes.
    assert.ok(await reply.getByRole('radio', { name: 'Attending', exact: true }).isChecked(), 'a first reply starts on Attending');
    await reply.getByText('Declined', { exact: true }).click();
    // The reason is required: sending without one shows the field error and sends nothing.
    await reply.getByRole('button', { name: 'Decline with this reason' }).click();
    await reply.getByText(/Say why your organisation is declining/).waitFor();
    const reason = 'The budget follow-up is handled at director level this quarter; MOU will send written comments.';
    await reply.getByLabel(/Reason for declining/).fill(reason);
    await reply.getByRole('button', { name: 'Decline with this reason' }).click();
    await reply.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="attendance-table"] tr[data-org="rok-mou"]');
    await row.locator('[data-attendance="declined"]').waitFor();
    assert.match(await row.innerText(), /director level this quarter/);
    await page.getByTestId('declines').waitFor();
    // Each reply's abilities.reply from the API: a member changes their own organisation's only.
    assert.deepEqual(await changeableReplies(page), ['rok-mou']);
    // Changing the reply starts from the one on record.
    await page.getByTestId('respond').click();
    const again = page.getByRole('dialog');
    await again.getByRole('radio', { name: 'Declined', exact: true }).waitFor({ state: 'attached' });
    assert.ok(await again.getByRole('radio', { name: 'Declined', exact: true }).isChecked(), 'a change starts from the reply on record');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });
    await signOut(page);

    // The secretariat sees the decline and its reason.
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await page.goto(meetingUrl);
    await settled(page);
    assert.match(await page.getByTestId('declines').innerText(), /director level this quarter/);
    assert.deepEqual(await changeableReplies(page), ['rok-mou'], "the secretariat may change any organisation's reply");
    assert.deepEqual(errors, []);
  });

  test(`the calendar page makes a feed-only token for the group, lists it with its scope, and revokes it${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t, { fresh: true });
    await signIn(page, server.url, 'mofa.desk@concord.demo');
    await visit(page, server, '/groups/cg-2025/calendar');
    await page.getByTestId('create-token').click();
    const feed = page.getByTestId('feed-url');
    await feed.filter({ hasText: /token=cct_/ }).waitFor();
    const url = (await feed.innerText()).trim();
    assert.match(url, /\/api\/working-groups\/cg-2025\/calendar\.ics\?token=cct_/);
    const token = new URL(url).searchParams.get('token')!;
    // The URL opens the feed and nothing else (issue 13, finding 4).
    assert.equal((await fetch(url)).status, 200);
    assert.equal((await fetch(`${server.url}/api/working-groups`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
    assert.equal((await fetch(`${server.url}/api/tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"name":"x"}' })).status, 401);
    const row = page.getByTestId('token-row').filter({ hasText: 'Calendar feed' });
    await row.waitFor();
    assert.match(await row.innerText(), /JFS consultation/, 'the group by its name');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.filter({ hasText: 'Revoked' }).waitFor();
    assert.equal((await fetch(url)).status, 401, 'revoked');
    assert.deepEqual(errors, []);
  });

  test(`a member records a position and finds it in the register and its history${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t, { fresh: true });
    await signIn(page, server.url, 'state.desk@concord.demo');
    await visit(page, server, '/groups/wg-2018/positions');
    const row = page.locator('tr[data-issue="i-tourism"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Record' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Stance' }).click();
    await page.getByRole('option', { name: 'Oppose', exact: true }).waitFor();
    await page.getByRole('option', { name: 'Oppose', exact: true }).click();
    await dialog.getByLabel('Conditions and red lines').fill('Only with the sanctions committee’s prior approval.');
    await dialog.getByLabel('Holds from').fill('2020-02-01');
    await dialog.getByTestId('submit-position').click();
    await dialog.waitFor({ state: 'detached' });
    await settled(page);
    // The register is as of today, so the new stance shows for the United States.
    const cell = row.locator('[data-stance="oppose"]');
    await cell.first().waitFor();
    await row.getByRole('button', { name: 'History' }).click();
    const history = page.getByTestId('position-history');
    await history.waitFor();
    assert.match(await history.innerText(), /sanctions committee’s prior approval/);
    assert.deepEqual(errors, []);
  });

  test(`both parties sign off a joint document version and it is adopted${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t, { fresh: true });
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await visit(page, server, '/groups/cg-2025/documents/doc-press-2025');
    // Bracketed text is visibly marked, with each party's alternative; it cannot be signed yet.
    assert.ok((await page.locator('[data-testid="clauses"] tr[data-status="bracketed"]').count()) > 0);
    assert.ok((await page.locator('[data-alternatives]').count()) > 0);
    assert.equal(await page.getByTestId('sign-off').count(), 0);

    // The secretariat resolves the bracket by accepting one party's wording and puts forward version 2.
    await page.getByTestId('new-version').click();
    const editor = page.getByRole('dialog');
    await editor.getByTestId('accept-alternative').first().waitFor();
    await screenshot(page, 'document-new-version');
    await editor.getByTestId('accept-alternative').first().click();
    await editor.getByLabel('What changed').fill('Consultation name agreed');
    await editor.getByTestId('submit-version').click();
    await editor.waitFor({ state: 'detached' });
    await page.locator('[data-testid="clauses"] tr[data-status="bracketed"]').waitFor({ state: 'detached' });
    const n = 2;
    await page.getByTestId('sign-off').click();
    await page.getByTestId('confirm-sign-off').click();
    await page.locator('[data-testid="signoffs"] [data-party="KR"][data-signed="true"]').waitFor();
    assert.equal(await page.getByTestId('adopted').count(), 0, 'one signature does not adopt');
    // The diff between the bracketed and the resolved version shows what changed.
    await page.getByRole('tab', { name: 'Compare versions' }).click();
    await page.getByTestId('diff').waitFor();
    await signOut(page);

    await signIn(page, server.url, 'state.secretariat@concord.demo');
    await visit(page, server, '/groups/cg-2025/documents/doc-press-2025');
    await page.getByTestId('sign-off').click();
    await page.getByTestId('confirm-sign-off').click();
    await page.getByTestId('adopted').waitFor();
    await screenshot(page, 'document-adopted');
    assert.match(await page.getByTestId('adopted').innerText(), new RegExp(`${n}`));
    assert.equal(await page.locator('[data-testid="signoffs"] [data-signed="true"]').count(), 2);
    assert.deepEqual(errors, []);
  });

  test(`the interface switches to Korean, stays Korean after a reload, and switches back${on}`, { skip }, async (t) => {
    const { server, page } = await session(t);
    await signIn(page, server.url, 'mofa.desk@concord.demo');
    await visit(page, server, '/groups/cg-2025/meetings/m-2025-12-16');
    await page.getByText('한국어', { exact: true }).click();
    await page.locator('nav').getByRole('link', { name: '회의', exact: true }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'ko');
    await page.getByRole('heading', { name: '참석' }).waitFor();
    // Bilingual records show the Korean title first.
    await page.getByRole('heading', { name: /제1차 한미 조인트 팩트시트 후속 협의/ }).waitFor();
    await screenshot(page, 'meeting-ko');
    await visit(page, server, '/groups/cg-2025');
    await page.locator('#next-meetings').waitFor();
    await page.locator('[data-testid="alignment-heatmap"][data-chart-ready]').waitFor();
    await screenshot(page, 'dashboard-ko');
    await visit(page, server, '/groups/cg-2025/meetings/m-2025-12-16');
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'ko');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  });

  describe(`main screens: no serious or critical accessibility violations; screenshots${on}`, { skip }, () => {
    test(`sign-in${on}`, { skip }, async (t) => {
      const { server, page } = await session(t);
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      const v = await seriousViolations(page);
      assert.equal(v.length, 0, describeViolations(v));
      await screenshot(page, 'sign-in');
    });

    test(`signed-in screens${on}`, { skip }, async (t) => {
      const { server, page, errors } = await session(t);
      let current = '';
      const failures: string[] = [];
      for (const s of SCREENS) {
        if (s.user !== current) {
          if (current) await signOut(page);
          await signIn(page, server.url, s.user);
          current = s.user;
        }
        await visit(page, server, s.path);
        if (s.ready) await page.locator(s.ready).first().waitFor({ timeout: 15_000 });
        await page.waitForTimeout(150);
        const v = await seriousViolations(page);
        if (v.length) failures.push(`${s.name} (${s.path}):\n${describeViolations(v)}`);
        await screenshot(page, s.name);
      }
      // The project drawer with stage clocks and postponements.
      await visit(page, server, '/groups/wg-2018/projects');
      await page.locator('[data-project="p-tamiflu"]').click();
      await page.getByTestId('stage-clocks').waitFor();
      // The drawer slides and fades in; colours read mid-transition are blends, not the design.
      await until(
        page,
        `(() => {
        const drawer = document.querySelector('.mantine-Drawer-content');
        return drawer !== null && drawer.getAnimations({ subtree: true }).length === 0 && getComputedStyle(drawer).opacity === '1';
      })()`,
      );
      const v = await seriousViolations(page);
      if (v.length) failures.push(`project drawer:\n${describeViolations(v)}`);
      await screenshot(page, 'project');
      assert.deepEqual(failures, []);
      assert.deepEqual(errors, []);
    });

    test(`tablet width (820 px): dashboard and meeting${on}`, { skip }, async (t) => {
      const { server, page } = await session(t, { viewport: TABLET });
      await signIn(page, server.url, 'mofa.desk@concord.demo');
      await visit(page, server, '/groups/cg-2025');
      await page.locator('#next-meetings').waitFor();
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      assert.ok(overflow <= 1, `no horizontal page scroll at 820 px (got ${overflow}px)`);
      await screenshot(page, 'tablet-dashboard');
      await visit(page, server, '/groups/cg-2025/meetings/m-2025-12-16');
      const v = await seriousViolations(page);
      assert.equal(v.length, 0, describeViolations(v));
      await screenshot(page, 'tablet-meeting');
    });
  });
}
