/**
 * The notifications beyond meetings, each produced by the change that causes it and reaching
 * exactly the users who may see its record (and whom it concerns): a document ready for sign-off,
 * adopted, a bracket opened on a clause one's organisation owns, a report that makes a commitment
 * disputed, a message-discipline finding for one's party; the time-driven reminders (due within 7
 * days, overdue) written once only across two passes and two processes; and each user's choices —
 * a kind off writes nothing, a digest is one mail with everything that waited, a muted group is
 * listed but not mailed — saved with If-Match and audited. Mails are read back from a real SMTP
 * server (smtp-server) with a MIME parser (mailparser): text and HTML, in the reader's language.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve, join } from 'node:path';
import { smtpSink } from './smtp-sink.ts';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { Deliverer, smtpTransport } from '../src/server/notify/deliver.ts';
import { composeDigests, remindCommitments } from '../src/server/notify/schedule.ts';
import { addDays } from '../src/core/api/discipline-rules.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World, type WorldUser } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');

const meetingBody = (w: World, title: string) => ({
  wgId: w.wgId,
  title,
  level: 'working',
  format: 'in_person',
  place: 'Seoul',
  startsAt: '2026-04-01T10:00:00+09:00',
  endsAt: '2026-04-01T12:00:00+09:00',
  timezone: 'Asia/Seoul',
  invite: [w.orgs.mofa, w.orgs.mou, w.orgs.state],
});
/** The test server's address (with its credentials, which a store's location leaves out) for the store's own database. */
const withDatabase = (admin: string, location: string) => {
  const u = new URL(admin);
  u.pathname = new URL(location).pathname;
  return u.toString();
};
const today = () => new Date().toISOString().slice(0, 10);
const sorted = (xs: Iterable<string>) => [...xs].sort();

