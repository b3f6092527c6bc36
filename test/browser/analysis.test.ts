/**
 * The analysis screens end to end (issues 4–6): alignment explorer, the dashboard's alignment
 * panel, the review queue and message discipline, against `concord serve` as a child process (see
 * harness.ts) on the stores CONCORD_BROWSER_STORES names. Build first (`vite build --config vite.config.ts`).
 */
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  ROOT,
  describeViolations,
  newContext,
  seriousViolations,
  screenshot as shoot,
  settled,
  signIn,
  startServer,
  browserStores,
  printServerLog,
  watchPage,
  type Server,
  browserSkip,
  setUpBrowser,
} from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);
// The shared reference data sits beside the repository.
const SEED = join(ROOT, '../shared/reference/seeds/000_84a47929f38cc454.txt');

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

  async function session(t: TestContext, locale?: string, fresh = false) {
    const server = fresh ? await startServer({ store }) : await sharedServer();
    const ctx = await newContext(browser(), { locale });
    t.after(async () => {
      await ctx.close();
      if (fresh) await server.close();
    });
    printServerLog(t, server);
    const page = await ctx.newPage();
    const errors = watchPage(page);
    return { server, page, errors };
  }

  const visit = async (page: Page, server: Server, path: string) => {
    await page.goto(server.url + path);
    await settled(page);
  };

  async function axe(page: Page, name: string) {
    await page.waitForTimeout(150);
    const v = await seriousViolations(page);
    assert.equal(v.length, 0, `${name}:\n${describeViolations(v)}`);
  }

  test(`alignment explorer: KR–US agreement with n for the 2018 group; a method change updates the table${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t);
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await visit(page, server, '/groups/wg-2018');
    await page.locator('nav').getByRole('link', { name: 'Alignment explorer' }).click();
    await page.waitForURL(/\/groups\/wg-2018\/alignment$/);
    const table = page.getByTestId('agreement-table');
    await table.waitFor();
    await settled(page);
    assert.equal(await page.getByTestId('party-a').inputValue(), 'KR — Republic of Korea');
    assert.equal(await page.getByTestId('party-b').inputValue(), 'US — United States');
    const cell = page.locator('[data-testid="overall-value"] [data-value]');
    assert.equal(await cell.getAttribute('data-method'), 'agree');
    assert.equal(await cell.getAttribute('data-n'), '6');
    assert.equal(await page.getByTestId('overall-n').innerText(), '6');
    assert.equal(await cell.innerText(), '0.83');
    assert.match((await cell.getAttribute('aria-label')) ?? '', /Simple agreement, n = 6/);
    await page.getByTestId('label-scale').waitFor();
    await page.locator('[data-testid="alignment-trend"][data-chart-ready]').waitFor();
    assert.match(await page.getByTestId('trend-direction').innerText(), /Converging/);

    // Another method: the table follows.
    await page.getByTestId('method').click();
    await page.getByRole('option', { name: /Signorino–Ritter S \(absolute\)/ }).click();
    await page.locator('[data-testid="agreement-table"][data-method="s-abs"]').waitFor();
    await settled(page);
    assert.equal(await cell.getAttribute('data-method'), 's-abs');
    assert.notEqual(await cell.innerText(), '0.83');
    await axe(page, 'alignment explorer');
    await screenshot(page, 'alignment-explorer');

    // The UN General Assembly before `concord import unvotes`: a designed state, no crash.
    await visit(page, server, '/alignment/unga');
    await page.getByText('UN General Assembly votes are not imported').waitFor();
    assert.deepEqual(errors, []);
  });

  test(`dashboard: the MOU–MOFA pair of ic-2026 with its figure, label and the issues dividing them${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t);
    await signIn(page, server.url, 'mou.desk@concord.demo');
    await visit(page, server, '/groups/ic-2026');
    const row = page.locator('[data-testid="alignment-pairs"] tr[data-pair*="org:rok-mou"][data-pair*="org:rok-mofa"]');
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /n = 5/);
    assert.match(text, /slight differences/i);
    assert.match(text, /State Dept\. coincidence, final votes/);
    assert.match(text, /Steady|Converging|Diverging/);
    const dividing = row.locator('[data-testid="dividing"] [data-gap]');
    assert.match(await row.locator('[data-testid="dividing"]').innerText(), /sanctions/i);
    assert.equal(await dividing.count(), 2, 'the ROK–US consultation and sanctions');
    assert.deepEqual(errors, []);
  });

  test(`review queue: paste the seed article, Kang Yu-jung with her role, confirm, find it in the feed${on}`, {
    skip: skip || (!existsSync(SEED) && `the shared seeds are not beside the repository (${SEED})`),
  }, async (t) => {
    const { server, page, errors } = await session(t, undefined, true);
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await visit(page, server, '/groups/cg-2025/review');
    await page.getByTestId('article-text').fill(readFileSync(SEED, 'utf8'));
    await page.getByLabel('Source URL').fill('https://example.org/presidential-office-slightly-different-opinions');
    await page.getByLabel('Published on').fill('2025-12-15');
    await page.getByTestId('submit-article').click();
    await page
      .getByTestId('intake-result')
      .filter({ hasText: /candidate statements? found/ })
      .waitFor();
    const kang = page.locator('[data-candidate]').filter({ hasText: 'slightly different opinions' }).first();
    await kang.waitFor();
    const speaker = await kang.getByTestId('speaker-resolved').innerText();
    assert.match(speaker, /Kang Yu-jung, Spokesperson/);
    assert.match(speaker, /Presidential Office/);
    assert.match(await kang.locator('mark').innerText(), /slightly different opinions/);
    await axe(page, 'review queue');
    await screenshot(page, 'review-queue');
    await kang.getByTestId('confirm-candidate').click();
    // Confirmed candidates leave the pending list; the confirmed list links to the statement.
    await page.getByText('Confirmed', { exact: true }).click();
    const done = page.locator('[data-candidate][data-status="confirmed"]').filter({ hasText: 'slightly different opinions' });
    await done.waitFor();
    await done.getByTestId('statement-link').click();
    await page.waitForURL(/\/groups\/cg-2025\/statements/);
    await settled(page);
    const card = page.locator('[data-statement]').filter({ hasText: 'difficult to describe the situation as conflict' });
    await card.first().waitFor();
    assert.match(await card.first().innerText(), /Kang Yu-jung/);
    assert.deepEqual(errors, []);
  });

  test(`message discipline: MOU intra-party in Dec 2025, cross-party in Nov 2018; badges link to findings${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t);
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await visit(page, server, '/groups/cg-2025/discipline?from=2025-12-01&to=2025-12-31');
    const mou = page.locator('[data-finding][data-relation="intra_party"]').filter({ hasText: 'Ministry of Unification' });
    await mou.first().waitFor();
    assert.match(await mou.first().innerText(), /Same side \(intra-party\)/);
    assert.ok((await page.locator('[data-finding][data-grade="contradiction"]').count()) > 0);
    // The six former unification ministers are another voice: listed apart, in no finding, and no "No organisation" row.
    const former = page.locator('[data-testid="other-voices"] [data-voice="st-S35"]');
    await former.waitFor();
    assert.equal(await former.getAttribute('data-reason'), 'former_official');
    assert.match(await former.innerText(), /Former official/);
    assert.equal(await page.locator('[data-finding]').filter({ hasText: 'six former unification ministers' }).count(), 0);
    assert.doesNotMatch(await page.getByTestId('summary-org').innerText(), /No organisation/);
    await page.locator('[data-testid="discipline-trend"][data-chart-ready]').waitFor();
    await page.getByTestId('edit-rules').waitFor();
    await axe(page, 'discipline');
    await screenshot(page, 'discipline');

    await visit(page, server, '/groups/wg-2018/discipline?from=2018-11-01&to=2018-11-30');
    const cross = page.locator('[data-finding][data-relation="cross_party"]');
    await cross.first().waitFor();
    assert.match(await cross.first().innerText(), /Across the parties/);

    // The feed marks statements with a finding; the badge opens the finding.
    await visit(page, server, '/groups/cg-2025/statements');
    const badge = page.locator('[data-statement="st-S33"] [data-testid="discipline-mark"]');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-grade'), 'contradiction');
    await badge.click();
    await page.waitForURL(/\/discipline\?from=2025-12-01&to=2025-12-31#finding-/);
    await page.locator('[data-finding]').first().waitFor();
    assert.deepEqual(errors, []);
  });

  test(`Korean: the discipline view and the explorer in Korean${on}`, { skip }, async (t) => {
    const { server, page, errors } = await session(t, 'ko-KR');
    await signIn(page, server.url, 'mofa.secretariat@concord.demo');
    await visit(page, server, '/groups/cg-2025/discipline?from=2025-12-01&to=2025-12-31');
    await page.getByRole('heading', { name: '메시지 관리' }).waitFor();
    const finding = page.locator('[data-finding][data-relation="intra_party"]').first();
    await finding.waitFor();
    assert.match(await finding.getByTestId('relation').innerText(), /동일 측 내부/);
    await page.locator('[data-testid="discipline-trend"][data-chart-ready]').waitFor();
    await screenshot(page, 'discipline-ko');
    await visit(page, server, '/groups/cg-2025/alignment');
    await page.getByRole('heading', { name: '입장 일치도 분석' }).waitFor();
    await axe(page, 'explorer (ko)');
    assert.deepEqual(errors, []);
  });
}
