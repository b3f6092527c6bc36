/**
 * Browser-test harness: Concord as `npm start` runs it — `concord serve --demo-if-empty` started
 * as a child process (test/started/server.ts) over a fresh store, SQLite or PostgreSQL, serving
 * the built web app from dist/web — and a headless Chromium with a fresh profile. Build first:
 * `vite build --config vite.config.ts`.
 */
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { printLogIfFailed, startConcord, startedStores, type StartedStore } from '../started/server.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WEB_ROOT = join(ROOT, 'dist/web');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const DEMO_PASSWORD = 'concord-demo';
export const CHROMIUM = process.env.CONCORD_CHROMIUM ?? '/usr/bin/chromium';

export interface Server {
  url: string;
  store: StartedStore;
  /** The server's stdout and stderr so far. */
  log(): string;
  /** The lines of that log at level error or fatal. */
  errors(): string[];
  close(): Promise<void>;
}

/**
 * The stores the full browser suite runs on: CONCORD_BROWSER_STORES (`sqlite`, `postgres` or
 * `sqlite,postgres`), SQLite by default. The smoke test (smoke.test.ts) runs on every store the
 * started-process tests use: SQLite, and PostgreSQL when CONCORD_TEST_PG is set.
 */
export function browserStores(): StartedStore[] {
  const asked = (process.env.CONCORD_BROWSER_STORES ?? 'sqlite')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const s of asked) if (s !== 'sqlite' && s !== 'postgres') throw new Error(`CONCORD_BROWSER_STORES: unknown store "${s}" (sqlite, postgres)`);
  if (asked.includes('postgres') && !process.env.CONCORD_TEST_PG) throw new Error('CONCORD_BROWSER_STORES names postgres but CONCORD_TEST_PG is not set');
  return asked as StartedStore[];
}

/** The stores the browser smoke test runs on: SQLite, and PostgreSQL when CONCORD_TEST_PG is set. */
export const smokeStores = startedStores;

/** The built app must exist: the browser tests test what ships, they never build it themselves. */
export function requireBuild(): void {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error('dist/web/index.html is missing: run `node_modules/.bin/vite build --config vite.config.ts` before the browser tests');
  }
}

/**
 * Starts `concord serve --demo-if-empty` over a fresh store (SQLite unless told) on a free port;
 * `close` stops it (SIGTERM) and removes the store. Sign-in is not throttled for the browser
 * (CONCORD_SIGNIN_PER_MINUTE), which signs in and out many times a minute.
 */
export async function startServer(opts: { store?: StartedStore; databaseUrl?: string; seed?: 'demo' | 'users-only'; env?: Record<string, string> } = {}): Promise<Server> {
  requireBuild();
  const s = await startConcord({ store: opts.store, databaseUrl: opts.databaseUrl, seed: opts.seed, signInPerMinute: 10_000, env: opts.env });
  return { url: s.url, store: s.store, log: s.log, errors: s.errors, close: () => s.stop() };
}

/** Prints the server's log under a test that failed. */
export function printServerLog(t: { after(fn: () => void): void; readonly name: string }, server: Server): void {
  printLogIfFailed(t, server);
}

/**
 * What a page must never show: uncaught errors, console errors, and answers >= 500 from the
 * server. The list fills as the page runs; a test asserts it empty. (A 4xx the app expects, such
 * as the 401 of the session check before sign-in, is not an error; Chromium reports it on the
 * console as a failed resource, which is left out.)
 */
export function watchPage(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
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

/** Runs axe-core on the page (WCAG 2.1 A and AA, and best practice); returns every violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a script tag: the app's Content-Security-Policy refuses inline scripts.
  await page.evaluate(AXE_SOURCE());
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`)) as {
    violations: AxeViolation[];
  };
  return result.violations;
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const describeViolations = (vs: AxeViolation[]) =>
  vs
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
          .join('\n  ')}`,
    )
    .join('\n');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transitions first (a modal fading in, a drawer sliding): a picture taken mid-way shows blends,
  // not the design. Endless animations (a loader's spin) are not waited for.
  await until(page, `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`, 3000).catch(() => {});
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

/**
 * Whether the browser tests can run here: the built app and Chromium. Missing either skips them
 * with a message, or fails the run when CONCORD_BROWSER_TESTS=1 (as in CI).
 */
export function browserSkip(): string | false {
  const missing = !existsSync(join(WEB_ROOT, 'index.html')) ? 'dist/web is not built' : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : null;
  if (missing && process.env.CONCORD_BROWSER_TESTS === '1') throw new Error(`browser tests: ${missing} (run \`vite build --config vite.config.ts\` and install Chromium)`);
  return missing ? `browser tests skipped: ${missing}` : false;
}

/** One Chromium for the test file, launched before its tests and closed after them; call at the top level. */
export function setUpBrowser(skip: string | false): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    if (!skip) browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser!;
}
