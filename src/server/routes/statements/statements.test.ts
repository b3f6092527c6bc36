import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

/** People and issues the statements speak of: a group issue everyone in the group sees, and a ROK-internal one. */
async function seedSpeakersAndIssues(store: Store, w: World) {
  const db = store.db;
  await db
    .insertInto('people')
    .values([
      { id: 'pe-kang', name: 'Kang Kyung-wha', name_ko: '강경화', party_id: w.parties.kr, ...stamp },
      { id: 'pe-biegun', name: 'Stephen Biegun', name_ko: '스티븐 비건', party_id: w.parties.us, ...stamp },
    ])
    .execute();
  await db
    .insertInto('person_roles')
    .values([
      { id: 'pr-kang', person_id: 'pe-kang', organisation_id: w.orgs.mofa, title: 'Minister of Foreign Affairs', title_ko: '외교부 장관', valid_from: '2017-06-18', valid_to: '2021-02-08' },
      { id: 'pr-biegun', person_id: 'pe-biegun', organisation_id: w.orgs.state, title: 'Special Representative for North Korea', title_ko: null, valid_from: '2018-08-23', valid_to: null },
    ])
    .execute();
  const guard = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, classification: 0 };
  await db
    .insertInto('issues')
    .values([
      {
        id: 'is-rail',
        wg_id: w.wgId,
        track_id: w.trackId,
        code: 'RAIL',
        title: 'Inter-Korean rail survey',
        title_ko: '남북 철도 공동조사',
        description: null,
        keywords: '[]',
        scope: 'group',
        ...guard,
        ...stamp,
      },
      { id: 'is-kr-only', wg_id: w.wgId, track_id: null, code: 'KR1', title: 'ROK internal line', title_ko: null, description: null, keywords: '[]', scope: 'party', ...guard, ...stamp },
      { id: 'is-other', wg_id: w.otherWgId, track_id: null, code: 'OTH', title: 'Other group issue', title_ko: null, description: null, keywords: '[]', scope: 'group', ...guard, ...stamp },
    ])
    .execute();
}

