import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { commitmentFlags } from '../../policies/commitment.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

describe('commitment state rule', () => {
  const today = '2026-06-01';
  test('no reports: open, not disputed; overdue only with a past due date', () => {
    assert.deepEqual(commitmentFlags([], null, today), { open: true, done: false, disputed: false, overdue: false, state: 'open' });
    assert.equal(commitmentFlags([], '2026-05-31', today).state, 'overdue');
    assert.equal(commitmentFlags([], '2026-06-01', today).overdue, false, 'due today is not yet overdue');
  });
  test('one party done, the other not: disputed and open; both done: done', () => {
    assert.deepEqual(commitmentFlags(['done', 'in_progress'], '2020-01-01', today), { open: true, done: false, disputed: true, overdue: true, state: 'disputed' });
    assert.deepEqual(commitmentFlags(['at_risk', 'blocked'], null, today).disputed, true);
    assert.deepEqual(commitmentFlags(['done', 'done'], '2020-01-01', today), { open: false, done: true, disputed: false, overdue: false, state: 'done' });
    assert.deepEqual(commitmentFlags(['done'], null, today).state, 'done', 'only one party has reported, and it says done');
    assert.deepEqual(commitmentFlags(['in_progress', 'in_progress'], null, today).disputed, false);
  });
});