for (const kind of storeKinds()) {
  describe(`notification kinds (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const everyone = () => Object.values(w.users);
    const roleHolders = () => everyone().filter((u) => u.role);
    const byId = (id: string) => everyone().find((u) => u.id === id)!;
    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      await store.db.updateTable('users').set({ locale: 'ko' }).where('id', 'in', [w.users.mou_chair.id, w.users.state_chair.id]).execute();
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    const told = async (entityId: string, k: string) =>
      sorted((await store.db.selectFrom('notifications').select('user_id').where('entity_id', '=', entityId).where('kind', '=', k).execute()).map((r) => r.user_id));
    /** Every recipient may open the record. */
    const allMayOpen = async (ids: string[], url: string) => {
      for (const id of ids) assert.equal((await call(app, byId(id), { method: 'GET', url })).status, 200, `${id} was told of ${url}, which they cannot open`);
    };
    const expectAmong = (pred: (u: WorldUser) => boolean, actor: WorldUser) =>
      sorted(
        roleHolders()
          .filter((u) => pred(u) && u.id !== actor.id)
          .map((u) => u.id),
      );
    const groupMember = (u: WorldUser) => [w.orgs.mofa, w.orgs.mou, w.orgs.state].includes(u.orgId);
    const runsGroup = (u: WorldUser) => u.role === 'chair' || u.role === 'secretariat';

    test('a document: a bracket opened tells the organisations owning the clause; a clean version is ready for sign-off; adoption tells the group', async () => {
      const sec = w.users.mofa_secretariat;
      const clauses = (over: Record<string, string> = {}) => [
        { key: '1', status: over['1'] ?? 'bracketed', textEn: 'The sides will consult on the rail survey.', textKo: '양측은 철도 조사에 관해 협의한다.' },
        { key: '2', status: over['2'] ?? 'agreed', textEn: 'The survey begins once exempted.', textKo: '조사는 면제 후 시작한다.' },
      ];
      const d = await call(app, sec, {
        method: 'POST',
        url: '/api/documents',
        payload: { wgId: w.wgId, kind: 'joint_fact_sheet', title: 'Joint Fact Sheet', titleKo: '공동 설명자료', clauses: clauses() },
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const id = d.body.id;
      // Version 1 brackets clause 1: the document's owner organisation (MOFA) is told, not the author.
      const first = await told(id, 'clause_bracketed');
      assert.deepEqual(
        first,
        expectAmong((u) => u.orgId === w.orgs.mofa, sec),
      );
      await allMayOpen(first, `/api/documents/${id}`);

      // The State Department answers for clause 2 (a commitment made on it); version 2 brackets it.
      const c = await call(app, sec, { method: 'POST', url: '/api/commitments', payload: { documentId: id, clauseKey: '2', title: 'Begin the survey', responsibleOrgId: w.orgs.state } });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const v2 = await call(app, sec, { method: 'POST', url: `/api/documents/${id}/versions`, headers: { 'if-match': '1' }, payload: { clauses: clauses({ 2: 'bracketed' }) } });
      assert.equal(v2.status, 201, JSON.stringify(v2.body));
      const rows = await store.db.selectFrom('notifications').selectAll().where('entity_id', '=', id).where('kind', '=', 'clause_bracketed').execute();
      const second = rows.filter((r) => r.body.includes('• 2 —')).map((r) => r.user_id);
      assert.deepEqual(
        sorted(new Set(second)),
        expectAmong((u) => u.orgId === w.orgs.mofa || u.orgId === w.orgs.state, sec),
        'MOFA (the owner) and State (responsible for clause 2)',
      );
      const stateRow = rows.find((r) => r.user_id === w.users.state_member.id)!;
      assert.match(stateRow.body, /• 2/);
      assert.doesNotMatch(stateRow.body, /• 1 /, 'clause 1 was bracketed already: not opened again');
      assert.match(stateRow.html ?? '', /<html lang="en"/);
      const ko = rows.find((r) => r.user_id === w.users.state_chair.id)!;
      assert.match(ko.subject, /^괄호 추가: 공동 설명자료/);

      // Version 3 has no bracket: ready for sign-off, to the chairs and secretariats who may see it.
      const v3 = await call(app, sec, { method: 'POST', url: `/api/documents/${id}/versions`, headers: { 'if-match': '2' }, payload: { clauses: clauses({ 1: 'agreed' }) } });
      assert.equal(v3.status, 201, JSON.stringify(v3.body));
      const ready = await told(id, 'document_ready');
      assert.deepEqual(
        ready,
        expectAmong((u) => groupMember(u) && runsGroup(u), sec),
      );
      await allMayOpen(ready, `/api/documents/${id}`);
      assert.ok(!ready.includes(w.users.dod_chair.id), 'DoD is not a member organisation: the group-scoped document is not theirs to see');

      // Both governments sign: adopted, told to the group (not the last signer).
      const s1 = await call(app, sec, { method: 'POST', url: `/api/documents/${id}/versions/3/sign-off`, payload: { contentHash: v3.body.contentHash } });
      assert.equal(s1.status, 201, JSON.stringify(s1.body));
      assert.deepEqual(await told(id, 'document_adopted'), [], 'one signature adopts nothing');
      const s2 = await call(app, w.users.state_secretariat, { method: 'POST', url: `/api/documents/${id}/versions/3/sign-off`, payload: { contentHash: v3.body.contentHash } });
      assert.equal(s2.status, 201, JSON.stringify(s2.body));
      const adopted = await told(id, 'document_adopted');
      assert.deepEqual(adopted, expectAmong(groupMember, w.users.state_secretariat));
      await allMayOpen(adopted, `/api/documents/${id}`);
    });

    test('a party-internal document tells nobody of the other government', async () => {
      const d = await call(app, w.users.mofa_chair, {
        method: 'POST',
        url: '/api/documents',
        payload: { wgId: w.wgId, kind: 'joint_fact_sheet', title: 'ROK draft', scope: 'party', clauses: [{ key: '1', status: 'agreed', textEn: 'Draft.' }] },
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const ready = await told(d.body.id, 'document_ready');
      assert.ok(ready.length > 0);
      for (const id of ready) assert.equal(byId(id).partyId, w.parties.kr);
      await allMayOpen(ready, `/api/documents/${d.body.id}`);
    });

    test('a report that makes a commitment disputed tells those who run the group and the organisations concerned, once', async () => {
      const m = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meetingBody(w, 'Review') });
      assert.equal(m.status, 201, JSON.stringify(m.body));
      const c = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/commitments',
        payload: { meetingId: m.body.id, title: 'Exchange lists', titleKo: '명단 교환', responsibleOrgId: w.orgs.mou },
      });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const id = c.body.id;
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: `/api/commitments/${id}/reports`, payload: { status: 'done' } })).status, 201);
      assert.deepEqual(await told(id, 'commitment_disputed'), [], 'one party reporting is no dispute');
      assert.equal((await call(app, w.users.state_member, { method: 'POST', url: `/api/commitments/${id}/reports`, payload: { status: 'in_progress' } })).status, 201);
      const disputed = await told(id, 'commitment_disputed');
      assert.deepEqual(
        disputed,
        expectAmong((u) => groupMember(u) && (runsGroup(u) || [w.orgs.mofa, w.orgs.state, w.orgs.mou].includes(u.orgId)), w.users.state_member),
      );
      await allMayOpen(disputed, `/api/commitments/${id}`);
      const ko = await store.db.selectFrom('notifications').select(['subject', 'body']).where('entity_id', '=', id).where('user_id', '=', w.users.mou_chair.id).executeTakeFirstOrThrow();
      assert.match(ko.subject, /^이견: 명단 교환/);
      assert.match(ko.body, /완료/);
      // Still disputed after another report: nothing new.
      assert.equal((await call(app, w.users.state_member, { method: 'POST', url: `/api/commitments/${id}/reports`, payload: { status: 'blocked' } })).status, 201);
      assert.deepEqual(await told(id, 'commitment_disputed'), disputed);
    });

    test('a statement against its government’s line tells that government’s people in the group, each over what they may see', async () => {
      const issue = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: { wgId: w.wgId, title: 'Sanctions relief', titleKo: '제재 완화' } });
      assert.equal(issue.status, 201, JSON.stringify(issue.body));
      // The ROK line, internal to the ROK government.
      const pos = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: '/api/positions',
        payload: { issueId: issue.body.id, stance: 'oppose', rationale: 'No relief before steps', validFrom: '2026-01-01', scope: 'party' },
      });
      assert.equal(pos.status, 201, JSON.stringify(pos.body));
      const consistent = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: '/api/statements',
        payload: { wgId: w.wgId, saidOn: '2026-02-01', medium: 'remarks', language: 'en', quote: 'No relief yet.', speakerOrgId: w.orgs.mofa, issues: [{ issueId: issue.body.id, stance: 'oppose' }] },
      });
      assert.equal(consistent.status, 201, JSON.stringify(consistent.body));
      assert.deepEqual(await told(consistent.body.id, 'discipline_finding'), [], 'a statement on the line is no finding');
      const off = await call(app, w.users.mou_member, {
        method: 'POST',
        url: '/api/statements',
        payload: {
          wgId: w.wgId,
          saidOn: '2026-02-03',
          medium: 'remarks',
          language: 'en',
          quote: 'Relief now would help talks.',
          speakerOrgId: w.orgs.mou,
          issues: [{ issueId: issue.body.id, stance: 'strongly_support' }],
        },
      });
      assert.equal(off.status, 201, JSON.stringify(off.body));
      const found = await told(off.body.id, 'discipline_finding');
      // The ROK's people in the group (the line is the ROK's own, party-scoped): no US reader.
      assert.deepEqual(
        found,
        expectAmong((u) => u.partyId === w.parties.kr && groupMember(u), w.users.mou_member),
      );
      await allMayOpen(found, `/api/statements/${off.body.id}`);
      const row = await store.db.selectFrom('notifications').select(['body', 'subject']).where('entity_id', '=', off.body.id).where('user_id', '=', w.users.mofa_chair.id).executeTakeFirstOrThrow();
      assert.match(row.body, /contradiction/);
      assert.match(row.body, /Relief now would help talks/);
    });

    test('settings: defaults, a save with If-Match (428 without, 409 when stale), refusals at their field, audited', async () => {
      const u = w.users.mou_chair;
      const g = await call(app, u, { method: 'GET', url: '/api/notification-settings' });
      assert.equal(g.status, 200);
      assert.equal(g.body.version, 0);
      assert.equal(g.body.kinds.find((k: any) => k.kind === 'meeting_invitation').delivery, 'immediate');
      assert.equal(g.body.kinds.find((k: any) => k.kind === 'discipline_finding').delivery, 'digest');
      assert.deepEqual(
        g.body.groups.map((x: any) => x.id),
        [w.wgId],
      );
      const payload = { timezone: 'Asia/Seoul', digestHour: 7, kinds: [{ kind: 'meeting_invitation', delivery: 'off' }], mutedGroupIds: [] };
      assert.equal((await call(app, u, { method: 'PUT', url: '/api/notification-settings', payload })).status, 428);
      const bad = await call(app, u, { method: 'PUT', url: '/api/notification-settings', headers: { 'if-match': '0' }, payload: { ...payload, timezone: 'Mars/Olympus' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.timezone');
      const foreign = await call(app, u, { method: 'PUT', url: '/api/notification-settings', headers: { 'if-match': '0' }, payload: { ...payload, mutedGroupIds: [w.otherWgId] } });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.field, 'body.mutedGroupIds.0');
      assert.equal(foreign.body.reason, 'unknown_record');
      assert.equal((await call(app, u, { method: 'PUT', url: '/api/notification-settings', headers: { 'if-match': '3' }, payload })).status, 409, 'a version the unsaved record never had');
      const ok = await call(app, u, { method: 'PUT', url: '/api/notification-settings', headers: { 'if-match': '0' }, payload });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.version, 1);
      assert.equal(ok.body.timezone, 'Asia/Seoul');
      assert.equal(ok.body.kinds.find((k: any) => k.kind === 'meeting_invitation').delivery, 'off');
      const stale = await call(app, u, { method: 'PUT', url: '/api/notification-settings', headers: { 'if-match': '0' }, payload });
      assert.equal(stale.status, 409);
      const ev = await store.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal(ev.action, 'user.notification_settings');
      assert.equal(ev.entity_id, u.id);
      assert.match(ev.after ?? '', /"meeting_invitation":"off"/);
      // Back to the defaults for the tests below.
      const reset = await call(app, u, { method: 'PUT', url: '/api/notification-settings', headers: { 'if-match': '1' }, payload: { timezone: 'UTC', digestHour: 8, kinds: [], mutedGroupIds: [] } });
      assert.equal(reset.status, 200);
    });

    test('choices apply: off writes nothing, a muted group is listed but not mailed, a digest is one mail with everything that waited', async () => {
      const put = async (u: WorldUser, body: Record<string, unknown>) => {
        const cur = await call(app, u, { method: 'GET', url: '/api/notification-settings' });
        const r = await call(app, u, {
          method: 'PUT',
          url: '/api/notification-settings',
          headers: { 'if-match': String(cur.body.version) },
          payload: { timezone: 'UTC', digestHour: 0, kinds: [], mutedGroupIds: [], ...body },
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      };
      await put(w.users.mofa_member, { kinds: [{ kind: 'meeting_invitation', delivery: 'off' }] });
      await put(w.users.mou_member, { mutedGroupIds: [w.wgId] });
      await put(w.users.mou_chair, {
        timezone: 'Asia/Seoul',
        kinds: [
          { kind: 'meeting_invitation', delivery: 'digest' },
          { kind: 'meeting_changed', delivery: 'digest' },
        ],
      });
      // Everything else waiting is not this test's.
      await store.db.updateTable('notifications').set({ email_state: 'sent' }).where('email_state', 'in', ['pending', 'digest']).execute();

      const mk = (title: string) =>
        call(app, w.users.state_secretariat, {
          method: 'POST',
          url: '/api/meetings',
          payload: { ...meetingBody(w, title), titleKo: `${title} (한)` },
        });
      const a = await mk('Digest meeting A');
      const b = await mk('Digest meeting B');
      assert.equal(a.status, 201, JSON.stringify(a.body));
      const moved = await call(app, w.users.state_secretariat, { method: 'PATCH', url: `/api/meetings/${b.body.id}`, headers: { 'if-match': '1' }, payload: { place: 'Seoul' } });
      assert.equal(moved.status, 204, JSON.stringify(moved.body));
      const stateOf = async (u: WorldUser, entityId: string) =>
        (await store.db.selectFrom('notifications').select(['email_state', 'kind']).where('user_id', '=', u.id).where('entity_id', '=', entityId).execute()).map((r) => `${r.kind}:${r.email_state}`);
      assert.deepEqual(await stateOf(w.users.mofa_member, a.body.id), [], 'off: not written at all');
      assert.deepEqual(await stateOf(w.users.mou_member, a.body.id), ['meeting_invitation:muted']);
      assert.deepEqual(await stateOf(w.users.mou_chair, a.body.id), ['meeting_invitation:digest']);
      assert.deepEqual(sorted(await stateOf(w.users.mou_chair, b.body.id)), ['meeting_changed:digest', 'meeting_invitation:digest']);
      assert.deepEqual(await stateOf(w.users.mofa_chair, a.body.id), ['meeting_invitation:pending'], 'the defaults elsewhere');
      // In the app, what is muted or waits for the digest is listed like the rest.
      const mine = await call(app, w.users.mou_member, { method: 'GET', url: '/api/notifications' });
      assert.ok(mine.body.items.some((n: any) => n.entityId === a.body.id && n.email === 'muted'));
      assert.equal(mine.body.items.find((n: any) => n.entityId === a.body.id).path, `/groups/${w.wgId}/meetings/${a.body.id}`);

      const server = await smtpSink();
      try {
        const at = new Date();
        const first = await composeDigests({ store, actor: null, requestId: null }, at.toISOString());
        assert.ok(first >= 1);
        assert.equal(await composeDigests({ store, actor: null, requestId: null }, at.toISOString()), 0, 'one digest a day');
        const d = new Deliverer({ store, transport: smtpTransport(server.url), batch: 200, scheduleMs: 0 });
        await d.runOnce();
        await d.stop();
        const toChair = server.mails.filter((m) => JSON.stringify(m.to).includes(w.users.mou_chair.email));
        assert.equal(toChair.length, 1, 'one mail: the digest');
        const digest = toChair[0];
        assert.match(digest.subject ?? '', /^Concord 일일 요약, .*\(3건\)$/);
        for (const t of ['새 회의: Digest meeting A (한)', '새 회의: Digest meeting B (한)', '변경: Digest meeting B (한)']) {
          assert.ok(digest.text?.includes(t), `the digest lists ${t}`);
          assert.ok(typeof digest.html === 'string' && digest.html.includes(t), `its HTML lists ${t}`);
        }
        assert.equal(server.mails.filter((m) => JSON.stringify(m.to).includes(w.users.mou_member.email)).length, 0, 'a muted group is not mailed');
        const carried = await store.db
          .selectFrom('notifications')
          .select(['email_state', 'digest_id'])
          .where('user_id', '=', w.users.mou_chair.id)
          .where('kind', 'like', 'meeting_%')
          .where('email_state', '=', 'digested')
          .execute();
        assert.equal(carried.length, 3);
        assert.equal(new Set(carried.map((c) => c.digest_id)).size, 1);
        const list = await call(app, w.users.mou_chair, { method: 'GET', url: '/api/notifications' });
        assert.ok(
          list.body.items.every((n: any) => n.kind !== 'digest'),
          'the digest itself is not a notification in the app',
        );
        // An immediate mail carries both parts.
        const immediate = server.mails.find((m) => JSON.stringify(m.to).includes(w.users.mofa_chair.email) && /Digest meeting A/.test(m.subject ?? ''))!;
        assert.match(immediate.text ?? '', /A meeting of Test Working Group has been scheduled/);
        assert.match(String(immediate.html), /<h1[^>]*>Digest meeting A<\/h1>/);
      } finally {
        await server.close();
        for (const u of [w.users.mofa_member, w.users.mou_member, w.users.mou_chair]) await put(u, { digestHour: 8 });
      }
    });

    test('reminders: due within 7 days and overdue, to the responsible and those who run the group; once across two passes and two processes', { timeout: 180_000 }, async () => {
      const s = await freshStore(kind);
      const w2 = await seedWorld(s);
      const a2 = await testApp(s);
      const server = await smtpSink();
      try {
        const m = await call(a2, w2.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meetingBody(w2, 'Review') });
        assert.equal(m.status, 201, JSON.stringify(m.body));
        const mk = async (body: Record<string, unknown>) => {
          const r = await call(a2, w2.users.mofa_secretariat, { method: 'POST', url: '/api/commitments', payload: { meetingId: m.body.id, ...body } });
          assert.equal(r.status, 201, JSON.stringify(r.body));
          return r.body.id as string;
        };
        const soon = await mk({ title: 'Share the survey plan', titleKo: '조사 계획 공유', responsibleOrgId: w2.orgs.state, dueOn: addDays(today(), 3) });
        const late = await mk({ title: 'Exchange contact lists', responsiblePartyId: w2.parties.kr, dueOn: addDays(today(), -2) });
        const far = await mk({ title: 'Later', responsibleOrgId: w2.orgs.state, dueOn: addDays(today(), 30) });
        const done = await mk({ title: 'Done already', responsibleOrgId: w2.orgs.mou, dueOn: addDays(today(), -1) });
        assert.equal((await call(a2, w2.users.mou_member, { method: 'POST', url: `/api/commitments/${done}/reports`, payload: { status: 'done' } })).status, 201);
        // Everyone concerned takes reminders at once, so that the processes below mail them.
        await s.db.updateTable('notifications').set({ email_state: 'sent' }).execute();
        for (const u of Object.values(w2.users)) {
          await s.db
            .insertInto('notification_preferences')
            .values([
              { user_id: u.id, kind: 'commitment_due', delivery: 'immediate' },
              { user_id: u.id, kind: 'commitment_overdue', delivery: 'immediate' },
            ])
            .execute();
        }

        const ctx = { store: s, actor: null, requestId: null };
        const firstPass = await remindCommitments(ctx, today());
        assert.ok(firstPass > 0);
        assert.equal(await remindCommitments(ctx, today()), 0, 'a second pass writes nothing');
        const rows = await s.db.selectFrom('notifications').select(['user_id', 'kind', 'entity_id', 'dedupe_key']).where('kind', 'like', 'commitment_%').execute();
        const of = (id: string, k: string) => sorted(rows.filter((r) => r.entity_id === id && r.kind === k).map((r) => r.user_id));
        const members = (u: WorldUser) => [w2.orgs.mofa, w2.orgs.mou, w2.orgs.state].includes(u.orgId);
        const runs = (u: WorldUser) => u.role === 'chair' || u.role === 'secretariat';
        const expect = (pred: (u: WorldUser) => boolean) =>
          sorted(
            Object.values(w2.users)
              .filter((u) => u.role && members(u) && pred(u))
              .map((u) => u.id),
          );
        assert.deepEqual(
          of(soon, 'commitment_due'),
          expect((u) => runs(u) || u.orgId === w2.orgs.state),
        );
        assert.deepEqual(
          of(late, 'commitment_overdue'),
          expect((u) => runs(u) || u.partyId === w2.parties.kr),
        );
        assert.deepEqual(of(far, 'commitment_due'), [], 'not within 7 days');
        assert.deepEqual(of(done, 'commitment_overdue'), [], 'done: no reminder');
        assert.equal(rows.length, firstPass);
        for (const id of of(soon, 'commitment_due')) {
          const u = Object.values(w2.users).find((x) => x.id === id)!;
          assert.equal((await call(a2, u, { method: 'GET', url: `/api/commitments/${soon}` })).status, 200);
        }

        // A new due date is a new key: moved to tomorrow, the commitment is reminded again, once.
        const moved = await call(a2, w2.users.mofa_secretariat, { method: 'PATCH', url: `/api/commitments/${soon}`, headers: { 'if-match': '1' }, payload: { dueOn: addDays(today(), 1) } });
        assert.equal(moved.status, 204, JSON.stringify(moved.body));
        await s.db.deleteFrom('notifications').where('kind', 'like', 'commitment_%').execute();
        await s.db.deleteFrom('commitment_reminders').where('commitment_id', '=', late).execute();

        // Two processes at once: `concord notify --once` twice, over the same store.
        const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^CONCORD_/.test(k) && k !== 'NODE_TEST_CONTEXT' && k !== 'NODE_OPTIONS'));
        const env = {
          ...inherited,
          DATABASE_URL: kind === 'sqlite' ? `sqlite:${s.location}` : withDatabase(process.env.CONCORD_TEST_PG!, s.location),
          SMTP_URL: server.url,
          SMTP_FROM: 'concord@mofa.example',
        };
        const run = () =>
          new Promise<number>((ok, fail) => {
            const p = spawn(process.execPath, [join(ROOT, 'bin/concord.js'), 'notify', '--once'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
            let err = '';
            p.stderr!.on('data', (d) => {
              err += d;
            });
            p.once('exit', (code) => (code === 0 ? ok(code) : fail(new Error(`concord notify exited ${code}: ${err}`))));
          });
        await Promise.all([run(), run()]);
        const again = await s.db.selectFrom('notifications').select(['user_id', 'kind', 'entity_id', 'email_state']).where('kind', 'like', 'commitment_%').execute();
        assert.deepEqual(
          sorted(again.filter((r) => r.entity_id === soon).map((r) => r.user_id)),
          expect((u) => runs(u) || u.orgId === w2.orgs.state),
          'the new due date reminded once',
        );
        assert.deepEqual(
          sorted(again.filter((r) => r.entity_id === late).map((r) => r.user_id)),
          expect((u) => runs(u) || u.partyId === w2.parties.kr),
          'the overdue one, its key removed, written once by the two processes',
        );
        const keys = await s.db.selectFrom('commitment_reminders').select(['commitment_id', 'kind', 'due_on']).execute();
        assert.equal(keys.filter((k) => k.commitment_id === soon).length, 2, 'one key per due date');
        assert.ok(again.every((r) => r.email_state === 'sent'));
        const ids = server.mails.map((x) => x.messageId);
        assert.equal(ids.length, again.length, 'every reminder mailed once between the two processes');
        assert.equal(new Set(ids).size, ids.length);
        const ko = server.mails.find((x) => /조사 계획 공유/.test(x.subject ?? ''));
        assert.equal(ko, undefined, 'nobody reads Korean in this world');
        assert.ok(server.mails.some((x) => x.subject === 'Due tomorrow: Share the survey plan'));
      } finally {
        await server.close();
        await a2.close();
        await s.close();
      }
    });
  });
}
