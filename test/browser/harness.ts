/**
 * Browser-test harness: the real Concord server in-process over a fresh SQLite file (demo data
 * when the demo loader exists), serving the built web app from dist/web, and a headless
 * Chromium with a fresh profile. Build first: `vite build --config vite.config.ts`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.ts';
import { migrateToLatest, openStore, type Store } from '../../src/server/db/database.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WEB_ROOT = join(ROOT, 'dist/web');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const DEMO_PASSWORD = 'concord-demo';
export const CHROMIUM = process.env.CONCORD_CHROMIUM ?? '/usr/bin/chromium';

export interface Server {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** True when the demo scenario was loaded (false: only the factory world from test/helpers). */
  demo: boolean;
  close(): Promise<void>;
}

/** The built app must exist: the browser tests test what ships, they never build it themselves. */
export function requireBuild(): void {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error('dist/web/index.html is missing: run `node_modules/.bin/vite build --config vite.config.ts` before the browser tests');
  }
}

type DemoLoader = (store: Store) => Promise<unknown>;

async function findDemoLoader(): Promise<DemoLoader | undefined> {
  const path = join(ROOT, 'src/server/demo/load.ts');
  if (!existsSync(path)) return undefined;
  const mod = (await import(path)) as Record<string, unknown>;
  const fn = (mod.loadDemo ?? mod.default) as DemoLoader | undefined;
  return typeof fn === 'function' ? fn : undefined;
}

/** Starts the server on a random port over a fresh store. */
export async function startServer(opts: { requireDemo?: boolean } = {}): Promise<Server> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'concord-web-'));
  const store = openStore(`sqlite:${join(dir, 'concord.db')}`);
  await migrateToLatest(store.db);
  const loader = await findDemoLoader();
  let demo = false;
  if (loader) {
    await loader(store);
    demo = true;
  } else if (opts.requireDemo) {
    throw new Error('src/server/demo/load.ts (loadDemo) is not there yet: the browser tests need the demo scenario');
  } else {
    const { seedWorld } = await import('../helpers.ts');
    const { hashPassword } = await import('../../src/server/auth/password.ts');
    await seedWorld(store);
    // The factory world signs in with bearer tokens; give its users the demo password for the browser.
    await store.db.updateTable('users').set({ password_hash: await hashPassword(DEMO_PASSWORD) }).execute();
  }
  return { ...(await serveStore(store, dir)), demo };
}

/**
 * Serves the built app over a store on a free local port; `close` stops it, closes the store and
 * removes the store's folder.
 */
export async function serveStore(store: Store, dir: string): Promise<Omit<Server, 'demo'>> {
  const app = await buildApp({ store, webRoot: WEB_ROOT, signInPerMinute: 10_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const LAPTOP = { width: 1280, height: 860 };
export const TABLET = { width: 820, height: 1180 };

/** A fresh context (own cookies and storage) at laptop width, English unless told. */
export async function newContext(browser: Browser, opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: opts.viewport ?? LAPTOP, locale: opts.locale ?? 'en-GB', timezoneId: 'Asia/Seoul', deviceScaleFactor: 1 });
}

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/e-mail|이메일/i).fill(email);
  await page.getByLabel(/^password|비밀번호/i).fill(password);
  await page.getByRole('button', { name: /^sign in$|^로그인$/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 15_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /sign out|로그아웃/i }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/sign-in'), { timeout: 10_000 });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_SOURCE = () => readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a script tag: the app's Content-Security-Policy refuses inline scripts.
  await page.evaluate(AXE_SOURCE());
  const result = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const describeViolations = (vs: AxeViolation[]) =>
  vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until no element on the page announces a loading state. */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await until(page, `document.querySelectorAll('[data-state="loading"], [aria-busy="true"]').length === 0`, timeout);
}

/**
 * Waits until the expression `predicate` (evaluated in the page) is true. Polled with evaluate, not waitForFunction:
 * the latter evaluates its predicate with eval in the page, which the app's Content-Security-Policy
 * refuses ('unsafe-eval' is not allowed).
 */
export async function until(page: Page, predicate: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(predicate))) {
    if (Date.now() > end) throw new Error(`not true in ${timeout} ms: ${predicate.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
