/**
 * Alignment API on the factory world, on SQLite and PostgreSQL: figures carry method and n, a
 * position the caller may not see never counts (the n of a KR user and of a US user differ by
 * exactly the invisible positions), organisations pair up, trends run over held meetings, and the
 * log cache is shared only for wholly public groups.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import type { PositionRow } from '../../db/tables.ts';
import { loadActor } from '../../auth/actor.ts';
import { groupLog, wholeGroupPublic } from '../../analytics/cache.ts';
import { importUnvotes } from '../../unvotes/import.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';
import type { Scope, Stance } from '../../../core/vocabulary.ts';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

for (const kind of storeKinds()) {
  describe(`alignment API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      const g = (org: string, party: string, scope: Scope = 'public', classification = 0) => ({ owner_org_id: org, owner_party_id: party, scope, classification });
      const issues = [1, 2, 3, 4, 5, 6].map((k) => ({
        id: `i${k}`,
        wg_id: w.wgId,
        track_id: null,
        code: null,
        title: `Issue ${k}`,
        title_ko: null,
        description: null,
        keywords: '[]',
        ...g(w.orgs.mofa, w.parties.kr),
        ...stamp,
      }));
      await store.db.insertInto('issues').values(issues).execute();
      let n = 0;
      const pos = (issue: string, party: string, org: string | null, stance: Stance | null, on: string, guard = g(party === w.parties.kr ? w.orgs.mofa : w.orgs.state, party)): PositionRow => ({
        id: `pos${++n}`,
        wg_id: w.wgId,
        issue_id: issue,
        party_id: party,
        organisation_id: org,
        stance,
        conditions: null,
        rationale: null,
        source_kind: null,
        source_ref: null,
        valid_from: on,
        recorded_by: null,
        created_at: ts,
        ...guard,
      });
      const { kr, us } = w.parties;
      await store.db
        .insertInto('positions')
        .values([
          // Public party-level stances on I1–I4 from both; US also on I5, I6.
          pos('i1', kr, null, 'support', '2026-01-10'),
          pos('i1', us, null, 'support', '2026-01-10'),
          pos('i2', kr, null, 'support', '2026-01-10'),
          pos('i2', us, null, 'oppose', '2026-01-10'),
          pos('i3', kr, null, 'neutral', '2026-01-10'),
          pos('i3', us, null, 'oppose', '2026-01-10'),
          pos('i4', kr, null, 'oppose', '2026-01-10'),
          pos('i4', us, null, 'oppose', '2026-01-10'),
          pos('i5', us, null, 'support', '2026-01-10'),
          pos('i6', us, null, 'support', '2026-01-10'),
          // KR party-scoped stances on I5, I6: the US never sees them.
          pos('i5', kr, null, 'oppose', '2026-01-20', g(w.orgs.mofa, kr, 'party')),
          pos('i6', kr, null, 'support', '2026-01-20', g(w.orgs.mofa, kr, 'party')),
          // A later change of the US stance on I2 (public) from February: as of January it is not in force.
          pos('i2', us, null, 'support', '2026-02-15'),
          // Ministries in their own name: MOU opposes I1 (public) and I2 (MOU only); MOFA supports I1 in its own name.
          pos('i1', kr, w.orgs.mou, 'oppose', '2026-01-12', g(w.orgs.mou, kr)),
          pos('i2', kr, w.orgs.mou, 'oppose', '2026-01-12', g(w.orgs.mou, kr, 'organisation')),
          pos('i1', kr, w.orgs.mofa, 'support', '2026-01-12', g(w.orgs.mofa, kr)),
        ])
        .execute();
      const meeting = (id: string, date: string) => ({
        id,
        wg_id: w.wgId,
        title: `Meeting ${id}`,
        title_ko: null,
        level: 'working' as const,
        format: 'video' as const,
        place: null,
        starts_at: `${date}T01:00:00.000Z`,
        ends_at: `${date}T03:00:00.000Z`,
        timezone: 'Asia/Seoul',
        status: 'held' as const,
        status_reason: null,
        postponed_to: null,
        beside_meeting_id: null,
        outcome: null,
        outcome_ko: null,
        minutes: null,
        ...g(w.orgs.mofa, kr),
        ...stamp,
      });
      await store.db
        .insertInto('meetings')
        .values([meeting('m1', '2026-01-15'), meeting('m2', '2026-01-25'), meeting('m3', '2026-02-20')])
        .execute();
      app = await testApp(store);
    });
    after(async () => {
      await app?.close();
      await store?.close();
    });

    const get = (user: keyof World['users'] | undefined, url: string) => call(app, user ? w.users[user] : undefined, { method: 'GET', url });

    test('401 without credentials; 404 for a group the caller cannot see; 400 names the field', async () => {
      assert.equal((await get(undefined, `/api/working-groups/${w.wgId}/alignment`)).status, 401);
      assert.equal((await get('dod_chair', `/api/working-groups/${w.otherWgId}/alignment`)).status, 404);
      assert.equal((await get('dod_chair', `/api/alignment/agreement?group=${w.otherWgId}&a=KR&b=US&method=agree`)).status, 404);
      const bad = await get('mofa_member', `/api/alignment/agreement?group=${w.wgId}&a=KR&b=US&method=nope`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'querystring.method');
      const unknown = await get('mofa_member', `/api/alignment/agreement?group=${w.wgId}&a=KR&b=ZZ&method=agree`);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.field, 'querystring.b');
      const half = await get('mofa_member', `/api/working-groups/${w.wgId}/alignment?a=KR`);
      assert.equal(half.status, 400);
      assert.equal(half.body.field, 'querystring.b');
      assert.equal((await get('mofa_member', `/api/alignment/agreement?a=KR&b=US&method=agree`)).status, 404, 'no unga group in this store');
    });

    test('a party-scoped position of the other party never counts: n differs between a KR and a US user by exactly the invisible positions', async () => {
      const url = `/api/working-groups/${w.wgId}/alignment?asOf=2026-01-31&a=KR&b=US&method=agree`;
      const krView = await get('mofa_member', url);
      const usView = await get('state_member', url);
      assert.equal(krView.status, 200, JSON.stringify(krView.body));
      assert.equal(usView.status, 200);
      const kr = krView.body.pairs[0].figure,
        us = usView.body.pairs[0].figure;
      assert.equal(kr.method, 'agree');
      assert.equal(kr.n, 6);
      assert.equal(us.n, 4);
      assert.equal(kr.n - us.n, 2, 'the two KR party-scoped positions');
      // KR view: I1 same, I2 opposite (US oppose in January), I3 partial, I4 same, I5 opposite, I6 same.
      assert.deepEqual([kr.same, kr.opposite, kr.partial, kr.value], [3, 2, 1, 0.5]);
      assert.deepEqual([us.same, us.opposite, us.partial, us.value], [2, 1, 1, 0.5]);
      assert.equal(krView.body.basis.positions - usView.body.basis.positions, 2, 'the KR party-scoped positions are not even loaded for the US user');
      // The same rule on /alignment/agreement and /alignment/matrix.
      const ag = (u: 'mofa_member' | 'state_member') => get(u, `/api/alignment/agreement?group=${w.wgId}&a=KR&b=US&method=agree&asOf=2026-01-31`);
      assert.equal((await ag('mofa_member')).body.rows[0].n, 6);
      assert.equal((await ag('state_member')).body.rows[0].n, 4);
      const mx = await get('state_member', `/api/alignment/matrix?group=${w.wgId}&method=agree&asOf=2026-01-31`);
      assert.equal(mx.status, 200);
      const i = mx.body.participants.findIndex((p: { key: string }) => p.key === `party:${w.parties.kr}`);
      const j = mx.body.participants.findIndex((p: { key: string }) => p.key === `party:${w.parties.us}`);
      assert.equal(mx.body.n[i][j], 4);
    });

    test('as of a later date the US stance change on I2 is in force', async () => {
      const r = await get('mofa_member', `/api/alignment/agreement?group=${w.wgId}&a=KR&b=US&method=agree&asOf=2026-03-01`);
      assert.deepEqual([r.body.rows[0].same, r.body.rows[0].opposite], [4, 1]);
      const early = await get('mofa_member', `/api/alignment/agreement?group=${w.wgId}&a=KR&b=US&method=agree&asOf=2026-01-05`);
      assert.equal(early.body.rows[0].n, 0);
      assert.equal(early.body.rows[0].value, null);
    });

    test('all pairs: parties and organisations (MOU vs MOFA), with label, trend over meetings and dividing issues', async () => {
      const r = await get('mou_member', `/api/working-groups/${w.wgId}/alignment?asOf=2026-03-01`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.method, 'state-final-2017');
      assert.equal(r.body.labelScale.id, 'concord-group-v1');
      assert.equal(r.body.labelScale.bands.at(-1).min, null);
      const parties = r.body.pairs.find((p: { kind: string }) => p.kind === 'parties');
      assert.ok(parties);
      const ministries = r.body.pairs.find((p: { a: { label: string }; b: { label: string } }) => [p.a.label, p.b.label].sort().join('|') === 'KR/MOFA|KR/MOU');
      assert.ok(ministries, 'the Unification vs Foreign ministries pair');
      assert.equal(ministries.kind, 'organisations');
      // MOU sees its organisation-scoped stance on I2; MOFA's stance on I2 is the KR line it recorded (support).
      assert.equal(ministries.figure.n, 2);
      assert.equal(ministries.figure.opposite, 2);
      assert.deepEqual(ministries.dividing.map((d: { issueId: string; gap: string }) => [d.issueId, d.gap]).sort(), [
        ['i1', 'opposite'],
        ['i2', 'opposite'],
      ]);
      assert.equal(ministries.label.method, 'state-final-2017');
      assert.equal(ministries.label.label, null);
      assert.equal(ministries.label.reason, 'too-few-items');
      assert.equal(parties.trend.by, 'meeting');
      assert.deepEqual(
        parties.trend.points.map((p: { key: string }) => p.key),
        ['m1', 'm2', 'm3'],
      );
      assert.deepEqual(
        parties.trend.points.map((p: { n: number }) => p.n),
        [4, 6, 6],
      );
      assert.ok(['converging', 'diverging', 'stable'].includes(parties.trend.direction));
      assert.equal(typeof parties.trend.slope, 'number');
      assert.ok(parties.dividing.length > 0 && parties.dividing[0].gap === 'opposite');
      // The US does not see the MOU's organisation-scoped stance: n drops by one.
      const us = await get('state_member', `/api/working-groups/${w.wgId}/alignment?asOf=2026-03-01&a=MOU&b=MOFA`);
      assert.equal(us.status, 200);
      assert.equal(us.body.pairs[0].figure.n, 1);
    });

    test("bridging over the caller's positions", async () => {
      const r = await get('mofa_member', `/api/alignment/bridging?group=${w.wgId}&groupA=KR&groupB=US&top=3&asOf=2026-01-31`);
      assert.equal(r.status, 200);
      assert.equal(r.body.method, 'polis-gac-bridging');
      assert.equal(r.body.unite.length, 3);
      assert.equal((await get('mofa_member', `/api/alignment/bridging?group=${w.wgId}&groupA=KR&groupB=KR`)).status, 400);
    });

    test('cache: per user for a group with restricted positions, invalidated by a write; shared for a wholly public group', async () => {
      assert.equal(await wholeGroupPublic(store, w.wgId), false);
      const a1 = (await loadActor(store.db, w.users.mofa_member.id))!;
      const a2 = (await loadActor(store.db, w.users.state_observer.id))!;
      const first = await groupLog(store, a1, w.wgId);
      assert.equal((await groupLog(store, a1, w.wgId)).cache, 'hit');
      assert.equal((await groupLog(store, a2, w.wgId)).cache, 'miss', 'another user: own log');
      assert.equal(first.shared, false);
      const write = await call(app, w.users.mofa_member, { method: 'POST', url: '/api/positions', payload: { issueId: 'i3', stance: 'support', validFrom: '2026-01-11', scope: 'public' } });
      assert.equal(write.status, 201, JSON.stringify(write.body));
      assert.equal((await groupLog(store, a1, w.wgId)).cache, 'miss', 'a write moves the marker');
      // A wholly public group: one log for every user.
      const tmp = mkdtempSync(path.join(tmpdir(), 'concord-align-'));
      try {
        writeFileSync(path.join(tmp, 'roll_calls.csv'), 'rcid,session,importantvote,date,unres,amend,para,short,descr\n1,40,0,1985-12-01,R/40/1,0,0,A,a\n2,41,1,1986-12-02,R/41/2,0,0,B,b\n');
        writeFileSync(path.join(tmp, 'unvotes.csv'), 'rcid,country,country_code,vote\n1,Namibia,"NA",yes\n1,United States,US,no\n2,Namibia,"NA",no\n2,United States,US,no\n');
        await importUnvotes(store, tmp);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      assert.equal(await wholeGroupPublic(store, 'unga'), true);
      const u1 = await groupLog(store, a1, 'unga');
      assert.equal(u1.shared, true);
      assert.equal((await groupLog(store, a2, 'unga')).cache, 'hit', 'shared across users');
      const ag = await get('dod_member', '/api/alignment/agreement?a=US&b=Namibia&method=agree&by=year');
      assert.equal(ag.status, 200, JSON.stringify(ag.body));
      assert.deepEqual(
        ag.body.rows.map((x: { window: number; n: number; value: number }) => [x.window, x.n, x.value]),
        [
          [1985, 1, 0],
          [1986, 1, 1],
        ],
      );
      const one = await get('dod_member', '/api/working-groups/unga/alignment?a=US&b=NA&method=agree');
      assert.equal(one.status, 200, JSON.stringify(one.body));
      assert.equal(one.body.pairs[0].trend.by, 'year');
      assert.deepEqual(
        one.body.pairs[0].trend.points.map((p: { key: string }) => p.key),
        ['1985', '1986'],
      );
    });

    test('the routes are in the OpenAPI document', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      const paths = Object.keys(JSON.parse(r.body).paths);
      for (const p of ['/api/working-groups/{id}/alignment', '/api/alignment/agreement', '/api/alignment/matrix', '/api/alignment/bridging']) assert.ok(paths.includes(p), p);
    });
  });
}
