import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { nextStages } from '../../policies/project.ts';
import { stageTiming } from '../../queries/projects.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

describe('project pipeline rules', () => {
  test('transitions follow the table; a stalled project resumes no later than where it stalled', () => {
    assert.deepEqual(nextStages('proposed'), ['group_review', 'stalled', 'cancelled']);
    assert.deepEqual(nextStages('exemption_requested'), ['exemption_granted', 'exemption_denied', 'stalled', 'cancelled']);
    assert.deepEqual(nextStages('done'), []);
    assert.deepEqual(nextStages('stalled', 'group_review'), ['proposed', 'group_review', 'cancelled']);
    assert.deepEqual(nextStages('stalled', 'exemption_denied'), ['proposed', 'group_review', 'supported', 'exemption_requested', 'cancelled']);
  });
  test('stage timing: consecutive events, terminal stages stop the clock, review to exemption', () => {
    const t = stageTiming(
      [
        { stage: 'proposed', occurred_on: '2018-11-01' },
        { stage: 'group_review', occurred_on: '2018-11-20' },
        { stage: 'stalled', occurred_on: '2018-11-21' },
        { stage: 'group_review', occurred_on: '2018-11-22' },
        { stage: 'exemption_requested', occurred_on: '2018-11-22' },
        { stage: 'exemption_denied', occurred_on: '2018-12-01' },
        { stage: 'cancelled', occurred_on: '2019-03-01' },
      ],
      '2030-01-01',
    );
    assert.deepEqual(t.daysByStage, { proposed: 19, group_review: 1, stalled: 1, exemption_requested: 9, exemption_denied: 90 });
    assert.equal(t.daysFromReviewToExemption, 11);
    assert.equal(t.exemptionOutcome, 'exemption_denied');
    assert.equal(t.periods.at(-1)!.days, null);
    assert.equal(stageTiming([{ stage: 'proposed', occurred_on: '2020-02-28' }], '2020-03-01').daysByStage.proposed, 2, 'leap year');
    assert.equal(stageTiming([{ stage: 'proposed', occurred_on: '2020-02-28' }], '2020-03-01').daysFromReviewToExemption, null);
  });
});

