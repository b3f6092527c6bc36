import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import ical from 'node-ical';
import type { Store } from '../../db/database.ts';
import { sha256 } from '../../auth/sessions.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';
import type { ProgressStatus, ProjectStage, Scope } from '../../../core/vocabulary.ts';

const ts = '2026-01-01T00:00:00.000Z';

for (const kind of storeKinds()) {
  describe(`working groups API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let admin: WorldUser;
    const body = (over: Record<string, unknown> = {}) => ({
      name: 'ROK-US Working Group',
      nameKo: '한미 워킹그룹',
      kind: 'bilateral',
      timezone: 'Asia/Seoul',
      establishedOn: '2018-11-20',
      mandate: 'Coordinate denuclearization, sanctions and inter-Korean cooperation',
      mandateKo: '비핵화, 대북제재, 남북협력 조율',
      cadenceRrule: 'FREQ=MONTHLY;BYDAY=3TU',
      partyIds: [w.parties.kr, w.parties.us],
      members: [
        { organisationId: w.orgs.mofa, participation: 'member' },
        { organisationId: w.orgs.state, participation: 'member' },
        { organisationId: w.orgs.mou, participation: 'non_participant', note: 'A diplomatic matter between the two governments' },
      ],
      ...over,
    });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      admin = w.users.mofa_none;
      await store.db.updateTable('users').set({ is_admin: 1 }).where('id', '=', admin.id).execute();
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on every route', async () => {
      for (const url of ['/api/working-groups', `/api/working-groups/${w.wgId}`, `/api/working-groups/${w.wgId}/calendar.ics`, `/api/working-groups/${w.wgId}/dashboard`]) {
        assert.equal((await call(app, undefined, { method: 'GET', url })).status, 401, url);
      }
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/working-groups', payload: body() })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PATCH', url: `/api/working-groups/${w.wgId}`, headers: { 'if-match': '1' }, payload: { name: 'x' } })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: `/api/working-groups/${w.wgId}/tracks`, payload: { code: 'x', name: 'x' } })).status, 401);
      assert.equal((await call(app, undefined, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/${w.orgs.mou}`, payload: { participation: 'member' } })).status, 401);
    });

    test('list: the groups I may see, with my role', async () => {
      const r = await call(app, w.users.mofa_chair, { method: 'GET', url: '/api/working-groups' });
      assert.equal(r.status, 200);
      const test = r.body.items.find((g: { id: string }) => g.id === w.wgId);
      assert.equal(test.myRole, 'chair');
      assert.equal(test.abilities.update, true);
      assert.deepEqual(
        test.parties.map((p: { code: string }) => p.code),
        ['KR', 'US'],
      );
      assert.ok(r.body.items.some((g: { id: string }) => g.id === w.otherWgId));
      const mou = await call(app, w.users.mou_member, { method: 'GET', url: '/api/working-groups' });
      assert.deepEqual(
        mou.body.items.map((g: { id: string }) => g.id),
        [w.wgId],
        'MOU is no member of the group-scoped other group',
      );
      assert.equal(mou.body.items[0].myRole, 'member');
      assert.equal(mou.body.items[0].abilities.update, false);
    });

    test('404 for a group-scoped group across organisations, and for unknown ids', async () => {
      assert.equal((await call(app, w.users.mou_chair, { method: 'GET', url: `/api/working-groups/${w.otherWgId}` })).status, 404);
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/working-groups/${w.otherWgId}` })).status, 404);
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/working-groups/${w.otherWgId}/calendar.ics` })).status, 404);
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/working-groups/${w.otherWgId}/dashboard` })).status, 404);
      assert.equal((await call(app, w.users.mofa_chair, { method: 'GET', url: '/api/working-groups/nope' })).status, 404);
      assert.equal((await call(app, w.users.dod_chair, { method: 'PATCH', url: `/api/working-groups/${w.otherWgId}`, headers: { 'if-match': '1' }, payload: { name: 'x' } })).status, 404);
    });

    test('403: only those who speak for their party (a chair, a secretariat, an administrator) found groups; members and observers do not run them', async () => {
      const seq = (await lastAudit(store)).seq;
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/working-groups', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.dod_none, { method: 'POST', url: '/api/working-groups', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.mofa_member, { method: 'PATCH', url: `/api/working-groups/${w.wgId}`, headers: { 'if-match': '1' }, payload: { name: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: `/api/working-groups/${w.wgId}/tracks`, payload: { code: 'x', name: 'x' } })).status, 403);
      assert.equal((await call(app, w.users.mou_member, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/${w.orgs.mou}`, payload: { participation: 'observer' } })).status, 403);
      assert.equal((await lastAudit(store)).seq, seq);
    });

    test('400 names the field: time zone, RRULE, lifecycle', async () => {
      const tz = await call(app, admin, { method: 'POST', url: '/api/working-groups', payload: body({ timezone: 'Mars/Olympus' }) });
      assert.equal(tz.status, 400);
      assert.equal(tz.body.field, 'body.timezone');
      const rr = await call(app, admin, { method: 'POST', url: '/api/working-groups', payload: body({ cadenceRrule: 'every third tuesday' }) });
      assert.equal(rr.status, 400);
      assert.equal(rr.body.field, 'body.cadenceRrule');
      const bad = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/working-groups/${w.wgId}`, headers: { 'if-match': '1' }, payload: { cadenceRrule: 'FREQ=FORTNIGHTLY' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.cadenceRrule');
      const count = await call(app, w.users.mofa_secretariat, {
        method: 'PATCH',
        url: `/api/working-groups/${w.wgId}`,
        headers: { 'if-match': '1' },
        payload: { cadenceRrule: 'FREQ=WEEKLY;INTERVAL=0' },
      });
      assert.equal(count.body.field, 'body.cadenceRrule');
      const ended = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/working-groups/${w.wgId}`, headers: { 'if-match': '1' }, payload: { status: 'ended' } });
      assert.equal(ended.status, 400);
      assert.equal(ended.body.field, 'body.endedOn');
      const noName = await call(app, admin, { method: 'POST', url: '/api/working-groups', payload: { ...body(), name: undefined } });
      assert.equal(noName.body.field, 'body.name');
      const member = await call(app, admin, { method: 'POST', url: '/api/working-groups', payload: body({ partyIds: [w.parties.kr] }) });
      assert.equal(member.body.field, 'body.members.1.organisationId');
    });

    let wgId = '';
    test('create: 201, audited, with members and the non-participation reason', async () => {
      const r = await call(app, admin, { method: 'POST', url: '/api/working-groups', payload: body({ predecessorId: w.wgId }) });
      assert.equal(r.status, 201);
      wgId = r.body.id;
      const ev = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'working_group.create').where('entity_id', '=', wgId).executeTakeFirstOrThrow();
      assert.equal(ev.actor_user_id, admin.id);
      // Two parties: proposed until the US accepts; the proposal's opening is the last event.
      assert.equal((await lastAudit(store)).action, 'proposal.create');
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/working-groups/${wgId}` });
      assert.equal(g.status, 200);
      assert.equal(g.body.mandateKo, '비핵화, 대북제재, 남북협력 조율');
      assert.equal(g.body.cadenceRrule, 'FREQ=MONTHLY;BYDAY=3TU');
      assert.equal(g.body.predecessor.id, w.wgId);
      assert.equal(g.body.access.scope, 'group');
      assert.equal(g.headers.etag, '"1"');
      assert.equal(g.body.status, 'proposed');
      const mou = g.body.members.find((m: { organisationId: string }) => m.organisationId === w.orgs.mou);
      assert.equal(mou.participation, 'non_participant');
      assert.match(mou.note, /diplomatic matter/);
      const pred = await call(app, w.users.state_member, { method: 'GET', url: `/api/working-groups/${w.wgId}` });
      assert.deepEqual(
        pred.body.successors.map((s: { id: string }) => s.id),
        [wgId],
      );
      // MOU does not take part: the group-scoped group is invisible to it, and so is the successor link.
      assert.equal((await call(app, w.users.mou_member, { method: 'GET', url: `/api/working-groups/${wgId}` })).status, 404);
      const predMou = await call(app, w.users.mou_member, { method: 'GET', url: `/api/working-groups/${w.wgId}` });
      assert.deepEqual(predMou.body.successors, []);
    });

    test('a party-scoped group is invisible to the other party', async () => {
      const r = await call(app, admin, {
        method: 'POST',
        url: '/api/working-groups',
        payload: body({ name: 'ROK interagency', kind: 'interagency', partyIds: [w.parties.kr], members: [{ organisationId: w.orgs.mou, participation: 'member' }], scope: 'party' }),
      });
      assert.equal(r.status, 201);
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/working-groups/${r.body.id}` })).status, 404);
      assert.equal((await call(app, w.users.mou_observer, { method: 'GET', url: `/api/working-groups/${r.body.id}` })).status, 200);
    });

    test('lifecycle moves forward with dates; 428 without If-Match; 409 stale', async () => {
      const url = `/api/working-groups/${w.wgId}`;
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'PATCH', url, payload: { status: 'termination_agreed' } })).status, 428);
      const ok = await call(app, w.users.mofa_secretariat, {
        method: 'PATCH',
        url,
        headers: { 'if-match': '1' },
        payload: { status: 'termination_agreed', terminationAgreedOn: '2026-06-01', cadenceRrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2' },
      });
      assert.equal(ok.status, 204);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'working_group.update');
      assert.match(String(ev.before), /established/);
      const stale = await call(app, w.users.state_secretariat, { method: 'PATCH', url, headers: { 'if-match': '1' }, payload: { name: 'x' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
      const back = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url, headers: { 'if-match': '2' }, payload: { status: 'established', terminationAgreedOn: null } });
      assert.equal(back.status, 400);
      assert.equal(back.body.field, 'body.status');
      const early = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url, headers: { 'if-match': '2' }, payload: { status: 'ended', endedOn: '2026-05-01' } });
      assert.equal(early.body.field, 'body.endedOn');
      const end = await call(app, admin, { method: 'PATCH', url, headers: { 'if-match': '2' }, payload: { status: 'ended', endedOn: '2026-07-01' } });
      assert.equal(end.status, 204);
      const g = await call(app, w.users.mofa_member, { method: 'GET', url });
      assert.equal(g.body.status, 'ended');
      assert.equal(g.body.terminationAgreedOn, '2026-06-01');
      assert.equal(g.body.cadenceRrule, 'FREQ=WEEKLY;INTERVAL=2');
    });

    test('tracks: add, duplicate code 409, change with If-Match', async () => {
      const url = `/api/working-groups/${wgId}/tracks`;
      await store.db.insertInto('wg_user_roles').values({ wg_id: wgId, user_id: w.users.state_secretariat.id, role: 'secretariat' }).execute();
      const r = await call(app, w.users.state_secretariat, { method: 'POST', url, payload: { code: 'humanitarian', name: 'Humanitarian cooperation', nameKo: '인도적 협력' } });
      assert.equal(r.status, 201);
      assert.equal((await lastAudit(store)).action, 'track.create');
      const dup = await call(app, w.users.state_secretariat, { method: 'POST', url, payload: { code: 'humanitarian', name: 'Again' } });
      assert.equal(dup.status, 409);
      const bad = await call(app, w.users.state_secretariat, { method: 'POST', url, payload: { code: 'Not A Code', name: 'x' } });
      assert.equal(bad.body.field, 'body.code');
      const p = await call(app, w.users.state_secretariat, { method: 'PATCH', url: `${url}/${r.body.id}`, headers: { 'if-match': '1' }, payload: { position: 5 } });
      assert.equal(p.status, 204);
      assert.equal((await lastAudit(store)).action, 'track.update');
      assert.equal((await call(app, w.users.state_secretariat, { method: 'PATCH', url: `${url}/${r.body.id}`, headers: { 'if-match': '1' }, payload: { position: 6 } })).status, 409);
      assert.equal((await call(app, w.users.state_secretariat, { method: 'PATCH', url: `${url}/nope`, headers: { 'if-match': '1' }, payload: { position: 6 } })).status, 404);
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/working-groups/${wgId}` });
      assert.equal(g.body.tracks[0].nameKo, '인도적 협력');
      assert.equal(g.body.tracks[0].position, 5);
    });

    test('members: set participation with a reason; membership opens group records', async () => {
      const url = `/api/working-groups/${w.wgId}/members/${w.orgs.mou}`;
      const r = await call(app, w.users.mofa_chair, { method: 'PUT', url, payload: { participation: 'non_participant', note: 'Declined the December 2025 consultation' } });
      assert.equal(r.status, 200);
      assert.equal(r.body.participation, 'non_participant');
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'working_group.member_set');
      assert.match(String(ev.before), /"participation":"member"/);
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/working-groups/${w.wgId}` });
      assert.match(g.body.members.find((m: { organisationId: string }) => m.organisationId === w.orgs.mou).note, /December 2025/);
      assert.equal((await call(app, w.users.mofa_chair, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/nope`, payload: { participation: 'member' } })).status, 404);
      const bad = await call(app, w.users.mofa_chair, { method: 'PUT', url, payload: { participation: 'sometimes' } });
      assert.equal(bad.body.field, 'body.participation');
      await call(app, w.users.mofa_chair, { method: 'PUT', url, payload: { participation: 'member' } });
    });

    test('calendar.ics: one VEVENT per visible meeting, TZID, status; ?token= for subscriptions', async () => {
      const mk = async (over: Record<string, unknown>) => {
        const r = await call(app, w.users.mofa_chair, {
          method: 'POST',
          url: '/api/meetings',
          payload: { wgId: w.wgId, title: 'Plenary', level: 'working', format: 'in_person', place: 'Seoul', startsAt: '2026-03-17T10:00:00+09:00', timezone: 'Asia/Seoul', ...over },
        });
        assert.equal(r.status, 201);
        return r.body.id as string;
      };
      const a = await mk({ titleKo: '전체회의' });
      const b = await mk({ title: 'Washington round', place: 'Washington, DC', startsAt: '2026-07-21T10:00:00-04:00', endsAt: '2026-07-21T12:00:00-04:00', timezone: 'America/New_York' });
      const hidden = await mk({ title: 'ROK-only preparation', scope: 'party' });
      await call(app, w.users.mofa_chair, { method: 'POST', url: `/api/meetings/${a}/agenda`, payload: { title: 'Rail survey exemption', titleKo: '철도 조사 면제', trackId: w.trackId } });
      await call(app, w.users.mofa_chair, { method: 'POST', url: `/api/meetings/${b}/cancel`, headers: { 'if-match': '1' }, payload: { reason: 'Overtaken by events' } });

      const r = await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics`, headers: { authorization: `Bearer ${w.users.state_member.token}` } });
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /^text\/calendar/);
      assert.match(r.body, /DTSTART;TZID=Asia\/Seoul:20260317T100000/);
      assert.match(r.body, /BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);
      const events = Object.values(ical.sync.parseICS(r.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
      assert.equal(events.length, 2, 'the party-scoped meeting is not in the US feed');
      const ea = events.find((e) => e.uid === `${a}@concord`)!;
      assert.equal(ea.start.toISOString(), '2026-03-17T01:00:00.000Z');
      assert.equal(ea.start.tz, 'Asia/Seoul');
      assert.equal(ea.summary, 'Plenary / 전체회의');
      assert.equal(ea.location, 'Seoul');
      assert.equal(ea.status, 'CONFIRMED');
      assert.match(String(ea.description), /\[Sanctions implementation\]\n- Rail survey exemption \/ 철도 조사 면제/);
      const eb = events.find((e) => e.uid === `${b}@concord`)!;
      assert.equal(eb.start.toISOString(), '2026-07-21T14:00:00.000Z');
      assert.equal(eb.status, 'CANCELLED');
      assert.ok(!events.some((e) => e.uid === `${hidden}@concord`));

      // The subscription URL carries a calendar token for this group (issue 13, finding 4); the
      // member's write token is no longer accepted there.
      const feedToken = 'cct_test_feed_mofa_member';
      await store.db
        .insertInto('api_tokens')
        .values({
          id: 't-feed-mofa-member',
          user_id: w.users.mofa_member.id,
          name: 'feed',
          token_hash: sha256(feedToken),
          created_at: ts,
          revoked_at: null,
          scope: 'calendar',
          wg_id: w.wgId,
          expires_at: '2999-01-01T00:00:00.000Z',
          last_used_at: null,
        })
        .execute();
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics?token=${w.users.mofa_member.token}` })).statusCode, 401, 'a write token is refused in ?token=');
      const kr = await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics?token=${feedToken}` });
      assert.equal(kr.statusCode, 200);
      assert.equal(Object.values(ical.sync.parseICS(kr.body)).filter((c) => c?.type === 'VEVENT').length, 3);
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics?token=nope` })).statusCode, 401);
      assert.equal((await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/dashboard?token=${w.users.mofa_member.token}` })).statusCode, 401, '?token= works on the feed only');
    });

    test('dashboard: next meetings, commitments open and disputed, projects by stage, statements, all visibility-filtered', async () => {
      const db = store.db;
      const g = (scope: Scope, owner: 'mofa' | 'state') => ({
        owner_org_id: w.orgs[owner],
        owner_party_id: owner === 'mofa' ? w.parties.kr : w.parties.us,
        scope,
        classification: 0,
        version: 1,
        created_at: ts,
        updated_at: ts,
      });
      const commitment = (id: string, scope: Scope = 'group') => ({
        id,
        wg_id: w.wgId,
        document_id: null,
        clause_key: null,
        meeting_id: null,
        track: null,
        title: id,
        title_ko: null,
        responsible_party_id: null,
        responsible_org_id: null,
        due_on: null,
        ...g(scope, 'mofa'),
      });
      await db
        .insertInto('commitments')
        .values([commitment('c-done'), commitment('c-disputed'), commitment('c-none'), commitment('c-secret', 'party')])
        .execute();
      const report = (id: string, c: string, party: 'kr' | 'us', status: ProgressStatus, on: string) => ({
        id,
        commitment_id: c,
        party_id: w.parties[party],
        organisation_id: party === 'kr' ? w.orgs.mofa : w.orgs.state,
        status,
        percent: null,
        note: null,
        evidence_url: null,
        reported_on: on,
        reported_by: null,
        created_at: ts,
      });
      await db
        .insertInto('progress_reports')
        .values([
          report('r1', 'c-done', 'kr', 'in_progress', '2026-01-01'),
          report('r2', 'c-done', 'kr', 'done', '2026-02-01'),
          report('r3', 'c-done', 'us', 'done', '2026-02-03'),
          report('r4', 'c-disputed', 'kr', 'done', '2026-02-01'),
          report('r5', 'c-disputed', 'us', 'blocked', '2026-02-02'),
          report('r6', 'c-secret', 'kr', 'done', '2026-02-01'),
          report('r7', 'c-secret', 'us', 'at_risk', '2026-02-01'),
        ])
        .execute();
      const project = (id: string, stage: ProjectStage, scope: Scope = 'group') => ({
        id,
        wg_id: w.wgId,
        track_id: null,
        name: id,
        name_ko: null,
        description: null,
        proponent_org_id: null,
        stage,
        planned_on: null,
        status_note: null,
        ...g(scope, 'mofa'),
      });
      await db
        .insertInto('projects')
        .values([project('rail', 'exemption_requested'), project('tourism', 'proposed'), project('secret', 'proposed', 'organisation')])
        .execute();
      const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      await db
        .insertInto('project_stage_events')
        .values([
          { id: 'e1', project_id: 'rail', stage: 'proposed', occurred_on: '2025-01-01', timezone: null, reason: null, authority_org_id: null, meeting_id: null, recorded_by: null, created_at: ts },
          {
            id: 'e2',
            project_id: 'rail',
            stage: 'exemption_requested',
            occurred_on: tenDaysAgo,
            timezone: null,
            reason: null,
            authority_org_id: null,
            meeting_id: null,
            recorded_by: null,
            created_at: ts,
          },
        ])
        .execute();
      const statement = (id: string, on: string, scope: Scope = 'public') => ({
        id,
        wg_id: w.wgId,
        party_id: w.parties.us,
        speaker_person_id: null,
        speaker_org_id: w.orgs.state,
        speaker_description: 'spokesperson',
        said_on: on,
        medium: 'press_briefing' as const,
        language: 'en',
        quote: `quote ${id}`,
        context: null,
        source_url: null,
        source_title: null,
        passage: null,
        ...g(scope, 'state'),
      });
      await db
        .insertInto('statements')
        .values([statement('s1', '2026-01-10'), statement('s2', '2026-02-10'), statement('s3', '2026-03-10', 'party')])
        .execute();
      const next = await call(app, w.users.mofa_chair, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'Future', level: 'working', format: 'video', startsAt: '2099-01-05T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });

      const us = await call(app, w.users.state_member, { method: 'GET', url: `/api/working-groups/${w.wgId}/dashboard` });
      assert.equal(us.status, 200);
      assert.deepEqual(
        us.body.nextMeetings.map((m: { id: string }) => m.id),
        [next.body.id],
      );
      assert.deepEqual(us.body.commitments, { total: 3, open: 2, disputed: 1 });
      const stage = (b: { projects: { stage: string; count: number; items: { id: string; daysInStage: number }[] }[] }, s: string) => b.projects.find((p) => p.stage === s)!;
      assert.equal(stage(us.body, 'exemption_requested').items[0].daysInStage, 10);
      assert.equal(stage(us.body, 'proposed').count, 1, 'the MOFA-only project is not counted for State');
      assert.deepEqual(
        us.body.recentStatements.map((s: { id: string }) => s.id),
        ['s3', 's2', 's1'],
      );

      const kr = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/working-groups/${w.wgId}/dashboard` });
      assert.deepEqual(kr.body.commitments, { total: 4, open: 3, disputed: 2 });
      assert.equal(stage(kr.body, 'proposed').count, 2);
      assert.deepEqual(
        kr.body.recentStatements.map((s: { id: string }) => s.id),
        ['s2', 's1'],
        'the US party-scoped statement stays with the US',
      );
    });

    test("a group's settings (label scale, discipline rules): its chair and secretariat; not a member, not an administrator without a role", async () => {
      const seq = (await lastAudit(store)).seq;
      const wgOf = async (u: typeof admin) => (await call(app, u, { method: 'GET', url: `/api/working-groups/${w.wgId}` })).body;
      assert.equal((await wgOf(w.users.mofa_secretariat)).abilities.changeSettings, true);
      assert.equal((await wgOf(w.users.mofa_chair)).abilities.changeSettings, true);
      assert.equal((await wgOf(w.users.mofa_member)).abilities.changeSettings, false);
      const asAdmin = await wgOf(admin);
      assert.equal(asAdmin.abilities.changeSettings, false, "being an administrator grants no say in a group's record");
      assert.equal(asAdmin.abilities.update, true, 'an administrator still runs the groups they found');
      assert.equal((await wgOf(w.users.mofa_member)).abilities.addArticle, true);
      assert.equal((await wgOf(w.users.mofa_observer)).abilities.addArticle, false);
      const version = String(asAdmin.version);
      const scale = {
        method: 'agree',
        minN: 1,
        bands: [
          { label: 'one voice', min: 0.99 },
          { label: 'apart', min: null },
        ],
      };
      for (const u of [admin, w.users.mofa_member]) {
        assert.equal((await call(app, u, { method: 'PUT', url: `/api/working-groups/${w.wgId}/label-scale`, headers: { 'if-match': version }, payload: scale })).status, 403);
        assert.equal((await call(app, u, { method: 'PUT', url: `/api/working-groups/${w.wgId}/discipline-rules`, headers: { 'if-match': version }, payload: { overrides: null } })).status, 403);
      }
      assert.equal((await lastAudit(store)).seq, seq, 'nothing was written');
      const ok = await call(app, w.users.mofa_chair, { method: 'PUT', url: `/api/working-groups/${w.wgId}/label-scale`, headers: { 'if-match': version }, payload: scale });
      assert.equal(ok.status, 204, JSON.stringify(ok.body));
      assert.equal((await lastAudit(store)).action, 'working_group.update');
    });
  });
}
