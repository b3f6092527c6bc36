import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, storeKinds } from '../../../test/helpers.ts';
import { verifyChain } from '../audit/chain.ts';
import { verifyPassword } from '../auth/password.ts';
import { canSee } from '../policies/visibility.ts';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import { documentContentHash } from '../commands/document-hash.ts';
import { loadDemo } from './load.ts';
import { demoScenario, usersOnlyScenario } from './scenario.ts';

const GUARDED = ['working_groups', 'meetings', 'issues', 'positions', 'statements', 'documents', 'commitments', 'projects', 'notes'] as const;

/** An actor for a demo user, enough for the in-memory visibility rule. */
async function actorOf(store: Store, email: string): Promise<{ actor: Actor; wgs: Set<string> }> {
  const u = await store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'organisations.party_id', 'users.clearance', 'users.is_admin'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const wgs = new Set((await store.db.selectFrom('wg_members').select('wg_id').where('organisation_id', '=', u.organisation_id).where('participation', '=', 'member').execute()).map((r) => r.wg_id));
  const actor: Actor = {
    userId: u.id,
    email,
    displayName: email,
    orgId: u.organisation_id,
    partyId: u.party_id,
    clearance: Number(u.clearance),
    isAdmin: Number(u.is_admin) === 1,
    locale: 'en',
    roles: {},
  };
  return { actor, wgs };
}

