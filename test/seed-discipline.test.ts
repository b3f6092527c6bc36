/**
 * Issue 15, "done when": the seed articles, extracted and checked, flag the Nov 2018 cross-party
 * and the Dec 2025 intra-party divergences as the demo's own record does; former officials never
 * appear as the ROK contradicting itself (they are other voices). Through the API, as the demo's
 * Foreign Ministry desk officer, on both stores.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { loadDemo } from '../src/server/demo/load.ts';
import { freshStore, storeKinds, testApp } from './helpers.ts';

// The shared reference data sits beside the repository (or beside the folder of worktrees).
const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = [process.env.CONCORD_SEEDS, join(ROOT, '../shared/reference/seeds'), join(ROOT, '../../shared/reference/seeds')].find(
  (d): d is string => !!d && existsSync(join(d, '000_84a47929f38cc454.txt')),
);
const skip = SEEDS ? false : 'the shared seeds are not beside the repository (set CONCORD_SEEDS)';

for (const kind of storeKinds()) {
  describe(`the seed articles, extracted and checked (${kind})`, { skip }, () => {
    let store: Store;
    let app: FastifyInstance;
    let cookie = '';
    let csrf = '';
    const req = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const r = await app.inject({ method, url, payload: payload as never, headers: { cookie, 'x-csrf-token': csrf, ...headers } });
      return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
    };
    /** Posts an article to a group and returns its candidates. */
    const ingest = async (wgId: string, text: string, publishedOn: string) => {
      const r = await req('POST', '/api/articles', { wgId, text, publishedOn, sourceUrl: `https://news.example/${publishedOn}` });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.items[0].candidates as any[];
    };
    const confirm = async (c: any, issues: { issueId: string; stance: string }[], saidOn?: string) => {
      const r = await req('POST', `/api/statement-candidates/${c.id}/confirm`, { issues, ...(saidOn ? { saidOn } : {}) }, { 'if-match': String(c.version) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.statementId as string;
    };
    const report = async (wgId: string, from: string, to: string) => {
      const r = await req('GET', `/api/working-groups/${wgId}/discipline?from=${from}&to=${to}&includeConsistent=true`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    before(async () => {
      store = await freshStore(kind);
      await loadDemo(store);
      app = await testApp(store);
      const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'mofa.desk@concord.demo', password: 'concord-demo' } });
      cookie = `concord_session=${r.cookies.find((c) => c.name === 'concord_session')!.value}`;
      csrf = r.json().csrfToken;
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('Nov 2018: Pompeo, extracted from the Hankyoreh editorial, contradicts the ROK line across parties, as the demo record does', async () => {
      const cands = await ingest('wg-2018', readFileSync(join(SEEDS!, '004_ba8545c4c8a2fca9.txt'), 'utf8'), '2018-11-22');
      const pompeo = cands.filter((c) => c.resolution.personId === 'pompeo');
      assert.ok(pompeo.length >= 1, JSON.stringify(cands.map((c) => c.speakerAsWritten.text)));
      assert.equal(pompeo[0].resolution.organisationId, 'us-state', 'Secretary of State on that date');
      assert.equal(pompeo[0].resolution.office, 'held');
      const id = await confirm(pompeo.find((c) => /ahead of denuclearization/.test(c.quote)) ?? pompeo[0], [{ issueId: 'i-sequencing', stance: 'oppose' }], '2018-11-20');
      const r = await report('wg-2018', '2018-11-01', '2018-11-30');
      const f = r.findings.find((x: any) => x.subject.id === id && x.relation === 'cross_party');
      assert.ok(f, JSON.stringify(r.findings.map((x: any) => x.id)));
      assert.equal(f.grade, 'contradiction');
      assert.equal(f.subject.organisationId, 'us-state');
      assert.equal(f.against.partyId, 'KR');
      assert.equal(f.against.who, 'Lee Do-hoon (MOFA)');
      assert.ok(
        r.findings.some((x: any) => x.subject.id === 'st-S05' && x.relation === 'cross_party' && x.grade === 'contradiction'),
        "the demo's own record flags it the same way",
      );
    });

    test('Dec 2025: the Unification Ministry, extracted from the wire copy, diverges from the Foreign Ministry within the ROK, as the demo record does', async () => {
      const cands = await ingest('cg-2025', readFileSync(join(SEEDS!, '000_84a47929f38cc454.txt'), 'utf8'), '2025-12-15');
      const mou = cands.find((c) => /will not participate/.test(c.quote));
      assert.ok(mou, JSON.stringify(cands.map((c) => c.quote)));
      assert.equal(mou.speakerOrgId, 'rok-mou');
      const id = await confirm(mou, [{ issueId: 'i-consult-format', stance: 'oppose' }]);
      const kang = cands.find((c) => c.resolution.personId === 'kang-yj');
      assert.equal(kang.resolution.organisationId, 'rok-pres');
      const r = await report('cg-2025', '2025-12-01', '2025-12-31');
      const f = r.findings.find((x: any) => x.subject.id === id && x.relation === 'intra_party' && x.against.organisationId === 'rok-mofa');
      assert.ok(f, JSON.stringify(r.findings.map((x: any) => x.id)));
      assert.equal(f.grade, 'contradiction');
      assert.equal(f.subject.organisationId, 'rok-mou');
      assert.ok(r.findings.some((x: any) => x.subject.id === 'st-S33' && x.relation === 'intra_party' && x.grade === 'contradiction' && x.against.organisationId === 'rok-mofa'));
    });

    test('former officials are other voices: never a finding, never a "no organisation" row of the ROK', async () => {
      // A former minister named in an article: the person is found, but speaks for no ministry on that date.
      const text = 'Former unification minister Cho Myoung-gyon said on Monday that "a second working group would hold back inter-Korean exchanges."';
      const cands = await ingest('cg-2025', text, '2025-12-15');
      assert.equal(cands.length, 1, JSON.stringify(cands));
      assert.equal(cands[0].resolution.personId, 'cho-mg');
      assert.equal(cands[0].resolution.office, 'former');
      assert.equal(cands[0].speakerOrgId, null, 'his ministry of 2018 is not his office in 2025');
      const cho = await confirm(cands[0], [{ issueId: 'i-consult-format', stance: 'strongly_oppose' }]);

      const dec = await report('cg-2025', '2025-12-01', '2025-12-31');
      const old = await report('wg-2018', '2020-07-01', '2020-07-31');
      for (const r of [dec, old]) {
        for (const f of r.findings) {
          for (const id of ['st-S35', 'st-S24', cho]) assert.ok(f.subject.id !== id && f.against.id !== id, `${f.id} involves ${id}`);
        }
        assert.ok(!r.summary.byOrganisation.some((o: any) => o.organisationId === null), `no "No organisation" row: ${JSON.stringify(r.summary.byOrganisation)}`);
      }
      const voice = (r: any, id: string) => r.otherVoices.find((v: any) => v.statementId === id);
      assert.equal(voice(dec, 'st-S35').reason, 'former_official');
      assert.match(voice(dec, 'st-S35').who, /six former unification ministers/);
      assert.equal(voice(dec, cho).reason, 'former_official');
      assert.deepEqual(voice(dec, cho).office, {
        organisationId: 'rok-mou',
        organisationName: 'Ministry of Unification',
        organisationNameKo: '통일부',
        title: 'Minister of Unification',
        titleKo: '통일부 장관',
        until: '2019-12-31',
      });
      assert.deepEqual(
        voice(dec, cho).issues.map((i: any) => [i.id, i.stance]),
        [['i-consult-format', 'strongly_oppose']],
      );
      assert.equal(voice(old, 'st-S24').reason, 'former_official');
      // The ministries still diverge: the ROK's contradictions are the Unification Ministry's, none are the former ministers'.
      const kr = dec.summary.byParty.find((p: any) => p.partyId === 'KR');
      assert.ok(kr.contradiction >= 1);
      // One statement's findings: none, and the statement itself listed as another voice.
      const one = await req('GET', `/api/statements/${cho}/findings`);
      assert.equal(one.status, 200);
      assert.equal(one.body.findings.length, 0);
      assert.equal(one.body.otherVoices[0].statementId, cho);
    });
  });
}
