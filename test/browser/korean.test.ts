/**
 * No raw codes or ids on any screen, and Korean names in the Korean interface: every main screen of
 * the demo's groups, in Korean and in English, as a demo user, through the started server
 * (`concord serve --demo-if-empty`, see harness.ts). A screen fails on a visible token that looks
 * like a snake_case code (`investment_trade`), a record id of the demo (`pos-rok-internal`,
 * `m-2025-12-16`) or a UUID; in Korean, it also fails when a heading, a badge or a table heading
 * shows the English name of a record that has a Korean one ("NORTH KOREA" for the track 북한).
 * Build first: `vite build --config vite.config.ts`.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoScenario } from '../../src/server/demo/scenario.ts';
import { browserSkip, newContext, printServerLog, settled, setUpBrowser, signIn, startServer, watchPage, type Server } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const SNAKE = /\b[a-z]+_[a-z_]+\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Every id of the demo's records that could not be mistaken for a word (it holds a hyphen or a digit). */
const demoIds = (): Set<string> => {
  const ids = new Set<string>();
  for (const rows of Object.values(demoScenario) as Record<string, unknown>[][]) {
    for (const row of rows) {
      const id = row.id;
      if (typeof id === 'string' && /[-\d]/.test(id) && /[a-z]/.test(id) && id.length >= 4) ids.add(id);
    }
  }
  return ids;
};

/** English names of the demo's records that have a Korean one (and differ from it). */
const englishNames = (): string[] => {
  const names = new Set<string>();
  for (const rows of Object.values(demoScenario) as Record<string, unknown>[][]) {
    for (const row of rows) {
      for (const [en, ko] of [
        ['name', 'name_ko'],
        ['title', 'title_ko'],
      ]) {
        const e = row[en];
        const k = row[ko];
        if (typeof e === 'string' && typeof k === 'string' && k && e !== k && e.length >= 4) names.add(e);
      }
    }
  }
  return [...names];
};

const GROUP_SCREENS = ['', '/meetings', '/positions', '/statements', '/documents', '/commitments', '/projects', '/audit', '/calendar', '/alignment', '/review', '/discipline'];
const SCREENS: { path: string; user: string }[] = [
  { path: '/', user: 'mofa.secretariat@concord.demo' },
  ...GROUP_SCREENS.map((s) => ({ path: `/groups/wg-2018${s}`, user: 'mofa.secretariat@concord.demo' })),
  ...GROUP_SCREENS.map((s) => ({ path: `/groups/cg-2025${s}`, user: 'mofa.secretariat@concord.demo' })),
  { path: '/groups/cg-2025/meetings/m-2025-12-16', user: 'mofa.secretariat@concord.demo' },
  { path: '/groups/cg-2025/documents/doc-press-2025', user: 'mofa.secretariat@concord.demo' },
  { path: '/groups/wg-2018/commitments', user: 'state.secretariat@concord.demo' },
  { path: '/groups/wg-2018/positions', user: 'state.desk@concord.demo' },
];

interface Seen {
  text: string;
  labels: string[];
}

/** The visible text of the page, and the texts of its headings, badges and table headings. */
/**
 * Left out: code blocks (a feed URL, an API example a user copies on purpose), and in labels the
 * original-language companion of a bilingual title (marked lang="en", shown beneath the Korean).
 */
const seen = (page: Page): Promise<Seen> =>
  page.evaluate(`(() => {
    const visible = (el) => el.getClientRects().length > 0;
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (el && visible(el) && !el.closest('code, pre, kbd, script, style')) texts.push(n.textContent);
    }
    const labels = [...document.querySelectorAll('h1, h2, h3, h4, h5, th, .mantine-Badge-root, [role="tab"], [style*="text-transform: uppercase"]')]
      .filter(visible)
      .map((el) => {
        const copy = el.cloneNode(true);
        for (const x of copy.querySelectorAll('[lang="en"]')) x.remove();
        return (copy.textContent ?? '').trim();
      })
      .filter(Boolean);
    return { text: texts.join('\\n'), labels };
  })()`) as Promise<Seen>;

const problems = (s: Seen, lang: 'ko' | 'en', ids: Set<string>, names: string[]): string[] => {
  const out: string[] = [];
  for (const m of s.text.match(SNAKE) ?? []) out.push(`code "${m}"`);
  for (const m of s.text.match(UUID) ?? []) out.push(`uuid "${m}"`);
  for (const tok of s.text.split(/[\s,;:()[\]'"“”‘’·/]+/)) {
    const bare = tok.replace(/[.…]+$/, '');
    if (ids.has(bare)) out.push(`id "${bare}"`);
  }
  if (lang === 'ko') {
    for (const label of s.labels) {
      const low = label.toLowerCase();
      for (const n of names) if (low.includes(n.toLowerCase())) out.push(`English name "${n}" in "${label}"`);
    }
  }
  return [...new Set(out)];
};

describe('Korean everywhere, no raw codes on screen', { skip }, () => {
  let server: Promise<Server> | undefined;
  after(async () => {
    await (await server?.catch(() => undefined))?.close();
  });

  /** Visits every screen in one language; returns what it found wrong. */
  async function visit(s: Server, lang: 'ko' | 'en'): Promise<string[]> {
    const ids = demoIds();
    const names = englishNames();
    const ctx = await newContext(browser(), { locale: lang === 'ko' ? 'ko-KR' : 'en-GB' });
    try {
      await ctx.addInitScript(`try { localStorage.setItem('concord.lang', '${lang}') } catch {}`);
      const page = await ctx.newPage();
      const found = watchPage(page);
      let user = '';
      for (const screen of SCREENS) {
        if (screen.user !== user) {
          if (user) await ctx.clearCookies();
          await signIn(page, s.url, screen.user);
          user = screen.user;
        }
        await page.goto(`${s.url}${screen.path}`);
        await page.waitForLoadState('networkidle');
        await settled(page);
        const pageLang = await page.evaluate('document.documentElement.lang');
        if (pageLang !== lang) found.push(`${screen.path}: <html lang="${pageLang}">`);
        for (const p of problems(await seen(page), lang, ids, names)) found.push(`${lang} ${screen.path} (${user}): ${p}`);
      }
      return found;
    } finally {
      await ctx.close();
    }
  }

  test('every main screen, in Korean and in English, shows names, not codes or ids', { timeout: 300_000 }, async (t) => {
    server ??= startServer();
    const s = await server;
    printServerLog(t, s);
    const [ko, en] = await Promise.all([visit(s, 'ko'), visit(s, 'en')]);
    assert.deepEqual([...ko, ...en], []);
  });
});