for (const kind of storeKinds()) {
  test(`demo scenario loads into an empty ${kind} store`, async (t) => {
    const store = await freshStore(kind);
    t.after(() => store.close());
    const { counts } = await loadDemo(store);
    const db = store.db;

    await t.test('counts match the scenario and the tables', async () => {
      const s = demoScenario as unknown as Record<string, unknown[]>;
      for (const [table, n] of Object.entries(counts)) {
        if (table === 'wg_user_roles')
          assert.equal(
            n,
            demoScenario.users.reduce((k, u) => k + u.roles.length, 0),
          );
        else if (table !== 'audit_events') assert.equal(n, s[table].length, table);
        const row = await db
          .selectFrom(table as 'parties')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(row.n), n, `${table} in the store`);
      }
      assert.equal(counts.parties, 4);
      assert.equal(counts.organisations, 17);
      assert.equal(counts.working_groups, 3);
      assert.equal(counts.users, 13);
      assert.ok(counts.issues >= 10);
      assert.equal(
        counts.audit_events,
        GUARDED.reduce((k, table) => k + (counts[table] ?? 0), 0),
      );
    });

    await t.test('refuses a store that is not empty', async () => {
      await assert.rejects(loadDemo(store), /not empty/);
    });

    await t.test("every guarded row: owner party is its organisation's party, guard values valid", async () => {
      const orgParty = new Map((await db.selectFrom('organisations').select(['id', 'party_id']).execute()).map((o) => [o.id, o.party_id]));
      for (const table of GUARDED) {
        const rows = await db.selectFrom(table).select(['id', 'owner_org_id', 'owner_party_id', 'scope', 'classification']).execute();
        for (const r of rows) {
          assert.equal(r.owner_party_id, orgParty.get(r.owner_org_id), `${table} ${r.id}`);
          assert.ok(['organisation', 'party', 'group', 'public'].includes(r.scope), `${table} ${r.id} scope`);
          assert.ok(Number(r.classification) >= 0 && Number(r.classification) <= 3);
        }
      }
      const wgs = await db.selectFrom('working_groups').select(['id', 'wg_id', 'owner_org_id']).execute();
      for (const w of wgs) assert.equal(w.wg_id, w.id);
    });

    await t.test('users share the demo password and hold their roles', async () => {
      const users = await db.selectFrom('users').select(['email', 'password_hash']).execute();
      assert.equal(new Set(users.map((u) => u.password_hash)).size, 1);
      assert.ok(await verifyPassword('concord-demo', users[0].password_hash));
      const roles = await db.selectFrom('wg_user_roles').innerJoin('users', 'users.id', 'wg_user_roles.user_id').select(['email', 'wg_id', 'role']).execute();
      assert.ok(roles.some((r) => r.email === 'mou.vice@concord.demo' && r.wg_id === 'ic-2026' && r.role === 'chair'));
      const admin = await db.selectFrom('users').select(['is_admin']).where('email', '=', 'admin@concord.demo').executeTakeFirstOrThrow();
      assert.equal(Number(admin.is_admin), 1);
    });

    await t.test('internal notes are visible only where they belong', async () => {
      const notes = new Map((await db.selectFrom('notes').selectAll().execute()).map((n) => [n.id, { ...n, classification: Number(n.classification) }]));
      const sees = async (email: string, id: string) => {
        const { actor, wgs } = await actorOf(store, email);
        return canSee(actor, wgs, notes.get(id)!);
      };
      assert.equal(await sees('mou.desk@concord.demo', 'note-mou-internal'), true);
      assert.equal(await sees('mofa.desk@concord.demo', 'note-mou-internal'), false);
      assert.equal(await sees('mofa.desk@concord.demo', 'note-mofa-internal'), true);
      assert.equal(await sees('state.desk@concord.demo', 'note-us-internal'), true);
      assert.equal(await sees('mofa.secretariat@concord.demo', 'note-us-internal'), false);
    });

    await t.test("every statement speaker resolves; linked issues belong to the statement's group", async () => {
      const statements = await db.selectFrom('statements').selectAll().execute();
      assert.equal(statements.length, 40);
      const people = new Set((await db.selectFrom('people').select('id').execute()).map((p) => p.id));
      const orgs = new Map((await db.selectFrom('organisations').select(['id', 'party_id']).execute()).map((o) => [o.id, o.party_id]));
      for (const st of statements) {
        assert.match(st.id, /^st-S\d\d$/);
        assert.ok(st.speaker_person_id || st.speaker_org_id || st.speaker_description, `${st.id} has a speaker`);
        if (st.speaker_person_id) assert.ok(people.has(st.speaker_person_id), `${st.id} person`);
        if (st.speaker_org_id) {
          assert.ok(orgs.has(st.speaker_org_id), `${st.id} organisation`);
          assert.equal(st.party_id, orgs.get(st.speaker_org_id), `${st.id} party follows the speaking organisation`);
        }
        assert.ok(st.quote.length > 0 && st.source_url?.startsWith('http'), `${st.id} quote and source`);
      }
      const links = await db
        .selectFrom('statement_issues')
        .innerJoin('statements', 'statements.id', 'statement_issues.statement_id')
        .innerJoin('issues', 'issues.id', 'statement_issues.issue_id')
        .select(['statements.id as sid', 'statements.wg_id as swg', 'issues.wg_id as iwg'])
        .execute();
      for (const l of links) if (l.swg) assert.equal(l.iwg, l.swg, `${l.sid}`);
    });

    await t.test('positions: both parties on 8+ issues, change over time, internal ones stay internal', async () => {
      const rows = await db.selectFrom('positions').selectAll().execute();
      const parties = new Map<string, Set<string>>();
      for (const r of rows) parties.set(r.issue_id, (parties.get(r.issue_id) ?? new Set()).add(r.party_id));
      assert.ok([...parties.values()].filter((p) => p.has('KR') && p.has('US')).length >= 8);
      const usVideo = rows.filter((r) => r.issue_id === 'i-video-reunions' && r.party_id === 'US').sort((a, b) => a.valid_from.localeCompare(b.valid_from));
      assert.deepEqual(
        usVideo.map((r) => r.stance),
        ['neutral', 'support'],
      );
      const issueWg = new Map((await db.selectFrom('issues').select(['id', 'wg_id']).execute()).map((i) => [i.id, i.wg_id]));
      for (const r of rows) assert.equal(r.wg_id, issueWg.get(r.issue_id), r.id);
      const byId = new Map(rows.map((r) => [r.id, { ...r, classification: Number(r.classification) }]));
      const sees = async (email: string, id: string) => {
        const { actor, wgs } = await actorOf(store, email);
        return canSee(actor, wgs, byId.get(id)!);
      };
      assert.equal(await sees('state.desk@concord.demo', 'pos-rok-internal'), false);
      assert.equal(await sees('mofa.desk@concord.demo', 'pos-rok-internal'), true);
      assert.equal(await sees('nso.analyst@concord.demo', 'pos-rok-internal'), true);
      assert.equal(await sees('mofa.desk@concord.demo', 'pos-us-internal'), false);
      assert.equal(await sees('state.desk@concord.demo', 'pos-us-internal'), true);
      assert.equal(await sees('mou.desk@concord.demo', 'pos-mou-consult-format'), true);
      assert.equal(await sees('mofa.secretariat@concord.demo', 'pos-mou-consult-format'), false);
    });

    await t.test('the Joint Fact Sheet is adopted; its version hash matches both sign-offs', async () => {
      const doc = await db.selectFrom('documents').selectAll().where('id', '=', 'doc-jfs-2025').executeTakeFirstOrThrow();
      assert.ok(doc.adopted_version_id);
      const v = await db.selectFrom('document_versions').selectAll().where('id', '=', doc.adopted_version_id).executeTakeFirstOrThrow();
      const clauses = await db.selectFrom('clauses').selectAll().where('version_id', '=', v.id).execute();
      assert.ok(clauses.length >= 8 && clauses.every((c) => c.status === 'agreed' && c.text_ko));
      const recomputed = documentContentHash(clauses.map((c) => ({ ...c, position: Number(c.position), alternatives: [] })));
      assert.equal(v.content_hash, recomputed);
      const signoffs = await db.selectFrom('signoffs').selectAll().where('document_id', '=', doc.id).execute();
      assert.deepEqual(signoffs.map((so) => so.party_id).sort(), ['KR', 'US']);
      for (const so of signoffs) {
        assert.equal(so.content_hash, v.content_hash);
        assert.equal(so.version_id, v.id);
        assert.equal(so.voided_at, null);
      }
      const press = await db.selectFrom('documents').selectAll().where('id', '=', 'doc-press-2025').executeTakeFirstOrThrow();
      assert.equal(press.adopted_version_id, null);
      assert.equal(press.scope, 'group');
      const bracketed = await db
        .selectFrom('clauses')
        .innerJoin('document_versions', 'document_versions.id', 'clauses.version_id')
        .select(['clauses.id'])
        .where('document_versions.document_id', '=', 'doc-press-2025')
        .where('clauses.status', '=', 'bracketed')
        .execute();
      assert.equal(bracketed.length, 1);
      const alts = await db.selectFrom('clause_alternatives').select('party_id').where('clause_id', '=', bracketed[0].id).execute();
      assert.deepEqual(alts.map((a) => a.party_id).sort(), ['KR', 'US']);
      assert.equal((await db.selectFrom('signoffs').select('id').where('document_id', '=', 'doc-press-2025').execute()).length, 0);
    });

    await t.test('commitments: at least one disputed (latest KR and US reports differ), several open', async () => {
      const reports = await db.selectFrom('progress_reports').selectAll().orderBy('reported_on').execute();
      const latest = new Map<string, Map<string, string>>();
      for (const r of reports) {
        const m = latest.get(r.commitment_id) ?? new Map<string, string>();
        m.set(r.party_id, r.status);
        latest.set(r.commitment_id, m);
      }
      const disputed = [...latest].filter(([, m]) => m.has('KR') && m.has('US') && m.get('KR') !== m.get('US')).map(([id]) => id);
      assert.ok(disputed.includes('c-submarines'));
      const open = [...latest].filter(([, m]) => [...m.values()].some((s) => s !== 'done'));
      assert.ok(open.length >= 3);
      const dated = await db.selectFrom('commitments').select(['id', 'due_on']).where('due_on', 'is not', null).execute();
      assert.deepEqual(Object.fromEntries(dated.map((d) => [d.id, d.due_on])), { 'c-project-selection': '2029-01-31', 'c-us-equipment': '2030-12-31' });
      assert.ok(reports.every((r) => r.note?.includes('Demo entry')));
    });

    await t.test('projects: current stage is the stage of the last event; UN decisions dated in New York', async () => {
      const projects = await db.selectFrom('projects').selectAll().execute();
      const events = await db.selectFrom('project_stage_events').selectAll().orderBy('occurred_on').orderBy('id').execute();
      for (const p of projects) {
        const own = events.filter((e) => e.project_id === p.id);
        assert.ok(own.length > 0, p.id);
        assert.equal(p.stage, own[own.length - 1].stage, p.id);
      }
      const byId = new Map(projects.map((p) => [p.id, p]));
      assert.equal(byId.get('p-tamiflu')?.stage, 'stalled');
      assert.equal(byId.get('p-video')?.stage, 'stalled');
      assert.match(byId.get('p-video')?.status_note ?? '', /never held/);
      assert.equal(byId.get('p-rail')?.stage, 'done');
      assert.equal(byId.get('p-rail')?.status_note, 'survey completed; construction not begun (sanctions)');
      assert.equal(byId.get('p-ceremony')?.stage, 'done');
      for (const e of events.filter((x) => x.authority_org_id === 'un-1718')) assert.equal(e.timezone, 'America/New_York', e.id);
      const railExemption = events.find((e) => e.project_id === 'p-rail' && e.stage === 'exemption_granted');
      assert.equal(railExemption?.occurred_on, '2018-11-23');
      const change = await db.selectFrom('project_date_changes').selectAll().where('project_id', '=', 'p-tamiflu').executeTakeFirstOrThrow();
      assert.equal(change.old_date, '2019-01-11');
      assert.equal(change.changed_on, '2019-01-10');
    });

    await t.test('m-2025-12-16: MOU declined with its reason, its own consultation beside the meeting', async () => {
      const m = await db.selectFrom('meetings').selectAll().where('id', '=', 'm-2025-12-16').executeTakeFirstOrThrow();
      assert.equal(m.starts_at, '2025-12-16T01:00:00.000Z');
      assert.equal(m.timezone, 'Asia/Seoul');
      const mou = await db.selectFrom('attendance').selectAll().where('meeting_id', '=', 'm-2025-12-16').where('organisation_id', '=', 'rok-mou').executeTakeFirstOrThrow();
      assert.equal(mou.status, 'declined');
      assert.match(mou.reason ?? '', /diplomatic issues between South Korea and the United States/);
      assert.match(mou.reason ?? '', /second working group/);
      const attending = (await db.selectFrom('attendance').select('organisation_id').where('meeting_id', '=', 'm-2025-12-16').where('status', '=', 'attending').execute())
        .map((r) => r.organisation_id)
        .sort();
      assert.deepEqual(attending, ['rok-mnd', 'rok-mofa', 'us-dod', 'us-state']);
      const beside = await db.selectFrom('meetings').selectAll().where('beside_meeting_id', '=', 'm-2025-12-16').execute();
      assert.equal(beside.length, 1);
      assert.equal(beside[0].owner_org_id, 'rok-mou');
      assert.equal(beside[0].scope, 'public');
      assert.equal(beside[0].wg_id, 'cg-2025');
      const first = await db.selectFrom('meetings').select(['starts_at']).where('id', '=', 'm-2018-11-20').executeTakeFirstOrThrow();
      assert.equal(first.starts_at, '2018-11-20T19:00:00.000Z', '14:00 in Washington (EST)');
      const march = await db.selectFrom('meetings').select(['starts_at']).where('id', '=', 'm-2019-03-14').executeTakeFirstOrThrow();
      assert.equal(march.starts_at, '2019-03-14T14:00:00.000Z', '10:00 in Washington (EDT)');
      const planned = await db.selectFrom('meetings').select(['wg_id']).where('status', '=', 'planned').execute();
      assert.deepEqual(planned.map((p) => p.wg_id).sort(), ['cg-2025', 'ic-2026']);
    });

    await t.test('the audit chain verifies', async () => {
      const v = await verifyChain(db);
      assert.equal(v.ok, true, JSON.stringify(v.firstBad));
      assert.equal(v.checked, counts.audit_events);
      const one = await db.selectFrom('audit_events').selectAll().where('entity_id', '=', 'wg-2018').executeTakeFirstOrThrow();
      assert.equal(one.action, 'store.demo_load');
      assert.equal(one.entity_type, 'working_group');
      assert.equal(one.wg_id, 'wg-2018');
    });
  });
}

