import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import ical from 'node-ical';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

type Occ = { meetingId: string; version: number; recurrenceId: string; startsAt: string; endsAt: string; status: string; moved: boolean };

for (const kind of storeKinds()) {
  describe(`meeting series API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    // Monthly on the second Tuesday, 10:00 in Seoul, from 10 March 2026, six times.
    const body = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      title: 'Monthly consultation',
      titleKo: '월례 협의',
      level: 'working',
      format: 'in_person',
      place: 'Seoul',
      timezone: 'Asia/Seoul',
      startsAt: '2026-03-10T10:00:00+09:00',
      durationMinutes: 90,
      rrule: 'FREQ=MONTHLY;BYDAY=2TU',
      count: 6,
      invite: [w.orgs.mofa, w.orgs.mou, w.orgs.state],
      ...over,
    });
    const get = async (id: string, u = w.users.state_member) => (await call(app, u, { method: 'GET', url: `/api/series/${id}` })).body;

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('400 names the field, and nothing is written', async () => {
      const before = await lastAudit(store);
      const bad = async (over: Record<string, unknown>, field: string, message?: RegExp) => {
        const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/series', payload: body(over) });
        assert.equal(r.status, 400, JSON.stringify(over));
        assert.equal(r.body.field, field, JSON.stringify(over));
        if (message) assert.match(r.body.message, message);
      };
      await bad({ rrule: 'FREQ=SOMETIMES' }, 'body.rrule');
      await bad({ rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3' }, 'body.rrule', /COUNT/);
      await bad({ timezone: 'Mars/Olympus' }, 'body.timezone');
      await bad({ count: undefined }, 'body.until', /series ends/);
      await bad({ count: 1000 }, 'body.count');
      await bad({ count: undefined, until: '2040-01-01', rrule: 'FREQ=WEEKLY' }, 'body.until', /more than/);
      await bad({ count: undefined, until: '2026-02-01' }, 'body.until', /before the first/);
      await bad({ startsAt: '2026-03-11T10:00:00+09:00' }, 'body.startsAt', /not an occurrence/);
      await bad({ startsAt: '1900-01-01T10:00:00+09:00' }, 'body.startsAt');
      await bad({ count: undefined, until: '2101-01-01' }, 'body.until');
      await bad({ durationMinutes: 0 }, 'body.durationMinutes');
      await bad({ invite: [w.orgs.mou, 'no-such-organisation'] }, 'body.invite');
      assert.equal((await lastAudit(store)).seq, before.seq);
      assert.equal((await store.db.selectFrom('meeting_series').select('id').execute()).length, 0);
    });

    test('a meeting on 1 Jan 1900 is refused naming the field (every date of the contract: 1945–2100)', async () => {
      const m = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'x', level: 'working', format: 'video', startsAt: '1900-01-01T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });
      assert.equal(m.status, 400);
      assert.equal(m.body.field, 'body.startsAt');
      const q = await call(app, w.users.mofa_secretariat, { method: 'GET', url: '/api/meetings?from=2200-01-01' });
      assert.equal(q.status, 400);
      assert.equal(q.body.field, 'querystring.from');
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'GET', url: '/api/meetings?from=1945-01-01' })).status, 200);
    });

    test('403 for members and observers', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/series', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/series', payload: body() })).status, 403);
    });

    let seriesId = '';
    let occ: Occ[] = [];
    test('create: every occurrence a meeting of the series, in the venue’s local time; audited; visible as meetings', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/series', payload: body() });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      seriesId = r.body.id;
      const s = await get(seriesId);
      assert.equal(s.rrule, 'FREQ=MONTHLY;BYDAY=2TU');
      assert.equal(s.count, 6);
      assert.deepEqual(s.abilities, { update: false, moveOccurrence: false, cancelOccurrence: false });
      occ = s.occurrences;
      assert.deepEqual(
        occ.map((o) => o.startsAt),
        ['2026-03-10T01:00:00.000Z', '2026-04-14T01:00:00.000Z', '2026-05-12T01:00:00.000Z', '2026-06-09T01:00:00.000Z', '2026-07-14T01:00:00.000Z', '2026-08-11T01:00:00.000Z'],
      );
      assert.ok(occ.every((o) => !o.moved && o.status === 'planned' && Date.parse(o.endsAt) - Date.parse(o.startsAt) === 90 * 60_000));
      const m = (await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings/${occ[0].meetingId}` })).body;
      assert.equal(m.seriesId, seriesId);
      assert.equal(m.recurrenceId, occ[0].recurrenceId);
      assert.equal(m.attendance.length, 3);
      const events = await store.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', 'in', [seriesId, ...occ.map((o) => o.meetingId)])
        .execute();
      assert.equal(events.filter((e) => e.action === 'series.create').length, 1);
      assert.equal(events.filter((e) => e.action === 'meeting.create').length, 6);
      const list = await call(app, w.users.state_member, { method: 'GET', url: `/api/series?wgId=${w.wgId}` });
      assert.deepEqual(
        list.body.items.map((x: { id: string }) => x.id),
        [seriesId],
      );
    });

    test('visibility as meetings have it: a party-scoped series and its occurrences are hidden from the other party', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/series', payload: body({ title: 'ROK preparation', scope: 'party', count: 2 }) });
      assert.equal(r.status, 201);
      assert.equal((await call(app, w.users.state_member, { method: 'GET', url: `/api/series/${r.body.id}` })).status, 404);
      assert.equal((await call(app, w.users.mou_observer, { method: 'GET', url: `/api/series/${r.body.id}` })).status, 200);
      const us = await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings?wgId=${w.wgId}&limit=500` });
      assert.ok(!us.body.items.some((m: { seriesId: string | null }) => m.seriesId === r.body.id));
      const list = await call(app, w.users.state_member, { method: 'GET', url: '/api/series' });
      assert.ok(!list.body.items.some((x: { id: string }) => x.id === r.body.id));
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/series/${seriesId}` })).status, 404, 'not a member organisation');
    });

    test('move one occurrence and cancel another: 403, 428, 409, then done and audited', async () => {
      const url = (o: Occ, what: string) => `/api/series/${seriesId}/occurrences/${o.meetingId}/${what}`;
      assert.equal((await call(app, w.users.state_member, { method: 'POST', url: url(occ[1], 'move'), headers: { 'if-match': '1' }, payload: { startsAt: '2026-04-15T14:00:00+09:00' } })).status, 403);
      assert.equal((await call(app, w.users.state_secretariat, { method: 'POST', url: url(occ[1], 'move'), payload: { startsAt: '2026-04-15T14:00:00+09:00' } })).status, 428);
      const moved = await call(app, w.users.state_secretariat, {
        method: 'POST',
        url: url(occ[1], 'move'),
        headers: { 'if-match': '1' },
        payload: { startsAt: '2026-04-15T14:00:00+09:00', reason: 'Co-chair travel' },
      });
      assert.equal(moved.status, 204);
      assert.equal((await lastAudit(store)).action, 'meeting.move');
      const stale = await call(app, w.users.state_secretariat, { method: 'POST', url: url(occ[1], 'move'), headers: { 'if-match': '1' }, payload: { startsAt: '2026-04-16T14:00:00+09:00' } });
      assert.equal(stale.status, 409);
      const bad = await call(app, w.users.state_secretariat, { method: 'POST', url: url(occ[1], 'move'), headers: { 'if-match': '2' }, payload: { startsAt: '1900-04-16T14:00:00+09:00' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.startsAt');
      const cancelled = await call(app, w.users.mofa_secretariat, { method: 'POST', url: url(occ[3], 'cancel'), headers: { 'if-match': '1' }, payload: { reason: 'National holiday' } });
      assert.equal(cancelled.status, 204);
      assert.equal((await lastAudit(store)).action, 'meeting.cancel');
      const again = await call(app, w.users.mofa_secretariat, { method: 'POST', url: url(occ[3], 'cancel'), headers: { 'if-match': '2' }, payload: { reason: 'twice' } });
      assert.equal(again.status, 403, 'a cancelled occurrence is closed');
      const other = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'x', level: 'working', format: 'video', startsAt: '2026-05-01T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });
      const notOcc = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: `/api/series/${seriesId}/occurrences/${other.body.id}/cancel`,
        headers: { 'if-match': '1' },
        payload: { reason: 'x' },
      });
      assert.equal(notOcc.status, 404, 'a meeting outside the series is no occurrence of it');
      const s = await get(seriesId);
      occ = s.occurrences;
      assert.equal(occ[1].moved, true);
      assert.equal(occ[1].startsAt, '2026-04-15T05:00:00.000Z');
      assert.equal(occ[1].recurrenceId, '2026-04-14T01:00:00.000Z');
      assert.equal(Date.parse(occ[1].endsAt) - Date.parse(occ[1].startsAt), 90 * 60_000);
      assert.equal(occ[3].status, 'cancelled');
    });

    test('change: planned occurrences that kept to the rule follow it; moved, cancelled and held ones keep their record; the end moves', async () => {
      const held = occ[0];
      const h = await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/meetings/${held.meetingId}/hold`, headers: { 'if-match': String(held.version) }, payload: { outcome: 'Met' } });
      assert.equal(h.status, 204);
      const cur = await get(seriesId);
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/series/${seriesId}`, payload: { place: 'Seoul, MOFA' } })).status, 428);
      const r = await call(app, w.users.mofa_secretariat, {
        method: 'PATCH',
        url: `/api/series/${seriesId}`,
        headers: { 'if-match': String(cur.version) },
        payload: { place: 'Seoul, MOFA', durationMinutes: 120, count: 8 },
      });
      assert.equal(r.status, 204, JSON.stringify(r.body));
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/series/${seriesId}`, headers: { 'if-match': String(cur.version) }, payload: { place: 'x' } })).status, 409);
      const s = await get(seriesId);
      assert.equal(s.occurrences.length, 8);
      assert.equal(s.occurrences[0].meetingId, held.meetingId, 'the held occurrence keeps its row');
      const m0 = (await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings/${held.meetingId}` })).body;
      assert.equal(m0.place, 'Seoul', 'a held occurrence is the record: unchanged');
      const m2 = (await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings/${s.occurrences[2].meetingId}` })).body;
      assert.equal(m2.place, 'Seoul, MOFA');
      assert.equal(Date.parse(m2.endsAt) - Date.parse(m2.startsAt), 120 * 60_000);
      assert.equal(s.occurrences[1].startsAt, '2026-04-15T05:00:00.000Z', 'the moved occurrence stays where it was moved');
      assert.equal(s.occurrences[3].status, 'cancelled');
      assert.equal(s.occurrences[7].startsAt, '2026-10-13T01:00:00.000Z');

      // A shorter series: the occurrences it no longer gives leave it, cancelled while planned.
      const shorter = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/series/${seriesId}`, headers: { 'if-match': String(s.version) }, payload: { count: 7 } });
      assert.equal(shorter.status, 204);
      const dropped = (await call(app, w.users.state_member, { method: 'GET', url: `/api/meetings/${s.occurrences[7].meetingId}` })).body;
      assert.equal(dropped.seriesId, null);
      assert.equal(dropped.status, 'cancelled');
      occ = (await get(seriesId)).occurrences;
      assert.equal(occ.length, 7);
    });

    test('the feed: the series as one VEVENT with RRULE and EXDATE, overrides with RECURRENCE-ID; node-ical’s expansion is the API’s occurrence list', async () => {
      // A reply on one occurrence: it differs from the rule, so it is written as an override.
      const o4 = occ[4];
      const decline = await call(app, w.users.mou_member, {
        method: 'PUT',
        url: `/api/meetings/${o4.meetingId}/attendance`,
        headers: { 'if-match': '1' },
        payload: { organisationId: w.orgs.mou, status: 'declined', reason: 'A separate briefing that day' },
      });
      assert.equal(decline.status, 200);
      const r = await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics`, headers: { authorization: `Bearer ${w.users.state_member.token}` } });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=7\r\n/);
      assert.match(r.body, /EXDATE;TZID=Asia\/Seoul:20260609T100000\r\n/);
      const all = Object.values(ical.sync.parseICS(r.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
      const master = all.find((e) => e.uid === `${seriesId}@concord`)!;
      assert.ok(master.rrule, 'the series has its RRULE');
      assert.equal(master.start.tz, 'Asia/Seoul');
      assert.ok(!all.some((e) => occ.some((o) => e.uid === `${o.meetingId}@concord`)), 'no occurrence is written as an event of its own');
      assert.ok(!all.some((e) => String(e.summary).includes('ROK preparation')), "the party-scoped series is not in the other party's feed");
      const kr = await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics`, headers: { authorization: `Bearer ${w.users.mou_observer.token}` } });
      assert.match(kr.body, /SUMMARY:ROK preparation/, "it is in its own party's");

      // Expand as a calendar app does: the rule, less the EXDATEs, with the overrides in place.
      const s = await get(seriesId);
      const expanded = master.rrule!.all().map((d) => d.toISOString());
      const exdates = new Set(Object.values(master.exdate ?? {}).map((d) => (d as Date).toISOString()));
      const recurrences = master.recurrences ?? {};
      const byRecurrence = new Map(Object.values(recurrences).map((e) => [(e.recurrenceid as Date).toISOString(), e]));
      const shown = expanded.filter((d) => !exdates.has(d)).map((d) => ({ recurrenceId: d, start: (byRecurrence.get(d)?.start as Date | undefined)?.toISOString() ?? d }));
      assert.deepEqual(
        expanded,
        s.occurrences.map((o: Occ) => o.recurrenceId),
        'the rule expands to the occurrences the API lists',
      );
      assert.deepEqual(
        shown,
        s.occurrences.filter((o: Occ) => o.status !== 'cancelled').map((o: Occ) => ({ recurrenceId: o.recurrenceId, start: o.startsAt })),
        'moved occurrences are where the API says',
      );
      // An occurrence with a reply of its own differs from the rule: it is an override.
      const o4event = byRecurrence.get(o4.recurrenceId)!;
      assert.ok(o4event, 'the occurrence with a reply is an override');
      const attendees = ([] as unknown[]).concat(o4event.attendee ?? []) as { params: { CN: string; PARTSTAT: string; CUTYPE: string }; val: string }[];
      const mou = attendees.find((a) => a.params.CN === 'Ministry of Unification')!;
      assert.equal(mou.params.PARTSTAT, 'DECLINED');
      assert.equal(mou.val, `urn:concord:organisation:${w.orgs.mou}`);
      assert.equal(attendees.find((a) => a.params.CN === 'Department of State')!.params.PARTSTAT, 'NEEDS-ACTION');
      assert.match(String(o4event.description), /Declined: Ministry of Unification — A separate briefing that day/);
      const masterAttendees = ([] as unknown[]).concat(master.attendee ?? []) as { params: { PARTSTAT: string } }[];
      assert.equal(masterAttendees.length, 3);
      assert.ok(masterAttendees.every((a) => a.params.PARTSTAT === 'NEEDS-ACTION'));
      // The master lasts the series' duration (DURATION), never zero.
      assert.equal(((master.end as Date).getTime() - (master.start as Date).getTime()) / 60_000, 120);
    });

    test('the feed over HTTP: a weekly series in New York across the change to daylight saving keeps 09:30 local, as node-ical expands it', async () => {
      const r = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/series',
        payload: body({
          title: 'Washington working level',
          timezone: 'America/New_York',
          startsAt: '2027-02-23T09:30:00-05:00',
          rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
          count: undefined,
          until: '2027-05-04',
        }),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const s = await get(r.body.id);
      assert.deepEqual(
        s.occurrences.map((o: Occ) => o.startsAt),
        ['2027-02-23T14:30:00.000Z', '2027-03-09T14:30:00.000Z', '2027-03-23T13:30:00.000Z', '2027-04-06T13:30:00.000Z', '2027-04-20T13:30:00.000Z', '2027-05-04T13:30:00.000Z'],
      );
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/api/working-groups/${w.wgId}/calendar.ics`, { headers: { authorization: `Bearer ${w.users.state_member.token}` } });
      assert.equal(res.status, 200);
      const all = Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
      const master = all.find((e) => e.uid === `${r.body.id}@concord`)!;
      assert.equal(master.start.tz, 'America/New_York');
      assert.deepEqual(
        master.rrule!.all().map((d) => d.toISOString()),
        s.occurrences.map((o: Occ) => o.recurrenceId),
      );
    });

    test('the feed: a meeting without an end lasts a sane while (or all day); a consultation and its meeting are RELATED-TO each other; STATUS follows the record', async () => {
      const mk = async (u: typeof w.users.mofa_secretariat, over: Record<string, unknown>) => {
        const r = await call(app, u, { method: 'POST', url: '/api/meetings', payload: { wgId: w.wgId, level: 'principal', format: 'in_person', timezone: 'Asia/Seoul', ...over } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body.id as string;
      };
      const main = await mk(w.users.mofa_secretariat, { title: 'Consultation', startsAt: '2025-12-16T10:00:00+09:00', invite: [w.orgs.mofa, w.orgs.mou, w.orgs.state] });
      const allDay = await mk(w.users.mofa_secretariat, { title: 'Retreat', startsAt: '2025-12-20T00:00:00+09:00' });
      const beside = await mk(w.users.mou_member, { title: 'MOU policy briefing', startsAt: '2025-12-16T14:00:00+09:00', endsAt: '2025-12-16T15:30:00+09:00', besideMeetingId: main });
      await call(app, w.users.mou_member, {
        method: 'PUT',
        url: `/api/meetings/${main}/attendance`,
        headers: { 'if-match': '1' },
        payload: { organisationId: w.orgs.mou, status: 'declined', reason: 'Holding its own briefing' },
      });
      await call(app, w.users.state_member, { method: 'PUT', url: `/api/meetings/${main}/attendance`, headers: { 'if-match': '1' }, payload: { organisationId: w.orgs.state, status: 'attending' } });
      await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/meetings/${main}/hold`, headers: { 'if-match': '1' }, payload: {} });
      const r = await app.inject({ method: 'GET', url: `/api/working-groups/${w.wgId}/calendar.ics`, headers: { authorization: `Bearer ${w.users.state_member.token}` } });
      const all = Object.values(ical.sync.parseICS(r.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
      const ev = (id: string) => all.find((e) => e.uid === `${id}@concord`)!;
      const m = ev(main);
      assert.equal(((m.end as Date).getTime() - (m.start as Date).getTime()) / 60_000, 120, 'no end recorded: two hours, not zero');
      assert.equal(m.status, 'CONFIRMED');
      const a = ([] as unknown[]).concat(m.attendee ?? []) as { params: { CN: string; PARTSTAT: string } }[];
      assert.deepEqual(Object.fromEntries(a.map((x) => [x.params.CN, x.params.PARTSTAT])), {
        'Ministry of Foreign Affairs': 'NEEDS-ACTION',
        'Ministry of Unification': 'DECLINED',
        'Department of State': 'ACCEPTED',
      });
      assert.match(String(m.description), /Declined: Ministry of Unification — Holding its own briefing/);
      assert.match(String(m.description), /Separate consultation beside this meeting: MOU policy briefing/);
      assert.match(r.body, new RegExp(`RELATED-TO;RELTYPE=SIBLING:${beside}@concord`));
      assert.match(r.body, new RegExp(`RELATED-TO;RELTYPE=SIBLING:${main}@concord`));
      const d = ev(allDay);
      assert.equal(d.datetype, 'date', 'a meeting at midnight with no end is a whole day');
      assert.match(r.body, /DTSTART;VALUE=DATE:20251220\r\nDURATION:P1D/);
      for (const e of all) assert.ok((e.end as Date).getTime() > (e.start as Date).getTime(), `${e.uid} has a length`);
    });
  });
}
