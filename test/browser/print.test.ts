/**
 * Printing: a joint document prints as the record only — no header, navigation or buttons — with
 * its English and Korean columns side by side and neither clipped; Chromium prints it to a PDF.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, newContext, setUpBrowser, settled, signIn, startServer, type Server } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

describe('printing', { skip }, () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  test('a joint document prints as the record only, its English and Korean columns whole', { timeout: 120_000 }, async () => {
    const ctx = await newContext(browser());
    try {
      const page = await ctx.newPage();
      await signIn(page, server.url, 'mofa.secretariat@concord.demo');
      await page.goto(`${server.url}/groups/cg-2025/documents/doc-press-2025`);
      await settled(page);
      await page.emulateMedia({ media: 'print' });
      const shown = (await page.evaluate(`(() => {
        const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0);
        const columns = [...document.querySelectorAll('main td[lang="ko"], main td[lang="en"], main .bilingual > *')].filter((e) => e.getBoundingClientRect().height > 0);
        const width = document.documentElement.clientWidth;
        return {
          header: visible('.mantine-AppShell-header'),
          nav: visible('.mantine-AppShell-navbar'),
          buttons: visible('main button'),
          columns: columns.length,
          clipped: columns.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width + 1).length,
          korean: columns.some((e) => /[\\uac00-\\ud7a3]/.test(e.textContent || '')),
          mainLeft: Math.round(document.querySelector('.mantine-AppShell-main').getBoundingClientRect().left),
        };
      })()`)) as { header: boolean; nav: boolean; buttons: boolean; columns: number; clipped: number; korean: boolean; mainLeft: number };
      assert.equal(shown.header, false, 'no header on paper');
      assert.equal(shown.nav, false, 'no navigation on paper');
      assert.equal(shown.buttons, false, 'no buttons on paper');
      assert.ok(shown.columns >= 2, `the clauses in two languages (${shown.columns} columns)`);
      assert.equal(shown.clipped, 0, 'no language column clipped');
      assert.ok(shown.korean, 'the Korean text is printed');
      assert.ok(shown.mainLeft < 40, `the record takes the page's width (starts at ${shown.mainLeft} px)`);
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    } finally {
      await ctx.close();
    }
  });
});
