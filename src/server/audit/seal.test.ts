/**
 * Sealing on both stores: PostgreSQL hashes in the store (`concord_seal_keyed`, migration 029), SQLite in
 * the application; either way the chain must be the one hashEvent defines. Any text the events can
 * hold (quotes, backslashes, newlines, NUL-free unicode, text that looks like the `"seq":` key)
 * seals to a chain verifyChain accepts, and writers racing from two connections pools never fork it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { appendAudit, aroundSeq, draftAudit, sealAudit, verifyChain, type AuditEntry } from './chain.ts';
import { newDelivery } from '../notify/enqueue.ts';
import { newId } from '../ids.ts';
import { freshStore, seedWorld, storeKinds } from '../../../test/helpers.ts';
import { openStore } from '../db/database.ts';
import { sql } from 'kysely';
import { ACTOR_ACTIONS, ACTOR_ACTIONS_SQL } from './actor-actions.ts';

const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\u0000', ''));
const tricky = fc.oneof(text, fc.constantFrom('"seq":0', '{"seq":0,"x":"\\n"}', '\\', 'é ü 한국어 🇰🇷', '\n\t\r'));

for (const kind of storeKinds()) {
  describe(`sealing the audit chain (${kind})`, () => {
    test('any text in an event seals to the chain hashEvent defines', async () => {
      const store = await freshStore(kind);
      try {
        const w = await seedWorld(store);
        const guard = { wg_id: w.wgId, owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'party' as const, classification: 1 };
        const entry = fc.record({
          id: tricky,
          before: fc.option(fc.dictionary(tricky, tricky, { maxKeys: 3 }), { nil: undefined }),
          after: fc.option(fc.oneof(fc.jsonValue(), fc.constant({ nul: 'a\u0000b', quote: '"seq":0' })), { nil: undefined }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 4 }), tricky, async (es, requestId) => {
            const entries: AuditEntry[] = es.map((e) => ({ action: 'note.create', entityType: 'note', entityId: e.id, before: e.before, after: e.after, guard }));
            await store.transaction((tx) => appendAudit(tx, store, { actorUserId: null, actorOrgId: null, requestId }, entries));
          }),
          { numRuns: 60 },
        );
        const v = await verifyChain(store.db);
        assert.ok(v.ok, JSON.stringify(v.firstBad));
        assert.ok(v.checked >= 60);
      } finally {
        await store.close();
      }
    });

    test("a change's notifications are written with its events, each keyed by its event's sequence and user, a second for the same event and user left out", async () => {
      const store = await freshStore(kind);
      try {
        const w = await seedWorld(store);
        const guard = { wg_id: w.wgId, owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'group' as const, classification: 0 };
        const at = new Date().toISOString();
        const notice = (userId: string, subject: string) => ({
          id: newId(),
          user_id: userId,
          kind: 'meeting_invited',
          entity_type: 'meeting',
          entity_id: 'm-x',
          wg_id: w.wgId,
          locale: 'en',
          subject,
          body: `${subject}: it's "quoted" \\ and 한국어`,
          html: `<p>${subject}</p>`,
          ical: null,
          link: null,
          email_state: 'pending' as const,
          ...newDelivery(at),
        });
        const [a, b] = [w.users.mofa_member.id, w.users.mou_member.id];
        const events = await store.transaction((tx) => {
          const drafts = draftAudit({ actorUserId: null, actorOrgId: null, requestId: null }, [
            { action: 'note.create', entityType: 'note', entityId: 'n1', guard },
            { action: 'note.update', entityType: 'note', entityId: 'n1', guard },
          ]);
          return sealAudit(tx, store, drafts, [
            { event: 0, rows: [notice(a, 'first'), notice(b, 'first'), notice(a, 'again')] },
            { event: 1, rows: [notice(a, 'second')] },
          ]);
        });
        const rows = await store.db
          .selectFrom('notifications')
          .select(['user_id', 'audit_seq', 'dedupe_key', 'subject', 'body'])
          .where('entity_id', '=', 'm-x')
          .orderBy('audit_seq')
          .orderBy('subject')
          .orderBy('user_id')
          .execute();
        const [s0, s1] = events.map((e) => Number(e.seq));
        assert.deepEqual(
          rows.map((r) => [r.user_id, Number(r.audit_seq), r.dedupe_key, r.subject]),
          [
            [a, s0, `${s0}:${a}`, 'first'],
            [b, s0, `${s0}:${b}`, 'first'],
            [a, s1, `${s1}:${a}`, 'second'],
          ],
        );
        assert.equal(rows[0].body, `first: it's "quoted" \\ and 한국어`);
        assert.ok((await verifyChain(store.db)).ok);
      } finally {
        await store.close();
      }
    });

    if (kind === 'postgres') {
      test('the seal fails, and nothing is written, when a staged notification is not there to key', async () => {
        const store = await freshStore(kind);
        try {
          const w = await seedWorld(store);
          const guard = { wg_id: w.wgId, owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'group' as const, classification: 0 };
          const before = await store.markers();
          const drafts = draftAudit({ actorUserId: null, actorOrgId: null, requestId: null }, [{ action: 'note.create', entityType: 'note', entityId: 'n1', guard }]);
          const around = drafts.map(aroundSeq);
          await assert.rejects(
            store.transaction((tx) =>
              sql`select * from concord_seal_keyed(${around.map((x) => x[0])}::text[], ${around.map((x) => x[1])}::text[], ${JSON.stringify(drafts)}::jsonb, ${['no-such-notification']}::text[], ${[0]}::int[])`.execute(
                tx,
              ),
            ),
            /0 of 1 staged notifications found/,
          );
          assert.equal((await store.markers()).change, before.change, 'no event was written');
        } finally {
          await store.close();
        }
      });

      test('the auth marker moves with a write that can change an actor, not with others, through the partial index and concord_markers', async () => {
        const store = await freshStore(kind);
        try {
          const w = await seedWorld(store);
          const guard = { wg_id: w.wgId, owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'group' as const, classification: 0 };
          const write = (action: 'note.create' | 'user.update') =>
            store.transaction((tx) => appendAudit(tx, store, { actorUserId: null, actorOrgId: null, requestId: null }, [{ action, entityType: 'x', entityId: 'x', guard }]));
          const m0 = await store.markers();
          await write('note.create');
          const m1 = await store.markers();
          assert.notEqual(m1.change, m0.change);
          assert.equal(m1.auth, m0.auth, 'a note changes no actor');
          await write('user.update');
          const m2 = await store.markers();
          assert.notEqual(m2.auth, m1.auth);
          // The list in the code is the list of the index (migration 028): else the marker is a scan of the chain.
          await sql`set enable_seqscan = off`.execute(store.db);
          const plan = await sql<{ 'QUERY PLAN': string }>`explain select max(seq) from audit_events where action in (${sql.raw(ACTOR_ACTIONS_SQL)})`.execute(store.db);
          assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /audit_actor_changes/, 'ACTOR_ACTIONS changed: add a migration remaking audit_actor_changes on the new list');
          // And the function that reads the marker (migration 029) names exactly the same list.
          const def = await sql<{ d: string }>`select pg_get_functiondef('concord_markers'::regproc) as d`.execute(store.db);
          const listed = new Set([...def.rows[0].d.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((x) => x[1]));
          assert.deepEqual([...listed].sort(), [...ACTOR_ACTIONS].sort(), 'ACTOR_ACTIONS changed: add a migration remaking concord_markers on the new list');
        } finally {
          await store.close();
        }
      });

      test('writers on two connection pools, 8 at a time each, never fork the chain', async () => {
        const store = await freshStore(kind);
        const url = new URL(process.env.CONCORD_TEST_PG!);
        url.pathname = new URL(store.location).pathname;
        const other = openStore(url.toString());
        try {
          const w = await seedWorld(store);
          const guard = { wg_id: w.wgId, owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'group' as const, classification: 0 };
          const before = Number(
            (
              await store.db
                .selectFrom('audit_events')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
          const write = (s: typeof store, i: number) =>
            s.transaction((tx) =>
              appendAudit(tx, s, { actorUserId: null, actorOrgId: null, requestId: `r${i}` }, [
                { action: 'note.create', entityType: 'note', entityId: `n${i}`, after: { i }, guard },
                { action: 'note.update', entityType: 'note', entityId: `n${i}`, after: { i }, guard },
              ]),
            );
          await Promise.all(
            Array.from({ length: 16 }, (_, k) =>
              (async () => {
                for (let i = 0; i < 10; i++) await write(k % 2 ? other : store, k * 100 + i);
              })(),
            ),
          );
          const rows = await store.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
          assert.equal(rows.length, before + 16 * 10 * 2);
          assert.deepEqual(
            rows.map((r) => Number(r.seq)),
            rows.map((_, i) => i + 1),
            'sequences without a gap',
          );
          const v = await verifyChain(store.db);
          assert.ok(v.ok, JSON.stringify(v.firstBad));
        } finally {
          await other.close();
          await store.close();
        }
      });
    }
  });
}
