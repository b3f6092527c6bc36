/**
 * Meeting series in the browser, read from two time zones: a secretariat in Seoul schedules a
 * monthly series from the meetings page (the rule shown in words, in English and Korean), moves
 * one occurrence and cancels another; a reader in New York sees each meeting at the venue's time
 * and at their own, both labelled, while a reader in Seoul sees one time. A meeting of the series
 * names it and links it; the calendar page lists the occurrences ahead.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  LAPTOP,
  browserSkip,
  browserStores,
  describeViolations,
  printServerLog,
  screenshot,
  seriousViolations,
  settled,
  setUpBrowser,
  signIn,
  startServer,
  watchPage,
  type Server,
} from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

async function page(b: Browser, timezoneId: string, locale = 'en-GB'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await b.newContext({ viewport: LAPTOP, locale, timezoneId, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  return { page: p, errors: watchPage(p), close: () => ctx.close() };
}

const visit = async (p: Page, server: Server, path: string) => {
  await p.goto(server.url + path);
  await settled(p, 30_000);
};

for (const store of browserStores()) {
  describe(`meeting series in the browser (${store})`, () => {
    test('scheduled in Seoul, read in Seoul and in New York: venue time and the reader’s own, labelled', { skip, timeout: 300_000 }, async (t) => {
      const server = await startServer({ store });
      t.after(() => server.close());
      printServerLog(t, server);

      // A secretariat in Seoul schedules the series: monthly on the second Tuesday, 10:00 Seoul time.
      const seoul = await page(browser(), 'Asia/Seoul');
      t.after(seoul.close);
      await signIn(seoul.page, server.url, 'mofa.secretariat@concord.demo');
      await visit(seoul.page, server, '/groups/cg-2025/meetings');
      await seoul.page.getByTestId('create-series').click();
      const dialog = seoul.page.getByRole('dialog');
      await dialog.getByLabel('Title (English)').fill('Monthly implementation consultation');
      await dialog.getByLabel('Title (Korean)').fill('월례 이행 협의');
      await dialog.getByLabel('First meeting (venue time)').fill('2027-03-09T10:00');
      await dialog.getByLabel('Place').fill('Seoul, MOFA');
      await dialog.getByTestId('series-rule-text').waitFor();
      assert.equal(await dialog.getByTestId('series-rule-text').innerText(), 'Repeats monthly on the 2nd Tuesday');
      const dialogViolations = await seriousViolations(seoul.page);
      assert.deepEqual(dialogViolations, [], describeViolations(dialogViolations));
      const preview = await dialog.getByTestId('series-preview').innerText();
      assert.match(preview, /9 Mar 2027, 10:00 GMT\+9 \(venue time\)/);
      assert.match(preview, /13 Apr 2027, 10:00 GMT\+9/);
      assert.doesNotMatch(preview, /your time/, 'in Seoul the venue’s time is the reader’s');
      await dialog.getByTestId('create-series-submit').click();
      await seoul.page.waitForURL(/\/groups\/cg-2025\/series\/[^/]+$/);
      await settled(seoul.page);
      const seriesUrl = seoul.page.url();
      await seoul.page.getByTestId('occurrences-table').waitFor();
      assert.equal(await seoul.page.getByTestId('occurrence').count(), 6);
      assert.match(await seoul.page.getByTestId('series-summary').innerText(), /Repeats monthly on the 2nd Tuesday, 6 times, at 10:00 venue time for 120 minutes/);
      const first = seoul.page.getByTestId('occurrence').first();
      assert.equal(await first.getByTestId('venue-time').innerText(), '9 Mar 2027, 10:00 GMT+9 (venue time)');
      assert.equal(await first.getByTestId('viewer-time').count(), 0);

      // Move the second meeting to the Wednesday afternoon; cancel the fourth.
      await seoul.page.getByTestId('occurrence').nth(1).getByTestId('move-occurrence').click();
      const move = seoul.page.getByRole('dialog');
      await move.getByLabel(/New start/).fill('2027-04-14T15:00');
      await move.getByLabel(/Reason/).fill('Co-chair travel');
      await move.getByTestId('move-submit').click();
      await move.waitFor({ state: 'detached' });
      await seoul.page.getByTestId('occurrence').nth(1).getByText('Moved', { exact: true }).waitFor();
      await seoul.page.getByTestId('occurrence').nth(3).getByTestId('cancel-occurrence').click();
      const cancel = seoul.page.getByRole('dialog');
      await cancel.getByLabel(/Reason/).fill('National holiday');
      await cancel.getByTestId('cancel-submit').click();
      await cancel.waitFor({ state: 'detached' });
      await seoul.page.getByTestId('occurrence').nth(3).locator('[data-status="cancelled"]').waitFor();
      assert.match(await seoul.page.getByTestId('occurrence').nth(1).innerText(), /14 Apr 2027, 15:00 GMT\+9 \(venue time\)[\s\S]*Moved from 13 Apr 2027, 10:00 GMT\+9/);

      // Change the series: one more meeting, in another room.
      await seoul.page.getByTestId('edit-series').click();
      const edit = seoul.page.getByRole('dialog');
      await edit.getByRole('textbox', { name: 'Number of meetings' }).fill('7');
      await edit.getByLabel('Place').fill('Seoul, MOFA room 1');
      await edit.getByTestId('edit-series-submit').click();
      await edit.waitFor({ state: 'detached' });
      await seoul.page.getByTestId('occurrence').nth(6).waitFor();
      assert.equal(await seoul.page.getByTestId('occurrence').count(), 7);
      assert.match(await seoul.page.getByTestId('series-summary').innerText(), /7 times[\s\S]*Seoul, MOFA room 1/);
      assert.match(await seoul.page.getByTestId('occurrence').nth(1).innerText(), /Moved/, 'the moved meeting stays moved');

      // The meeting says it belongs to the series and links it.
      await seoul.page.getByTestId('occurrence').first().getByRole('link').click();
      await seoul.page.getByTestId('series-link').waitFor();
      assert.match(await seoul.page.getByTestId('series-link').innerText(), /Part of the series “Monthly implementation consultation” · Repeats monthly on the 2nd Tuesday/);
      await screenshot(seoul.page, 'series-meeting-seoul');
      assert.deepEqual(seoul.errors, []);

      // A reader in New York: the venue's time, and their own (the evening before), both labelled.
      const ny = await page(browser(), 'America/New_York');
      t.after(ny.close);
      await signIn(ny.page, server.url, 'state.secretariat@concord.demo');
      await ny.page.goto(seriesUrl);
      await settled(ny.page);
      await ny.page.getByTestId('occurrences-table').waitFor();
      const nyFirst = ny.page.getByTestId('occurrence').first();
      assert.equal(await nyFirst.getByTestId('venue-time').innerText(), '9 Mar 2027, 10:00 GMT+9 (venue time)');
      assert.equal(await nyFirst.getByTestId('viewer-time').innerText(), '8 Mar 2027, 20:00 GMT-5 (your time)');
      // After the change to daylight saving in New York (14 March 2027), the reader's offset follows.
      const nyMoved = ny.page.getByTestId('occurrence').nth(1);
      assert.equal(await nyMoved.getByTestId('viewer-time').innerText(), '14 Apr 2027, 02:00 GMT-4 (your time)');
      await screenshot(ny.page, 'series-new-york');
      const violations = await seriousViolations(ny.page);
      assert.deepEqual(violations, [], describeViolations(violations));
      // The meetings list and the calendar page show both times too.
      await visit(ny.page, server, '/groups/cg-2025/meetings');
      const row = ny.page.locator('[data-testid="meetings-table"] tr', { hasText: 'Monthly implementation consultation' }).first();
      assert.match(await row.innerText(), /9 Mar 2027, 10:00 GMT\+9 \(venue time\)\s*8 Mar 2027, 20:00 GMT-5 \(your time\)/);
      await visit(ny.page, server, '/groups/cg-2025/calendar');
      await ny.page.getByTestId('upcoming-meetings').waitFor();
      const upcoming = await ny.page.getByTestId('upcoming-meetings').innerText();
      assert.match(upcoming, /Monthly implementation consultation/);
      assert.match(upcoming, /\(your time\)/);
      assert.match(upcoming, /8 Jun 2027, 10:00 GMT\+9 \(venue time\)[\s\S]*?cancelled/i, 'the cancelled occurrence is listed as cancelled, not dropped silently');
      assert.deepEqual(ny.errors, []);
    });

    test('the rule in Korean: 매월 둘째 화요일', { skip, timeout: 300_000 }, async (t) => {
      const server = await startServer({ store });
      t.after(() => server.close());
      printServerLog(t, server);
      const ko = await page(browser(), 'America/New_York', 'ko-KR');
      t.after(ko.close);
      await signIn(ko.page, server.url, 'mofa.secretariat@concord.demo');
      await visit(ko.page, server, '/groups/cg-2025/meetings');
      await ko.page.getByText('한국어', { exact: true }).click();
      await ko.page.getByTestId('create-series').click();
      const dialog = ko.page.getByRole('dialog');
      await dialog.getByLabel('첫 회의 (현지 시각)').fill('2027-03-09T10:00');
      await dialog.getByTestId('series-rule-text').waitFor();
      assert.equal(await dialog.getByTestId('series-rule-text').innerText(), '반복: 매월 둘째 화요일');
      const preview = await dialog.getByTestId('series-preview').innerText();
      assert.match(preview, /2027년 3월 9일 10:00 GMT\+9 \(현지 시각\)/);
      assert.match(preview, /2027년 3월 8일 20:00 GMT-5 \(내 시각\)/);
      // A group's stored cadence, shown in words on its meetings page.
      await ko.page.keyboard.press('Escape');
      await visit(ko.page, server, '/groups/wg-2018/meetings');
      await ko.page.getByTestId('group-cadence').waitFor();
      assert.match(await ko.page.getByTestId('group-cadence').innerText(), /^그룹의 통상 회의 주기: 매월 — /);
      assert.deepEqual(ko.errors, []);
    });
  });
}
