/**
 * The briefing book of a meeting, printed: Chromium prints the page to PDF and the PDF's text is
 * read back (unpdf), in English with MOFA's secretariat and in Korean with State's desk officer.
 * The agenda titles, a position, a commitment and the alignment's n must be on paper.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Page } from 'playwright-core';
import { browserSkip, describeViolations, newContext, seriousViolations, setUpBrowser, settled, signIn, startServer, until, type Server } from './harness.ts';
import type { Briefing } from '../../src/core/api/briefing.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);
const MEETING = 'm-2025-12-16';

/** Text compared without its whitespace: the PDF breaks lines (and Korean words) where the page does. */
const squash = (s: string) => s.replace(/\s+/g, '');

async function printedText(page: Page): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), '%PDF-');
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text as string;
}

describe('briefing book', { skip }, () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  for (const [lang, email, locale] of [
    ['en', 'mofa.secretariat@concord.demo', 'en-GB'],
    ['ko', 'state.desk@concord.demo', 'ko-KR'],
  ] as const) {
    test(`printed to PDF in ${lang === 'en' ? 'English' : 'Korean'}: agenda, a position, a commitment and the alignment's n come back as text`, { timeout: 180_000 }, async () => {
      const ctx = await newContext(browser(), { locale });
      try {
        const page = await ctx.newPage();
        await signIn(page, server.url, email);
        await page.goto(`${server.url}/groups/cg-2025/meetings/${MEETING}`);
        await settled(page);
        await page.getByTestId('briefing-link').click();
        await page.waitForURL((u) => u.pathname.endsWith('/briefing'));
        await until(page, `!!document.querySelector('[data-testid="briefing-agenda"]')`, 30_000);
        await settled(page);
        const b = (await page.evaluate(`fetch('/api/meetings/${MEETING}/briefing').then((r) => r.json())`)) as Briefing;
        assert.ok(b.agenda.length >= 3, `${b.agenda.length} agenda items`);
        const position = b.agenda.flatMap((a) => a.positions).find((p) => p.rationale);
        assert.ok(position, 'a position with its rationale on an agenda issue');
        const commitment = b.commitments[0];
        assert.ok(commitment, 'an open commitment');
        const pair = b.alignment.pairs[0];
        assert.ok(pair, 'a pair of parties');

        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], describeViolations(violations));
        const screen = await page.innerText('main');
        assert.match(screen, lang === 'ko' ? /브리핑 자료/ : /Briefing book/);

        const text = squash(await printedText(page));
        for (const a of b.agenda) {
          assert.ok(text.includes(squash(a.title)), `agenda title "${a.title}" printed`);
          if (a.titleKo) assert.ok(text.includes(squash(a.titleKo)), `Korean agenda title "${a.titleKo}" printed`);
        }
        assert.ok(text.includes(squash(position.rationale!.slice(0, 40))), `the position "${position.rationale!.slice(0, 40)}…" printed`);
        assert.ok(text.includes(squash(commitment.title)), `the commitment "${commitment.title}" printed`);
        if (commitment.titleKo) assert.ok(text.includes(squash(commitment.titleKo)), 'its Korean title printed');
        assert.ok(text.includes(squash(`(n = ${pair.n})`)), `the alignment's n (${pair.n}) printed`);
        // The page says whose view it is, and in the reader's language.
        assert.ok(text.includes(squash(lang === 'ko' ? '귀하가 볼 수 있는 기록만' : 'only the records you may see')), 'the figures say they count what the viewer may see');
        assert.ok(text.includes(squash(lang === 'ko' ? '의제' : 'Agenda')));
        const chrome = (await page.evaluate(
          `['.mantine-AppShell-header', '.mantine-AppShell-navbar', 'main button', '.mantine-Breadcrumbs-root'].filter((sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0))`,
        )) as string[];
        assert.deepEqual(chrome, [], 'no header, navigation, breadcrumbs or buttons on paper');
      } finally {
        await ctx.close();
      }
    });
  }

  test("a table view downloads its CSV with its current filter: every row it selects, in the reader's language", { timeout: 120_000 }, async () => {
    const ctx = await browser().newContext({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul', acceptDownloads: true });
    try {
      const page = await ctx.newPage();
      await signIn(page, server.url, 'mofa.secretariat@concord.demo');
      await page.goto(`${server.url}/groups/cg-2025/commitments`);
      await settled(page);
      await page.locator('.mantine-SegmentedControl-label', { hasText: /^진행 중$/ }).click();
      await until(page, `(document.querySelector('[data-testid="download-csv"]')?.getAttribute('href') ?? '').includes('state=open')`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      assert.match(download.suggestedFilename(), /^commitments-\d{4}-\d{2}-\d{2}\.csv$/);
      const path = await download.path();
      const bytes = readFileSync(path!);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
      const rows = parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
      assert.equal(rows[0][0], '이행 약속', 'Korean headers for a Korean reader');
      const api = (await page.evaluate(`fetch('/api/commitments?wgId=cg-2025&state=open&limit=500').then((r) => r.json())`)) as { items: { id: string }[] };
      const idCol = rows[0].indexOf('ID');
      assert.deepEqual(
        rows
          .slice(1)
          .map((r) => r[idCol])
          .sort(),
        api.items.map((c) => c.id).sort(),
        'the rows the filter selects',
      );
      assert.ok(api.items.length > 0);
    } finally {
      await ctx.close();
    }
  });
});
