/**
 * Accessibility of every screen (issue 14, "Done when"): axe-core over every route of the web app
 * (read from src/web/app/App.tsx, so a new route is covered or this test says which id it lacks),
 * with real ids from the demo, and over the main dialogs opened, in English and in Korean. Fails on
 * any serious or critical violation; counts the moderate ones by rule, prints them and writes them
 * to $CONCORD_AXE_REPORT (default /tmp/concord-axe-moderate.json). Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  LAPTOP,
  ROOT,
  axeViolations,
  browserSkip,
  describeViolations,
  printServerLog,
  settled,
  setUpBrowser,
  signIn,
  startServer,
  until,
  watchPage,
  type AxeViolation,
  type Server,
} from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);
const REPORT = process.env.CONCORD_AXE_REPORT ?? '/tmp/concord-axe-moderate.json';

/** A label as the start of the field's name (a required field's label ends with its asterisk). */
const starts = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The routes the app declares, as written in App.tsx. */
function appRoutes(): string[] {
  const src = readFileSync(join(ROOT, 'src/web/app/App.tsx'), 'utf8');
  return [...src.matchAll(/path:\s*'([^']+)'/g)].map((m) => m[1]!);
}

/** Real ids from the demo for each route parameter (the series is made by the test). */
const IDS: Record<string, string> = {
  wgId: 'cg-2025',
  meetingId: 'm-2025-12-16',
  documentId: 'doc-press-2025',
  group: 'wg-2018',
};

interface Screen {
  name: string;
  path: string;
  /** The dialog (or drawer) to open: the test ids to click in turn. */
  open?: string[];
  /** A selector that shows the screen has its content. */
  ready?: string;
}

/** The main dialogs, each on the screen it opens from. */
const DIALOGS: Screen[] = [
  { name: 'new group', path: '/', open: ['new-group'] },
  { name: 'schedule a meeting', path: '/groups/cg-2025/meetings', open: ['create-meeting'] },
  { name: 'schedule a series', path: '/groups/cg-2025/meetings', open: ['create-series'] },
  { name: 'reply to a meeting', path: '/groups/cg-2025/meetings/m-2025-12-16', open: ['respond'] },
  { name: 'agenda item', path: '/groups/wg-2018/meetings/m-2019-01-17', open: ['add-agenda'] },
  { name: 'commitment from a meeting', path: '/groups/wg-2018/meetings/m-2019-01-17', open: ['commit-from-meeting'] },
  { name: 'new issue', path: '/groups/wg-2018/positions', open: ['new-issue'] },
  { name: 'record a position', path: '/groups/wg-2018/positions', open: ['record-position'] },
  { name: 'new statement', path: '/groups/cg-2025/statements', open: ['new-statement'] },
  { name: 'new document', path: '/groups/cg-2025/documents', open: ['new-document'] },
  { name: 'new version', path: '/groups/cg-2025/documents/doc-press-2025', open: ['new-version'] },
  { name: 'commitment from a clause', path: '/groups/cg-2025/documents/doc-jfs-2025', open: ['commit-from-clause'] },
  { name: 'new commitment', path: '/groups/cg-2025/commitments', open: ['new-commitment'] },
  { name: 'new project', path: '/groups/wg-2018/projects', open: ['new-project'] },
  { name: 'project drawer', path: '/groups/wg-2018/projects', open: ['@[data-project="p-tamiflu"]'] },
  { name: 'change a project’s stage', path: '/groups/wg-2018/projects', open: ['@[data-project="p-tamiflu"]', 'change-stage'] },
];

/** Waits until no transition runs (a modal fading in): colours read mid-way are blends. */
const still = (page: Page) => until(page, `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`, 5_000).catch(() => {});

