/**
 * A feed followed from the Korean interface reaches the Korean review queue: the secretariat adds a
 * Korean Atom feed (served here by a local HTTP server) on the group's settings page; the feed
 * thread of `concord serve` fetches it; the review queue shows its statements in Korean, each
 * saying which feed it came from. Build first: `npm run build`.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserSkip, newContext, requireBuild, settled, setUpBrowser, signIn, until, watchPage } from './harness.ts';
import { printLogIfFailed, startConcord, type StartedServer } from '../started/server.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const KO_ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>통일 소식</title><id>urn:ko-feed</id><updated>2025-12-16T09:00:00+09:00</updated>
<entry><title>통일부, 한미 협의 불참</title><id>urn:ko-1</id><link href="https://news.example/ko/1"/><published>2025-12-16T09:00:00+09:00</published>
<content type="html">&lt;p&gt;정동영 통일부 장관은 16일 "남북 대화의 문을 계속 열어 두겠다"고 말했다.&lt;/p&gt;</content></entry>
</feed>`;

describe('feeds in the Korean interface', { skip }, () => {
  const feedServer = createServer((req, res) => {
    if (req.url === '/ko.atom') res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(KO_ATOM);
    else res.writeHead(404).end();
  });
  let concord: StartedServer | undefined;
  after(async () => {
    await concord?.stop();
    feedServer.closeAllConnections();
    await new Promise((r) => feedServer.close(r));
  });

  test('the secretariat follows a Korean feed; its items appear in the Korean review queue, named by the feed', async (t) => {
    requireBuild();
    await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', () => r()));
    const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/ko.atom`;
    // The feed thread on, looking for due feeds twice a second, and allowed to fetch from this machine.
    concord = await startConcord({ signInPerMinute: 10_000, env: { CONCORD_FEEDS_MINUTES: '30', CONCORD_FEEDS_TICK_MS: '500', CONCORD_FEEDS_ALLOW: '127.0.0.0/8' } });
    printLogIfFailed(t, concord);
    const ctx = await newContext(browser(), { locale: 'ko-KR' });
    await ctx.addInitScript(`try { localStorage.setItem('concord.lang', 'ko') } catch {}`);
    const page = await ctx.newPage();
    const errors = watchPage(page);
    await signIn(page, concord.url, 'mofa.secretariat@concord.demo');
    await page.goto(`${concord.url}/groups/cg-2025/settings`);
    await settled(page);
    const card = page.getByTestId('group-feeds');
    await card.getByLabel('피드 주소').fill(feedUrl);
    await card.getByRole('button', { name: '구독' }).click();
    await until(page, `document.querySelectorAll('[data-testid="feed-row"]').length === 1`);
    // Fetched by the server's feed thread: the card shows the status in Korean once it has been.
    await page.reload();
    for (let i = 0; i < 40; i++) {
      await settled(page);
      if ((await card.getByTestId('feed-status').innerText()) === '수집 완료') break;
      await new Promise((r) => setTimeout(r, 500));
      await page.reload();
    }
    assert.equal(await card.getByTestId('feed-status').innerText(), '수집 완료');
    assert.match(await card.innerText(), /통일 소식/);

    await page.goto(`${concord.url}/groups/cg-2025/review`);
    await settled(page);
    await until(page, `document.body.innerText.includes('남북 대화의 문을 계속 열어 두겠다')`);
    const from = page.getByTestId('candidate-feed').first();
    assert.match(await from.innerText(), /피드 통일 소식에서 수집/);
    assert.equal(await page.evaluate('document.documentElement.lang'), 'ko');
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
