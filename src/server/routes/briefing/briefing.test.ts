import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';
import { daysBefore } from '../../queries/briefing.ts';
import { dayInZone } from '../../queries/day-in-zone.ts';

describe('briefing dates', () => {
  test("the meeting's day is the venue's, and the statements' window counts back from it", () => {
    assert.equal(dayInZone('2026-03-09T16:00:00.000Z', 'Asia/Seoul'), '2026-03-10');
    assert.equal(dayInZone('2026-03-10T03:00:00.000Z', 'America/New_York'), '2026-03-09');
    assert.equal(dayInZone('2026-03-10T03:00:00.000Z', 'Not/AZone'), '2026-03-10');
    assert.equal(daysBefore('2026-03-10', 30), '2026-02-08');
  });
});

for (const kind of storeKinds()) {
  describe(`briefing book API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let meetingId = '';
    let issueId = '';
    let krInternal = '';
    let krLater = '';
    let usPosition = '';
    let disputedId = '';
    let doneId = '';
    let oldStatement = '';
    let recentStatement = '';
    const briefing = (user: World['users'][string]) => call(app, user, { method: 'GET', url: `/api/meetings/${meetingId}/briefing` });
    const post = async (user: World['users'][string], url: string, payload: Record<string, unknown>) => {
      const r = await call(app, user, { method: 'POST', url, payload });
      assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const sec = w.users.mofa_secretariat;
      meetingId = await post(sec, '/api/meetings', {
        wgId: w.wgId,
        title: 'Third meeting',
        titleKo: '제3차 회의',
        level: 'working',
        format: 'in_person',
        startsAt: '2026-03-10T10:00:00+09:00',
        timezone: 'Asia/Seoul',
        scope: 'group',
      });
      issueId = await post(sec, '/api/issues', { wgId: w.wgId, title: 'Rail connection', titleKo: '철도 연결', scope: 'group' });
      await post(sec, `/api/meetings/${meetingId}/agenda`, { title: 'Inter-Korean rail survey', titleKo: '남북 철도 공동조사', issueId, leadOrgId: w.orgs.mofa, trackId: w.trackId });
      await post(sec, `/api/meetings/${meetingId}/agenda`, { title: 'Any other business' });
      // The Korean government's own line, internal to it; a later change after the meeting; the US line, shared with the group.
      krInternal = await post(w.users.mofa_member, '/api/positions', {
        issueId,
        stance: 'support',
        rationale: 'KR-INTERNAL red line on sequencing',
        validFrom: '2026-03-01',
        scope: 'party',
      });
      krLater = await post(w.users.mofa_member, '/api/positions', { issueId, stance: 'oppose', validFrom: '2026-04-01', scope: 'group' });
      usPosition = await post(w.users.state_member, '/api/positions', { issueId, stance: 'neutral', validFrom: '2026-02-20', scope: 'group' });
      disputedId = await post(sec, '/api/commitments', { meetingId, title: 'Conduct the joint rail survey', titleKo: '철도 공동조사 실시', dueOn: '2026-06-30', scope: 'group' });
      doneId = await post(sec, '/api/commitments', { meetingId, title: 'Exchange the survey teams list', scope: 'group' });
      await post(w.users.mofa_member, `/api/commitments/${disputedId}/reports`, { status: 'done' });
      await post(w.users.state_member, `/api/commitments/${disputedId}/reports`, { status: 'in_progress' });
      await post(w.users.mofa_member, `/api/commitments/${doneId}/reports`, { status: 'done' });
      await post(w.users.state_member, `/api/commitments/${doneId}/reports`, { status: 'done' });
      recentStatement = await post(sec, '/api/statements', {
        wgId: w.wgId,
        saidOn: '2026-03-02',
        medium: 'press_briefing',
        language: 'en',
        quote: 'We will survey the rail line together.',
        speakerOrgId: w.orgs.mofa,
      });
      oldStatement = await post(sec, '/api/statements', { wgId: w.wgId, saidOn: '2026-01-05', medium: 'press_briefing', language: 'en', quote: 'An older statement.', speakerOrgId: w.orgs.mofa });
    });
    after(async () => {
      await app?.close();
      await store?.close();
    });

    test('401 without credentials; 404 for a meeting the caller may not see', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: `/api/meetings/${meetingId}/briefing` })).status, 401);
      assert.equal((await briefing(w.users.dod_member)).status, 404, 'DoD is not a member of the group');
      assert.equal((await call(app, w.users.mofa_member, { method: 'GET', url: '/api/meetings/nope/briefing' })).status, 404);
    });

    test("the agenda, each party's position in force on the meeting's date, open and disputed commitments, recent statements, alignment with n", async () => {
      const r = await briefing(w.users.mofa_member);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const b = r.body;
      assert.equal(b.meeting.id, meetingId);
      assert.equal(b.asOf, '2026-03-10');
      assert.equal(b.statementsFrom, '2026-02-08');
      assert.deepEqual(
        b.agenda.map((a: any) => a.title),
        ['Inter-Korean rail survey', 'Any other business'],
      );
      const [rail, aob] = b.agenda;
      assert.deepEqual(rail.issue, { id: issueId, title: 'Rail connection', titleKo: '철도 연결' });
      assert.equal(rail.leadOrgId, w.orgs.mofa);
      assert.equal(rail.trackName, 'Sanctions implementation');
      assert.equal(rail.trackNameKo, '제재 이행');
      assert.deepEqual(rail.positions.map((p: any) => p.id).sort(), [krInternal, usPosition].sort(), 'the April change is not yet in force');
      assert.ok(!JSON.stringify(b).includes(krLater));
      assert.equal(aob.issue, null);
      assert.deepEqual(aob.positions, []);
      assert.deepEqual(
        b.commitments.map((c: any) => [c.id, c.state]),
        [[disputedId, 'disputed']],
        'the done commitment is left out',
      );
      assert.deepEqual(
        b.statements.map((s: any) => s.id),
        [recentStatement],
        'only the 30 days before the meeting',
      );
      assert.ok(!JSON.stringify(b).includes(oldStatement));
      const a = b.alignment;
      assert.equal(a.available, true);
      assert.equal(a.pairs.length, 1);
      const pair = a.pairs[0];
      assert.deepEqual([pair.a.code, pair.b.code].sort(), ['KR', 'US']);
      assert.equal(pair.n, 1, 'one issue with both stances');
      assert.equal(pair.method, a.method);
      assert.equal(pair.tooFew, true, `n = 1 is below the scale's minimum (${a.minN})`);
      assert.equal(pair.value, null, 'never a value beside "too few"');
      assert.equal(pair.label, null);
      assert.equal(a.basis.issues, 1);
    });

    test('a public meeting of a group the reader may not see: the briefing without figures, naming nothing hidden', async () => {
      // A public meeting in the group-scoped second group, whose members are MOFA and State only.
      const row = await store.db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
      const publicMeeting = 'm-public-in-other-group';
      await store.db
        .insertInto('meetings')
        .values({ ...row, id: publicMeeting, wg_id: w.otherWgId, title: 'Open session', scope: 'public' })
        .execute();
      const r = await call(app, w.users.dod_member, { method: 'GET', url: `/api/meetings/${publicMeeting}/briefing` });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.alignment.available, false);
      assert.deepEqual(r.body.alignment.pairs, []);
    });

    test("another party's viewer sees none of the first party's internal positions, in any part of the briefing", async () => {
      const r = await briefing(w.users.state_member);
      assert.equal(r.status, 200);
      const text = JSON.stringify(r.body);
      assert.ok(!text.includes(krInternal), 'the internal position is not named');
      assert.ok(!text.includes('KR-INTERNAL'), 'nor its words');
      assert.deepEqual(
        r.body.agenda[0].positions.map((p: any) => p.id),
        [usPosition],
      );
      // The figures count only what this viewer sees: no Korean stance in force, so nothing scored.
      const pair = r.body.alignment.pairs[0];
      assert.ok(!pair || pair.n === 0, `n = ${pair?.n}`);
      // MOU, the same party as MOFA, sees its government's line.
      const mou = await briefing(w.users.mou_member);
      assert.ok(JSON.stringify(mou.body).includes(krInternal));
    });
  });
}
