import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { sha256 } from '../../auth/sessions.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World, type WorldUser } from '../../../../test/helpers.ts';
import { seedDirectory } from '../../../../test/fixtures/directory.ts';
import { loadDemo } from '../../demo/load.ts';
import { checkDiscipline } from '../../discipline/check.ts';
import type { Scope, Stance } from '../../../core/vocabulary.ts';

// The shared reference data sits beside the repository; without it the article test skips.
const SEED = resolve(import.meta.dirname, '../../../..', '../shared/reference/seeds/000_84a47929f38cc454.txt');
const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

type Guard = { owner_org_id: string; owner_party_id: string; scope: Scope; classification: number };

/**
 * The December 2025 dispute in the factory world: a sanctions issue, the MOU minister's
 * "lost their effectiveness" against the Foreign Ministry's line (a ROK-internal position, a
 * public MOFA statement, and the agreed clause of an adopted joint statement), and a US
 * statement in the same fortnight.
 */
async function seedDispute(store: Store, w: World) {
  const db = store.db;
  const kr = (org: string, scope: Scope = 'public', classification = 0): Guard => ({ owner_org_id: org, owner_party_id: w.parties.kr, scope, classification });
  const us = (org: string, scope: Scope = 'public', classification = 0): Guard => ({ owner_org_id: org, owner_party_id: w.parties.us, scope, classification });
  await db
    .insertInto('people')
    .values({ id: 'pe-cho-hyun', name: 'Cho Hyun', name_ko: '조현', party_id: w.parties.kr, ...stamp })
    .execute();
  await db
    .insertInto('person_roles')
    .values({ id: 'pr-cho-hyun', person_id: 'pe-cho-hyun', organisation_id: w.orgs.mofa, title: 'Minister of Foreign Affairs', title_ko: null, valid_from: '2025-07-01', valid_to: null })
    .execute();
  await db
    .insertInto('issues')
    .values({
      id: 'is-sanctions',
      wg_id: w.wgId,
      track_id: w.trackId,
      code: 'SANC',
      title: 'Effectiveness of sanctions on North Korea',
      title_ko: null,
      description: null,
      keywords: JSON.stringify(['sanctions', 'effectiveness', 'lost their effectiveness']),
      ...kr(w.orgs.mofa, 'group'),
      ...stamp,
    })
    .execute();
  const statement = (id: string, saidOn: string, who: { person?: string; org?: string }, party: string, guard: Guard, quote: string) => ({
    id,
    wg_id: w.wgId,
    party_id: party,
    speaker_person_id: who.person ?? null,
    speaker_org_id: who.org ?? null,
    speaker_description: null,
    said_on: saidOn,
    medium: 'remarks' as const,
    language: 'en',
    quote,
    context: null,
    source_url: `https://news.example/${id}`,
    source_title: null,
    passage: null,
    ...guard,
    ...stamp,
  });
  await db
    .insertInto('statements')
    .values([
      statement(
        'st-chung',
        '2025-12-19',
        { person: 'pe-chung' },
        w.parties.kr,
        kr(w.orgs.mou),
        'There are some arguments calling for the strengthening of sanctions on North Korea, but, realistically, sanctions against Pyongyang have lost their effectiveness',
      ),
      statement('st-cho', '2025-12-17', { person: 'pe-cho-hyun' }, w.parties.kr, kr(w.orgs.mofa), 'Sanctions remain an essential tool until North Korea denuclearizes.'),
      statement('st-state', '2025-12-18', { org: w.orgs.state }, w.parties.us, us(w.orgs.state), 'We will continue to implement the sanctions fully.'),
      statement('st-mofa-internal', '2025-12-18', { person: 'pe-cho-hyun' }, w.parties.kr, kr(w.orgs.mofa, 'party'), 'Internal line: sanctions stay.'),
    ])
    .execute();
  await db
    .insertInto('statement_issues')
    .values([
      { statement_id: 'st-chung', issue_id: 'is-sanctions', stance: 'strongly_oppose' },
      { statement_id: 'st-cho', issue_id: 'is-sanctions', stance: 'support' },
      { statement_id: 'st-state', issue_id: 'is-sanctions', stance: 'strongly_support' },
      { statement_id: 'st-mofa-internal', issue_id: 'is-sanctions', stance: 'support' },
    ])
    .execute();
  const position = (id: string, org: string | null, party: string, stance: Stance, validFrom: string, guard: Guard, rationale: string) => ({
    id,
    wg_id: w.wgId,
    issue_id: 'is-sanctions',
    party_id: party,
    organisation_id: org,
    stance,
    conditions: null,
    rationale,
    source_kind: 'other' as const,
    source_ref: null,
    valid_from: validFrom,
    recorded_by: null,
    created_at: ts,
    ...guard,
  });
  await db
    .insertInto('positions')
    .values([
      position('pos-kr-sanctions', w.orgs.mofa, w.parties.kr, 'support', '2025-12-01', kr(w.orgs.mofa, 'party'), 'ROK line (internal): sanctions stay until denuclearization.'),
      position('pos-kr-secret', null, w.parties.kr, 'strongly_support', '2025-12-01', kr(w.orgs.mofa, 'party', 2), 'Confidential ROK line.'),
      position('pos-us-sanctions', null, w.parties.us, 'strongly_support', '2025-12-01', us(w.orgs.state, 'group'), 'US line: full implementation.'),
    ])
    .execute();
  await db
    .insertInto('documents')
    .values({
      id: 'doc-js',
      wg_id: w.wgId,
      kind: 'joint_statement',
      title: 'Joint Statement of the Test Working Group',
      title_ko: null,
      released_on: '2025-11-14',
      adopted_version_id: null,
      ...kr(w.orgs.mofa, 'group'),
      ...stamp,
    })
    .execute();
  await db
    .insertInto('document_versions')
    .values({ id: 'dv-js-1', document_id: 'doc-js', number: 1, content_hash: '0'.repeat(64), note: null, created_by: null, created_at: ts })
    .execute();
  await db
    .insertInto('clauses')
    .values([
      {
        id: 'cl-js-1',
        version_id: 'dv-js-1',
        position: 1,
        clause_key: 'sanctions',
        track_id: w.trackId,
        status: 'agreed',
        text_en: 'Both sides will continue the full implementation of UN Security Council sanctions.',
        text_ko: null,
      },
      { id: 'cl-js-2', version_id: 'dv-js-1', position: 2, clause_key: 'tourism', track_id: null, status: 'agreed', text_en: 'The sides will discuss individual tourism.', text_ko: null },
    ])
    .execute();
  await db
    .insertInto('signoffs')
    .values([
      {
        id: 'so-kr',
        document_id: 'doc-js',
        version_id: 'dv-js-1',
        party_id: w.parties.kr,
        content_hash: '0'.repeat(64),
        signed_by: null,
        signed_at: '2025-11-13T09:00:00.000Z',
        voided_at: null,
        voided_reason: null,
      },
      {
        id: 'so-us',
        document_id: 'doc-js',
        version_id: 'dv-js-1',
        party_id: w.parties.us,
        content_hash: '0'.repeat(64),
        signed_by: null,
        signed_at: '2025-11-14T09:00:00.000Z',
        voided_at: null,
        voided_reason: null,
      },
    ])
    .execute();
  await db.updateTable('documents').set({ adopted_version_id: 'dv-js-1' }).where('id', '=', 'doc-js').execute();
}