for (const kind of storeKinds()) {
  describe(`commitments API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let docId = '';
    let meetingId = '';
    const body = (over: Record<string, unknown> = {}) => ({
      documentId: docId,
      clauseKey: 'rail',
      title: 'Conduct the joint rail survey',
      titleKo: '철도 공동조사 실시',
      dueOn: '2018-12-17',
      ...over,
    });
    const report = (id: string, user: (typeof w.users)[string], payload: Record<string, unknown>) => call(app, user, { method: 'POST', url: `/api/commitments/${id}/reports`, payload });
    const get = (id: string, user = w.users.mofa_member) => call(app, user, { method: 'GET', url: `/api/commitments/${id}` });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const d = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/documents',
        payload: { wgId: w.wgId, kind: 'joint_statement', title: 'Joint statement', clauses: [{ key: 'rail', status: 'agreed', textEn: 'The two sides will survey the rail line.' }] },
      });
      docId = d.body.id;
      const m = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'Second meeting', level: 'working', format: 'video', startsAt: '2018-12-21T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });
      meetingId = m.body.id;
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on every route', async () => {
      for (const [method, url, payload] of [
        ['GET', '/api/commitments'],
        ['GET', '/api/commitments/x'],
        ['POST', '/api/commitments', body()],
        ['PATCH', '/api/commitments/x', { title: 'x' }],
        ['POST', '/api/commitments/x/reports', { status: 'done' }],
      ] as const) {
        assert.equal((await call(app, undefined, { method, url, payload, headers: { 'if-match': '1' } })).status, 401, `${method} ${url}`);
      }
    });

    test('400 names the field, and nothing is written', async () => {
      const before = await lastAudit(store);
      const cases: [Record<string, unknown>, string][] = [
        [{ documentId: undefined, clauseKey: undefined }, 'body.documentId'],
        [{ clauseKey: undefined }, 'body.clauseKey'],
        [{ clauseKey: 'nope' }, 'body.clauseKey'],
        [{ documentId: 'd-nowhere' }, 'body.documentId'],
        [{ documentId: undefined, clauseKey: undefined, meetingId: 'm-nowhere' }, 'body.meetingId'],
        [{ responsiblePartyId: 'p-jp' }, 'body.responsiblePartyId'],
        [{ responsiblePartyId: w.parties.kr, responsibleOrgId: w.orgs.state }, 'body.responsibleOrgId'],
        [{ dueOn: '2018-13-01' }, 'body.dueOn'],
        [{ title: undefined }, 'body.title'],
        [{ scope: 'everyone' }, 'body.scope'],
      ];
      for (const [over, field] of cases) {
        const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/commitments', payload: body(over) });
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field);
      }
      assert.equal((await lastAudit(store)).seq, before.seq);
    });

    test('403 for members and observers', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/commitments', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/commitments', payload: body() })).status, 403);
    });

    let cid = '';
    test('create from a clause: 201, audited, open with nobody reporting', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/commitments', payload: body({ responsibleOrgId: w.orgs.mou }) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      cid = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'commitment.create');
      assert.equal(ev.entity_id, cid);
      const g = await get(cid, w.users.state_member);
      assert.equal(g.status, 200);
      assert.equal(g.headers.etag, '"1"');
      assert.equal(g.body.responsiblePartyId, w.parties.kr, "the responsible organisation's government");
      assert.equal(g.body.clauseKey, 'rail');
      assert.deepEqual([g.body.open, g.body.done, g.body.disputed, g.body.overdue, g.body.state], [true, false, false, true, 'overdue']);
      assert.deepEqual(g.body.abilities, { update: false, report: true });
      const m = await call(app, w.users.state_secretariat, { method: 'POST', url: '/api/commitments', payload: { meetingId, title: 'Share the sanctions list', responsiblePartyId: null } });
      assert.equal(m.status, 201);
      // It names its meeting, by title and the day at the venue (10:00 in Seoul on 21 December).
      const fromMeeting = await get(m.body.id, w.users.state_secretariat);
      assert.deepEqual(fromMeeting.body.meeting, { id: meetingId, title: 'Second meeting', titleKo: null, day: '2018-12-21' });
      const listed = await call(app, w.users.state_secretariat, { method: 'GET', url: `/api/commitments?wgId=${w.wgId}` });
      assert.equal(listed.body.items.find((c: { id: string }) => c.id === m.body.id).meeting.title, 'Second meeting');
    });

    test('404 across parties and organisations', async () => {
      const party = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/commitments', payload: body({ title: 'ROK internal follow-up', scope: 'party' }) });
      assert.equal(party.status, 201);
      const p = party.body.id;
      assert.equal((await get(p, w.users.state_chair)).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/commitments/${p}`, headers: { 'if-match': '1' }, payload: { title: 'x' } })).status, 404);
      assert.equal((await report(p, w.users.state_member, { status: 'done' })).status, 404);
      assert.equal((await get(p, w.users.mou_observer)).status, 200);
      const org = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/commitments', payload: body({ title: 'MOFA only', scope: 'organisation' }) });
      assert.equal((await get(org.body.id, w.users.mou_chair)).status, 404);
      assert.equal((await get(cid, w.users.dod_chair)).status, 404, 'a group record is hidden from a non-member organisation');
      const list = await call(app, w.users.state_member, { method: 'GET', url: `/api/commitments?documentId=${docId}` });
      assert.deepEqual(
        list.body.items.map((c: { id: string }) => c.id),
        [cid],
      );
      const hidden = await call(app, w.users.state_secretariat, { method: 'POST', url: '/api/commitments', payload: body({ documentId: undefined, clauseKey: undefined, meetingId: 'nope' }) });
      assert.equal(hidden.body.field, 'body.meetingId');
    });

    test('PATCH: 403 for members, 428 without If-Match, 409 when stale, 204 and audited', async () => {
      assert.equal((await call(app, w.users.state_member, { method: 'PATCH', url: `/api/commitments/${cid}`, headers: { 'if-match': '1' }, payload: { dueOn: '2019-01-31' } })).status, 403);
      assert.equal((await call(app, w.users.state_secretariat, { method: 'PATCH', url: `/api/commitments/${cid}`, payload: { dueOn: '2019-01-31' } })).status, 428);
      const bad = await call(app, w.users.state_secretariat, { method: 'PATCH', url: `/api/commitments/${cid}`, headers: { 'if-match': '1' }, payload: { responsiblePartyId: w.parties.us } });
      assert.equal(bad.status, 400, 'the responsible organisation (MOU) is not of the new party');
      assert.equal(bad.body.field, 'body.responsibleOrgId');
      const ok = await call(app, w.users.state_secretariat, {
        method: 'PATCH',
        url: `/api/commitments/${cid}`,
        headers: { 'if-match': '1' },
        payload: { dueOn: '2019-01-31', responsibleOrgId: null, responsiblePartyId: null },
      });
      assert.equal(ok.status, 204);
      assert.equal((await lastAudit(store)).action, 'commitment.update');
      const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/commitments/${cid}`, headers: { 'if-match': '1' }, payload: { title: 'x' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const g = await get(cid);
      assert.equal(g.body.dueOn, '2019-01-31');
      assert.equal(g.body.responsiblePartyId, null);
    });

    test('reports: 400 names the field, 403 for observers and users without a role; each government reports for itself', async () => {
      const before = await lastAudit(store);
      for (const [payload, field] of [
        [{ status: 'finished' }, 'body.status'],
        [{ status: 'done', percent: 101 }, 'body.percent'],
        [{ status: 'done', evidenceUrl: 'ftp://x.example/a' }, 'body.evidenceUrl'],
        [{ status: 'done', reportedOn: '2019-02-29' }, 'body.reportedOn'],
        [{}, 'body.status'],
      ] as const) {
        const r = await report(cid, w.users.mou_member, payload);
        assert.equal(r.status, 400, field);
        assert.equal(r.body.field, field);
      }
      assert.equal((await report(cid, w.users.mou_observer, { status: 'done' })).status, 403);
      assert.equal((await report(cid, w.users.mou_none, { status: 'done' })).status, 403);
      assert.equal((await lastAudit(store)).seq, before.seq);
      const r = await report(cid, w.users.mou_member, { status: 'in_progress', percent: 40, reportedOn: '2018-11-30', evidenceUrl: 'https://www.unikorea.go.kr/x' });
      assert.equal(r.status, 201);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'commitment.report');
      const stored = JSON.parse(String(ev.after));
      assert.equal(stored.party_id, w.parties.kr);
      assert.equal(stored.organisation_id, w.orgs.mou);
    });

    test('disputed commitments are flagged: one government says done, the other does not; settled when both say done', async () => {
      assert.equal((await report(cid, w.users.mofa_member, { status: 'done', percent: 100, reportedOn: '2018-12-17' })).status, 201);
      assert.equal((await report(cid, w.users.mou_member, { status: 'blocked', reportedOn: '2018-11-01', note: 'backdated, older than the latest' })).status, 201);
      assert.equal((await report(cid, w.users.state_member, { status: 'in_progress', percent: 80, reportedOn: '2018-12-18' })).status, 201);
      const g = await get(cid);
      assert.equal(g.body.reports.length, 4);
      assert.deepEqual(
        g.body.reports.map((r: { reportedOn: string }) => r.reportedOn),
        ['2018-12-18', '2018-12-17', '2018-11-30', '2018-11-01'],
      );
      assert.deepEqual(
        g.body.latestByParty.map((l: { partyId: string; report: { status: string } }) => [l.partyId, l.report.status]),
        [
          [w.parties.kr, 'done'],
          [w.parties.us, 'in_progress'],
        ],
      );
      assert.deepEqual([g.body.disputed, g.body.open, g.body.done, g.body.state], [true, true, false, 'disputed']);
      const disputed = await call(app, w.users.state_member, { method: 'GET', url: '/api/commitments?state=disputed' });
      assert.deepEqual(
        disputed.body.items.map((c: { id: string }) => c.id),
        [cid],
      );
      assert.ok((await call(app, w.users.state_member, { method: 'GET', url: '/api/commitments?state=overdue' })).body.items.some((c: { id: string }) => c.id === cid));

      assert.equal((await report(cid, w.users.state_member, { status: 'done', percent: 100, reportedOn: '2018-12-20' })).status, 201);
      const after = await get(cid);
      assert.deepEqual([after.body.disputed, after.body.open, after.body.done, after.body.overdue, after.body.state], [false, false, true, false, 'done']);
      const done = await call(app, w.users.state_member, { method: 'GET', url: '/api/commitments?state=done' });
      assert.deepEqual(
        done.body.items.map((c: { id: string }) => c.id),
        [cid],
      );
      assert.equal((await call(app, w.users.state_member, { method: 'GET', url: '/api/commitments?state=disputed' })).body.items.length, 0);
    });

    test('list filters: responsible party includes joint commitments, due before, group', async () => {
      const us = await call(app, w.users.state_secretariat, {
        method: 'POST',
        url: '/api/commitments',
        payload: { meetingId, title: 'US licence review', responsiblePartyId: w.parties.us, dueOn: '2030-01-01' },
      });
      assert.equal(us.status, 201);
      const ids = async (qs: string) => ((await call(app, w.users.state_member, { method: 'GET', url: `/api/commitments?${qs}` })).body.items as { id: string }[]).map((c) => c.id);
      const forKr = await ids(`responsiblePartyId=${w.parties.kr}`);
      assert.ok(forKr.includes(cid), "a joint commitment is also the ROK's");
      assert.ok(!forKr.includes(us.body.id));
      assert.ok((await ids(`responsiblePartyId=${w.parties.us}`)).includes(us.body.id));
      const due = await ids('dueBefore=2029-12-31');
      assert.ok(due.includes(cid) && !due.includes(us.body.id));
      const open = await ids(`wgId=${w.wgId}&state=open`);
      assert.ok(open.includes(us.body.id) && !open.includes(cid));
      const all = await call(app, w.users.state_member, { method: 'GET', url: `/api/commitments?wgId=${w.wgId}` });
      const dues = all.body.items.map((c: { dueOn: string | null }) => c.dueOn);
      assert.deepEqual(dues, ['2019-01-31', '2030-01-01', null], 'soonest due first, undated last');
      assert.equal((await ids('limit=1&offset=1')).length, 1);
    });

    test("a commitment from a meeting of one party's only: the other party reads the commitment but neither the meeting's id nor its title", async () => {
      const krMeeting = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'ROK-side preparatory meeting', level: 'working', format: 'video', startsAt: '2018-12-20T10:00:00+09:00', timezone: 'Asia/Seoul', scope: 'party' },
      });
      assert.equal(krMeeting.status, 201, JSON.stringify(krMeeting.body));
      const fromKr = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/commitments',
        payload: { meetingId: krMeeting.body.id, title: 'Prepare the rail survey plan', responsiblePartyId: null },
      });
      assert.equal(fromKr.status, 201, JSON.stringify(fromKr.body));
      const us = await get(fromKr.body.id, w.users.state_member);
      assert.equal(us.status, 200);
      assert.deepEqual([us.body.meetingId, us.body.meeting], [null, null]);
      assert.ok(!JSON.stringify(us.body).includes('ROK-side preparatory'), 'the hidden meeting is not named');
      const usList = await call(app, w.users.state_member, { method: 'GET', url: `/api/commitments?wgId=${w.wgId}` });
      assert.ok(!JSON.stringify(usList.body).includes('ROK-side preparatory'), 'nor in the list');
      const kr = await get(fromKr.body.id, w.users.mou_member);
      assert.equal(kr.body.meeting.title, 'ROK-side preparatory meeting');
    });
  });
}
