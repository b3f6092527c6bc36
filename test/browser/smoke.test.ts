/**
 * Browser smoke test on every store: Concord as `npm start` runs it (`concord serve
 * --demo-if-empty`, a child process) on SQLite, and on PostgreSQL when CONCORD_TEST_PG is set.
 * Signs in, opens the dashboard of every working group and each main screen once, and holds
 * every page to: no uncaught error, no console error, no answer >= 500 seen by the page, no error
 * state drawn; and the server to no error in its log. (The full browser suite runs on the stores
 * CONCORD_BROWSER_STORES names, SQLite by default.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, printServerLog, settled, signIn, signOut, smokeStores, startServer, watchPage, browserSkip, setUpBrowser } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

/** Each main screen once, and what shows it has drawn. */
const SCREENS: { path: string; ready: string }[] = [
  { path: '/groups/wg-2018/meetings', ready: 'main' },
  { path: '/groups/cg-2025/meetings/m-2025-12-16', ready: '[data-testid="attendance-table"]' },
  { path: '/groups/wg-2018/positions', ready: '[data-testid="positions-table"]' },
  { path: '/groups/cg-2025/statements', ready: '[data-testid="statements-feed"]' },
  { path: '/groups/cg-2025/documents', ready: '[data-testid="documents-table"]' },
  { path: '/groups/cg-2025/documents/doc-press-2025', ready: '[data-testid="clauses"]' },
  { path: '/groups/cg-2025/commitments', ready: '[data-testid="commitments-table"]' },
  { path: '/groups/wg-2018/projects', ready: '[data-testid="pipeline"]' },
  { path: '/groups/wg-2018/audit', ready: '[data-testid="audit-table"]' },
  { path: '/groups/cg-2025/calendar', ready: 'main' },
  { path: '/groups/wg-2018/alignment', ready: '[data-testid="agreement-table"]' },
  { path: '/groups/cg-2025/review', ready: '[data-testid="article-text"]' },
  { path: '/groups/cg-2025/discipline', ready: '[data-testid="edit-rules"]' },
];

for (const store of smokeStores()) {
  test(`smoke (${store}): sign in, every group's dashboard, each main screen; no error on the page or in the server's log`, { skip, timeout: 600_000 }, async (t) => {
    const server = await startServer({ store });
    t.after(() => server.close());
    printServerLog(t, server);
    const ctx = await newContext(browser());
    t.after(() => ctx.close());
    const page = await ctx.newPage();
    const errors = watchPage(page);
    const problems: string[] = [];
    const visit = async (path: string, ready: string) => {
      const before = errors.length;
      await page.goto(server.url + path);
      try {
        await page.locator(ready).first().waitFor({ timeout: 30_000 });
        await settled(page, 30_000);
      } catch (e) {
        problems.push(`${path}: not drawn (${(e as Error).message.split('\n')[0]})`);
      }
      const shown = await page.locator('[data-state="error"]').allInnerTexts();
      for (const s of shown) problems.push(`${path}: error state shown: ${s.replace(/\s+/g, ' ')}`);
      for (const e of errors.slice(before)) problems.push(`${path}: ${e}`);
    };

    // The secretariat of every demo group, and a user of the other side.
    for (const user of ['mofa.secretariat@concord.demo', 'state.secretariat@concord.demo']) {
      await signIn(page, server.url, user);
      const groups = (await (await page.request.get(`${server.url}/api/working-groups`)).json()) as { items: { id: string }[] };
      assert.ok(groups.items.length >= 2, `${user} sees the demo groups`);
      await visit('/', '[data-testid^="group-"]');
      for (const g of groups.items) await visit(`/groups/${g.id}`, '#next-meetings');
      if (user.startsWith('mofa')) for (const s of SCREENS) await visit(s.path, s.ready);
      await signOut(page);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(server.errors(), [], 'the server logged no error');
  });
}
