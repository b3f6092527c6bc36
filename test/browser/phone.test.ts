/**
 * On a 390 px phone nothing runs off the screen: every screen of a group, in English and Korean,
 * fits the width of the window (a wide table scrolls inside its own box, never the page).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, newContext, setUpBrowser, settled, signIn, startServer, until, type Server } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);
const PHONE = { width: 390, height: 844 };
const SCREENS = [
  '/groups',
  '/groups/cg-2025',
  '/groups/cg-2025/meetings',
  '/groups/cg-2025/meetings/m-2025-12-16',
  '/groups/cg-2025/positions',
  '/groups/cg-2025/statements',
  '/groups/cg-2025/review',
  '/groups/cg-2025/discipline',
  '/groups/cg-2025/alignment',
  '/groups/cg-2025/documents',
  '/groups/cg-2025/documents/doc-press-2025',
  '/groups/cg-2025/commitments',
  '/groups/wg-2018/projects',
  '/groups/cg-2025/audit',
  '/groups/cg-2025/calendar',
  '/groups/cg-2025/settings',
];

describe('a 390 px phone', { skip }, () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  for (const locale of ['en-GB', 'ko-KR']) {
    test(`every screen fits the width, ${locale}`, { timeout: 240_000 }, async () => {
      const ctx = await newContext(browser(), { viewport: PHONE, locale });
      try {
        const page = await ctx.newPage();
        await signIn(page, server.url, 'mofa.secretariat@concord.demo');
        if (locale === 'ko-KR') {
          await page.getByText('한국어', { exact: true }).click();
          await until(page, "document.documentElement.lang === 'ko'");
        }
        const wide: string[] = [];
        for (const path of SCREENS) {
          await page.goto(`${server.url}${path}`);
          await settled(page);
          const { width, scrollWidth } = (await page.evaluate('({ width: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth })')) as {
            width: number;
            scrollWidth: number;
          };
          if (scrollWidth > width + 1) wide.push(`${path}: ${scrollWidth} px`);
        }
        assert.deepEqual(wide, [], 'screens wider than the phone');
      } finally {
        await ctx.close();
      }
    });
  }
});
