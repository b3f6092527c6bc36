import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((p) => p.id);

for (const kind of storeKinds()) {
  describe(`positions API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let issueId = '';
    const body = (over: Record<string, unknown> = {}) => ({ issueId, stance: 'support', validFrom: '2019-01-10', ...over });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/issues', payload: { wgId: w.wgId, title: 'Sanctions exemption for the rail survey' } });
      issueId = r.body.id;
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials', async () => {
      for (const url of ['/api/positions', `/api/positions/history?issueId=${issueId}`, '/api/positions/x']) {
        assert.equal((await call(app, undefined, { method: 'GET', url })).status, 401, url);
      }
      assert.equal((await call(app, undefined, { method: 'POST', url: '/api/positions', payload: body() })).status, 401);
    });

    test('400 names the field, and nothing is written', async () => {
      const seq = (await lastAudit(store)).seq;
      const cases: [Record<string, unknown>, string][] = [
        [{ stance: 'lukewarm' }, 'body.stance'],
        [{ stance: undefined }, 'body.stance'],
        [{ validFrom: '2019-02-30' }, 'body.validFrom'],
        [{ validFrom: 'soon' }, 'body.validFrom'],
        [{ issueId: 'nope' }, 'body.issueId'],
        [{ organisationId: w.orgs.state }, 'body.organisationId'],
        [{ sourceKind: 'rumour' }, 'body.sourceKind'],
      ];
      for (const [over, field] of cases) {
        const r = await call(app, w.users.mofa_member, { method: 'POST', url: '/api/positions', payload: body(over) });
        assert.equal(r.status, 400, field);
        assert.equal(r.body.field, field);
      }
      const asOf = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/positions?asOf=2019-13-01' });
      assert.equal(asOf.body.field, 'querystring.asOf');
      const hist = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/positions/history' });
      assert.equal(hist.body.field, 'querystring.issueId');
      assert.equal((await lastAudit(store)).seq, seq);
    });

    test('403: observers record nothing; members record only their own organisation and party', async () => {
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/positions', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/positions', payload: body({ organisationId: w.orgs.mou }) })).status, 403);
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/positions', payload: body({ partyId: w.parties.us }) })).status, 403);
      assert.equal((await call(app, w.users.mou_none, { method: 'POST', url: '/api/positions', payload: body() })).status, 403, 'no role in the group');
      const dod = await call(app, w.users.dod_chair, { method: 'POST', url: '/api/positions', payload: body() });
      assert.equal(dod.status, 400, 'DoD is no member: the group-scoped issue is not there for it');
      assert.equal(dod.body.field, 'body.issueId');
    });

    const recorded: Record<string, string> = {};
    test('record: 201, audited, default scope party', async () => {
      const r = await call(app, w.users.mofa_member, {
        method: 'POST',
        url: '/api/positions',
        payload: body({ stance: 'strongly_support', conditions: 'No bulk cash', rationale: 'Confidence building', sourceKind: 'meeting', sourceRef: 'm-1' }),
      });
      assert.equal(r.status, 201);
      recorded.kr2019 = r.body.id;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'position.record');
      assert.equal(ev.entity_id, r.body.id);
      assert.equal(ev.scope, 'party');
      assert.equal(ev.owner_party_id, w.parties.kr);
      const g = await call(app, w.users.mou_member, { method: 'GET', url: `/api/positions/${r.body.id}` });
      assert.equal(g.status, 200);
      assert.equal(g.body.stance, 'strongly_support');
      assert.equal(g.body.stanceValue, 2);
      assert.equal(g.body.partyId, w.parties.kr);
      assert.equal(g.body.access.scope, 'party');
      assert.equal(g.body.recordedBy, w.users.mofa_member.id);
    });

    test('a party-scoped ROK position is invisible to a US user: 404, absent from lists, as-of and history', async () => {
      const url = `/api/positions/${recorded.kr2019}`;
      assert.equal((await call(app, w.users.state_chair, { method: 'GET', url })).status, 404);
      assert.equal((await call(app, w.users.dod_none, { method: 'GET', url })).status, 404);
      assert.ok(!ids(await call(app, w.users.state_chair, { method: 'GET', url: '/api/positions' })).includes(recorded.kr2019));
      assert.ok(!ids(await call(app, w.users.state_chair, { method: 'GET', url: `/api/positions?issueId=${issueId}&asOf=2019-06-01` })).includes(recorded.kr2019));
      assert.ok(!ids(await call(app, w.users.state_chair, { method: 'GET', url: `/api/positions/history?issueId=${issueId}` })).includes(recorded.kr2019));
    });

    test('as-of returns the stance valid on that date; an invisible later position neither hides nor leaks', async () => {
      // The group record: the ROK position as stated in the group (group scope), then revised.
      const post = async (user: keyof World['users'] & string, over: Record<string, unknown>) => {
        const r = await call(app, w.users[user], { method: 'POST', url: '/api/positions', payload: body(over) });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body.id as string;
      };
      recorded.krGroup2019 = await post('mofa_secretariat', { stance: 'support', validFrom: '2019-03-01', scope: 'group', organisationId: w.orgs.mofa });
      recorded.krGroup2020 = await post('mofa_secretariat', { stance: 'neutral', validFrom: '2020-06-01', scope: 'group', organisationId: w.orgs.mofa });
      recorded.us2019 = await post('state_member', { stance: 'oppose', validFrom: '2019-02-01', scope: 'group' });
      recorded.usNone2021 = await post('state_member', { stance: null, validFrom: '2021-01-01', scope: 'group', rationale: 'Under review' });
      // A later ROK-internal revision (party scope) must not hide the group-visible one from the US.
      recorded.krInternal2020 = await post('mofa_member', { stance: 'oppose', validFrom: '2020-09-01', organisationId: w.orgs.mofa });
      // The chair records the US position as stated by the US, for the group.
      recorded.usByChair = await post('mofa_chair', { stance: 'oppose', validFrom: '2018-12-01', partyId: w.parties.us, scope: 'group' });

      const at = async (user: keyof World['users'] & string, date: string) => {
        const r = await call(app, w.users[user], { method: 'GET', url: `/api/positions?issueId=${issueId}&asOf=${date}` });
        assert.equal(r.status, 200);
        return r.body.items as { id: string; partyId: string; organisationId: string | null; stance: string | null }[];
      };
      const us2019 = await at('state_member', '2019-06-01');
      assert.deepEqual(us2019.map((p) => p.id).sort(), [recorded.krGroup2019, recorded.us2019].sort());
      const us2020 = await at('state_member', '2020-12-31');
      assert.deepEqual(us2020.find((p) => p.organisationId === w.orgs.mofa)?.id, recorded.krGroup2020, 'the invisible ROK revision does not hide the visible one');
      const kr2020 = await at('mofa_member', '2020-12-31');
      assert.equal(kr2020.find((p) => p.organisationId === w.orgs.mofa)?.id, recorded.krInternal2020);
      assert.equal(kr2020.find((p) => p.partyId === w.parties.kr && p.organisationId === null)?.id, recorded.kr2019);
      const us2021 = await at('state_member', '2021-06-01');
      const usStance = us2021.find((p) => p.partyId === w.parties.us && p.organisationId === null)!;
      assert.equal(usStance.id, recorded.usNone2021);
      assert.equal(usStance.stance, null, 'no position is a position');
      const before = await at('state_member', '2018-12-15');
      assert.deepEqual(
        before.map((p) => p.id),
        [recorded.usByChair],
      );
      const none = await at('state_member', '2018-01-01');
      assert.deepEqual(none, []);
    });

    test('history: every visible version, newest first', async () => {
      const us = await call(app, w.users.state_member, { method: 'GET', url: `/api/positions/history?issueId=${issueId}&partyId=${w.parties.us}` });
      assert.deepEqual(ids(us), [recorded.usNone2021, recorded.us2019, recorded.usByChair]);
      const kr = await call(app, w.users.state_member, { method: 'GET', url: `/api/positions/history?issueId=${issueId}&partyId=${w.parties.kr}` });
      assert.deepEqual(ids(kr), [recorded.krGroup2020, recorded.krGroup2019]);
      const krOwn = await call(app, w.users.mou_member, { method: 'GET', url: `/api/positions/history?issueId=${issueId}&partyId=${w.parties.kr}` });
      assert.deepEqual(ids(krOwn), [recorded.krInternal2020, recorded.krGroup2020, recorded.krGroup2019, recorded.kr2019]);
      assert.equal((await call(app, w.users.state_member, { method: 'GET', url: '/api/positions/history?issueId=nope' })).status, 404);
    });

    test('organisationId null is a party-level stance', async () => {
      const i = await call(app, w.users.state_secretariat, { method: 'POST', url: '/api/issues', payload: { wgId: w.wgId, title: 'End-of-war declaration' } });
      const r = await call(app, w.users.state_member, {
        method: 'POST',
        url: '/api/positions',
        payload: { issueId: i.body.id, organisationId: null, stance: 'neutral', validFrom: '2021-05-21', scope: 'group' },
      });
      assert.equal(r.status, 201);
      const g = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/positions?wgId=${w.wgId}&issueId=${i.body.id}&asOf=2021-06-01` });
      assert.deepEqual(
        g.body.items.map((p: { id: string; organisationId: string | null }) => [p.id, p.organisationId]),
        [[r.body.id, null]],
      );
    });

    test('a list matching more records than one request may rank is refused with 422 too_broad, counting only visible records', async () => {
      const { loadActor } = await import('../../auth/actor.ts');
      const { findPositionsAsOf } = await import('../../queries/positions.ts');
      const us = (await loadActor(store.db, w.users.state_chair.id))!;
      const all = await findPositionsAsOf(store.db, us, '2030-01-01', {});
      assert.ok(all.length >= 1);
      await assert.rejects(findPositionsAsOf(store.db, us, '2030-01-01', {}, 0), (e: { code?: string; status?: number; message?: string }) => {
        assert.equal(e.code, 'too_broad');
        assert.equal(e.status, 422);
        assert.match(e.message ?? '', /narrow the request with issueId, partyId or organisationId/);
        return true;
      });
      // At the limit itself (every visible record) the list is answered.
      const { visibleTo } = await import('../../policies/visibility.ts');
      const seen = (await store.db.selectFrom('positions').select('id').where(visibleTo(us, 'positions')).where('valid_from', '<=', '2030-01-01').execute()).length;
      assert.ok(seen < (await store.db.selectFrom('positions').select('id').execute()).length, 'some positions are invisible to a US user');
      assert.deepEqual(await findPositionsAsOf(store.db, us, '2030-01-01', {}, seen), all);
      await assert.rejects(findPositionsAsOf(store.db, us, '2030-01-01', {}, seen - 1), (e: { code?: string }) => e.code === 'too_broad');
    });

    test('append-only: PATCH, PUT and DELETE are refused with 405', async () => {
      for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
        const r = await call(app, w.users.mofa_chair, { method, url: `/api/positions/${recorded.kr2019}`, payload: method === 'DELETE' ? undefined : { stance: 'oppose' } });
        assert.equal(r.status, 405);
        assert.equal(r.headers.allow, 'GET');
        assert.match(r.body.message, /append a new position/);
      }
    });
  });
}