describe('accessibility of every screen, in English and Korean', { skip }, () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  test('axe: no serious or critical violation; the moderate ones counted', { skip, timeout: 900_000 }, async (t) => {
    printServerLog(t, server);
    const failures: string[] = [];
    const moderate: Record<string, { help: string; count: number; screens: string[] }> = {};
    const minor: Record<string, number> = {};
    let visited = 0;
    const check = async (page: Page, where: string) => {
      await still(page);
      const vs: AxeViolation[] = await axeViolations(page);
      visited++;
      const bad = vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (bad.length) {
        failures.push(`${where}:\n${describeViolations(bad)}`);
        console.log(`serious or critical on ${where}:\n${describeViolations(bad)}`);
      }
      for (const v of vs.filter((x) => x.impact === 'moderate')) {
        moderate[v.id] ??= { help: v.help, count: 0, screens: [] };
        const m = moderate[v.id]!;
        m.count += v.nodes.length;
        m.screens.push(where);
      }
      for (const v of vs.filter((x) => x.impact === 'minor')) minor[v.id] = (minor[v.id] ?? 0) + v.nodes.length;
    };

    for (const [locale, lang] of [
      ['en-GB', 'en'],
      ['ko-KR', 'ko'],
    ] as const) {
      const ctx = await browser().newContext({ viewport: LAPTOP, locale, timezoneId: 'Asia/Seoul', deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        const errors = watchPage(page);
        await page.goto(`${server.url}/sign-in`);
        await page.getByRole('button', { name: /^sign in$|^로그인$/i }).waitFor();
        await check(page, `[${lang}] /sign-in`);
        await signIn(page, server.url, 'mofa.secretariat@concord.demo');
        assert.equal(await page.evaluate('document.documentElement.lang'), lang);

        // A series to show (the demo has none): scheduled from the meetings page.
        if (!IDS.seriesId) {
          await page.goto(`${server.url}/groups/cg-2025/meetings`);
          await settled(page, 30_000);
          await page.getByTestId('create-series').click();
          const dialog = page.getByRole('dialog');
          const words = JSON.parse(readFileSync(join(ROOT, `src/web/i18n/${lang}.json`), 'utf8')) as { meeting: Record<string, string>; series: Record<string, string> };
          await dialog.getByLabel(starts(words.meeting.titleEn!)).first().fill('Monthly implementation consultation');
          await dialog.getByLabel(starts(words.series.firstStart!)).first().fill('2027-03-09T10:00');
          await dialog.getByTestId('series-rule-text').waitFor();
          await dialog.getByTestId('create-series-submit').click();
          await page.waitForURL(/\/series\/[^/]+$/, { timeout: 30_000 });
          IDS.seriesId = new URL(page.url()).pathname.split('/').pop()!;
        }

        // Every route, with real ids.
        for (const route of appRoutes()) {
          if (route === '/sign-in') continue;
          const path =
            route === '*'
              ? '/no/such/screen'
              : route.replace(/:(\w+)/g, (_, k: string) => {
                  const id = IDS[k];
                  if (!id) throw new Error(`axe.test.ts has no demo id for :${k} (route ${route}): add one to IDS`);
                  return id;
                });
          await page.goto(server.url + path);
          await settled(page, 30_000);
          await page.waitForTimeout(200);
          await check(page, `[${lang}] ${path}`);
        }

        // The main dialogs, open.
        for (const s of DIALOGS) {
          await page.goto(server.url + s.path);
          await settled(page, 30_000);
          try {
            for (const o of s.open ?? []) {
              const target = o.startsWith('@') ? page.locator(o.slice(1)).first() : page.getByTestId(o).first();
              await target.click({ timeout: 15_000 });
            }
            await page.locator('[role="dialog"]').last().waitFor({ timeout: 15_000 });
          } catch (e) {
            failures.push(`[${lang}] ${s.name} (${s.path}): could not open it: ${(e as Error).message.split('\n')[0]}`);
            continue;
          }
          await settled(page, 30_000);
          await check(page, `[${lang}] ${s.name} (${s.path})`);
        }
        assert.deepEqual(errors, [], `[${lang}] the pages ran without errors`);
      } finally {
        await ctx.close();
      }
    }

    const counted = Object.fromEntries(Object.entries(moderate).sort((a, b) => b[1].count - a[1].count));
    const total = Object.values(moderate).reduce((n, m) => n + m.count, 0);
    writeFileSync(REPORT, `${JSON.stringify({ screens: visited, moderateTotal: total, moderate: counted, minor }, null, 2)}\n`);
    console.log(`axe over ${visited} screens and dialogs (English and Korean): ${total} moderate violation(s) by rule (${REPORT}):`);
    for (const [id, m] of Object.entries(counted)) console.log(`  ${id}: ${m.count} — ${m.help} (${m.screens.length} screen(s))`);
    assert.deepEqual(failures, []);
  });
});
