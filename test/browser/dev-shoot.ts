/**
 * Development aid: signs in on a running server and screenshots the given paths.
 * node test/browser/dev-shoot.ts <base> <email> <outdir> <path> [path…]
 */
import { launchBrowser, newContext, signIn, settled } from './harness.ts';

const [base, email, out, ...paths] = process.argv.slice(2);
const browser = await launchBrowser();
const width = Number(process.env.WIDTH ?? 1280);
const ctx = await newContext(browser, { viewport: { width, height: 860 } });
const page = await ctx.newPage();
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console:', m.text());
});
page.on('pageerror', (e) => console.log('pageerror:', e.message));
if (email !== '-') await signIn(page, base, email, process.env.PASSWORD ?? 'concord-demo');
for (const p of paths) {
  await page.goto(base + p);
  try {
    await settled(page, 8000);
  } catch {
    console.log('not settled', p);
  }
  await page.waitForTimeout(Number(process.env.WAIT ?? 400));
  const name = p.replace(/[^a-z0-9]+/gi, '_') || 'root';
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log('shot', p);
}
await browser.close();