for (const kind of storeKinds()) {
  describe(`projects API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let meetingId = '';
    const body = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      name: 'Inter-Korean rail joint survey',
      nameKo: '남북 철도 공동조사',
      trackId: w.trackId,
      proposedOn: '2018-11-01',
      plannedOn: '2018-11-30',
      ...over,
    });
    const get = (id: string, user = w.users.mofa_member, qs = '') => call(app, user, { method: 'GET', url: `/api/projects/${id}${qs}` });
    const move = (id: string, user: WorldUser, version: number | undefined, payload: Record<string, unknown>) =>
      call(app, user, { method: 'POST', url: `/api/projects/${id}/stage`, headers: version === undefined ? {} : { 'if-match': String(version) }, payload });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      await store.db
        .insertInto('parties')
        .values({ id: 'p-un', code: 'UN', name: 'United Nations', name_ko: '국제연합', kind: 'international', ...stamp })
        .execute();
      await store.db
        .insertInto('organisations')
        .values({ id: 'o-1718', party_id: 'p-un', parent_id: null, acronym: '1718 Committee', name: 'UN Security Council 1718 Committee', name_ko: '안보리 1718 위원회', kind: 'committee', ...stamp })
        .execute();
      app = await testApp(store);
      const m = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'First meeting', level: 'working', format: 'in_person', startsAt: '2018-11-20T10:00:00-05:00', timezone: 'America/New_York' },
      });
      meetingId = m.body.id;
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on every route', async () => {
      for (const [method, url, payload] of [
        ['GET', '/api/projects'],
        ['GET', '/api/projects/stage-times'],
        ['GET', '/api/projects/x'],
        ['POST', '/api/projects', body()],
        ['PATCH', '/api/projects/x', { statusNote: 'x' }],
        ['POST', '/api/projects/x/stage', { stage: 'group_review', occurredOn: '2018-11-20', reason: 'x' }],
        ['POST', '/api/projects/x/reschedule', { newDate: '2019-01-01', reason: 'x' }],
      ] as const) {
        assert.equal((await call(app, undefined, { method, url, payload, headers: { 'if-match': '1' } })).status, 401, `${method} ${url}`);
      }
    });

    test('400 names the field, and nothing is written', async () => {
      const before = await lastAudit(store);
      for (const [over, field] of [
        [{ name: undefined }, 'body.name'],
        [{ trackId: 'tr-nowhere' }, 'body.trackId'],
        [{ proposedOn: '2018-02-29' }, 'body.proposedOn'],
        [{ timezone: 'Asia/Pyongyang-ish' }, 'body.timezone'],
        [{ plannedOn: 'soon' }, 'body.plannedOn'],
        [{ proponentOrgId: 'o-nowhere' }, 'body.proponentOrgId'],
      ] as const) {
        const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/projects', payload: body(over) });
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field);
      }
      const hidden = await call(app, w.users.mou_chair, { method: 'POST', url: '/api/projects', payload: body({ wgId: w.otherWgId, trackId: undefined }) });
      assert.equal(hidden.body.field, 'body.wgId');
      assert.equal((await lastAudit(store)).seq, before.seq);
    });

    test('403 for observers, and for a member proposing for another organisation; a member may propose for their own', async () => {
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/projects', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.mou_member, { method: 'POST', url: '/api/projects', payload: body({ proponentOrgId: w.orgs.mofa }) })).status, 403);
      const own = await call(app, w.users.mou_member, { method: 'POST', url: '/api/projects', payload: body({ name: 'Family reunion video link' }) });
      assert.equal(own.status, 201);
      const g = await get(own.body.id);
      assert.equal(g.body.proponentOrgId, w.orgs.mou);
      assert.equal(g.body.stage, 'proposed');
      assert.deepEqual(g.body.abilities, { update: false, changeStage: false, reschedule: false });
      assert.deepEqual(g.body.allowedNextStages, []);
      assert.equal((await move(own.body.id, w.users.mou_member, 1, { stage: 'group_review', occurredOn: '2018-11-20', reason: 'x' })).status, 403);
    });

    let pid = '';
    test('create: 201 at proposed with a first stage event, audited', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/projects', payload: body({ reason: 'Agreed at the September summit', timezone: 'Asia/Seoul' }) });
      assert.equal(r.status, 201);
      pid = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'project.create');
      assert.equal(ev.entity_id, pid);
      const g = await get(pid, w.users.state_member);
      assert.equal(g.status, 200);
      assert.equal(g.headers.etag, '"1"');
      assert.equal(g.body.stage, 'proposed');
      assert.equal(g.body.proponentOrgName, 'Ministry of Foreign Affairs');
      assert.deepEqual(
        g.body.stageHistory.map((e: { stage: string; occurredOn: string }) => [e.stage, e.occurredOn]),
        [['proposed', '2018-11-01']],
      );
    });

    test('404 across parties and organisations', async () => {
      const party = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/projects', payload: body({ name: 'ROK-only planning', scope: 'party' }) });
      const p = party.body.id;
      assert.equal((await get(p, w.users.state_chair)).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/projects/${p}`, headers: { 'if-match': '1' }, payload: { statusNote: 'x' } })).status, 404);
      assert.equal((await move(p, w.users.state_chair, 1, { stage: 'group_review', occurredOn: '2018-11-20', reason: 'x' })).status, 404);
      assert.equal((await call(app, w.users.state_chair, { method: 'POST', url: `/api/projects/${p}/reschedule`, headers: { 'if-match': '1' }, payload: { newDate: null, reason: 'x' } })).status, 404);
      assert.equal((await get(p, w.users.mou_observer)).status, 200);
      const org = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/projects', payload: body({ name: 'MOFA-only', scope: 'organisation' }) });
      assert.equal((await get(org.body.id, w.users.mou_chair)).status, 404);
      assert.equal((await get(pid, w.users.dod_chair)).status, 404);
      const list = await call(app, w.users.state_chair, { method: 'GET', url: `/api/projects?wgId=${w.wgId}&stage=proposed&trackId=${w.trackId}` });
      const ids = list.body.items.map((x: { id: string }) => x.id);
      assert.ok(ids.includes(pid) && !ids.includes(p) && !ids.includes(org.body.id));
      const times = await call(app, w.users.state_chair, { method: 'GET', url: '/api/projects/stage-times' });
      assert.ok(!times.body.items.some((x: { projectId: string }) => x.projectId === p));
    });

    test('stage changes: 428 without If-Match, 409 when stale, 409 naming an illegal transition, 400 for an event dated before the last', async () => {
      const stage = { stage: 'group_review', occurredOn: '2018-11-20', reason: 'On the agenda of the first meeting', meetingId };
      assert.equal((await move(pid, w.users.mofa_secretariat, undefined, stage)).status, 428);
      const stale = await move(pid, w.users.mofa_secretariat, 9, stage);
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 1);
      const before = await lastAudit(store);
      const illegal = await move(pid, w.users.mofa_secretariat, 1, { ...stage, stage: 'exemption_granted' });
      assert.equal(illegal.status, 409);
      assert.match(illegal.body.message, /proposed → exemption_granted/);
      assert.deepEqual(illegal.body.details.allowed, ['group_review', 'stalled', 'cancelled']);
      const early = await move(pid, w.users.mofa_secretariat, 1, { ...stage, occurredOn: '2018-10-31' });
      assert.equal(early.status, 400);
      assert.equal(early.body.field, 'body.occurredOn');
      const badMeeting = await move(pid, w.users.mofa_secretariat, 1, { ...stage, meetingId: 'm-nowhere' });
      assert.equal(badMeeting.body.field, 'body.meetingId');
      assert.equal((await lastAudit(store)).seq, before.seq, 'refused changes write nothing');
      assert.equal((await get(pid)).body.version, 1);
      const ok = await move(pid, w.users.state_secretariat, 1, stage);
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'project.stage_change');
      assert.match(String(ev.before), /proposed/);
    });

    test('the rail survey through the exemption gate: time in each stage and 3 days from group review to exemption', async () => {
      let v = 2;
      for (const s of [
        { stage: 'supported', occurredOn: '2018-11-21', reason: 'Both delegations support it' },
        { stage: 'exemption_requested', occurredOn: '2018-11-21', reason: 'Equipment and fuel need a 1718 exemption', timezone: 'America/New_York' },
        { stage: 'exemption_granted', occurredOn: '2018-11-23', reason: 'Exemption granted', authorityOrgId: 'o-1718', timezone: 'America/New_York' },
        { stage: 'implementation', occurredOn: '2018-11-30', reason: 'Survey train departs Dorasan', timezone: 'Asia/Seoul' },
      ]) {
        const r = await move(pid, w.users.mofa_secretariat, v, s);
        assert.equal(r.status, 204, `${s.stage}: ${JSON.stringify(r.body)}`);
        v += 1;
      }
      const mid = await get(pid, w.users.state_member, '?asOf=2018-12-10');
      assert.equal(mid.body.asOf, '2018-12-10');
      assert.equal(mid.body.daysByStage.implementation, 10, 'the current stage counts up to asOf');
      assert.equal(mid.body.stageTimes.at(-1).ongoing, true);
      assert.equal((await move(pid, w.users.mofa_secretariat, v, { stage: 'done', occurredOn: '2018-12-17', reason: 'Survey completed' })).status, 204);
      const g = await get(pid, w.users.state_member, '?asOf=2030-01-01');
      assert.equal(g.body.stage, 'done');
      assert.equal(g.body.daysFromReviewToExemption, 3);
      assert.equal(g.body.exemptionOutcome, 'exemption_granted');
      assert.deepEqual(g.body.daysByStage, { proposed: 19, group_review: 1, supported: 0, exemption_requested: 2, exemption_granted: 7, implementation: 17 });
      assert.deepEqual(g.body.stageTimes.at(-1), { stage: 'done', enteredOn: '2018-12-17', leftOn: null, days: null, ongoing: false });
      const granted = g.body.stageHistory.find((e: { stage: string }) => e.stage === 'exemption_granted');
      assert.equal(granted.authorityOrgName, 'UN Security Council 1718 Committee');
      assert.equal(granted.timezone, 'America/New_York');
      assert.equal(g.body.stageHistory[1].meetingId, meetingId);
      assert.deepEqual(g.body.abilities, { update: false, changeStage: false, reschedule: false });
      const finished = await move(pid, w.users.mofa_secretariat, g.body.version, { stage: 'stalled', occurredOn: '2019-01-01', reason: 'x' });
      assert.equal(finished.status, 409);
      assert.match(finished.body.message, /done → stalled/);

      const times = await call(app, w.users.state_member, { method: 'GET', url: `/api/projects/stage-times?wgId=${w.wgId}&asOf=2030-01-01` });
      assert.equal(times.status, 200);
      const rail = times.body.items.find((x: { projectId: string }) => x.projectId === pid);
      assert.deepEqual([rail.groupReviewOn, rail.exemptionDecidedOn, rail.daysFromReviewToExemption], ['2018-11-20', '2018-11-23', 3]);
      const other = times.body.items.find((x: { projectId: string }) => x.projectId !== pid);
      assert.equal(other.daysFromReviewToExemption, null);
    });

    test('a stalled project resumes no later than the stage it stalled in', async () => {
      const r = await call(app, w.users.state_secretariat, { method: 'POST', url: '/api/projects', payload: body({ name: 'Road modernisation', proposedOn: '2018-11-01' }) });
      const id = r.body.id;
      assert.equal((await move(id, w.users.state_secretariat, 1, { stage: 'group_review', occurredOn: '2018-11-20', reason: 'x' })).status, 204);
      assert.equal((await move(id, w.users.state_secretariat, 2, { stage: 'stalled', occurredOn: '2018-12-01', reason: 'Awaiting the road survey plan' })).status, 204);
      const g = await get(id, w.users.state_secretariat);
      assert.deepEqual(g.body.allowedNextStages, ['proposed', 'group_review', 'cancelled']);
      const skip = await move(id, w.users.state_secretariat, 3, { stage: 'implementation', occurredOn: '2019-01-01', reason: 'x' });
      assert.equal(skip.status, 409);
      assert.match(skip.body.message, /stalled → implementation/);
      assert.equal((await move(id, w.users.state_secretariat, 3, { stage: 'group_review', occurredOn: '2019-01-01', reason: 'Plan received' })).status, 204);
      const after = await get(id, w.users.state_secretariat, '?asOf=2019-01-11');
      assert.deepEqual(after.body.daysByStage, { proposed: 19, group_review: 11 + 10, stalled: 31 });
    });

    test('reschedule and PATCH: 403 for members, 409 when stale, recorded with the reason and audited', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/projects', payload: body({ name: 'Forestry cooperation', plannedOn: '2019-03-01' }) });
      const id = r.body.id;
      const url = `/api/projects/${id}/reschedule`;
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { newDate: '2019-06-01', reason: 'x' } })).status, 403);
      const bad = await call(app, w.users.mofa_secretariat, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { newDate: '2019-06-31', reason: 'x' } });
      assert.equal(bad.body.field, 'body.newDate');
      const noReason = await call(app, w.users.mofa_secretariat, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { newDate: '2019-06-01' } });
      assert.equal(noReason.body.field, 'body.reason');
      const ok = await call(app, w.users.mofa_secretariat, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { newDate: '2019-06-01', reason: 'Waiting for the exemption' } });
      assert.equal(ok.status, 204);
      assert.equal((await lastAudit(store)).action, 'project.reschedule');
      const stale = await call(app, w.users.mofa_secretariat, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { newDate: null, reason: 'x' } });
      assert.equal(stale.status, 409);
      const again = await call(app, w.users.state_chair, { method: 'POST', url, headers: { 'if-match': '2' }, payload: { newDate: null, reason: 'Suspended until further notice' } });
      assert.equal(again.status, 204);
      const g = await get(id);
      assert.equal(g.body.plannedOn, null);
      assert.deepEqual(
        g.body.dateChanges.map((d: { oldDate: string | null; newDate: string | null; reason: string }) => [d.oldDate, d.newDate, d.reason]),
        [
          ['2019-03-01', '2019-06-01', 'Waiting for the exemption'],
          ['2019-06-01', null, 'Suspended until further notice'],
        ],
      );
      assert.equal((await call(app, w.users.state_member, { method: 'PATCH', url: `/api/projects/${id}`, headers: { 'if-match': '3' }, payload: { statusNote: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/projects/${id}`, headers: { 'if-match': '2' }, payload: { statusNote: 'x' } })).status, 409);
      const p = await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/projects/${id}`, headers: { 'if-match': '3' }, payload: { statusNote: 'On hold' } });
      assert.equal(p.status, 204);
      assert.equal((await lastAudit(store)).action, 'project.update');
      assert.equal((await get(id)).body.statusNote, 'On hold');
    });
  });
}
