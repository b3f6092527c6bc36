/**
 * Search in the browser, on the demo: `/` focuses the header's search box; a query opens
 * /search?q=… (the query in the URL), results grouped by kind with the words marked, each linking
 * to its record; in English ("rail") and Korean ("철도", and the two-syllable "통일"). Each desk
 * finds its own ministry's or government's internal notes and never another's.
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
  until,
  watchPage,
  startServer,
  type Server,
} from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

async function open(b: Browser, locale = 'en-GB'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await b.newContext({ viewport: LAPTOP, locale, timezoneId: 'Asia/Seoul', deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  return { page: p, errors: watchPage(p), close: () => ctx.close() };
}

/** Types a query in the header's box (focused with `/`) and waits for its results page. */
async function search(p: Page, q: string): Promise<void> {
  await p.locator('body').click({ position: { x: 5, y: 200 } });
  await p.keyboard.press('/');
  await until(p, `document.activeElement?.getAttribute('data-testid') === 'search-box'`);
  await p.keyboard.type(q);
  await p.keyboard.press('Enter');
  await p.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === q);
  await settled(p, 30_000);
  // The answer to this query, not the previous one's, kept on screen while it loads.
  await until(p, `[...document.querySelectorAll('[data-search-for]')].some((e) => e.getAttribute('data-search-for') === ${JSON.stringify(q)})`, 30_000);
}

const marks = (p: Page) => p.locator('mark.search-hit').allInnerTexts();
const kinds = async (p: Page) =>
  new Set(await p.getByTestId('search-result').evaluateAll((els) => (els as unknown as { getAttribute(name: string): string | null }[]).map((e) => e.getAttribute('data-kind'))));

for (const store of browserStores()) {
  describe(`search in the browser (${store})`, () => {
    test('English and Korean queries, words marked, results by kind, each desk its own notes only', { skip, timeout: 300_000 }, async (t) => {
      const server: Server = await startServer({ store });
      t.after(() => server.close());
      printServerLog(t, server);

      const mofa = await open(browser());
      t.after(mofa.close);
      await signIn(mofa.page, server.url, 'mofa.desk@concord.demo');
      await settled(mofa.page, 30_000);

      // English: "rail" across meetings, issues, projects …; every mark is the word.
      await search(mofa.page, 'rail');
      const found = await kinds(mofa.page);
      assert.ok(found.has('project') && found.has('issue') && found.has('meeting'), [...found].join());
      const en = await marks(mofa.page);
      assert.ok(en.length > 3 && en.every((m) => m.toLowerCase() === 'rail'), en.join('|'));
      assert.ok(await mofa.page.getByTestId('search-group-project').isVisible());
      const violations = await seriousViolations(mofa.page);
      assert.deepEqual(violations, [], describeViolations(violations));
      await screenshot(mofa.page, 'search');

      // A result leads to its record.
      await mofa.page.getByTestId('search-group-meeting').getByRole('link').first().click();
      await mofa.page.waitForURL(/\/groups\/[^/]+\/meetings\/[^/]+$/);

      // MOFA's own internal note, not MOU's nor the US's.
      await search(mofa.page, 'Implementation');
      assert.ok((await kinds(mofa.page)).has('note'));
      await search(mofa.page, 'same afternoon');
      assert.ok(!(await kinds(mofa.page)).has('note'), 'not MOU’s note');
      await search(mofa.page, 'frequent working-level');
      assert.ok(!(await kinds(mofa.page)).has('note'), 'not the US note');

      // Korean: the interface and the words.
      await mofa.page.getByTestId('lang-ko').click();
      await search(mofa.page, '철도');
      assert.match(await mofa.page.locator('h1').innerText(), /검색/);
      const ko = await marks(mofa.page);
      assert.ok(ko.length > 1 && ko.every((m) => m === '철도'), ko.join('|'));
      await search(mofa.page, '통일');
      assert.ok((await mofa.page.getByTestId('search-result').count()) > 0, 'two syllables are found too');
      assert.ok((await marks(mofa.page)).every((m) => m === '통일'));
      await screenshot(mofa.page, 'search-ko');
      const koViolations = await seriousViolations(mofa.page);
      assert.deepEqual(koViolations, [], describeViolations(koViolations));

      // The State desk finds the US note and not MOFA's; the query is in the URL.
      const state = await open(browser());
      t.after(state.close);
      await signIn(state.page, server.url, 'state.desk@concord.demo');
      await state.page.goto(`${server.url}/search?q=${encodeURIComponent('frequent working-level')}`);
      await settled(state.page, 30_000);
      await state.page.getByTestId('search-result').first().waitFor();
      assert.ok((await kinds(state.page)).has('note'), 'the US note');
      await search(state.page, 'Implementation');
      assert.ok(!(await kinds(state.page)).has('note'), 'not MOFA’s note');
      assert.deepEqual(mofa.errors, []);
      assert.deepEqual(state.errors, []);
    });
  });
}
