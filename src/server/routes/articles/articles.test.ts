import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';
import { seedDirectory } from '../../../../test/fixtures/directory.ts';

// The shared reference data sits beside the repository; without it these tests skip.
const SEEDS = resolve(import.meta.dirname, '../../../..', '../shared/reference/seeds');
const noSeeds = existsSync(SEEDS) ? false : `the shared seeds are not beside the repository (${SEEDS})`;
const seed = (name: string) => readFileSync(`${SEEDS}/${name}`, 'utf8');

const FEED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Digest</title>
<item><title>Survey agreed</title><link>https://news.example/a1</link><pubDate>Tue, 20 Nov 2018 10:00:00 +0900</pubDate>
<description>&lt;p&gt;"We view them as tandem, as moving forward together," Pompeo said.&lt;/p&gt;</description></item>
<item><title>Ministry declines</title><link>https://news.example/a2</link><pubDate>Mon, 15 Dec 2025 16:30:00 +0900</pubDate>
<description><![CDATA[<p>The Ministry of Unification said it has decided not to participate in the consultations.</p>]]></description></item>
</channel></rss>`;

const HARD =
  'A senior ROK government official said on condition of anonymity that the railway linkage was discussed at the meeting. ' +
  '"The drills will continue as planned," said John Doe, a spokesman for the Department of Defense.';

for (const kind of storeKinds()) {
  describe(`articles and the review queue (${kind})`, { skip: noSeeds }, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const post = (payload: Record<string, unknown>, user = w.users.mofa_member) => call(app, user, { method: 'POST', url: '/api/articles', payload });
    const article = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      text: seed('000_84a47929f38cc454.txt'),
      sourceUrl: 'https://post-huff.com/south-korea-denies-rift-over-unification-ministrys-u-s-talks.html',
      publishedOn: '2025-12-15',
      title: 'South Korea denies rift over Unification Ministry’s U.S. talks',
      ...over,
    });
    const statementCount = async () =>
      Number(
        (
          await store.db
            .selectFrom('statements')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      await seedDirectory(store, w);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on every route', async () => {
      const routes: [string, string][] = [
        ['GET', '/api/articles'],
        ['GET', '/api/articles/x'],
        ['POST', '/api/articles'],
        ['GET', '/api/statement-candidates'],
        ['GET', '/api/statement-candidates/x'],
        ['PATCH', '/api/statement-candidates/x'],
        ['POST', '/api/statement-candidates/x/confirm'],
        ['POST', '/api/statement-candidates/x/reject'],
      ];
      for (const [method, url] of routes) {
        const r = await call(app, undefined, { method: method as 'GET', url, headers: { 'if-match': '1' }, payload: method === 'GET' ? undefined : url === '/api/articles' ? { text: 'x' } : {} });
        assert.equal(r.status, 401, `${method} ${url}`);
      }
    });

    let kangArticle = '';
    test('seed 000: Kang Yu-jung with her role and organisation; the Unification Ministry as an organisation speaker; nothing is a statement yet', async () => {
      const before = await statementCount();
      const r = await post(article());
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.items.length, 1);
      const a = r.body.items[0];
      kangArticle = a.id;
      assert.equal(a.publishedOn, '2025-12-15');
      assert.equal(a.access.scope, 'group', 'an article in a group is visible to the group by default');
      assert.equal(a.abilities.review, true);
      const kang = a.candidates.filter((c: any) => c.speakerPersonId === 'pe-kang-yj');
      assert.ok(kang.length >= 1, JSON.stringify(a.candidates.map((c: any) => c.speakerAsWritten)));
      const first = kang[0];
      assert.equal(first.kind, 'partial');
      assert.match(first.quote, /slightly different opinions/);
      assert.equal(first.resolution.role, 'Spokesperson');
      assert.equal(first.speakerOrgId, 'o-pres');
      assert.equal(first.speakerOrgName, 'Presidential Office (Cheong Wa Dae 2018–21; Yongsan 2025)');
      assert.equal(first.partyId, w.parties.kr);
      assert.equal(first.speakerAsWritten.name, 'Kang Yu-jung');
      assert.equal(first.speakerAsWritten.role, 'spokesperson');
      assert.match(a.text.slice(first.passage.start, first.passage.end), /slightly different opinions/, 'the passage link points into the article text');
      assert.equal(first.status, 'pending');
      const mou = a.candidates.filter((c: any) => c.speakerOrgId === w.orgs.mou && c.speakerPersonId === null);
      assert.ok(mou.length >= 2, 'the ministry speaks as an organisation');
      assert.ok(mou.some((c: any) => /will not participate/.test(c.quote)));
      assert.ok(mou.every((c: any) => c.speakerAsWritten.isOrganisation && c.resolution.match !== 'none'));
      const notPart = mou.find((c: any) => /will not participate/.test(c.quote));
      assert.ok(
        notPart.issues.some((i: any) => i.issueId === 'is-format'),
        JSON.stringify(notPart.issues),
      );
      assert.ok(
        notPart.issues.some((i: any) => i.issueId === 'is-kr-line'),
        'a ROK member sees the ROK-internal issue suggested',
      );
      assert.ok(
        notPart.issues.every((i: any) => !i.selected && i.stance === null),
        'suggested, not chosen',
      );
      assert.equal(await statementCount(), before, 'nothing extracted is a statement until confirmed');
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'article.create');
      assert.equal(ev.entity_id, kangArticle);
      assert.equal(ev.scope, 'group');
    });

    test("seed 004: Pompeo's remarks with his title and department, and the pace-of-cooperation issue suggested", async () => {
      const r = await post(
        article({ text: seed('004_ba8545c4c8a2fca9.txt'), sourceUrl: 'http://english.hani.co.kr/arti/english_edition/e_editorial/871370.html', publishedOn: '2018-11-22', title: null }),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const cands = r.body.items[0].candidates;
      const pompeo = cands.filter((c: any) => c.speakerPersonId === 'pe-pompeo');
      assert.equal(pompeo.length, 2, JSON.stringify(cands.map((c: any) => [c.speakerAsWritten.text, c.quote])));
      assert.match(pompeo[0].quote, /inter-Korean relations should not get ahead of denuclearization/);
      assert.equal(pompeo[0].kind, 'indirect');
      assert.equal(pompeo[0].resolution.role, 'Secretary of State');
      assert.equal(pompeo[0].speakerOrgId, w.orgs.state);
      assert.equal(pompeo[0].partyId, w.parties.us);
      assert.equal(pompeo[0].issues[0].issueId, 'is-seq');
      // "the US voiced its strong support": a government speaking as a whole, described, with its party.
      const us = cands.find((c: any) => c.speakerAsWritten.text === 'the US');
      assert.ok(us);
      assert.equal(us.partyId, w.parties.us);
      assert.equal(us.speakerDescription, 'US');
    });

    test('a feed makes one article per item with its own link and date; HTML is read as text', async () => {
      const r = await post({ wgId: w.wgId, text: FEED });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(
        r.body.items.map((a: any) => [a.title, a.sourceUrl, a.publishedOn, a.format]),
        [
          ['Survey agreed', 'https://news.example/a1', '2018-11-20', 'rss'],
          ['Ministry declines', 'https://news.example/a2', '2025-12-15', 'rss'],
        ],
      );
      assert.equal(r.body.items[0].candidates[0].speakerPersonId, 'pe-pompeo');
      assert.equal(r.body.items[1].candidates[0].speakerOrgId, w.orgs.mou);
      const h = await post({ wgId: w.wgId, text: '<html><head><title>Remarks</title></head><body><p>&ldquo;We view them as tandem,&rdquo; Pompeo said.</p></body></html>', publishedOn: '2018-11-20' });
      assert.equal(h.status, 201);
      assert.equal(h.body.items[0].title, 'Remarks');
      assert.equal(h.body.items[0].format, 'html');
      assert.ok(!h.body.items[0].text.includes('<p>'));
      assert.equal(h.body.items[0].candidates[0].speakerPersonId, 'pe-pompeo');
      // Several inputs at once: each its own article, the top-level date for those without one.
      const many = await post({
        wgId: w.wgId,
        publishedOn: '2025-12-15',
        articles: [{ text: seed('000_84a47929f38cc454.txt'), sourceUrl: 'https://post-huff.com/a' }, { text: seed('004_ba8545c4c8a2fca9.txt'), publishedOn: '2018-11-22' }, { text: FEED }],
      });
      assert.equal(many.status, 201, JSON.stringify(many.body));
      assert.deepEqual(
        many.body.items.map((a: any) => [a.publishedOn, a.format]),
        [
          ['2025-12-15', 'text'],
          ['2018-11-22', 'text'],
          ['2018-11-20', 'rss'],
          ['2025-12-15', 'rss'],
        ],
      );
      const before = await lastAudit(store);
      const bad = await post({ wgId: w.wgId, articles: [{ text: 'A said B.', publishedOn: '2025-12-15' }, { text: 'C said D.' }] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.articles.1.publishedOn');
      assert.equal((await lastAudit(store)).seq, before.seq, 'all or nothing');
      const both = await post({ wgId: w.wgId, text: 'A said B.', articles: [{ text: 'C said D.' }], publishedOn: '2025-12-15' });
      assert.equal(both.body.field, 'body.text');
    });

    test('anonymous speakers stay anonymous with their description; unknown speakers are proposed as new records', async () => {
      const r = await post({ wgId: w.wgId, text: HARD, publishedOn: '2018-11-21' });
      assert.equal(r.status, 201);
      const [anon, unknown] = r.body.items[0].candidates;
      assert.equal(anon.speakerAsWritten.anonymous, true);
      assert.equal(anon.speakerPersonId, null);
      assert.match(anon.speakerDescription, /senior ROK government official/);
      assert.equal(anon.partyId, w.parties.kr);
      assert.equal(unknown.resolution.match, 'none');
      assert.equal(unknown.speakerPersonId, null);
      assert.equal(unknown.resolution.proposal.kind, 'person');
      assert.equal(unknown.resolution.proposal.name, 'John Doe');
      assert.equal(unknown.speakerOrgId, w.orgs.dod, 'the organisation is still resolved');
    });

    test('400 names the field; 403 for observers and users without a role; nothing is written', async () => {
      const before = await lastAudit(store);
      const cases: [Record<string, unknown>, string][] = [
        [{ publishedOn: undefined }, 'body.publishedOn'],
        [{ publishedOn: '2025-02-30' }, 'body.publishedOn'],
        [{ sourceUrl: 'javascript:alert(1)' }, 'body.sourceUrl'],
        [{ text: '' }, 'body.text'],
        [{ text: '<rss version="2.0"><channel></channel></rss>' }, 'body.text'],
        [{ format: 'pdf' }, 'body.format'],
        [{ wgId: w.otherWgId }, 'body.wgId'],
        [{ classification: 'secret' }, 'body.classification'],
        [{ extra: 1 }, 'body.extra'],
      ];
      for (const [over, field] of cases) {
        const r = await post(article(over), w.users.mou_member);
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field);
      }
      assert.equal((await post(article(), w.users.mofa_observer)).status, 403);
      assert.equal((await post(article(), w.users.mofa_none)).status, 403);
      assert.equal((await post(article({ wgId: null }), w.users.mofa_none)).status, 403, 'no contributing role anywhere');
      assert.equal((await lastAudit(store)).seq, before.seq);
    });

    test('visibility: group, party and organisation scope; lists hold exactly what the caller may see', async () => {
      const party = await post(article({ scope: 'party' }));
      const pid = party.body.items[0].id;
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/articles/${pid}` })).status, 404);
      assert.equal((await call(app, w.users.mou_observer, { method: 'GET', url: `/api/articles/${pid}` })).status, 200);
      const cid = party.body.items[0].candidates[0].id;
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/statement-candidates/${cid}` })).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'POST', url: `/api/statement-candidates/${cid}/confirm`, headers: { 'if-match': '1' }, payload: {} })).status, 404);
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/articles/${kangArticle}` })).status, 404, 'a group article is hidden from non-member organisations');
      const lst = await call(app, w.users.state_member, { method: 'GET', url: '/api/articles?limit=500' });
      const ids = lst.body.items.map((a: any) => a.id);
      assert.ok(ids.includes(kangArticle) && !ids.includes(pid));
      const q = await call(app, w.users.state_member, { method: 'GET', url: `/api/statement-candidates?articleId=${pid}` });
      assert.deepEqual(q.body.items, []);
      const mine = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/statement-candidates?articleId=${kangArticle}&status=pending` });
      assert.ok(mine.body.items.length >= 5);
      // A US member sees the article's candidates but not the ROK-internal issue suggested on them.
      const us = await call(app, w.users.state_member, { method: 'GET', url: `/api/statement-candidates?articleId=${kangArticle}` });
      assert.ok(us.body.items.every((c: any) => c.issues.every((i: any) => i.issueId !== 'is-kr-line')));
      assert.ok(
        us.body.items.every((c: any) => c.abilities.review === false),
        "another organisation's article is not theirs to review",
      );
    });

    test('review: edit (If-Match), confirm into a statement linked to its passage, reject; 403, 404, 409, 428 and audit events', async () => {
      const a = (await call(app, w.users.mofa_member, { method: 'GET', url: `/api/articles/${kangArticle}` })).body;
      const notPart = a.candidates.find((c: any) => /will not participate/.test(c.quote));
      const url = `/api/statement-candidates/${notPart.id}`;
      assert.equal((await call(app, w.users.state_member, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { kind: 'direct' } })).status, 403);
      assert.equal((await call(app, w.users.mofa_observer, { method: 'POST', url: `${url}/confirm`, headers: { 'if-match': '1' }, payload: {} })).status, 403);
      assert.equal((await call(app, w.users.mofa_member, { method: 'PATCH', url, payload: { kind: 'direct' } })).status, 428);
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: `${url}/confirm`, payload: {} })).status, 428);
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/statement-candidates/nope' })).status, 404);
      const badIssue = await call(app, w.users.mofa_member, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { issues: [{ issueId: 'is-other', stance: 'oppose' }] } });
      assert.equal(badIssue.status, 400);
      assert.equal(badIssue.body.field, 'body.issues.0.issueId');
      const badPerson = await call(app, w.users.mofa_member, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { speakerPersonId: 'pe-nobody' } });
      assert.equal(badPerson.body.field, 'body.speakerPersonId');

      const edit = await call(app, w.users.mofa_member, {
        method: 'PATCH',
        url,
        headers: { 'if-match': '"1"' },
        payload: { quote: 'it will not participate in the upcoming South Korea-U.S. consultations on North Korea policy', issues: [{ issueId: 'is-format', stance: 'oppose' }] },
      });
      assert.equal(edit.status, 204, JSON.stringify(edit.body));
      let ev = await lastAudit(store);
      assert.equal(ev.action, 'candidate.update');
      assert.equal(ev.entity_id, notPart.id);
      assert.equal(ev.scope, 'group', "a candidate event carries its article's guard");
      const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { kind: 'direct' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const edited = (await call(app, w.users.mofa_member, { method: 'GET', url })).body;
      assert.equal(edited.version, 2);
      assert.equal(a.text.slice(edited.passage.start, edited.passage.end), edited.quote, 'the passage link follows the corrected words');
      assert.deepEqual(
        edited.issues.filter((i: any) => i.selected).map((i: any) => [i.issueId, i.stance]),
        [['is-format', 'oppose']],
      );

      const before = await statementCount();
      const staleConfirm = await call(app, w.users.mofa_member, { method: 'POST', url: `${url}/confirm`, headers: { 'if-match': '1' }, payload: {} });
      assert.equal(staleConfirm.status, 409);
      assert.equal(await statementCount(), before, 'a failed confirmation writes no statement');
      const ok = await call(app, w.users.mofa_member, { method: 'POST', url: `${url}/confirm`, headers: { 'if-match': '2' }, payload: { medium: 'press_release' } });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      const sid = ok.body.statementId;
      assert.equal(await statementCount(), before + 1);
      const events = await store.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(2).execute();
      assert.deepEqual(
        events.map((e) => e.action),
        ['candidate.confirm', 'statement.create'],
      );
      assert.equal(events[1].entity_id, sid);
      assert.equal(events[0].entity_id, notPart.id);
      const s = await store.db.selectFrom('statements').selectAll().where('id', '=', sid).executeTakeFirstOrThrow();
      assert.equal(s.article_id, kangArticle);
      assert.equal(a.text.slice(Number(s.passage_start), Number(s.passage_end)), edited.quote);
      assert.equal(s.speaker_org_id, w.orgs.mou);
      assert.equal(s.speaker_person_id, null);
      assert.equal(s.party_id, w.parties.kr);
      assert.equal(s.said_on, '2025-12-15');
      assert.equal(s.source_url, article().sourceUrl);
      assert.match(String(s.passage), /Unification Ministry’s announcement/);
      const view = await call(app, w.users.state_member, { method: 'GET', url: `/api/statements/${sid}` });
      assert.equal(view.status, 200, 'public by default, like every statement');
      assert.equal(view.body.speaker.display, 'Ministry of Unification');
      assert.equal(view.body.recordedBy.orgId, w.orgs.mofa, 'recorded by the confirming organisation, not the speaker');
      assert.equal(view.body.recordedBy.via, 'article');
      assert.equal(view.body.articleId, kangArticle);
      assert.equal(s.recorded_by, w.users.mofa_member.id);
      assert.deepEqual(
        view.body.issues.map((i: any) => [i.issueId, i.stance]),
        [['is-format', 'oppose']],
      );
      const done = (await call(app, w.users.mofa_member, { method: 'GET', url })).body;
      assert.equal(done.status, 'confirmed');
      assert.equal(done.statementId, sid);
      assert.equal(done.reviewedBy, w.users.mofa_member.id);
      const again = await call(app, w.users.mofa_member, { method: 'POST', url: `${url}/confirm`, headers: { 'if-match': '3' }, payload: {} });
      assert.equal(again.status, 409);
      assert.equal(again.body.details.statementId, sid);
      assert.equal((await call(app, w.users.mofa_member, { method: 'PATCH', url, headers: { 'if-match': '3' }, payload: { kind: 'direct' } })).status, 409);

      // Kang: the secretariat of the group may review another member organisation's article too.
      const kang = a.candidates.find((c: any) => c.speakerPersonId === 'pe-kang-yj');
      const k = await call(app, w.users.state_secretariat, {
        method: 'POST',
        url: `/api/statement-candidates/${kang.id}/confirm`,
        headers: { 'if-match': '1' },
        payload: { issues: [{ issueId: 'is-format', stance: 'neutral' }] },
      });
      assert.equal(k.status, 201, JSON.stringify(k.body));
      const ks = await call(app, w.users.state_secretariat, { method: 'GET', url: `/api/statements/${k.body.statementId}` });
      assert.equal(ks.body.speaker.personId, 'pe-kang-yj');
      assert.equal(ks.body.partyId, w.parties.kr);
      assert.equal(ks.body.access.ownerOrgId, w.orgs.state, 'the statement belongs to whoever confirmed it');

      // Reject.
      const other = a.candidates.find((c: any) => c.status === 'pending' && c.id !== kang.id && c.id !== notPart.id);
      const rj = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: `/api/statement-candidates/${other.id}/reject`,
        headers: { 'if-match': '1' },
        payload: { reason: "the reporter's framing, not a statement" },
      });
      assert.equal(rj.status, 204);
      ev = await lastAudit(store);
      assert.equal(ev.action, 'candidate.reject');
      assert.match(String(ev.after), /reporter's framing/);
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: `/api/statement-candidates/${other.id}/confirm`, headers: { 'if-match': '2' }, payload: {} })).status, 409);
      const counts = (await call(app, w.users.mofa_member, { method: 'GET', url: `/api/articles?wgId=${w.wgId}&limit=500` })).body.items.find((x: any) => x.id === kangArticle).candidates;
      assert.equal(counts.confirmed, 2);
      assert.equal(counts.rejected, 1);
    });

    test('confirming needs a named speaker: an unknown one is set first', async () => {
      const r = await post({ wgId: w.wgId, text: HARD, publishedOn: '2018-11-21' });
      const unknown = r.body.items[0].candidates[1];
      const url = `/api/statement-candidates/${unknown.id}`;
      // An unknown person with a resolved organisation is recorded as that organisation's words unless corrected.
      const noOrg = await call(app, w.users.mofa_member, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { speakerOrgId: null } });
      assert.equal(noOrg.status, 204);
      const refused = await call(app, w.users.mofa_member, { method: 'POST', url: `${url}/confirm`, headers: { 'if-match': '2' }, payload: {} });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, 'body.speakerPersonId');
      const fix = await call(app, w.users.mofa_member, {
        method: 'PATCH',
        url,
        headers: { 'if-match': '2' },
        payload: { speakerDescription: 'John Doe, a Pentagon spokesman', speakerOrgId: w.orgs.dod },
      });
      assert.equal(fix.status, 204);
      const ok = await call(app, w.users.mofa_member, { method: 'POST', url: `${url}/confirm`, headers: { 'if-match': '3' }, payload: { saidOn: '2018-11-20' } });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      const s = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/statements/${ok.body.statementId}` });
      assert.equal(s.body.speaker.display, 'John Doe, a Pentagon spokesman (Department of Defense)');
      assert.equal(s.body.saidOn, '2018-11-20');
      assert.equal(s.body.partyId, w.parties.us);
    });
  });
}
