/**
 * Feeds a group follows, fetched from a local HTTP server: an English RSS feed (with an ETag, so
 * the second fetch is a 304), a Korean Atom feed, a broken one (malformed XML) and one that
 * answers 500, a slow one (beyond the timeout), and one that repeats an item under a new address
 * with the same text. On both stores.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { claimDueFeeds, contentHash, fetchDueFeeds, type FeedReport, type FetchOptions } from '../src/server/feeds/fetch.ts';
import { addressRefusal } from '../src/server/feeds/http.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World } from './helpers.ts';

const EN_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Alliance Wire</title>
<item><title>Survey agreed</title><link>https://news.example/en/1</link><guid>en-1</guid><pubDate>Tue, 20 Nov 2018 10:00:00 +0900</pubDate>
<description>&lt;p&gt;"We view them as tandem, as moving forward together," Pompeo said after the meeting.&lt;/p&gt;</description></item>
<item><title>Working group meets</title><link>https://news.example/en/2</link><guid>en-2</guid><pubDate>Wed, 21 Nov 2018 10:00:00 +0900</pubDate>
<description><![CDATA[<p>"The working group will meet again next month," a State Department spokesperson said.</p>]]></description></item>
</channel></rss>`;

const KO_ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>통일 소식</title><id>urn:ko-feed</id><updated>2025-12-16T09:00:00+09:00</updated>
<entry><title>통일부, 한미 협의 불참</title><id>urn:ko-1</id><link href="https://news.example/ko/1"/><published>2025-12-16T09:00:00+09:00</published>
<content type="html">&lt;p&gt;정동영 통일부 장관은 16일 "남북 대화의 문을 계속 열어 두겠다"고 말했다.&lt;/p&gt;</content></entry>
<entry><title>외교부 입장</title><id>urn:ko-2</id><link href="https://news.example/ko/2"/><published>2025-12-16T11:00:00+09:00</published>
<content type="html">&lt;p&gt;외교부 당국자는 "한미 공조에는 변함이 없다"고 밝혔다.&lt;/p&gt;</content></entry>
</feed>`;

const BROKEN = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Unclosed <<< & >>></channel>`;

/** The first English item again, under a new address and guid, with the same text. */
const REPEAT_RSS = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Mirror</title>
<item><title>Survey agreed (mirror)</title><link>https://mirror.example/story/99</link><guid>mirror-99</guid><pubDate>Tue, 20 Nov 2018 11:00:00 +0900</pubDate>
<description>&lt;p&gt;"We view them as tandem, as moving forward together,"   Pompeo said after the meeting.&lt;/p&gt;</description></item>
</channel></rss>`;

const ETAG = '"en-v1"';

interface Hits {
  [path: string]: { count: number; ifNoneMatch: (string | undefined)[] };
}

function feedServer(): Promise<{ server: Server; base: string; hits: Hits }> {
  const hits: Hits = {};
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] ??= { count: 0, ifNoneMatch: [] };
    hits[path].count += 1;
    hits[path].ifNoneMatch.push(req.headers['if-none-match']);
    if (path === '/en.rss') {
      if (req.headers['if-none-match'] === ETAG) {
        res.writeHead(304, { etag: ETAG }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG }).end(EN_RSS);
    } else if (path === '/ko.atom') res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(KO_ATOM);
    else if (path === '/broken.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(BROKEN);
    else if (path === '/error.rss') res.writeHead(500).end('Internal Server Error');
    else if (path === '/slow.rss') {
      const t = setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(EN_RSS), 3000);
      res.on('close', () => clearTimeout(t));
    } else if (path === '/repeat.rss') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(REPEAT_RSS);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })));
}

test('addresses: private, loopback and link-local ones are refused unless allowed', () => {
  assert.match(addressRefusal('127.0.0.1', {})!, /loopback/);
  assert.match(addressRefusal('10.1.2.3', {})!, /private/);
  assert.match(addressRefusal('169.254.169.254', {})!, /linkLocal/);
  assert.match(addressRefusal('::ffff:127.0.0.1', {})!, /loopback/);
  assert.match(addressRefusal('fd00::1', {})!, /uniqueLocal/);
  assert.equal(addressRefusal('8.8.8.8', {}), null);
  assert.equal(addressRefusal('127.0.0.1', { allow: ['127.0.0.0/8'] }), null);
  assert.equal(addressRefusal('10.1.2.3', { allowPrivate: true }), null);
  assert.match(addressRefusal('8.8.8.8', { deny: ['8.8.0.0/16'] })!, /denied/);
});

test('content hash: the same text under other whitespace and case is the same item', () => {
  assert.equal(contentHash({ title: 'a', text: 'He said  "Yes".' }), contentHash({ title: 'b', text: 'he said "yes". ' }));
  assert.notEqual(contentHash({ title: 'a', text: 'He said "Yes".' }), contentHash({ title: 'a', text: 'He said "No".' }));
});

for (const kind of storeKinds()) {
  describe(`feeds (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let feedHttp: Awaited<ReturnType<typeof feedServer>>;
    const ids: Record<string, string> = {};
    const opts = (over: Partial<FetchOptions> = {}): FetchOptions => ({ intervalMinutes: 30, timeoutMs: 700, maxBytes: 100_000, addresses: { allow: ['127.0.0.0/8', '::1'] }, ...over });
    const byUrl = (reports: FeedReport[], path: string) => reports.find((r) => r.url.endsWith(path))!;
    const feedRow = (id: string) => store.db.selectFrom('group_feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      feedHttp = await feedServer();
    });
    after(async () => {
      await app.close();
      await store.close();
      feedHttp.server.closeAllConnections();
      await new Promise((r) => feedHttp.server.close(r));
    });

    test("only the group's secretariat follows feeds; the address is checked; the same one twice is a 409", async () => {
      for (const u of ['mofa_chair', 'mofa_member', 'mofa_observer', 'mofa_none']) {
        const r = await call(app, w.users[u], { method: 'POST', url: '/api/feeds', payload: { wgId: w.wgId, url: `${feedHttp.base}/en.rss` } });
        assert.ok(r.status === 403 || r.status === 400, `${u}: ${r.status}`);
      }
      const bad = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/feeds', payload: { wgId: w.wgId, url: 'ftp://x.example/feed' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.url');
      for (const [name, path, language] of [
        ['en', '/en.rss', undefined],
        ['ko', '/ko.atom', 'ko'],
        ['broken', '/broken.xml', undefined],
        ['error', '/error.rss', undefined],
        ['slow', '/slow.rss', undefined],
      ] as const) {
        const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/feeds', payload: { wgId: w.wgId, url: `${feedHttp.base}${path}`, ...(language ? { language } : {}) } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids[name] = r.body.id;
      }
      const again = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/feeds', payload: { wgId: w.wgId, url: `${feedHttp.base}/en.rss` } });
      assert.equal(again.status, 409);
      const follow = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'feed.follow').where('entity_id', '=', ids.en).executeTakeFirst();
      assert.ok(follow, 'following is audited');
    });

    test('one round: new items of the English and Korean feeds reach the review queue; the broken, failing and slow ones say why', async () => {
      const reports = await fetchDueFeeds(store, opts());
      assert.equal(reports.length, 5);
      const en = byUrl(reports, '/en.rss');
      assert.deepEqual([en.status, en.added], ['ok', 2]);
      const ko = byUrl(reports, '/ko.atom');
      assert.deepEqual([ko.status, ko.added], ['ok', 2]);
      const broken = byUrl(reports, '/broken.xml');
      assert.equal(broken.status, 'malformed');
      assert.match(broken.detail!, /line \d+/);
      assert.deepEqual([byUrl(reports, '/error.rss').status, byUrl(reports, '/error.rss').detail], ['http_error', 'HTTP 500']);
      assert.equal(byUrl(reports, '/slow.rss').status, 'timeout');
      const articles = await store.db.selectFrom('articles').select(['id', 'feed_id', 'language', 'source_url', 'scope', 'owner_org_id']).where('feed_id', 'is not', null).execute();
      assert.equal(articles.length, 4);
      assert.deepEqual(
        articles.filter((a) => a.feed_id === ids.ko).map((a) => a.language),
        ['ko', 'ko'],
      );
      assert.ok(articles.every((a) => a.scope === 'group' && a.owner_org_id === w.orgs.mofa));
      const events = await store.db.selectFrom('audit_events').select(['entity_id', 'actor_user_id']).where('action', '=', 'article.create').execute();
      assert.equal(events.length, 4, 'each article is audited');
      assert.ok(
        events.every((e) => e.actor_user_id === w.users.mofa_secretariat.id),
        'in the name of the follower',
      );

      const queue = await call(app, w.users.mou_member, { method: 'GET', url: `/api/statement-candidates?wgId=${w.wgId}` });
      assert.equal(queue.status, 200);
      const fromKo = queue.body.items.filter((c: any) => c.article.feedId === ids.ko);
      assert.deepEqual(fromKo.map((c: any) => c.quote).sort(), ['남북 대화의 문을 계속 열어 두겠다', '한미 공조에는 변함이 없다']);
      assert.equal(fromKo[0].article.feedName, '통일 소식', "named by the feed's own title");
      assert.ok(queue.body.items.some((c: any) => c.article.feedId === ids.en && /tandem/.test(c.quote)));
      // Confirmed, a Korean item's statement is in Korean, as its article is.
      const one = fromKo[0];
      const confirmed = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: `/api/statement-candidates/${one.id}/confirm`,
        headers: { 'if-match': String(one.version) },
        payload: {},
      });
      assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
      const st = await store.db.selectFrom('statements').select('language').where('id', '=', confirmed.body.statementId).executeTakeFirstOrThrow();
      assert.equal(st.language, 'ko');
    });

    test('status and backoff: the list says what the last fetch came to; a failure waits longer', async () => {
      const list = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/feeds?wgId=${w.wgId}` });
      assert.equal(list.status, 200);
      const status = Object.fromEntries(list.body.items.map((f: any) => [f.id, f]));
      assert.equal(status[ids.en].lastStatus, 'ok');
      assert.equal(status[ids.en].itemCount, 2);
      assert.equal(status[ids.en].abilities.update, false, 'a member reads, does not change');
      assert.equal(status[ids.error].lastStatus, 'http_error');
      assert.equal(status[ids.error].failureCount, 1);
      const ok = await feedRow(ids.en);
      const failed = await feedRow(ids.error);
      assert.ok(Date.parse(failed.next_fetch_at) - Date.parse(failed.last_fetched_at!) > Date.parse(ok.next_fetch_at) - Date.parse(ok.last_fetched_at!), 'the failed feed waits longer');
      assert.equal(Number(ok.version), 1, 'fetching moves no version');
      // Nothing is due now: the next round fetches nothing.
      assert.deepEqual(await fetchDueFeeds(store, opts()), []);
    });

    test('a feed that brings an item the group has, under a new address with the same text, adds nothing', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/feeds', payload: { wgId: w.wgId, url: `${feedHttp.base}/repeat.rss` } });
      assert.equal(r.status, 201);
      ids.repeat = r.body.id;
      const reports = await fetchDueFeeds(store, opts());
      assert.deepEqual(
        reports.map((x) => [x.url.replace(feedHttp.base, ''), x.status, x.added, x.repeated]),
        [['/repeat.rss', 'ok', 0, 1]],
      );
    });

    test('the second fetch sends the ETag and gets a 304; nothing is added twice', async () => {
      const before = feedHttp.hits['/en.rss'].count;
      const reports = await fetchDueFeeds(store, opts({ all: true }));
      assert.equal(feedHttp.hits['/en.rss'].count, before + 1);
      assert.equal(feedHttp.hits['/en.rss'].ifNoneMatch.at(-1), ETAG);
      assert.equal(byUrl(reports, '/en.rss').status, 'not_modified');
      assert.equal(byUrl(reports, '/ko.atom').added, 0, 'seen items are not added again');
      assert.equal(byUrl(reports, '/ko.atom').repeated, 2);
      assert.equal((await feedRow(ids.error)).failure_count, 2);
      const n = await store.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('feed_id', 'is not', null)
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 4);
    });

    test('a private address is refused unless the instance allows it', async () => {
      const reports = await fetchDueFeeds(store, opts({ all: true, addresses: {} }));
      assert.equal(byUrl(reports, '/en.rss').status, 'blocked');
      assert.match(byUrl(reports, '/en.rss').detail!, /loopback/);
    });

    test('two fetchers never hold the same feed: a claimed feed is skipped by the other', async () => {
      const [a, b] = await Promise.all([claimDueFeeds(store, { ...opts({ all: true }), leaseOwner: 'one' }), claimDueFeeds(store, { ...opts({ all: true }), leaseOwner: 'two' })]);
      assert.equal(a.length + b.length, 6);
      assert.equal(new Set([...a, ...b]).size, 6, 'no feed claimed twice');
      // While held, a third finds none.
      assert.deepEqual(await claimDueFeeds(store, { ...opts({ all: true }), leaseOwner: 'three' }), []);
      await store.db.updateTable('group_feeds').set({ lease_owner: null, lease_until: null }).execute();
    });

    test('edit (If-Match) and unfollow: an unfollowed feed is not fetched; its articles stay', async () => {
      const one = await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/feeds/${ids.error}` });
      const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/feeds/${ids.error}`, headers: { 'if-match': '"9"' }, payload: { title: 'Flaky' } });
      assert.equal(stale.status, 409);
      const ed = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/feeds/${ids.error}`, headers: { 'if-match': `"${one.body.version}"` }, payload: { title: 'Flaky' } });
      assert.equal(ed.status, 204);
      const byMember = await call(app, w.users.mofa_member, { method: 'DELETE', url: `/api/feeds/${ids.en}`, headers: { 'if-match': '"1"' } });
      assert.equal(byMember.status, 403);
      const un = await call(app, w.users.mofa_secretariat, { method: 'DELETE', url: `/api/feeds/${ids.en}`, headers: { 'if-match': '"1"' } });
      assert.equal(un.status, 204);
      const reports = await fetchDueFeeds(store, opts({ all: true }));
      assert.ok(!reports.some((r) => r.feedId === ids.en));
      const list = await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/feeds?wgId=${w.wgId}` });
      assert.ok(!list.body.items.some((f: any) => f.id === ids.en));
      const audit = await store.db.selectFrom('audit_events').select('action').where('entity_id', '=', ids.en).orderBy('seq').execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['feed.follow', 'feed.unfollow'],
      );
    });

    test("a group's feeds are hidden from those outside it", async () => {
      const r = await call(app, w.users.dod_member, { method: 'GET', url: `/api/feeds?wgId=${w.wgId}` });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.items, []);
      const one = await call(app, w.users.dod_member, { method: 'GET', url: `/api/feeds/${ids.ko}` });
      assert.equal(one.status, 404);
    });
  });
}
