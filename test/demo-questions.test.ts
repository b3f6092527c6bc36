/**
 * The questions Concord's users ask, answered through the API as the demo users, signed in with
 * their passwords, on both stores: the backbone's acceptance test.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load.ts';
import { freshStore, storeKinds, testApp } from './helpers.ts';

for (const kind of storeKinds()) {
  describe(`the demo answers its users' questions (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    const cookies: Record<string, string> = {};

    async function signIn(user: string) {
      const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email: `${user}@concord.demo`, password: 'concord-demo' } });
      assert.equal(r.statusCode, 200, r.body);
      const c = r.cookies.find((x) => x.name === 'concord_session');
      assert.ok(c, 'session cookie set');
      assert.equal(c.httpOnly, true);
      cookies[user] = `concord_session=${c.value}`;
    }
    const get = async (user: string, url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: cookies[user] } });
      return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
    };

    before(async () => {
      store = await freshStore(kind);
      await loadDemo(store);
      app = await testApp(store);
      for (const u of ['mofa.secretariat', 'mofa.desk', 'mou.desk', 'mou.vice', 'nso.analyst', 'state.secretariat', 'state.desk', 'dod.desk']) await signIn(u);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('which organisations declined the 2025-12-16 meeting, and why', async () => {
      const m = await get('mofa.secretariat', '/api/meetings/m-2025-12-16');
      assert.equal(m.status, 200);
      const declined = m.body.attendance.filter((a: { status: string }) => a.status === 'declined');
      assert.deepEqual(
        declined.map((a: { organisationId: string }) => a.organisationId),
        ['rok-mou'],
      );
      assert.match(declined[0].reason, /diplomatic issues between South Korea and the United States/);
      assert.ok(
        m.body.consultations.some((c: { id: string }) => c.id === 'm-2025-12-16-mou'),
        'the separate consultation is linked',
      );
      const us = await get('state.desk', '/api/meetings/m-2025-12-16');
      assert.equal(us.status, 200);
      assert.equal(us.body.attendance.find((a: { organisationId: string }) => a.organisationId === 'rok-mou').status, 'declined');
    });

    test("the calendar feed shows the Unification Ministry's decline, its reason and its separate briefing", async () => {
      const r = await app.inject({ method: 'GET', url: '/api/working-groups/cg-2025/calendar.ics', headers: { cookie: cookies['state.desk'] } });
      assert.equal(r.statusCode, 200);
      const ics = r.body.replace(/\r\n /g, '');
      const event = (uid: string) => ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${uid}@concord\r\n`))!;
      const main = event('m-2025-12-16');
      assert.match(main, /ATTENDEE;CN="?Ministry of Unification[^\r]*PARTSTAT=DECLINED:urn:concord:organisation:rok-mou/);
      assert.match(main, /PARTSTAT=ACCEPTED:urn:concord:organisation:us-state/);
      assert.match(main, /DESCRIPTION:[^\r]*Declined: Ministry of Unification — [^\r]*diplomatic issues between South Korea and the United States/);
      assert.match(main, /RELATED-TO;RELTYPE=SIBLING:m-2025-12-16-mou@concord/);
      assert.match(event('m-2025-12-16-mou'), /RELATED-TO;RELTYPE=SIBLING:m-2025-12-16@concord/);
    });

    test('what each meeting of the 2018 group took up, per track', async () => {
      const list = await get('state.desk', '/api/meetings?wgId=wg-2018&limit=100');
      assert.equal(list.status, 200);
      assert.ok(list.body.items.length >= 8);
      const first = await get('state.desk', '/api/meetings/m-2018-11-20');
      const tracks = new Set(first.body.agenda.map((a: { trackName: string | null }) => a.trackName));
      assert.ok(tracks.size >= 3, `agenda spans tracks: ${[...tracks].join(', ')}`);
      assert.ok(first.body.agenda.some((a: { title: string; trackName: string }) => /rail/i.test(a.title) || /rail/i.test(a.trackName ?? '')));
    });

    test('how many days each project spent between group review and exemption', async () => {
      const r = await get('mofa.desk', '/api/projects/stage-times?wgId=wg-2018');
      assert.equal(r.status, 200);
      const rows = r.body.items as { id?: string; projectId?: string; daysFromReviewToExemption: number | null }[];
      const rail = rows.find((p) => (p.projectId ?? p.id) === 'p-rail');
      assert.ok(rail, 'the rail project is listed');
      assert.equal(rail.daysFromReviewToExemption, 3, 'group review 2018-11-20 → 1718 Committee exemption 2018-11-23');
      assert.ok(rows.filter((p) => p.daysFromReviewToExemption !== null).length >= 3);
    });

    test('what each party said in public on the rail project', async () => {
      const r = await get('state.desk', '/api/statements?issueId=i-rail-exemption&limit=100');
      assert.equal(r.status, 200);
      const parties = new Set(r.body.items.map((s: { partyId: string }) => s.partyId));
      assert.ok(parties.has('KR'), 'a ROK statement on the rail project');
      assert.ok(r.body.items.every((s: { quote: string }) => s.quote.length > 0));
    });

    test('which Fact Sheet commitments are open or disputed', async () => {
      const open = await get('state.desk', '/api/commitments?documentId=doc-jfs-2025&state=open');
      const disputed = await get('mofa.desk', '/api/commitments?documentId=doc-jfs-2025&state=disputed');
      assert.equal(open.status, 200);
      assert.equal(disputed.status, 200);
      assert.ok(open.body.items.length >= 2);
      assert.ok(disputed.body.items.length >= 1);
      assert.ok(disputed.body.items.every((c: { disputed: boolean }) => c.disputed === true));
    });

    test('a US user cannot see a ROK-internal position; a MOFA user cannot see a MOU internal note', async () => {
      assert.equal((await get('state.secretariat', '/api/positions/pos-rok-internal')).status, 404);
      assert.equal((await get('mofa.desk', '/api/positions/pos-rok-internal')).status, 200);
      const usList = await get('state.secretariat', '/api/positions?wgId=cg-2025');
      assert.ok(!usList.body.items.some((p: { id: string }) => p.id === 'pos-rok-internal'));
      assert.equal((await get('mofa.secretariat', '/api/notes/note-mou-internal')).status, 404);
      assert.equal((await get('mou.desk', '/api/notes/note-mou-internal')).status, 200);
      assert.equal((await get('mofa.desk', '/api/positions/pos-us-internal')).status, 404);
      const audit = await get('state.secretariat', '/api/audit?entityId=pos-rok-internal');
      assert.equal(audit.body.items.length, 0, 'not even the audit trail mentions it');
    });

    test('the intra-ROK story in figures: the Foreign–Unification pair has a figure, n, a label and the issues that divide them', async () => {
      const pairOf = async (user: string, wgId: string) => {
        const r = await get(user, `/api/working-groups/${wgId}/alignment`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return { body: r.body, pair: r.body.pairs.find((p: any) => [p.a.id, p.b.id].sort().join() === 'rok-mofa,rok-mou') };
      };
      // Who sees the pair, where (docs/demo-users.md, "The two ministries in figures").
      const expected: [string, string, string[]][] = [
        ['ic-2026', 'mofa.desk', ['i-ic-us-channel', 'i-sanctions-effect']],
        ['ic-2026', 'mofa.secretariat', ['i-ic-us-channel', 'i-sanctions-effect']],
        ['ic-2026', 'mou.desk', ['i-ic-us-channel', 'i-sanctions-effect']],
        ['ic-2026', 'mou.vice', ['i-ic-us-channel', 'i-sanctions-effect']],
        ['cg-2025', 'mofa.desk', ['i-consult-format']],
        ['cg-2025', 'mofa.secretariat', ['i-consult-format']],
        ['cg-2025', 'mou.desk', ['i-consult-format']],
        ['cg-2025', 'nso.analyst', ['i-consult-format']],
      ];
      for (const [wgId, user, dividing] of expected) {
        const { body, pair } = await pairOf(user, wgId);
        assert.ok(pair, `${user} sees the pair in ${wgId}: ${JSON.stringify(body.pairs.map((p: any) => [p.a.id, p.b.id]))}`);
        assert.ok(pair.figure.n >= body.labelScale.minN, `${user} ${wgId}: n ${pair.figure.n} ≥ ${body.labelScale.minN}`);
        assert.ok(['slight differences', 'in conflict'].includes(pair.label.label), `${user} ${wgId}: label ${pair.label.label} (${pair.label.reason ?? ''})`);
        assert.equal(pair.label.n, pair.figure.n);
        assert.deepEqual(pair.dividing.map((d: any) => d.issueId).sort(), dividing, `${user} ${wgId}`);
        assert.ok(pair.dividing.every((d: any) => d.gap === 'opposite'));
      }
      const ic = (await pairOf('mou.vice', 'ic-2026')).pair;
      assert.equal(ic.figure.n, 5);
      assert.equal(ic.label.label, 'slight differences');
      const cg = (await pairOf('nso.analyst', 'cg-2025')).pair;
      assert.equal(cg.figure.n, 3);
      assert.equal(cg.label.label, 'slight differences');
      // Every position behind the pair names its source.
      const mine = await get('mofa.desk', '/api/positions?wgId=ic-2026');
      for (const p of mine.body.items.filter((x: any) => ['rok-mofa', 'rok-mou'].includes(x.organisationId))) {
        assert.ok(p.sourceKind && p.sourceRef, `${p.id} has a source`);
        assert.ok(p.rationale.length > 20, `${p.id} says what it rests on`);
      }
    });

    test('the US side sees neither the pair nor the ROK-internal positions behind it', async () => {
      for (const user of ['state.secretariat', 'state.desk', 'dod.desk']) {
        for (const wgId of ['cg-2025', 'ic-2026']) {
          const r = await get(user, `/api/working-groups/${wgId}/alignment`);
          assert.equal(r.status, 200);
          assert.ok(!r.body.pairs.some((p: any) => [p.a.id, p.b.id].includes('rok-mou')), `${user} ${wgId}: no MOU participant`);
          const list = await get(user, `/api/positions?wgId=${wgId}`);
          assert.equal(list.status, 200);
          for (const p of list.body.items) assert.ok(!(p.partyId === 'KR' && p.access.scope === 'party'), `${user} sees ${p.id}`);
        }
        for (const id of ['pos-kr-mou-consult-format-shared', 'pos-kr-mofa-consult-format-shared', 'pos-ic-us-channel-kr-mou-2025-12-15']) {
          assert.equal((await get(user, `/api/positions/${id}`)).status, 404, `${user}: ${id}`);
        }
      }
      assert.equal((await get('mou.desk', '/api/positions/pos-kr-mofa-consult-format-shared')).status, 200, 'shared with the ROK ministries');
    });

    test('the demo audit chain verifies for an administrator', async () => {
      await signIn('admin');
      const v = await get('admin', '/api/audit/verify');
      assert.equal(v.status, 200);
      assert.equal(v.body.ok, true);
      assert.equal((await get('mofa.desk', '/api/audit/verify')).status, 403);
    });
  });
}
