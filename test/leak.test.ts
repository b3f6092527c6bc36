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
import { CHILD_IDS, LEAK_RESOURCES, insertReferrers, type LeakRecord } from './leak-resources.ts';
import { parse } from 'csv-parse/sync';

/**
 * "Ids too": no answer a user gets names, anywhere in its body, the id of a record that user may
 * not see. Every JSON string of the body is looked up among the hidden ids.
 */
function assertNoHiddenIds(body: unknown, hidden: ReadonlySet<string>, label: string): void {
  // A CSV export: every cell is looked up too.
  if (typeof body === 'string' && body.startsWith('\uFEFF')) {
    for (const row of parse(body.slice(1)) as string[][]) for (const cell of row) assert.ok(!hidden.has(cell), `${label}: names hidden record ${cell}`);
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    assert.ok(!hidden.has(m[1]), `${label}: names hidden record ${m[1]}`);
  }
}

for (const kind of storeKinds()) {
  describe(`no leaks across parties, organisations, roles and classifications (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const made: Record<string, LeakRecord[]> = {};
    let referrerUrls: string[] = [];

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
      // Public records that name records of every guard, and public audit events that name them.
      referrerUrls = await insertReferrers(store, w, made);
      const pub: GuardFields = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'public', classification: 0, wg_id: w.wgId };
      await appendAudit(
        store.db,
        store,
        { actorUserId: null, actorOrgId: null, requestId: null },
        Object.values(made)
          .flat()
          .map((r) => ({ action: 'position.record' as const, entityType: 'position', entityId: 'ref-position-0', after: { issueId: r.id, nested: [{ meetingId: r.id }] }, guard: pub })),
      );
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

    /**
     * Runs the checks of every user at once: each user's requests still go one after another, and
     * the store's round trips (PostgreSQL's above all) overlap with the other users' work.
     */
    const everyUser = (fn: (u: WorldUser) => Promise<void>) => Promise.all(Object.values(w.users).map(fn));

    /** Every id of a record (and its children) the user may not see. */
    const hiddenCache = new Map<string, Set<string>>();
    const hiddenFor = (u: WorldUser): Set<string> => {
      let h = hiddenCache.get(u.id);
      if (!h) {
        const actor = actorOf(u);
        const groups = memberGroups(u);
        const seesOf = new Map(LEAK_RESOURCES.map((res) => [res.name, res.sees]));
        h = new Set(
          Object.entries(made).flatMap(([name, rs]) => {
            const sees = seesOf.get(name);
            return rs.filter((r) => !(sees ? sees(actor, groups, r) : canSee(actor, groups, r.guard))).flatMap((r) => [r.id, ...(CHILD_IDS[name]?.(r.id) ?? [])]);
          }),
        );
        hiddenCache.set(u.id, h);
      }
      return h;
    };

    for (const res of LEAK_RESOURCES) {
      test(`${res.name}: lists and records admit exactly what the rule admits, for every user, and name no hidden id`, async () => {
        let checks = 0;
        await everyUser(async (u) => {
          const actor = actorOf(u);
          const groups = memberGroups(u);
          const hidden = hiddenFor(u);
          const expected = new Set(made[res.name].filter((r) => (res.sees ? res.sees(actor, groups, r) : canSee(actor, groups, r.guard))).map((r) => r.id));
          for (const listUrl of res.listUrls(w)) {
            const list = await call(app, u, { method: 'GET', url: listUrl });
            assert.equal(list.status, 200, `${u.email} GET ${listUrl}: ${JSON.stringify(list.body)}`);
            assertNoHiddenIds(list.body, hidden, `${u.email} GET ${listUrl}`);
            const got = new Set<string>(res.idsFromList(list.body).filter((id: string) => id.startsWith(`${res.name}-`)));
            const scoped = res.listFilter ? new Set([...expected].filter((id) => res.listFilter!(made[res.name].find((r) => r.id === id)!, listUrl, w))) : expected;
            assert.deepEqual([...got].sort(), [...scoped].sort(), `${u.email} GET ${listUrl}`);
            checks++;
          }
          for (const r of made[res.name]) {
            const one = await call(app, u, { method: 'GET', url: res.recordUrl(r.id) });
            assert.equal(one.status, expected.has(r.id) ? 200 : 404, `${u.email} GET ${res.recordUrl(r.id)} (${JSON.stringify(r.guard)})`);
            assertNoHiddenIds(one.body, hidden, `${u.email} GET ${res.recordUrl(r.id)}`);
            checks++;
          }
        });
        assert.ok(checks > 1000);
      });
    }

    test('audit trail: every user sees exactly the events of records they may see', async () => {
      await everyUser(async (u) => {
        const actor = actorOf(u);
        const groups = memberGroups(u);
        const all = Object.values(made).flat();
        const expected = new Set(all.filter((r) => canSee(actor, groups, r.guard)).map((r) => r.id));
        const got = new Set<string>();
        let before: number | null = null;
        for (;;) {
          const r = await call(app, u, { method: 'GET', url: `/api/audit?limit=500${before ? `&before=${before}` : ''}` });
          assert.equal(r.status, 200);
          assertNoHiddenIds(r.body, hiddenFor(u), `${u.email} GET /api/audit`);
          for (const e of r.body.items) if (all.some((x) => x.id === e.entityId)) got.add(e.entityId);
          if (!r.body.nextBefore) break;
          before = r.body.nextBefore;
        }
        assert.deepEqual([...got].sort(), [...expected].sort(), u.email);
      });
    });

    test('ids too: public records that name records of every guard name none the reader may not see', async () => {
      let checks = 0;
      await everyUser(async (u) => {
        // The referring positions on hidden issues are hidden with them, so named by nothing either.
        const hidden = new Set([...hiddenFor(u), ...made.issue.flatMap((r, i) => (hiddenFor(u).has(r.id) ? [`ref-position-${i}`] : []))]);
        const visibleIssues = made.issue.filter((r) => !hidden.has(r.id)).length;
        for (let before: number | null = null; ; ) {
          const r = await call(app, u, { method: 'GET', url: `/api/audit?limit=500${before ? `&before=${before}` : ''}` });
          assertNoHiddenIds(r.body, hidden, `${u.email} GET /api/audit`);
          if (!r.body.nextBefore) break;
          before = r.body.nextBefore;
        }
        for (const url of referrerUrls) {
          const r = await call(app, u, { method: 'GET', url });
          assert.ok(r.status === 200 || r.status === 404, `${u.email} GET ${url}: ${r.status}`);
          assertNoHiddenIds(r.body, hidden, `${u.email} GET ${url}`);
          checks++;
        }
        // What was hidden went whole where the referring record means nothing without it, and as
        // a null reference elsewhere: the positions on issues the user may see are all there.
        const positions = await call(app, u, { method: 'GET', url: `/api/positions?wgId=${w.wgId}&asOf=2030-01-01` });
        assert.equal(positions.body.items.filter((p: { id: string }) => p.id.startsWith('ref-position-')).length, visibleIssues, u.email);
        // The findings are all there, each naming its statement's article where the user may see it.
        const findings = await call(app, u, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline` });
        const named = new Set(findings.body.findings.flatMap((f: { subject: { articleId: string | null } }) => (f.subject.articleId ? [f.subject.articleId] : [])));
        assert.deepEqual(
          [...named].sort(),
          made.article
            .filter((r) => !hidden.has(r.id))
            .map((r) => r.id)
            .sort(),
          u.email,
        );
        const meeting = await call(app, u, { method: 'GET', url: '/api/meetings/ref-meeting' });
        assert.equal(meeting.body.agenda.length, made.issue.length, u.email);
        assert.equal(meeting.body.agenda.filter((a: { issueId: string | null }) => a.issueId !== null).length, visibleIssues, u.email);
      });
      assert.ok(checks > 1000);
    });
  });
}