const find = (items: any[], pred: (f: any) => boolean) => items.find(pred);

for (const kind of storeKinds()) {
  describe(`message discipline (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const report = async (user: WorldUser, qs = 'from=2025-12-01&to=2025-12-31&includeConsistent=true') => {
      const r = await call(app, user, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline?${qs}` });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      await seedDirectory(store, w);
      await seedDispute(store, w);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials; 404 for a group or statement the caller may not see; 400 for a bad period', async () => {
      assert.equal((await call(app, undefined, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline` })).status, 401);
      assert.equal((await call(app, undefined, { method: 'GET', url: '/api/statements/st-chung/findings' })).status, 401);
      assert.equal((await call(app, w.users.dod_member, { method: 'GET', url: `/api/working-groups/${w.otherWgId}/discipline` })).status, 404);
      assert.equal((await call(app, w.users.state_member, { method: 'GET', url: '/api/statements/st-mofa-internal/findings' })).status, 404);
      const bad = await call(app, w.users.mofa_member, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline?from=2025-12-31&to=2025-12-01` });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'querystring.to');
    });

    test('"lost their effectiveness": an intra-party finding against the Foreign Ministry, with both passages, dates and speakers', async () => {
      const r = await report(w.users.mofa_member);
      const own = find(r.findings, (f) => f.subject.id === 'st-chung' && f.check === 'own_position' && f.against.id === 'pos-kr-sanctions');
      assert.ok(own, JSON.stringify(r.findings.map((f: any) => f.id)));
      assert.equal(own.relation, 'intra_party');
      assert.equal(own.grade, 'contradiction');
      assert.equal(own.distance, 3);
      assert.equal(own.subject.who, 'Chung Dong-young (MOU)');
      assert.equal(own.subject.organisationId, w.orgs.mou, 'the minister speaks for the ministry he held a role in that day');
      assert.match(own.subject.text, /lost their effectiveness/);
      assert.equal(own.subject.date, '2025-12-19');
      assert.equal(own.against.who, 'Ministry of Foreign Affairs position');
      assert.match(own.against.text, /sanctions stay until denuclearization/);
      assert.equal(own.against.date, '2025-12-01');
      assert.equal(own.against.basis, 'in force on the day');
      assert.deepEqual(
        own.subject.recordedBy,
        { orgId: w.orgs.mou, orgName: 'Ministry of Unification', orgNameKo: '통일부', orgAcronym: 'MOU', via: 'entry' },
        'the finding names who recorded the statement',
      );
      assert.equal(own.against.recordedBy, null, 'a position side has none');
      assert.match(own.explanation, /strongly opposes "Effectiveness of sanctions on North Korea".*a contradiction of its own side's recorded position, 3 steps apart/);

      const same = find(r.findings, (f) => f.subject.id === 'st-chung' && f.check === 'same_party_statement' && f.against.id === 'st-cho');
      assert.equal(same.relation, 'intra_party');
      assert.equal(same.grade, 'contradiction');
      assert.equal(same.against.who, 'Cho Hyun (MOFA)');
      assert.match(same.against.text, /essential tool/);
      assert.equal(same.against.basis, 'said 2 days earlier');

      const cross = find(r.findings, (f) => f.subject.id === 'st-chung' && f.check === 'counterpart_statement');
      assert.equal(cross.relation, 'cross_party');
      assert.equal(cross.against.id, 'st-state');
      assert.equal(cross.distance, 4);

      const agreed = find(r.findings, (f) => f.subject.id === 'st-chung' && f.check === 'agreed_line');
      assert.equal(agreed.relation, 'agreed_line');
      assert.equal(agreed.against.id, 'doc-js#sanctions', 'the clause that speaks to the issue, not the tourism one');
      assert.equal(agreed.against.date, '2025-11-14', 'in force from adoption (the last sign-off)');
      assert.equal(agreed.against.stance, 'support');
      assert.match(agreed.against.basis, /matched by keywords/);
      assert.equal(agreed.grade, 'contradiction');

      // The MOFA statement agrees with its own ministry's line and with the agreed clause.
      const cho = r.findings.filter((f: any) => f.subject.id === 'st-cho' && f.check !== 'counterpart_statement');
      assert.ok(cho.length >= 2 && cho.every((f: any) => f.grade === 'consistent' || f.against.id === 'pos-kr-secret' || f.check === 'same_party_statement'));
      // A confidential position is above this member's clearance: never a reason.
      assert.ok(!r.findings.some((f: any) => f.against.id === 'pos-kr-secret'));
      const sec = await report(w.users.mofa_secretariat);
      assert.ok(
        sec.findings.some((f: any) => f.against.id === 'pos-kr-secret'),
        'the secretariat is cleared for it',
      );

      // Without includeConsistent only divergences are listed; the summary counts everything.
      const div = await report(w.users.mofa_member, 'from=2025-12-01&to=2025-12-31');
      assert.ok(div.findings.every((f: any) => f.grade !== 'consistent'));
      assert.equal(div.summary.totals.total, r.findings.length);
    });

    test('visibility: a US user never gets a finding whose reason is a ROK-internal position or statement', async () => {
      const us = await report(w.users.state_member);
      assert.ok(us.findings.length > 0);
      for (const f of us.findings) {
        assert.notEqual(f.against.id, 'pos-kr-sanctions');
        assert.notEqual(f.against.id, 'pos-kr-secret');
        assert.notEqual(f.against.id, 'st-mofa-internal');
        assert.notEqual(f.subject.id, 'st-mofa-internal');
      }
      // What is public (the statements) and the group's agreed line still show the divergence.
      assert.ok(find(us.findings, (f) => f.subject.id === 'st-chung' && f.check === 'same_party_statement' && f.against.id === 'st-cho'));
      assert.ok(find(us.findings, (f) => f.subject.id === 'st-chung' && f.check === 'agreed_line'));
      // The US group-scope position is the reason for findings on the US statement only, for both sides.
      const kr = await report(w.users.mofa_member);
      assert.ok(find(kr.findings, (f) => f.subject.id === 'st-state' && f.against.id === 'pos-us-sanctions' && f.grade === 'consistent'));
      assert.ok(!kr.findings.some((f: any) => f.subject.id === 'st-chung' && f.against.id === 'pos-us-sanctions'), "only the own party's positions");
      // DoD is not a member of the group: the group-scoped issue is invisible, so nothing is found.
      const dod = await call(app, w.users.dod_chair, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline?from=2025-12-01&to=2025-12-31&includeConsistent=true` });
      assert.equal(dod.status, 200, 'the group itself is public');
      assert.equal(dod.body.findings.length, 0);
      // The engine and the route agree; the system view sees the internal records too.
      const sys = await checkDiscipline(store.db, 'system', { wgId: w.wgId, from: '2025-12-01', to: '2025-12-31' });
      assert.ok(sys.findings.some((f) => f.against.id === 'pos-kr-secret') && sys.findings.some((f) => f.subject.id === 'st-mofa-internal'));
    });

    test('every user: each side of each finding is a record that user may open (and the issue too)', async () => {
      let sides = 0;
      for (const u of Object.values(w.users)) {
        const r = await call(app, u, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline?includeConsistent=true` });
        if (r.status === 404) continue;
        assert.equal(r.status, 200);
        for (const f of r.body.findings) {
          assert.equal((await call(app, u, { method: 'GET', url: `/api/issues/${f.issue.id}` })).status, 200, `${u.email}: issue ${f.issue.id}`);
          for (const side of [f.subject, f.against]) {
            const url = side.kind === 'statement' ? `/api/statements/${side.id}` : side.kind === 'position' ? `/api/positions/${side.id}` : `/api/documents/${side.documentId}`;
            assert.equal((await call(app, u, { method: 'GET', url })).status, 200, `${u.email}: ${f.id} names ${url}`);
            sides++;
          }
        }
      }
      assert.ok(sides > 50);
    });

    test('summary by party and organisation, and the monthly trend', async () => {
      const r = await report(w.users.mofa_member, 'from=2025-11-01&to=2026-01-31');
      assert.deepEqual(
        r.summary.trend.map((m: any) => m.month),
        ['2025-11', '2025-12', '2026-01'],
      );
      assert.equal(r.summary.trend[0].divergence, null);
      const dec = r.summary.trend[1];
      assert.equal(dec.consistent + dec.nuance + dec.contradiction, r.summary.totals.total);
      assert.ok(dec.divergence > 0 && dec.divergence <= 1);
      const krParty = find(r.summary.byParty, (p) => p.partyId === w.parties.kr);
      assert.equal(krParty.partyName, 'Republic of Korea');
      assert.ok(krParty.contradiction >= 3);
      const mou = find(r.summary.byOrganisation, (o) => o.organisationId === w.orgs.mou);
      assert.equal(mou.organisationName, 'Ministry of Unification');
      assert.equal(mou.partyId, w.parties.kr);
      assert.equal(r.summary.byOrganisation[0].organisationId, w.orgs.mou, 'the organisation with the most contradictions first');
      assert.ok(r.summary.byCheck.some((c: any) => c.check === 'agreed_line'));
    });

    test('findings of one statement, as the one checked or the one checked against', async () => {
      const chung = await call(app, w.users.state_member, { method: 'GET', url: '/api/statements/st-chung/findings' });
      assert.equal(chung.status, 200);
      assert.ok(chung.body.findings.length >= 3 && chung.body.findings.every((f: any) => f.subject.id === 'st-chung'));
      assert.ok(!chung.body.findings.some((f: any) => f.against.kind === 'position' && f.against.partyId === w.parties.kr));
      const cho = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/statements/st-cho/findings' });
      assert.ok(
        cho.body.findings.some((f: any) => f.subject.id === 'st-chung' && f.against.id === 'st-cho'),
        'a later statement checked against this one',
      );
      const none = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/statements/st-cho/findings?includeConsistent=false' });
      assert.ok(none.body.findings.every((f: any) => f.grade !== 'consistent'));
    });

    test('a confirmed article statement is checked with its passage in the article', { skip: existsSync(SEED) ? false : `the shared seeds are not beside the repository (${SEED})` }, async () => {
      const a = await call(app, w.users.mou_member, {
        method: 'POST',
        url: '/api/articles',
        payload: { wgId: w.wgId, text: readFileSync(SEED, 'utf8'), publishedOn: '2025-12-15', sourceUrl: 'https://post-huff.com/x' },
      });
      assert.equal(a.status, 201);
      const c = a.body.items[0].candidates.find((x: any) => /will not participate/.test(x.quote));
      const ok = await call(app, w.users.mou_member, {
        method: 'POST',
        url: `/api/statement-candidates/${c.id}/confirm`,
        headers: { 'if-match': '1' },
        payload: { issues: [{ issueId: 'is-format', stance: 'oppose' }] },
      });
      assert.equal(ok.status, 201);
      await store.db
        .insertInto('positions')
        .values({
          id: 'pos-format-mofa',
          wg_id: w.wgId,
          issue_id: 'is-format',
          party_id: w.parties.kr,
          organisation_id: w.orgs.mofa,
          stance: 'support',
          conditions: null,
          rationale: 'Holds the consultation as planned.',
          source_kind: 'meeting',
          source_ref: null,
          valid_from: '2025-12-16',
          recorded_by: null,
          created_at: ts,
          owner_org_id: w.orgs.mofa,
          owner_party_id: w.parties.kr,
          scope: 'group',
          classification: 0,
        })
        .execute();
      const r = await call(app, w.users.state_member, { method: 'GET', url: `/api/statements/${ok.body.statementId}/findings` });
      const f = find(r.body.findings, (x) => x.against.id === 'pos-format-mofa');
      assert.ok(f, JSON.stringify(r.body));
      assert.equal(f.grade, 'contradiction');
      assert.equal(f.against.basis, 'recorded 1 day after the statement (no earlier position)');
      assert.equal(f.subject.articleId, a.body.items[0].id);
      assert.equal(a.body.items[0].text.slice(f.subject.passageStart, f.subject.passageEnd), c.quote);
      assert.match(f.subject.text, /Unification Ministry’s announcement/);
    });

    test('rules: documented defaults, set per group by the chair or secretariat (If-Match), and they change the grading', async () => {
      const g = await call(app, w.users.state_member, { method: 'GET', url: `/api/working-groups/${w.wgId}/discipline-rules` });
      assert.equal(g.status, 200);
      assert.equal(g.body.rules.counterpartWindowDays, 14);
      assert.equal(g.body.overrides, null);
      const v = g.body.version;
      const url = `/api/working-groups/${w.wgId}/discipline-rules`;
      assert.equal((await call(app, w.users.mofa_member, { method: 'PUT', url, headers: { 'if-match': String(v) }, payload: { overrides: { counterpartWindowDays: 0 } } })).status, 403);
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'PUT', url, payload: { overrides: { counterpartWindowDays: 0 } } })).status, 428);
      const bad = await call(app, w.users.mofa_secretariat, { method: 'PUT', url, headers: { 'if-match': String(v) }, payload: { overrides: { counterpartWindowDays: -1 } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.overrides.counterpartWindowDays');
      const unknown = await call(app, w.users.mofa_secretariat, { method: 'PUT', url, headers: { 'if-match': String(v) }, payload: { overrides: { strictness: 11 } } });
      assert.equal(unknown.body.field, 'body.overrides.strictness');
      const ok = await call(app, w.users.mofa_secretariat, {
        method: 'PUT',
        url,
        headers: { 'if-match': String(v) },
        payload: { overrides: { counterpartWindowDays: 0, checks: { agreed_line: false }, contradictionAt: 4, oppositeSidesContradict: false } },
      });
      assert.equal(ok.status, 204, JSON.stringify(ok.body));
      assert.equal((await lastAudit(store)).action, 'working_group.update');
      assert.equal((await call(app, w.users.mofa_secretariat, { method: 'PUT', url, headers: { 'if-match': String(v) }, payload: { overrides: null } })).status, 409);
      const r = await report(w.users.mofa_member);
      assert.equal(r.rules.contradictionAt, 4);
      assert.ok(!r.findings.some((f: any) => f.check === 'agreed_line' || (f.check === 'counterpart_statement' && f.against.basis !== 'said the same day')));
      assert.ok(!r.findings.some((f: any) => f.subject.id === 'st-chung' && f.check === 'counterpart_statement'), 'a day apart is outside a window of 0 days');
      const own = find(r.findings, (f) => f.subject.id === 'st-chung' && f.against.id === 'pos-kr-sanctions');
      assert.equal(own.grade, 'nuance', 'three steps apart is below a contradiction threshold of four');
      const reset = await call(app, w.users.mofa_secretariat, { method: 'PUT', url, headers: { 'if-match': String(v + 1) }, payload: { overrides: null } });
      assert.equal(reset.status, 204);
      assert.equal((await report(w.users.mofa_member)).rules.contradictionAt, 2);
    });
  });

  describe(`message discipline on the demo scenario (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    const tokens: Record<string, WorldUser> = {};

    before(async () => {
      store = await freshStore(kind);
      await loadDemo(store);
      for (const email of ['mofa.desk', 'mou.desk', 'state.desk']) {
        const u = await store.db
          .selectFrom('users')
          .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
          .select(['users.id', 'users.organisation_id', 'organisations.party_id', 'users.clearance'])
          .where('email', '=', `${email}@concord.demo`)
          .executeTakeFirstOrThrow();
        const token = `cct_test_demo_${email}`;
        await store.db
          .insertInto('api_tokens')
          .values({
            id: `t-${email}`,
            user_id: u.id,
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
        tokens[email] = { id: u.id, email, orgId: u.organisation_id, partyId: u.party_id, clearance: Number(u.clearance), token };
      }
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });
    const get = async (user: WorldUser, url: string) => {
      const r = await call(app, user, { method: 'GET', url });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    test('November 2018: the two sides on the pace of inter-Korean cooperation against denuclearization, a cross-party contradiction', async () => {
      const r = await get(tokens['state.desk'], '/api/working-groups/wg-2018/discipline?from=2018-11-01&to=2018-11-30');
      const f = r.findings.filter((x: any) => x.issue.id === 'i-sequencing' && x.relation === 'cross_party');
      assert.ok(f.length >= 1, JSON.stringify(r.findings.map((x: any) => x.id)));
      const pompeo = find(f, (x) => x.subject.who.startsWith('Mike Pompeo'));
      assert.equal(pompeo.grade, 'contradiction');
      assert.equal(pompeo.subject.partyId, 'US');
      assert.equal(pompeo.against.partyId, 'KR');
      assert.match(pompeo.subject.text, /lagging behind|tandem/);
      assert.equal(pompeo.against.who, 'Lee Do-hoon (MOFA)');
      assert.match(pompeo.against.text, /strong support/);
      assert.equal(pompeo.subject.date, '2018-11-20');
      const kr = await get(tokens['mofa.desk'], '/api/working-groups/wg-2018/discipline?from=2018-11-01&to=2018-11-30');
      assert.ok(kr.findings.some((x: any) => x.issue.id === 'i-sequencing' && x.relation === 'cross_party' && x.grade === 'contradiction'));
    });

    test('December 2025: the Unification Ministry on the consultation diverges from the Foreign Ministry, an intra-party finding with both passages', async () => {
      const r = await get(tokens['mofa.desk'], '/api/working-groups/cg-2025/discipline?from=2025-12-01&to=2025-12-31');
      const f = find(r.findings, (x) => x.subject.id === 'st-S33' && x.relation === 'intra_party' && x.against.organisationId === 'rok-mofa');
      assert.ok(f, JSON.stringify(r.findings.map((x: any) => x.id)));
      assert.equal(f.grade, 'contradiction');
      assert.equal(f.subject.who, 'Ministry of Unification');
      assert.match(f.subject.text, /decided not to participate/);
      assert.equal(f.subject.date, '2025-12-15');
      assert.ok(f.against.text.length > 0);
      // The ROK-internal line is a reason for a ROK user cleared for it, never for a US user.
      assert.ok(r.findings.some((x: any) => x.against.id === 'pos-rok-internal'));
      const us = await get(tokens['state.desk'], '/api/working-groups/cg-2025/discipline?from=2025-12-01&to=2025-12-31&includeConsistent=true');
      assert.ok(us.findings.length > 0);
      for (const x of us.findings) {
        assert.ok(!['pos-rok-internal', 'pos-mou-consult-format'].includes(x.against.id), x.id);
        if (x.against.kind === 'position') assert.notEqual(x.against.partyId === 'KR' && x.against.organisationId === null, true);
      }
      assert.ok(
        find(us.findings, (x) => x.subject.id === 'st-S33' && x.against.organisationId === 'rok-mofa'),
        'a group-scope MOFA position is visible to the US member',
      );
    });

    test('December 2025: the Unification Minister\'s "lost their effectiveness" diverges from the Foreign Ministry', async () => {
      const r = await get(tokens['mofa.desk'], '/api/working-groups/ic-2026/discipline?from=2025-12-01&to=2025-12-31');
      const f = find(r.findings, (x) => x.subject.id === 'st-S39' && x.relation === 'intra_party' && x.against.organisationId === 'rok-mofa');
      assert.ok(f, JSON.stringify(r.findings.map((x: any) => x.id)));
      assert.match(f.subject.text, /lost their effectiveness/);
    });
  });
}
