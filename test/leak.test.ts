/**
 * The access-control promise, walked exhaustively: for every guarded resource, records are made
 * in every combination of owner organisation × scope × classification, and every factory user
 * (each organisation × role, with different clearances) lists and fetches every one of them. A
 * user must get exactly the records the visibility rule admits: 200 for those, 404 for all
 * others, and lists that hold exactly the admitted ids. The audit trail is walked the same way.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { SCOPES } from '../src/core/vocabulary.ts';
import { appendAudit } from '../src/server/audit/chain.ts';
import { canSee, type GuardFields } from '../src/server/policies/visibility.ts';
import type { Actor } from '../src/server/auth/actor.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World, type WorldUser } from './helpers.ts';
import { LEAK_RESOURCES, type LeakRecord } from './leak-resources.ts';

for (const kind of storeKinds()) {
  describe(`no leaks across parties, organisations, roles and classifications (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const made: Record<string, LeakRecord[]> = {};

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const orgParty: Record<string, string> = { [w.orgs.mofa]: w.parties.kr, [w.orgs.mou]: w.parties.kr, [w.orgs.state]: w.parties.us, [w.orgs.dod]: w.parties.us };
      for (const res of LEAK_RESOURCES) {
        made[res.name] = [];
        await res.prepare?.(store, w);
        let n = 0;
        for (const org of Object.values(w.orgs)) {
          for (const scope of SCOPES) {
            for (let classification = 0; classification < 4; classification++) {
              for (const wgId of [w.wgId, w.otherWgId]) {
                const guard: GuardFields = { owner_org_id: org, owner_party_id: orgParty[org], scope, classification, wg_id: wgId };
                const id = `${res.name}-${n++}`;
                await res.insert(store, w, id, guard);
                await appendAudit(store.db, store, { actorUserId: null, actorOrgId: null, requestId: null }, [{ action: 'note.create', entityType: res.name, entityId: id, after: { id }, guard }]);
                made[res.name].push({ id, guard });
              }
            }
          }
        }
      }
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    const actorOf = (u: WorldUser): Actor => ({
      userId: u.id,
      email: u.email,
      displayName: u.id,
      orgId: u.orgId,
      partyId: u.partyId,
      clearance: u.clearance,
      isAdmin: false,
      locale: 'en',
      roles: u.role ? { [w.wgId]: u.role } : {},
    });
    const memberGroups = (u: WorldUser) => {
      const s = new Set<string>();
      if (u.orgId !== w.orgs.dod) s.add(w.wgId);
      if (u.orgId === w.orgs.mofa || u.orgId === w.orgs.state) s.add(w.otherWgId);
      return s;
    };

    for (const res of LEAK_RESOURCES) {
      test(`${res.name}: lists and records admit exactly what the rule admits, for every user`, async () => {
        let checks = 0;
        for (const u of Object.values(w.users)) {
          const actor = actorOf(u);
          const groups = memberGroups(u);
          const expected = new Set(made[res.name].filter((r) => (res.sees ? res.sees(actor, groups, r) : canSee(actor, groups, r.guard))).map((r) => r.id));
          for (const listUrl of res.listUrls(w)) {
            const list = await call(app, u, { method: 'GET', url: listUrl });
            assert.equal(list.status, 200, `${u.email} GET ${listUrl}: ${JSON.stringify(list.body)}`);
            const got = new Set<string>(res.idsFromList(list.body).filter((id: string) => id.startsWith(`${res.name}-`)));
            const scoped = res.listFilter ? new Set([...expected].filter((id) => res.listFilter!(made[res.name].find((r) => r.id === id)!, listUrl, w))) : expected;
            assert.deepEqual([...got].sort(), [...scoped].sort(), `${u.email} GET ${listUrl}`);
            checks++;
          }
          for (const r of made[res.name]) {
            const one = await call(app, u, { method: 'GET', url: res.recordUrl(r.id) });
            assert.equal(one.status, expected.has(r.id) ? 200 : 404, `${u.email} GET ${res.recordUrl(r.id)} (${JSON.stringify(r.guard)})`);
            checks++;
          }
        }
        assert.ok(checks > 1000);
      });
    }

    test('audit trail: every user sees exactly the events of records they may see', async () => {
      for (const u of Object.values(w.users)) {
        const actor = actorOf(u);
        const groups = memberGroups(u);
        const all = Object.values(made).flat();
        const expected = new Set(all.filter((r) => canSee(actor, groups, r.guard)).map((r) => r.id));
        const got = new Set<string>();
        let before: number | null = null;
        for (;;) {
          const r = await call(app, u, { method: 'GET', url: `/api/audit?limit=500${before ? `&before=${before}` : ''}` });
          assert.equal(r.status, 200);
          for (const e of r.body.items) if (all.some((x) => x.id === e.entityId)) got.add(e.entityId);
          if (!r.body.nextBefore) break;
          before = r.body.nextBefore;
        }
        assert.deepEqual([...got].sort(), [...expected].sort(), u.email);
      }
    });
  });
}