for (const kind of storeKinds()) {
  describe(`statements API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const body = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      speakerPersonId: 'pe-biegun',
      saidOn: '2018-11-20',
      medium: 'press_briefing',
      language: 'en',
      quote: 'We agreed to coordinate closely on sanctions implementation and inter-Korean cooperation.',
      sourceUrl: 'https://www.state.gov/briefings/example',
      sourceTitle: 'Readout',
      issues: [{ issueId: 'is-rail', stance: 'support' }],
      ...over,
    });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      await seedSpeakersAndIssues(store, w);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on every route', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/statements' })).status, 401);
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/statements/x' })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/statements', payload: body() })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PATCH', url: '/api/statements/x', headers: { 'if-match': '1' }, payload: { quote: 'x' } })).status, 401);
    });

    test("no one outside a group links a statement to its issues (words in a party's mouth): 403, nothing written", async () => {
      const before = await lastAudit(store);
      for (const user of [w.users.mofa_none!, w.users.mofa_observer!]) {
        const r = await call(app, user, { method: 'POST', url: '/api/statements', payload: body({ wgId: null }) });
        assert.equal(r.status, 403, JSON.stringify(r.body));
        assert.equal(r.body.field, 'body.issues.0.issueId');
      }
      assert.equal((await lastAudit(store)).seq, before.seq);
      const unlinked = await call(app, w.users.mofa_none!, { method: 'POST', url: '/api/statements', payload: body({ wgId: null, issues: [] }) });
      assert.equal(unlinked.status, 201, "a statement under no group, linked to no group issue, is anyone's to record");
    });

    test('400 names the field, and nothing is written', async () => {
      const before = await lastAudit(store);
      const cases: [Record<string, unknown>, string][] = [
        [{ speakerPersonId: undefined }, 'body.speakerPersonId'],
        [{ speakerPersonId: 'pe-nobody' }, 'body.speakerPersonId'],
        [{ speakerPersonId: undefined, speakerOrgId: 'o-nowhere' }, 'body.speakerOrgId'],
        [{ saidOn: '20 Nov 2018' }, 'body.saidOn'],
        [{ saidOn: '2018-02-30' }, 'body.saidOn'],
        [{ sourceUrl: 'javascript:alert(1)' }, 'body.sourceUrl'],
        [{ medium: 'telegram' }, 'body.medium'],
        [{ quote: undefined }, 'body.quote'],
        [{ issues: [{ issueId: 'is-other', stance: 'support' }] }, 'body.issues.0.issueId'],
        [{ issues: [{ issueId: 'is-rail', stance: 'very_keen' }] }, 'body.issues.0.stance'],
      ];
      for (const [over, field] of cases) {
        const r = await call(app, w.users.state_member, { method: 'POST', url: '/api/statements', payload: body(over) });
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field);
      }
      const hidden = await call(app, w.users.mou_member, { method: 'POST', url: '/api/statements', payload: body({ wgId: w.otherWgId }) });
      assert.equal(hidden.status, 400, 'a group the user cannot see is a bad reference, not a 403 that would reveal it');
      assert.equal(hidden.body.field, 'body.wgId');
      assert.equal((await lastAudit(store)).seq, before.seq);
    });

    test('403 for observers and users without a role in the group; anyone may record a statement outside a group', async () => {
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/statements', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.mofa_none, { method: 'POST', url: '/api/statements', payload: body() })).status, 403);
      const r = await call(app, w.users.mofa_none, { method: 'POST', url: '/api/statements', payload: body({ wgId: null, issues: [] }) });
      assert.equal(r.status, 201);
      assert.equal((await lastAudit(store)).action, 'statement.create');
    });

    let sid = '';
    test('create: 201, public by default, audited; the speaker is displayed and the party inferred', async () => {
      const r = await call(app, w.users.state_member, { method: 'POST', url: '/api/statements', payload: body() });
      assert.equal(r.status, 201);
      sid = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'statement.create');
      assert.equal(ev.entity_id, sid);
      assert.equal(ev.actor_user_id, w.users.state_member.id);
      const g = await call(app, w.users.dod_none, { method: 'GET', url: `/api/statements/${sid}` });
      assert.equal(g.status, 200, 'a public statement is visible to every signed-in user');
      assert.equal(g.body.access.scope, 'public');
      assert.equal(g.body.partyId, w.parties.us);
      assert.equal(g.body.speaker.kind, 'person');
      assert.equal(g.body.speaker.display, 'Stephen Biegun');
      assert.deepEqual(g.body.recordedBy, { orgId: w.orgs.state, orgName: 'Department of State', orgNameKo: '국무부', orgAcronym: 'DOS', via: 'entry' });
      assert.equal(g.body.articleId, null);
      const after = JSON.parse(String(ev.after));
      assert.equal(after.recorded_org_id, w.orgs.state, 'the audit event says who recorded it');
      assert.equal(after.recorded_by, w.users.state_member.id);
      const listed = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/statements?wgId=${w.wgId}` });
      assert.equal(listed.body.items.find((s: { id: string }) => s.id === sid).recordedBy.orgId, w.orgs.state, 'another party sees who recorded it');
      assert.deepEqual(g.body.issues, [], 'the group-scoped issue stays hidden from a non-member organisation');
      assert.equal(g.body.abilities.update, false);
      assert.equal(g.headers.etag, '"1"');
      const m = await call(app, w.users.mou_member, { method: 'GET', url: `/api/statements/${sid}` });
      assert.equal(m.body.issues[0].issueId, 'is-rail');
      assert.equal(m.body.issues[0].stance, 'support');
    });

    test('an anonymous speaker is described within their organisation', async () => {
      const r = await call(app, w.users.state_member, {
        method: 'POST',
        url: '/api/statements',
        payload: body({ speakerPersonId: undefined, speakerOrgId: w.orgs.state, speakerDescription: 'a senior State Department official', issues: [] }),
      });
      assert.equal(r.status, 201);
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/statements/${r.body.id}` });
      assert.equal(g.body.speaker.kind, 'anonymous');
      assert.equal(g.body.speaker.display, 'a senior State Department official (Department of State)');
    });

    test('404 across parties and organisations: party and organisation scope, and hidden linked issues', async () => {
      const party = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: '/api/statements',
        payload: body({
          speakerPersonId: 'pe-kang',
          saidOn: '2018-10-10',
          language: 'ko',
          quote: '제재 면제를 요청할 계획입니다',
          scope: 'party',
          issues: [{ issueId: 'is-kr-only', stance: 'strongly_support' }],
        }),
      });
      assert.equal(party.status, 201);
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/statements/${party.body.id}` })).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/statements/${party.body.id}`, headers: { 'if-match': '1' }, payload: { context: 'x' } })).status, 404);
      const mou = await call(app, w.users.mou_member, { method: 'GET', url: `/api/statements/${party.body.id}` });
      assert.equal(mou.status, 200);
      assert.equal(mou.body.issues[0].issueId, 'is-kr-only');

      const org = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: '/api/statements',
        payload: body({ speakerPersonId: 'pe-kang', quote: 'MOFA internal record', scope: 'organisation', issues: [] }),
      });
      assert.equal((await call(app, w.users.mou_chair, { method: 'GET', url: `/api/statements/${org.body.id}` })).status, 404);
      const list = await call(app, w.users.state_chair, { method: 'GET', url: '/api/statements' });
      const ids = list.body.items.map((s: { id: string }) => s.id);
      assert.ok(ids.includes(sid));
      assert.ok(!ids.includes(party.body.id) && !ids.includes(org.body.id));

      // A public statement linked to a ROK-internal issue: the other party sees the words, not the link.
      const pub = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: '/api/statements',
        payload: body({
          speakerPersonId: 'pe-kang',
          quote: 'Public remarks',
          issues: [
            { issueId: 'is-kr-only', stance: 'neutral' },
            { issueId: 'is-rail', stance: 'support' },
          ],
        }),
      });
      const seen = await call(app, w.users.state_member, { method: 'GET', url: `/api/statements/${pub.body.id}` });
      assert.deepEqual(
        seen.body.issues.map((i: { issueId: string }) => i.issueId),
        ['is-rail'],
      );
      const byIssue = await call(app, w.users.state_member, { method: 'GET', url: '/api/statements?issueId=is-kr-only' });
      assert.equal(byIssue.body.items.length, 0);
    });

    test('filters: speaker organisation through the person, party, issue, dates, words in the quote; newest first', async () => {
      const get = async (qs: string, user = w.users.mofa_member) => {
        const r = await call(app, user, { method: 'GET', url: `/api/statements?${qs}` });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.items as { id: string; saidOn: string; quote: string; speaker: { personId: string | null } }[];
      };
      const byState = await get(`speakerOrgId=${w.orgs.state}`);
      assert.ok(byState.length >= 2);
      assert.ok(
        byState.some((s) => s.speaker.personId === 'pe-biegun'),
        "matched through the person's role at State",
      );
      assert.ok(
        byState.some((s) => s.speaker.personId === null),
        'matched as the speaking organisation',
      );
      const byMofa = await get(`speakerOrgId=${w.orgs.mofa}`);
      assert.ok(byMofa.every((s) => s.speaker.personId === 'pe-kang'));
      const kr = await get(`partyId=${w.parties.kr}`);
      assert.ok(kr.length >= 3 && kr.every((s) => s.speaker.personId === 'pe-kang'));
      assert.ok((await get('issueId=is-rail')).some((s) => s.id === sid));
      const oct = await get('from=2018-10-01&to=2018-10-31');
      assert.deepEqual(
        oct.map((s) => s.saidOn),
        ['2018-10-10'],
      );
      assert.ok(
        (await get('q=SANCTIONS%20implementation')).some((s) => s.id === sid),
        'case-insensitive',
      );
      assert.equal((await get(`q=${encodeURIComponent('제재 면제')}`)).length, 1);
      assert.equal((await get('q=100%25')).length, 0, 'LIKE wildcards are taken literally');
      // Every statement whose quote holds the words, for words of one, two and many characters,
      // and none whose words are only in its context or source.
      const quotes = await get('limit=100');
      for (const words of ['a', '제재', 'sanctions', 'the ']) {
        const want = quotes.filter((s) => s.quote.toLowerCase().includes(words.toLowerCase())).map((s) => s.id);
        assert.deepEqual(
          (await get(`q=${encodeURIComponent(words)}&limit=100`)).map((s) => s.id),
          want,
          words,
        );
      }
      const all = await get('limit=100');
      const dates = all.map((s) => s.saidOn);
      assert.deepEqual(dates, [...dates].sort().reverse());
      assert.equal((await get('limit=1&offset=1')).length, 1);
      const bad = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/statements?from=yesterday' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'querystring.from');
    });

    test('PATCH: 403 for other organisations, 428 without If-Match, 409 when stale; the group secretariat may correct', async () => {
      assert.equal((await call(app, w.users.mou_member, { method: 'PATCH', url: `/api/statements/${sid}`, headers: { 'if-match': '1' }, payload: { context: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'PATCH', url: `/api/statements/${sid}`, headers: { 'if-match': '1' }, payload: { context: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.state_member, { method: 'PATCH', url: `/api/statements/${sid}`, payload: { context: 'x' } })).status, 428);
      const noSpeaker = await call(app, w.users.state_member, { method: 'PATCH', url: `/api/statements/${sid}`, headers: { 'if-match': '1' }, payload: { speakerPersonId: null } });
      assert.equal(noSpeaker.status, 400);
      assert.equal(noSpeaker.body.field, 'body.speakerPersonId');
      const ok = await call(app, w.users.state_member, {
        method: 'PATCH',
        url: `/api/statements/${sid}`,
        headers: { 'if-match': '"1"' },
        payload: { context: 'After the first Working Group meeting', issues: [{ issueId: 'is-rail', stance: 'strongly_support' }] },
      });
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'statement.update');
      assert.match(String(ev.before), /"stance":"support"/);
      const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/statements/${sid}`, headers: { 'if-match': '1' }, payload: { passage: 'para 2' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const sec = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/statements/${sid}`, headers: { 'if-match': '2' }, payload: { passage: 'para 2' } });
      assert.equal(sec.status, 204);
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/statements/${sid}` });
      assert.equal(g.body.version, 3);
      assert.equal(g.body.passage, 'para 2');
      assert.equal(g.body.issues[0].stance, 'strongly_support');
      assert.equal(g.body.abilities.update, true);
    });
  });
}
