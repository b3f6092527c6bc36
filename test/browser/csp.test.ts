/**
 * The web app under its Content-Security-Policy (no inline scripts but the hashed boot script):
 * every screen, and Swagger UI at /api/docs, load in Chromium without a single CSP violation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM, WEB_ROOT, launchBrowser, newContext, settled, signIn, startServer } from './harness.ts';

const required = process.env.CONCORD_BROWSER_TESTS === '1';
const missing = !existsSync(join(WEB_ROOT, 'index.html')) ? 'dist/web is not built' : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : null;
if (missing && required) throw new Error(`browser tests: ${missing}`);
const skip = missing ? `browser tests skipped: ${missing}` : false;

let browser: Browser;
before(async () => {
  if (!skip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const SCREENS = [
  '/', '/groups/cg-2025', '/groups/cg-2025/meetings', '/groups/cg-2025/meetings/m-2025-12-16', '/groups/cg-2025/positions',
  '/groups/cg-2025/statements', '/groups/cg-2025/documents', '/groups/cg-2025/documents/doc-press-2025', '/groups/cg-2025/commitments',
  '/groups/wg-2018/projects', '/groups/cg-2025/audit', '/groups/cg-2025/calendar', '/groups/cg-2025/alignment', '/groups/cg-2025/review',
  '/groups/cg-2025/discipline',
];

test('no CSP violation on any screen, the boot script runs, and Swagger UI works', { skip, timeout: 300_000 }, async (t) => {
  const server = await startServer({ requireDemo: true });
  const ctx = await newContext(browser);
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

  await page.goto(server.url + '/sign-in');
  await signIn(page, server.url, 'mofa.secretariat@concord.demo');
  for (const path of SCREENS) {
    await page.goto(server.url + path);
    await settled(page);
    if (path === '/groups/cg-2025') {
      // The boot script (inline, allowed by its hash) ran and started the dashboard's requests.
      assert.equal(await page.evaluate('typeof window.__concordBoot'), 'object', 'the hashed boot script ran');
    }
  }
  await page.goto(server.url + '/api/docs');
  await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('.swagger-ui .opblock').count()) > 10, 'Swagger UI lists the API');
  assert.deepEqual(violations, []);
});
