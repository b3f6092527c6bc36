import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { sha256 } from '../../auth/sessions.ts';
import { call, freshStore, lastAudit, PASSWORD_HASH, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

/**
 * Joint decisions: what one party of a working group of several may no longer do alone (bring in a
 * third party, hide the group from another party's ministry), the proposals that take their place,
 * their approvals by party, declines, withdrawals, stale versions and the audit trail; founding a
 * group by proposal; "my working groups".
 */
for (const kind of storeKinds()) {
  describe(`joint decisions: proposals (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    /** A third party: the UN, its 1718 Committee, an observer with no role and an administrator. */
    let unObserver: WorldUser;
    let unAdmin: WorldUser;
    /** A user of a UN organisation that takes part in no group. */
    let ocha: WorldUser;
    const un = { party: 'p-un', org: 'o-un-1718' };

    const addUser = async (key: string, orgId: string, partyId: string, isAdmin = false): Promise<WorldUser> => {
      const id = `u-${key}`;
      const token = `cct_test_${key}`;
      await store.db
        .insertInto('users')
        .values({
          id,
          email: `${key}@test.example`,
          display_name: key,
          organisation_id: orgId,
          password_hash: PASSWORD_HASH,
          clearance: 0,
          is_admin: isAdmin ? 1 : 0,
          locale: 'en',
          disabled: 0,
          ...stamp,
        })
        .execute();
      await store.db
        .insertInto('api_tokens')
        .values({
          id: `t-${key}`,
          user_id: id,
          name: 'test',
          token_hash: sha256(token),
          created_at: ts,
          revoked_at: null,
          scope: 'write',
          wg_id: null,
          expires_at: '2999-01-01T00:00:00.000Z',
          last_used_at: null,
        })
        .execute();
      return { id, email: `${key}@test.example`, orgId, partyId, clearance: 0, token };
    };

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      await store.db
        .insertInto('parties')
        .values({ id: un.party, code: 'UN', name: 'United Nations', name_ko: '국제연합', kind: 'international', ...stamp })
        .execute();
      await store.db
        .insertInto('organisations')
        .values({ id: un.org, party_id: un.party, parent_id: null, acronym: '1718', name: 'UNSC 1718 Committee', name_ko: '안보리 1718 위원회', kind: 'committee', ...stamp })
        .execute();
      unObserver = await addUser('un_observer', un.org, un.party);
      unAdmin = await addUser('un_admin', un.org, un.party, true);
      await store.db
        .insertInto('organisations')
        .values({ id: 'o-ocha', party_id: un.party, parent_id: null, acronym: 'OCHA', name: 'OCHA', name_ko: '유엔 인도주의업무조정국', kind: 'office', ...stamp })
        .execute();
      ocha = await addUser('ocha', 'o-ocha', un.party);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    const group = (u: WorldUser, id = w.wgId) => call(app, u, { method: 'GET', url: `/api/working-groups/${id}` });
    const parties = async (id = w.wgId) => (await store.db.selectFrom('wg_parties').select('party_id').where('wg_id', '=', id).execute()).map((p) => p.party_id).sort();
    const participation = async (orgId: string, id = w.wgId) =>
      (await store.db.selectFrom('wg_members').select('participation').where('wg_id', '=', id).where('organisation_id', '=', orgId).executeTakeFirst())?.participation ?? null;
    const act = (u: WorldUser, id: string, what: 'approve' | 'decline' | 'withdraw', version: number | null, payload?: object) =>
      call(app, u, { method: 'POST', url: `/api/proposals/${id}/${what}`, headers: version === null ? {} : { 'if-match': `"${version}"` }, payload: payload ?? {} });

    test("a US secretariat sets the ROK's Foreign Ministry to non_participant: 202, nothing changes, the ROK declines with its reason", async () => {
      const before = (await lastAudit(store)).seq;
      const r = await call(app, w.users.state_secretariat, {
        method: 'PUT',
        url: `/api/working-groups/${w.wgId}/members/${w.orgs.mofa}`,
        payload: { participation: 'non_participant', note: 'Not needed' },
      });
      assert.equal(r.status, 202);
      const p = r.body.proposal;
      assert.equal(p.kind, 'member');
      assert.equal(p.status, 'open');
      assert.equal(p.member.organisationId, w.orgs.mofa);
      assert.equal(p.member.before, 'member');
      assert.equal(p.member.participation, 'non_participant');
      assert.deepEqual(
        p.approvals.map((a: { code: string; approvedAt: string | null }) => [a.code, a.approvedAt !== null]),
        [
          ['KR', false],
          ['US', true],
        ],
      );
      assert.deepEqual(p.abilities, { approve: false, decline: false, withdraw: true });
      assert.equal(await participation(w.orgs.mofa), 'member', 'no effect until the ROK approves');
      // The MOFA still sees the group's group-scoped records: the other group is group-scoped.
      assert.equal((await group(w.users.mofa_member, w.otherWgId)).status, 200);
      const ev = await store.db.selectFrom('audit_events').select(['action', 'entity_id']).where('seq', '>', before).orderBy('seq').execute();
      assert.deepEqual(
        ev.map((e) => e.action),
        ['proposal.create'],
      );

      // The ROK sees it with decline and approve for its chair or secretariat, not for a member.
      const seen = await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/proposals?wgId=${w.wgId}&status=open` });
      assert.equal(seen.status, 200);
      assert.deepEqual(
        seen.body.items.map((x: { id: string }) => x.id),
        [p.id],
      );
      assert.deepEqual(seen.body.items[0].abilities, { approve: true, decline: true, withdraw: false });
      assert.equal((await act(w.users.mofa_member, p.id, 'decline', 1, { reason: 'No' })).status, 403);
      assert.equal((await act(w.users.state_secretariat, p.id, 'approve', 1)).status, 403, 'a party approves once');
      assert.equal((await act(w.users.mofa_secretariat, p.id, 'decline', null, { reason: 'No' })).status, 428);
      const noReason = await act(w.users.mofa_secretariat, p.id, 'decline', 1, {});
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'body.reason');
      const stale = await act(w.users.mofa_secretariat, p.id, 'decline', 7, { reason: 'No' });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 1);

      const d = await act(w.users.mofa_secretariat, p.id, 'decline', 1, { reason: 'The Foreign Ministry leads the ROK side' });
      assert.equal(d.status, 200);
      assert.equal(d.body.status, 'declined');
      assert.equal(d.body.version, 2);
      const e = await lastAudit(store);
      assert.equal(e.action, 'proposal.decline');
      assert.equal(e.entity_id, p.id);
      assert.equal(e.actor_user_id, w.users.mofa_secretariat.id);
      assert.equal(await participation(w.orgs.mofa), 'member');
      const us = await call(app, w.users.state_secretariat, { method: 'GET', url: `/api/proposals/${p.id}` });
      assert.equal(us.body.reason, 'The Foreign Ministry leads the ROK side');
      assert.equal(us.headers.etag, '"2"');
      assert.equal((await act(w.users.mofa_secretariat, p.id, 'approve', 2)).status, 409, 'a declined proposal is closed');
    });

    test('a party acts alone on its own organisations in a group of several parties', async () => {
      const r = await call(app, w.users.state_secretariat, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/${w.orgs.dod}`, payload: { participation: 'observer' } });
      assert.equal(r.status, 200);
      assert.equal(r.body.participation, 'observer');
      assert.equal((await lastAudit(store)).action, 'working_group.member_set');
      assert.equal(await participation(w.orgs.dod), 'observer');
    });

    test("another party's organisation changes when both approve: the approval, the change and its application in one transaction", async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/${w.orgs.dod}`, payload: { participation: 'member' } });
      assert.equal(r.status, 202);
      const id = r.body.proposal.id;
      assert.equal(await participation(w.orgs.dod), 'observer');
      // DoD is no member organisation: it does not see the group-scoped proposal.
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/proposals/${id}` })).status, 404);
      const before = (await lastAudit(store)).seq;
      const ok = await act(w.users.state_chair, id, 'approve', 1);
      assert.equal(ok.status, 200);
      assert.equal(ok.body.status, 'applied');
      assert.equal(await participation(w.orgs.dod), 'member');
      const ev = await store.db.selectFrom('audit_events').select(['action', 'request_id']).where('seq', '>', before).orderBy('seq').execute();
      assert.deepEqual(
        ev.map((e) => e.action),
        ['proposal.approve', 'working_group.member_set', 'proposal.apply'],
      );
      assert.equal(new Set(ev.map((e) => e.request_id)).size, 1, 'one request, one transaction');
      assert.equal((await call(app, w.users.dod_chair, { method: 'GET', url: `/api/proposals/${id}` })).status, 200, 'now a member organisation, DoD reads the record');
    });

    test("withdraw: the proposer's party only; 409 once closed", async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/${w.orgs.dod}`, payload: { participation: 'observer' } });
      assert.equal(r.status, 202);
      const id = r.body.proposal.id;
      assert.equal((await act(w.users.state_secretariat, id, 'withdraw', 1)).status, 403);
      const wd = await act(w.users.mofa_chair, id, 'withdraw', 1);
      assert.equal(wd.status, 200);
      assert.equal(wd.body.status, 'withdrawn');
      assert.equal((await lastAudit(store)).action, 'proposal.withdraw');
      assert.equal((await act(w.users.state_secretariat, id, 'approve', 2)).status, 409);
      assert.equal(await participation(w.orgs.dod), 'member');
    });

    test('a change of parties comes alone', async () => {
      const r = await call(app, w.users.state_secretariat, {
        method: 'PATCH',
        url: `/api/working-groups/${w.wgId}`,
        headers: { 'if-match': '1' },
        payload: { partyIds: [w.parties.kr, w.parties.us, un.party], name: 'Renamed' },
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'body.partyIds');
      const stale = await call(app, w.users.state_secretariat, {
        method: 'PATCH',
        url: `/api/working-groups/${w.wgId}`,
        headers: { 'if-match': '9' },
        payload: { partyIds: [w.parties.kr, w.parties.us, un.party] },
      });
      assert.equal(stale.status, 409);
    });

    test('a US secretariat adds a third party: no effect until the ROK approves, the UN sees nothing before, then accepts', async () => {
      const r = await call(app, w.users.state_secretariat, {
        method: 'PATCH',
        url: `/api/working-groups/${w.wgId}`,
        headers: { 'if-match': '1' },
        payload: { partyIds: [w.parties.kr, w.parties.us, un.party] },
      });
      assert.equal(r.status, 202);
      const p = r.body.proposal;
      assert.equal(p.kind, 'parties');
      assert.deepEqual([...p.parties.after].sort(), [w.parties.kr, w.parties.us, un.party].sort());
      assert.deepEqual(
        p.approvals.map((a: { code: string; invited: boolean }) => [a.code, a.invited]),
        [
          ['KR', false],
          ['US', false],
          ['UN', true],
        ],
      );
      assert.deepEqual(await parties(), [w.parties.kr, w.parties.us]);
      // The UN observer reads nothing more: not the proposal, not the group-scoped group.
      for (const u of [unObserver, unAdmin]) {
        assert.deepEqual((await call(app, u, { method: 'GET', url: '/api/proposals' })).body.items, []);
        assert.equal((await call(app, u, { method: 'GET', url: `/api/proposals/${p.id}` })).status, 404);
        assert.equal((await act(u, p.id, 'approve', 1)).status, 404);
        assert.equal((await group(u, w.otherWgId)).status, 404);
      }

      const kr = await act(w.users.mofa_secretariat, p.id, 'approve', 1);
      assert.equal(kr.status, 200);
      assert.equal(kr.body.status, 'open', 'the party invited in decides last');
      assert.deepEqual(await parties(), [w.parties.kr, w.parties.us]);
      // Now the UN sees the invitation, and only it; someone who speaks for it decides.
      const seen = await call(app, unObserver, { method: 'GET', url: '/api/proposals' });
      assert.deepEqual(
        seen.body.items.map((x: { id: string }) => x.id),
        [p.id],
      );
      assert.equal((await group(unObserver, w.otherWgId)).status, 404);
      assert.equal((await act(unObserver, p.id, 'approve', 2)).status, 403, 'an observer does not commit their party');
      assert.equal((await act(unAdmin, p.id, 'approve', 1)).status, 409, 'stale');
      const ok = await act(unAdmin, p.id, 'approve', 2);
      assert.equal(ok.status, 200);
      assert.equal(ok.body.status, 'applied');
      assert.deepEqual(await parties(), [w.parties.kr, un.party, w.parties.us].sort());
      assert.equal((await lastAudit(store)).action, 'proposal.apply');
      // The UN takes part through the organisation of the one who accepted, who is now its secretariat in the group.
      assert.equal(await participation(un.org), 'member');
      assert.equal((await group(unAdmin)).body.myRole, 'secretariat');
      assert.equal((await group(unObserver, w.otherWgId)).status, 404, 'and nothing of another group');
    });

    test('in a group of three parties, each approves; a change applies as proposed to the parties of the day', async () => {
      // The UN secretariat proposes that the ROK's Unification Ministry observe; the ROK and the US approve.
      const r = await call(app, unAdmin, { method: 'PUT', url: `/api/working-groups/${w.wgId}/members/${w.orgs.mou}`, payload: { participation: 'observer' } });
      assert.equal(r.status, 202);
      const id = r.body.proposal.id;
      assert.deepEqual(r.body.proposal.approvals.map((a: { code: string }) => a.code).sort(), ['KR', 'UN', 'US']);
      assert.equal((await act(w.users.mofa_secretariat, id, 'approve', 1)).body.status, 'open');
      assert.equal(await participation(w.orgs.mou), 'member');
      assert.equal((await act(w.users.state_secretariat, id, 'approve', 2)).body.status, 'applied');
      assert.equal(await participation(w.orgs.mou), 'observer');
      // Two proposals on the parties, open at once: applying the second does not undo the first.
      const party = async (code: string, org: string) => {
        await store.db
          .insertInto('parties')
          .values({ id: `p-${code}`, code: code.toUpperCase(), name: code, name_ko: null, kind: 'government', ...stamp })
          .execute();
        await store.db
          .insertInto('organisations')
          .values({ id: org, party_id: `p-${code}`, parent_id: null, acronym: null, name: org, name_ko: null, kind: 'ministry', ...stamp })
          .execute();
        return addUser(`${code}_admin`, org, `p-${code}`, true);
      };
      const jp = await party('jp', 'o-jp-mofa');
      const au = await party('au', 'o-au-dfat');
      const v = (await group(w.users.mofa_secretariat)).body.version;
      const base = [w.parties.kr, w.parties.us, un.party];
      const open = async (p: string) => {
        const r = await call(app, w.users.state_secretariat, { method: 'PATCH', url: `/api/working-groups/${w.wgId}`, headers: { 'if-match': String(v) }, payload: { partyIds: [...base, p] } });
        assert.equal(r.status, 202);
        return r.body.proposal.id as string;
      };
      const [toJp, toAu] = [await open('p-jp'), await open('p-au')];
      for (const [id, invited] of [
        [toJp, jp],
        [toAu, au],
      ] as const) {
        assert.equal((await act(w.users.mofa_secretariat, id, 'approve', 1)).status, 200);
        assert.equal((await act(unAdmin, id, 'approve', 2)).status, 200);
        assert.equal((await act(invited, id, 'approve', 3)).body.status, 'applied');
      }
      assert.deepEqual(await parties(), [...base, 'p-au', 'p-jp'].sort());
    });

    let founded = '';
    let declined = '';
    test('the ROK secretariat proposes a group with the US: proposed until the US accepts; the one who accepts becomes its secretariat', async () => {
      const body = {
        name: 'ROK-US Consultation',
        nameKo: '한미 협의',
        kind: 'bilateral',
        timezone: 'Asia/Seoul',
        mandate: 'Follow up the joint fact sheet',
        mandateKo: '공동 설명자료 후속 조치',
        cadenceNote: 'Monthly, alternating capitals',
        partyIds: [w.parties.kr, w.parties.us],
        members: [{ organisationId: w.orgs.state, participation: 'member' }],
      };
      const lacking = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/working-groups', payload: { ...body, members: [] } });
      assert.equal(lacking.status, 400);
      assert.equal(lacking.body.field, 'body.members');
      const withStatus = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/working-groups', payload: { ...body, status: 'established' } });
      assert.equal(withStatus.body.field, 'body.status');
      const notMine = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/working-groups', payload: { ...body, partyIds: [w.parties.us] } });
      assert.equal(notMine.body.field, 'body.partyIds');

      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/working-groups', payload: body });
      assert.equal(r.status, 201);
      founded = r.body.id;
      const g = await group(w.users.mofa_secretariat, founded);
      assert.equal(g.body.status, 'proposed');
      assert.equal(g.body.myRole, 'secretariat');
      assert.equal(g.body.establishedOn, null);
      assert.deepEqual(g.body.members.map((m: { organisationId: string }) => m.organisationId).sort(), [w.orgs.mofa, w.orgs.state].sort());
      const list = await call(app, w.users.state_secretariat, { method: 'GET', url: `/api/proposals?wgId=${founded}` });
      const p = list.body.items[0];
      assert.equal(p.kind, 'found');
      assert.equal(p.wgStatus, 'proposed');
      assert.deepEqual(p.abilities, { approve: true, decline: true, withdraw: false });
      // A proposed group does not change its members until it is established.
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'PUT', url: `/api/working-groups/${founded}/members/${w.orgs.mou}`, payload: { participation: 'member' } })).status, 409);
      assert.equal((await act(w.users.state_member, p.id, 'approve', 1)).status, 403, 'a desk officer does not commit their government');
      const ok = await act(w.users.state_secretariat, p.id, 'approve', 1);
      assert.equal(ok.status, 200);
      assert.equal(ok.body.status, 'applied');
      assert.equal(ok.body.wgStatus, 'established');
      const us = await group(w.users.state_secretariat, founded);
      assert.equal(us.body.status, 'established');
      assert.equal(us.body.myRole, 'secretariat');
      assert.equal(us.body.establishedOn, new Date().toISOString().slice(0, 10));
      const ev = await store.db.selectFrom('audit_events').select('action').where('entity_id', 'in', [founded, p.id]).orderBy('seq').execute();
      assert.deepEqual(
        ev.map((e) => e.action),
        ['working_group.create', 'proposal.create', 'proposal.approve', 'working_group.role_set', 'working_group.update', 'proposal.apply'],
      );
    });

    test('a founding declined leaves the group declined and nobody with a role in it; a group of one party is established at once', async () => {
      const r = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/working-groups',
        payload: { name: 'Declined group', kind: 'bilateral', timezone: 'UTC', partyIds: [w.parties.kr, w.parties.us], members: [{ organisationId: w.orgs.state, participation: 'member' }] },
      });
      declined = r.body.id;
      const p = (await call(app, w.users.state_chair, { method: 'GET', url: `/api/proposals?wgId=${r.body.id}` })).body.items[0];
      const d = await act(w.users.state_chair, p.id, 'decline', 1, { reason: 'Covered by the existing consultation' });
      assert.equal(d.body.status, 'declined');
      assert.equal(d.body.wgStatus, 'declined');
      const g = await group(w.users.mofa_secretariat, r.body.id);
      assert.equal(g.body.status, 'declined');
      assert.equal(g.body.myRole, null);

      const one = await call(app, w.users.mou_chair, {
        method: 'POST',
        url: '/api/working-groups',
        payload: { name: 'ROK interagency', kind: 'interagency', timezone: 'Asia/Seoul', partyIds: [w.parties.kr], members: [{ organisationId: w.orgs.mofa, participation: 'member' }] },
      });
      assert.equal(one.status, 201);
      const ig = await group(w.users.mou_chair, one.body.id);
      assert.equal(ig.body.status, 'established');
      assert.equal(ig.body.myRole, 'secretariat');
      assert.equal((await call(app, w.users.mou_chair, { method: 'GET', url: `/api/proposals?wgId=${one.body.id}` })).body.items.length, 0);
      // Within one party, the secretariat decides alone.
      const m = await call(app, w.users.mou_chair, { method: 'PUT', url: `/api/working-groups/${one.body.id}/members/${w.orgs.mofa}`, payload: { participation: 'observer' } });
      assert.equal(m.status, 200);
    });

    test('my working groups: those my organisation takes part in, or where I hold a role', async () => {
      const all = await call(app, ocha, { method: 'GET', url: '/api/working-groups' });
      assert.ok(
        all.body.items.some((g: { id: string }) => g.id === w.wgId),
        'the public group is visible',
      );
      const mineUn = await call(app, ocha, { method: 'GET', url: '/api/working-groups?mine=true' });
      assert.deepEqual(mineUn.body.items, [], 'a visible public group the UN takes no part in is not one of its groups');
      const mine = await call(app, w.users.state_secretariat, { method: 'GET', url: '/api/working-groups?mine=true' });
      assert.deepEqual(mine.body.items.map((g: { id: string }) => g.id).sort(), [founded, declined, w.otherWgId, w.wgId].sort(), 'the declined group stays in the record of those it named');
    });

    test("roles: a secretariat sets its own party's users, not the other party's", async () => {
      const people = await call(app, w.users.state_secretariat, { method: 'GET', url: `/api/working-groups/${founded}/people` });
      assert.equal(people.status, 200);
      const byId = new Map(people.body.items.map((p: { userId: string }) => [p.userId, p]));
      assert.equal((byId.get(w.users.mofa_secretariat.id) as { role: string; abilities: { setRole: boolean } }).abilities.setRole, false);
      assert.equal((byId.get(w.users.state_member.id) as { role: null; abilities: { setRole: boolean } }).abilities.setRole, true);
      assert.equal((byId.get(w.users.state_member.id) as { role: null }).role, null);
      assert.ok(!byId.has(w.users.mofa_member.id), "the other party's users without a role are not listed");
      const set = await call(app, w.users.state_secretariat, { method: 'PUT', url: `/api/working-groups/${founded}/roles/${w.users.state_member.id}`, payload: { role: 'member' } });
      assert.equal(set.status, 200);
      const other = await call(app, w.users.state_secretariat, { method: 'PUT', url: `/api/working-groups/${founded}/roles/${w.users.mofa_member.id}`, payload: { role: 'member' } });
      assert.equal(other.status, 403);
    });
  });
}
