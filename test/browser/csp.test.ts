/**
 * The web app under its Content-Security-Policy (no inline scripts but the hashed boot script):
 * every screen, and Swagger UI at /api/docs, load in Chromium without a single CSP violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, settled, signIn, startServer, browserSkip, setUpBrowser, until } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const SCREENS = [
  '/',
  '/groups/cg-2025',
  '/groups/cg-2025/meetings',
  '/groups/cg-2025/meetings/m-2025-12-16',
  '/groups/cg-2025/positions',
  '/groups/cg-2025/statements',
  '/groups/cg-2025/documents',
  '/groups/cg-2025/documents/doc-press-2025',
  '/groups/cg-2025/commitments',
  '/groups/wg-2018/projects',
  '/groups/cg-2025/audit',
  '/groups/cg-2025/calendar',
  '/groups/cg-2025/alignment',
  '/groups/cg-2025/review',
  '/groups/cg-2025/discipline',
];

test('no CSP violation on any screen, the boot script runs, and Swagger UI works', { skip, timeout: 300_000 }, async (t) => {
  const server = await startServer();
  const ctx = await newContext(browser());
  t.after(async () => {
    await ctx.close();
    await server.close();
  });
  const page = await ctx.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => violations.push(`${page.url()}: page error ${e.message}`));
  // The browser's own report of every violation (the console may word them differently).
  await ctx.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));`);

  await page.goto(`${server.url}/sign-in`);
  await signIn(page, server.url, 'mofa.secretariat@concord.demo');
  for (const path of SCREENS) {
    await page.goto(server.url + path);
    await settled(page);
    if (path === '/groups/cg-2025') {
      // The boot script (inline, allowed by its hash) ran and started the dashboard's requests.
      assert.equal(await page.evaluate('typeof window.__concordBoot'), 'object', 'the hashed boot script ran');
      // …and the app asked for every one of them by the same URL: the script and the app's
      // prefetch read one list (src/web/api/boot-requests.ts). (Taken in time or, on a slow
      // machine, after the responses went stale: either way the URLs matched.)
      const TAKEN = `performance.getEntriesByType('mark').filter((m) => /^concord:boot-(hit|late):/.test(m.name)).length`;
      await until(page, `Object.keys(window.__concordBoot.res).length === 0 && ${TAKEN} >= 9`, 30_000).catch(() => {});
      const left = await page.evaluate('Object.keys(window.__concordBoot.res)');
      assert.deepEqual(left, [], 'the app asked for every request the boot script started, by the same URL');
      const taken = (await page.evaluate(TAKEN)) as number;
      const names = await page.evaluate(`performance.getEntriesByType('mark').map((m) => m.name).join(' ')`);
      assert.equal(taken, 9, `nine requests started by the boot script, nine asked for by the app: ${names}`);
    }
  }
  await page.goto(`${server.url}/api/docs`);
  // The sections start folded (app.ts: some 140 operations); every section is listed, and one opens.
  await page.locator('.swagger-ui .opblock-tag').first().waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('.swagger-ui .opblock-tag').count()) > 10, 'Swagger UI lists the API');
  await page.locator('.swagger-ui .opblock-tag', { hasText: 'meetings' }).first().click();
  await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('.swagger-ui .opblock').count()) > 10, 'a section lists its operations');
  assert.deepEqual(violations, []);
});
