/**
 * The API as `npm start` serves it (`concord serve --demo-if-empty` as a child process, write
 * thread on), on SQLite and, when CONCORD_TEST_PG is set, on PostgreSQL: every demo user signs
 * in and every GET route of the served OpenAPI document is called with ids from what the lists
 * returned (after one article is put in the review queue). No answer may be a 5xx, and every 2xx JSON body must match the schema the document
 * declares for it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, concordFor, startedStores } from './server.ts';
import { demoEmails, describeFailures, postArticle, postSeries, postFeed, proposeMemberChange, sweepApi } from './sweep.ts';

for (const store of startedStores()) {
  test(`API sweep over concord serve (${store}): every demo user, every GET route; no 5xx, every 2xx body matches its schema`, { timeout: 600_000 }, async (t) => {
    // Eleven demo users sign in from one client: above the default limit of 10 a minute.
    // An identity provider configured, so its routes are swept too (none answers there: its start goes back to the sign-in page).
    const providers = join(mkdtempSync(join(tmpdir(), 'concord-sweep-')), 'providers.json');
    writeFileSync(
      providers,
      JSON.stringify([{ id: 'directory', label: { en: 'Directory', ko: '디렉터리' }, issuer: 'http://127.0.0.1:9', clientId: 'concord', clientSecret: 'secret', defaultOrganisation: 'rok-mofa' }]),
    );
    const server = await concordFor(t, { store, signInPerMinute: 1000, env: { CONCORD_OIDC_PROVIDERS: providers, CONCORD_PUBLIC_URL: 'http://127.0.0.1:8080' } });
    t.after(() => rmSync(dirname(providers), { recursive: true, force: true }));
    const emails = demoEmails(ROOT);
    // The demo has no article in the review queue: one, through the API, gives those routes records.
    await postArticle(server.url, 'mofa.secretariat@concord.demo');
    await proposeMemberChange(server.url, 'mofa.secretariat@concord.demo');
    // Nor a meeting series: one gives the series routes a record.
    await postSeries(server.url, 'mofa.secretariat@concord.demo');
    // Nor a feed: one gives the feed routes a record.
    await postFeed(server.url, 'mofa.secretariat@concord.demo');
    const started = Date.now();
    const r = await sweepApi(server.url, emails);
    const { perRoute, ...figures } = r;
    t.diagnostic(`sweep (${store}): ${JSON.stringify(figures)} in ${Date.now() - started} ms (server up in ${server.startMs} ms)`);
    const refused = perRoute.filter((x) => Object.keys(x.status).some((c) => c >= '400' && c < '500')).map((x) => `${x.route} ${JSON.stringify(x.status)}`);
    t.diagnostic(`routes that answered 4xx (visibility, roles, ids of another kind): ${refused.join('; ')}`);
    assert.ok(emails.length >= 10, `docs/demo-users.md lists the demo users (found ${emails.length})`);
    assert.equal(r.signedIn, r.users, 'every demo user signs in');
    assert.deepEqual(r.notCalled, [], 'every GET route is called at least once');
    assert.equal(r['5xx'] + r.schemaMismatches, 0, `failing routes:\n${describeFailures(r)}`);
    assert.deepEqual(server.errors(), [], 'the server logged no error');
    assert.ok(perRoute.length > 0);
  });
}