for (const kind of storeKinds()) {
  test(`the users-only scenario loads the users and reference data, no group and no role, into an empty ${kind} store`, async (t) => {
    const store = await freshStore(kind);
    t.after(() => store.close());
    await loadDemo(store, usersOnlyScenario());
    const count = async (table: 'users' | 'organisations' | 'parties' | 'people' | 'working_groups' | 'wg_user_roles' | 'meetings' | 'statements' | 'notes') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await count('users'), demoScenario.users.length);
    assert.equal(await count('organisations'), demoScenario.organisations.length);
    assert.equal(await count('parties'), demoScenario.parties.length);
    assert.equal(await count('people'), demoScenario.people.length);
    for (const table of ['working_groups', 'wg_user_roles', 'meetings', 'statements', 'notes'] as const) assert.equal(await count(table), 0, `${table} is empty`);
    assert.equal((await verifyChain(store.db)).ok, true);
  });
}

test('every demo project follows the stage transition table', async () => {
  const { demoScenario } = await import('./scenario.ts');
  const { canTransition } = await import('../policies/project.ts');
  for (const p of demoScenario.projects) {
    const events = demoScenario.project_stage_events.filter((e) => e.project_id === p.id);
    assert.equal(events[0].stage, 'proposed', `${p.id} starts as proposed`);
    let stalledFrom: string | undefined;
    for (let i = 1; i < events.length; i++) {
      const from = events[i - 1].stage,
        to = events[i].stage;
      assert.ok(events[i].occurred_on >= events[i - 1].occurred_on, `${p.id}: events in date order`);
      assert.ok(canTransition(from as never, to as never, stalledFrom as never), `${p.id}: ${from} → ${to}`);
      if (to === 'stalled') stalledFrom = from;
    }
    assert.equal(p.stage, events[events.length - 1].stage);
  }
});
