import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`meetings API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const body = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      title: 'Third meeting',
      level: 'working',
      format: 'video',
      startsAt: '2026-03-01T10:00:00+09:00',
      endsAt: '2026-03-01T12:00:00+09:00',
      timezone: 'Asia/Seoul',
      invite: [w.orgs.mofa, w.orgs.mou, w.orgs.state],
      ...over,
    });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials, and with a bad token', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/meetings' })).status, 401);
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/meetings', payload: body() })).status, 401);
      const bad = await app.inject({ method: 'GET', url: '/api/meetings', headers: { authorization: 'Bearer nope' } });
      assert.equal(bad.statusCode, 401);
    });

    test('400 names the field, and nothing is written', async () => {
      const before = await lastAudit(store);
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: body({ startsAt: 'tomorrow' }) });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'body.startsAt');
      const r2 = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: body({ timezone: 'Mars/Olympus' }) });
      assert.equal(r2.status, 400);
      assert.equal(r2.body.field, 'body.timezone');
      const r3 = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: { ...body(), title: undefined } });
      assert.equal(r3.status, 400);
      assert.equal(r3.body.field, 'body.title');
      // An unknown organisation among the invitations: the meeting written before it is undone too.
      const meetings = await store.db.selectFrom('meetings').select('id').execute();
      const r4 = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: body({ invite: [w.orgs.mou, 'no-such-organisation'] }) });
      assert.equal(r4.status, 400);
      assert.equal(r4.body.field, 'body.invite');
      assert.match(r4.body.message, /no-such-organisation/);
      assert.equal((await store.db.selectFrom('meetings').select('id').execute()).length, meetings.length);
      assert.equal((await lastAudit(store)).seq, before.seq);
    });

    test('403 for members and observers; 400 for a group the user cannot see', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/meetings', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/meetings', payload: body() })).status, 403);
      const r = await call(app, w.users.dod_chair, { method: 'POST', url: '/api/meetings', payload: body({ wgId: w.otherWgId }) });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'body.wgId');
    });

    let meetingId = '';
    test('create: 201, visible to members, audited in the same transaction', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: body() });
      assert.equal(r.status, 201);
      meetingId = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'meeting.create');
      assert.equal(ev.entity_id, meetingId);
      assert.equal(ev.actor_user_id, w.users.mofa_secretariat.id);
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings/${meetingId}` });
      assert.equal(g.status, 200);
      assert.equal(g.body.startsAt, '2026-03-01T01:00:00.000Z');
      assert.equal(g.body.attendance.length, 3);
      assert.equal(g.body.abilities.update, false);
      assert.equal(g.body.abilities.respond, true);
      assert.equal(g.headers.etag, '"1"');
    });

    test('404 across organisations that are not members; party scope hides from the other party', async () => {
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/meetings/${meetingId}` })).status, 404);
      const list = await call(app, w.users.dod_chair, { method: 'GET', url: '/api/meetings' });
      assert.ok(!list.body.items.some((m: { id: string }) => m.id === meetingId));
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: body({ title: 'ROK-only prep', scope: 'party' }) });
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url: `/api/meetings/${r.body.id}` })).status, 404);
      assert.equal((await call(app, w.users.mou_observer, { method: 'GET', url: `/api/meetings/${r.body.id}` })).status, 200);
    });

    test('403 when visible but not allowed; 428 without If-Match; 409 on a stale version', async () => {
      assert.equal((await call(app, w.users.state_member, { method: 'PATCH', url: `/api/meetings/${meetingId}`, headers: { 'if-match': '1' }, payload: { place: 'Seoul' } })).status, 403);
      assert.equal((await call(app, w.users.state_secretariat, { method: 'PATCH', url: `/api/meetings/${meetingId}`, payload: { place: 'Seoul' } })).status, 428);
      const ok = await call(app, w.users.state_secretariat, { method: 'PATCH', url: `/api/meetings/${meetingId}`, headers: { 'if-match': '"1"' }, payload: { place: 'Seoul' } });
      assert.equal(ok.status, 204);
      assert.equal((await lastAudit(store)).action, 'meeting.update');
      const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/meetings/${meetingId}`, headers: { 'if-match': '1' }, payload: { place: 'Washington' } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 2);
    });

    test('decline needs a reason; a member replies only for their own organisation', async () => {
      const noReason = await call(app, w.users.mou_member, { method: 'PUT', url: `/api/meetings/${meetingId}/attendance`, payload: { organisationId: w.orgs.mou, status: 'declined' } });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'body.reason');
      const other = await call(app, w.users.mou_member, { method: 'PUT', url: `/api/meetings/${meetingId}/attendance`, payload: { organisationId: w.orgs.mofa, status: 'declined', reason: 'x' } });
      assert.equal(other.status, 403);
      const ok = await call(app, w.users.mou_member, {
        method: 'PUT',
        url: `/api/meetings/${meetingId}/attendance`,
        headers: { 'if-match': '1' },
        payload: { organisationId: w.orgs.mou, status: 'declined', reason: 'A diplomatic matter between the two governments' },
      });
      assert.equal(ok.status, 200);
      assert.equal((await lastAudit(store)).action, 'attendance.decline');
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings/${meetingId}` });
      const mou = g.body.attendance.find((a: { organisationId: string }) => a.organisationId === w.orgs.mou);
      assert.equal(mou.status, 'declined');
      assert.match(mou.reason, /diplomatic matter/);
    });

    test("each reply says who may change it (abilities.reply): a member their own organisation's, the secretariat its own government's", async () => {
      const replies = async (u: typeof w.users.mou_member) =>
        Object.fromEntries(
          (await call(app, u, { method: 'GET', url: `/api/meetings/${meetingId}` })).body.attendance.map((a: { organisationId: string; abilities: { reply: boolean } }) => [
            a.organisationId,
            a.abilities.reply,
          ]),
        );
      assert.deepEqual(await replies(w.users.mou_member), { [w.orgs.mofa]: false, [w.orgs.mou]: true, [w.orgs.state]: false });
      assert.deepEqual(await replies(w.users.mofa_secretariat), { [w.orgs.mofa]: true, [w.orgs.mou]: true, [w.orgs.state]: false });
      assert.deepEqual(await replies(w.users.state_secretariat), { [w.orgs.mofa]: false, [w.orgs.mou]: false, [w.orgs.state]: true }, "never another government's reply");
      assert.deepEqual(await replies(w.users.state_observer), { [w.orgs.mofa]: false, [w.orgs.mou]: false, [w.orgs.state]: false }, 'observers read');
      const overwrite = await call(app, w.users.state_secretariat, {
        method: 'PUT',
        url: `/api/meetings/${meetingId}/attendance`,
        headers: { 'if-match': '2' },
        payload: { organisationId: w.orgs.mou, status: 'attending' },
      });
      assert.equal(overwrite.status, 403, "the other government's secretariat cannot change the Unification Ministry's decline");
    });

    test('a separate consultation beside the meeting, and the agenda', async () => {
      const c = await call(app, w.users.mou_member, { method: 'POST', url: '/api/meetings', payload: body({ title: 'MOU briefing', besideMeetingId: meetingId, invite: [] }) });
      assert.equal(c.status, 201);
      const a = await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/meetings/${meetingId}/agenda`, payload: { title: 'Rail survey exemption', trackId: w.trackId } });
      assert.equal(a.status, 201);
      assert.equal((await lastAudit(store)).action, 'agenda_item.create');
      const g = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/meetings/${meetingId}` });
      assert.equal(g.body.consultations[0].id, c.body.id);
      assert.equal(g.body.agenda[0].trackName, 'Sanctions implementation');
    });

    test('postpone keeps the reason and the new date; cancel closes it', async () => {
      const cur = await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/meetings/${meetingId}` });
      const p = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: `/api/meetings/${meetingId}/postpone`,
        headers: { 'if-match': String(cur.body.version) },
        payload: { reason: 'Co-chair travel', newStartsAt: '2026-03-08T10:00:00+09:00' },
      });
      assert.equal(p.status, 204);
      const g = await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/meetings/${meetingId}` });
      assert.equal(g.body.status, 'postponed');
      assert.equal(g.body.statusReason, 'Co-chair travel');
      assert.equal(g.body.endsAt, '2026-03-08T03:00:00.000Z');
      const x = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: `/api/meetings/${meetingId}/cancel`,
        headers: { 'if-match': String(g.body.version) },
        payload: { reason: 'Overtaken by events' },
      });
      assert.equal(x.status, 204);
      assert.equal((await lastAudit(store)).action, 'meeting.cancel');
    });

    test('keyset paging: after= continues the list after that meeting; a meeting the reader cannot see is a 400 naming the field', async () => {
      const u = w.users.mofa_secretariat;
      for (const day of ['10', '11', '11', '12']) {
        const r = await call(app, u, { method: 'POST', url: '/api/meetings', payload: body({ title: `Keyset ${day}`, startsAt: `2030-05-${day}T10:00:00+09:00`, endsAt: undefined }) });
        assert.equal(r.status, 201);
      }
      const all = (await call(app, u, { method: 'GET', url: `/api/meetings?wgId=${w.wgId}&limit=500` })).body.items as { id: string }[];
      for (const at of [0, 1, all.length - 3]) {
        const page = await call(app, u, { method: 'GET', url: `/api/meetings?wgId=${w.wgId}&limit=2&after=${all[at].id}` });
        assert.equal(page.status, 200);
        assert.deepEqual(
          page.body.items.map((m: { id: string }) => m.id),
          all.slice(at + 1, at + 3).map((m) => m.id),
        );
      }
      const hidden = await call(app, w.users.mou_secretariat, { method: 'POST', url: '/api/meetings', payload: body({ scope: 'organisation', invite: undefined }) });
      assert.equal(hidden.status, 201);
      for (const after of [hidden.body.id, 'no-such-meeting']) {
        const r = await call(app, u, { method: 'GET', url: `/api/meetings?after=${after}` });
        assert.equal(r.status, 400);
        assert.equal(r.body.field, 'querystring.after');
      }
    });
  });
}
