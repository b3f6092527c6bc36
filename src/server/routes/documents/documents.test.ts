import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { parseKeys, verifyDocumentBundle } from '../../audit/document-bundle.ts';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`documents API (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    const v1Clauses = () => [
      { key: 'preamble', status: 'agreed', textEn: 'The two governments reaffirm their alliance.', textKo: '양국 정부는 동맹을 재확인한다.' },
      { key: '1', status: 'agreed', textEn: 'The parties will coordinate on the rail survey.', textKo: '양측은 철도 조사에 관해 협의한다.', trackId: w.trackId },
      {
        key: '2',
        status: 'bracketed',
        textEn: 'The survey [will begin in November] [may begin once exempted].',
        alternatives: [
          { partyId: w.parties.kr, textEn: 'The survey will begin in November.', textKo: '조사는 11월에 시작한다.' },
          { partyId: w.parties.us, textEn: 'The survey may begin once exempted.' },
        ],
      },
      { key: 'old', status: 'agreed', textEn: 'A clause later dropped.' },
    ];
    const v2Clauses = () => [
      v1Clauses()[0],
      { ...v1Clauses()[1], textKo: '양측은 남북 철도 공동조사에 관해 긴밀히 협의한다.' },
      { key: '2', status: 'agreed', textEn: 'The survey will begin once the 1718 Committee grants an exemption.', textKo: '조사는 1718 위원회의 면제 후 시작한다.' },
      { key: '3', status: 'agreed', textEn: 'The Working Group will review progress monthly.' },
    ];
    const body = (over: Record<string, unknown> = {}) => ({ wgId: w.wgId, kind: 'joint_fact_sheet', title: 'Joint Fact Sheet', titleKo: '공동 설명자료', clauses: v1Clauses(), ...over });
    const get = (id: string, user = w.users.mofa_secretariat) => call(app, user, { method: 'GET', url: `/api/documents/${id}` });

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('401 without credentials on every route', async () => {
      const h = '0'.repeat(64);
      for (const [method, url, payload] of [
        ['GET', '/api/documents'],
        ['GET', '/api/documents/x'],
        ['GET', '/api/documents/x/versions/1'],
        ['GET', '/api/documents/x/export'],
        ['GET', '/api/signing-keys'],
        ['GET', '/api/documents/x/diff?from=1&to=2'],
        ['POST', '/api/documents', body()],
        ['PATCH', '/api/documents/x', { title: 'x' }],
        ['POST', '/api/documents/x/versions', { clauses: v2Clauses() }],
        ['POST', '/api/documents/x/versions/1/sign-off', { contentHash: h }],
      ] as const) {
        assert.equal((await call(app, undefined, { method, url, payload })).status, 401, `${method} ${url}`);
      }
    });

    test('400 names the field, and nothing is written', async () => {
      const before = await lastAudit(store);
      const c = v1Clauses();
      const cases: [Record<string, unknown>, string][] = [
        [{ clauses: undefined }, 'body.clauses'],
        [{ clauses: [] }, 'body.clauses'],
        [{ clauses: [c[0], { ...c[1], key: 'preamble' }] }, 'body.clauses.1.key'],
        [{ clauses: [{ ...c[0], status: 'pending' }] }, 'body.clauses.0.status'],
        [{ clauses: [{ ...c[0], alternatives: c[2].alternatives }] }, 'body.clauses.0.alternatives'],
        [{ clauses: [{ ...c[2], alternatives: [{ partyId: 'p-jp', textEn: 'x' }] }] }, 'body.clauses.0.alternatives.0.partyId'],
        [{ clauses: [{ ...c[1], trackId: 'tr-nowhere' }] }, 'body.clauses.0.trackId'],
        [{ kind: 'treaty' }, 'body.kind'],
        [{ releasedOn: '2025-11-31' }, 'body.releasedOn'],
      ];
      for (const [over, field] of cases) {
        const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/documents', payload: body(over) });
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field);
      }
      const hidden = await call(app, w.users.mou_chair, { method: 'POST', url: '/api/documents', payload: body({ wgId: w.otherWgId }) });
      assert.equal(hidden.status, 400);
      assert.equal(hidden.body.field, 'body.wgId');
      assert.equal((await lastAudit(store)).seq, before.seq);
    });

    test('403 for members and observers', async () => {
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: '/api/documents', payload: body() })).status, 403);
      assert.equal((await call(app, w.users.state_observer, { method: 'POST', url: '/api/documents', payload: body() })).status, 403);
    });

    let docId = '';
    let v1Hash = '';
    test('create: 201 with version 1 and its hash, audited; every party unsigned', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/documents', payload: body() });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      docId = r.body.id;
      v1Hash = r.body.contentHash;
      assert.match(v1Hash, /^[0-9a-f]{64}$/);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'document.create');
      assert.equal(ev.entity_id, docId);
      const g = await get(docId, w.users.state_member);
      assert.equal(g.status, 200);
      assert.equal(g.headers.etag, '"1"');
      assert.equal(g.body.latestVersion, 1);
      assert.equal(g.body.adopted, false);
      assert.equal(g.body.current.contentHash, v1Hash);
      assert.equal(g.body.current.bracketedClauses, 1);
      assert.deepEqual(
        g.body.current.clauses.map((c: { key: string }) => c.key),
        ['preamble', '1', '2', 'old'],
      );
      assert.equal(g.body.current.clauses[1].textKo, '양측은 철도 조사에 관해 협의한다.');
      assert.equal(g.body.current.clauses[2].alternatives.length, 2);
      assert.deepEqual(
        g.body.signOffs.map((s: { partyId: string; signed: boolean }) => [s.partyId, s.signed]),
        [
          [w.parties.kr, false],
          [w.parties.us, false],
        ],
      );
      assert.deepEqual(g.body.abilities, { update: false, createVersion: false, signOff: false });
      const s = await get(docId, w.users.state_secretariat);
      assert.deepEqual(s.body.abilities, { update: true, createVersion: true, signOff: true });
      const list = await call(app, w.users.state_member, { method: 'GET', url: `/api/documents?wgId=${w.wgId}&kind=joint_fact_sheet` });
      assert.deepEqual(
        list.body.items.map((d: { id: string }) => d.id),
        [docId],
      );
    });

    test('404 across parties and organisations, and for missing versions', async () => {
      const party = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/documents', payload: body({ title: 'ROK draft', scope: 'party' }) });
      assert.equal(party.status, 201);
      const p = party.body.id;
      for (const [method, url, payload] of [
        ['GET', `/api/documents/${p}`],
        ['GET', `/api/documents/${p}/versions/1`],
        ['GET', `/api/documents/${p}/diff?from=1&to=1`],
        ['PATCH', `/api/documents/${p}`, { title: 'x' }],
        ['POST', `/api/documents/${p}/versions`, { clauses: v2Clauses() }],
        ['POST', `/api/documents/${p}/versions/1/sign-off`, { contentHash: party.body.contentHash }],
      ] as const) {
        const r = await call(app, w.users.state_chair, { method, url, payload, headers: { 'if-match': '1' } });
        assert.equal(r.status, 404, `${method} ${url}`);
      }
      assert.equal((await get(p, w.users.mou_observer)).status, 200, 'the whole party sees a party-scoped draft');
      const org = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/documents', payload: body({ title: 'MOFA notes', scope: 'organisation' }) });
      assert.equal((await get(org.body.id, w.users.mou_chair)).status, 404);
      assert.equal((await get(docId, w.users.dod_chair)).status, 404, 'a group record is hidden from a non-member organisation');
      const list = await call(app, w.users.state_chair, { method: 'GET', url: '/api/documents' });
      assert.deepEqual(
        list.body.items.map((d: { id: string }) => d.id),
        [docId],
      );
      assert.equal((await call(app, w.users.state_member, { method: 'GET', url: `/api/documents/${docId}/versions/9` })).status, 404);
      assert.equal((await call(app, w.users.state_member, { method: 'GET', url: `/api/documents/${docId}/diff?from=1&to=9` })).status, 404);
    });

    test('a bracketed version cannot be signed; sign-off needs a hash and a role for a party of the group', async () => {
      const missing = await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/documents/${docId}/versions/1/sign-off`, payload: {} });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.field, 'body.contentHash');
      assert.equal((await call(app, w.users.mofa_member, { method: 'POST', url: `/api/documents/${docId}/versions/1/sign-off`, payload: { contentHash: v1Hash } })).status, 403);
      const before = await lastAudit(store);
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/documents/${docId}/versions/1/sign-off`, payload: { contentHash: v1Hash } });
      assert.equal(r.status, 409);
      assert.match(r.body.message, /bracketed/);
      assert.deepEqual(r.body.details.bracketed, ['2']);
      assert.equal((await lastAudit(store)).seq, before.seq);
      assert.equal((await get(docId)).body.version, 1, 'a refused sign-off changes nothing');
    });

    let v2Hash = '';
    test('new version: 403 for members, 428 without If-Match, 409 when stale, then 201 and audited', async () => {
      const url = `/api/documents/${docId}/versions`;
      assert.equal((await call(app, w.users.state_member, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { clauses: v2Clauses() } })).status, 403);
      assert.equal((await call(app, w.users.state_secretariat, { method: 'POST', url, payload: { clauses: v2Clauses() } })).status, 428);
      const stale = await call(app, w.users.state_secretariat, { method: 'POST', url, headers: { 'if-match': '7' }, payload: { clauses: v2Clauses() } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.details.currentVersion, 1);
      const ok = await call(app, w.users.state_secretariat, { method: 'POST', url, headers: { 'if-match': '1' }, payload: { note: 'Brackets resolved', clauses: v2Clauses() } });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.number, 2);
      v2Hash = ok.body.contentHash;
      assert.notEqual(v2Hash, v1Hash);
      assert.equal((await lastAudit(store)).action, 'document.version_create');
      const g = await get(docId);
      assert.equal(g.body.latestVersion, 2);
      assert.deepEqual(
        g.body.versions.map((v: { number: number; contentHash: string }) => [v.number, v.contentHash]),
        [
          [1, v1Hash],
          [2, v2Hash],
        ],
      );
      const v1 = await call(app, w.users.state_member, { method: 'GET', url: `/api/documents/${docId}/versions/1` });
      assert.equal(v1.body.latest, false);
      assert.equal(v1.body.clauses.length, 4, 'earlier versions are immutable');
    });

    test('diff: changed Korean text, a bracket resolved, a clause added and one removed', async () => {
      const bad = await call(app, w.users.state_member, { method: 'GET', url: `/api/documents/${docId}/diff?from=1` });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'querystring.to');
      const r = await call(app, w.users.state_member, { method: 'GET', url: `/api/documents/${docId}/diff?from=1&to=2` });
      assert.equal(r.status, 200);
      assert.deepEqual([r.body.from.number, r.body.to.number], [1, 2]);
      assert.deepEqual(
        r.body.added.map((c: { key: string }) => c.key),
        ['3'],
      );
      assert.deepEqual(
        r.body.removed.map((c: { key: string }) => c.key),
        ['old'],
      );
      assert.deepEqual(r.body.unchanged, ['preamble']);
      const c1 = r.body.changed.find((c: { key: string }) => c.key === '1');
      assert.deepEqual(c1.changes, ['textKo']);
      assert.equal(c1.textEn.changed, false);
      assert.deepEqual([c1.textKo.before, c1.textKo.after], ['양측은 철도 조사에 관해 협의한다.', '양측은 남북 철도 공동조사에 관해 긴밀히 협의한다.']);
      const c2 = r.body.changed.find((c: { key: string }) => c.key === '2');
      assert.deepEqual(c2.status, { before: 'bracketed', after: 'agreed', changed: true });
      assert.ok(c2.changes.includes('alternatives') && c2.changes.includes('textEn') && c2.changes.includes('textKo'));
      assert.equal(c2.alternatives.before.length, 2);
    });

    test('signing refuses a wrong hash and a superseded version; one live sign-off per party', async () => {
      const url = (n: number) => `/api/documents/${docId}/versions/${n}/sign-off`;
      const wrong = await call(app, w.users.mofa_secretariat, { method: 'POST', url: url(2), payload: { contentHash: v1Hash } });
      assert.equal(wrong.status, 409);
      assert.match(wrong.body.message, /content hash/);
      const old = await call(app, w.users.mofa_secretariat, { method: 'POST', url: url(1), payload: { contentHash: v1Hash } });
      assert.equal(old.status, 409);
      assert.equal(old.body.details.latestVersion, 2);
      const ok = await call(app, w.users.mofa_secretariat, { method: 'POST', url: url(2), payload: { contentHash: v2Hash } });
      assert.equal(ok.status, 201);
      assert.equal(ok.body.adopted, false);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'document.sign_off');
      assert.equal(ev.actor_user_id, w.users.mofa_secretariat.id);
      const again = await call(app, w.users.mou_chair, { method: 'POST', url: url(2), payload: { contentHash: v2Hash } });
      assert.equal(again.status, 409);
      assert.match(again.body.message, /already signed/);
      const g = await get(docId);
      assert.equal(g.body.version, 3, 'a sign-off changes the document (1 → 2 with version 2 of the text, → 3 with the sign-off), so stale writers are caught');
      assert.deepEqual(
        g.body.signOffs.map((s: { signed: boolean }) => s.signed),
        [true, false],
      );
    });

    let v3Hash = '';
    test('a new version voids every earlier sign-off', async () => {
      const clauses = v2Clauses();
      clauses[3] = { ...clauses[3], textKo: '실무그룹은 매월 진행 상황을 점검한다.' } as never;
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/documents/${docId}/versions`, headers: { 'if-match': '3' }, payload: { clauses } });
      assert.equal(r.status, 201);
      v3Hash = r.body.contentHash;
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'document.version_create');
      assert.equal(JSON.parse(String(ev.after)).voided_signoffs.length, 1);
      const g = await get(docId);
      assert.deepEqual(
        g.body.signOffs.map((s: { signed: boolean }) => s.signed),
        [false, false],
      );
      assert.equal(g.body.signOffHistory.length, 1);
      assert.equal(g.body.signOffHistory[0].versionNumber, 2);
      assert.equal(g.body.signOffHistory[0].voidedReason, 'superseded by version 3');
      assert.ok(g.body.signOffHistory[0].voidedAt);
      const v2 = await call(app, w.users.state_member, { method: 'GET', url: `/api/documents/${docId}/versions/2` });
      assert.equal(v2.body.signOffs[0].voidedReason, 'superseded by version 3');
    });

    test('both parties signing the same version adopt the document, in the same transaction; a newer version clears it', async () => {
      const url = `/api/documents/${docId}/versions/3/sign-off`;
      const kr = await call(app, w.users.mou_chair, { method: 'POST', url, payload: { contentHash: v3Hash } });
      assert.equal(kr.status, 201);
      assert.equal(kr.body.adopted, false);
      const before = await lastAudit(store);
      const us = await call(app, w.users.state_secretariat, { method: 'POST', url, payload: { contentHash: v3Hash } });
      assert.equal(us.status, 201);
      assert.equal(us.body.adopted, true);
      const events = await store.db.selectFrom('audit_events').selectAll().where('seq', '>', before.seq).orderBy('seq').execute();
      assert.deepEqual(
        events.map((e) => e.action),
        ['document.sign_off', 'document.adopt'],
      );
      assert.equal(events[0].request_id, events[1].request_id);
      const g = await get(docId, w.users.state_observer);
      assert.equal(g.body.adopted, true);
      assert.equal(g.body.adoptedVersion, 3);
      assert.deepEqual(
        g.body.signOffs.map((s: { partyId: string; signed: boolean }) => s.signed),
        [true, true],
      );
      const list = await call(app, w.users.state_observer, { method: 'GET', url: `/api/documents?wgId=${w.wgId}` });
      assert.equal(list.body.items[0].adoptedVersion, 3);

      // Each sign-off is signed by its party's key; the bundle of the adopted version verifies offline.
      for (const s of g.body.signOffs) {
        assert.equal(s.signOff.signature.valid, true);
        assert.match(s.signOff.signature.keyId, /^[0-9a-f]{32}$/);
      }
      assert.notEqual(g.body.signOffs[0].signOff.signature.keyId, g.body.signOffs[1].signOff.signature.keyId, 'one key per party');
      const bundle = await call(app, w.users.state_observer, { method: 'GET', url: `/api/documents/${docId}/export` });
      assert.equal(bundle.status, 200);
      assert.equal(bundle.body.adopted, true);
      assert.equal(bundle.body.version.number, 3);
      assert.deepEqual(verifyDocumentBundle(bundle.body), { ok: true, parties: [w.parties.kr, w.parties.us].sort(), keysFrom: 'bundle' });
      assert.equal((await call(app, w.users.state_observer, { method: 'GET', url: '/api/signing-keys' })).status, 403, 'the key list is for administrators');
      await store.db.updateTable('users').set({ is_admin: 1 }).where('id', '=', w.users.dod_none.id).execute();
      const keys = await call(app, w.users.dod_none, { method: 'GET', url: '/api/signing-keys' });
      assert.equal(keys.status, 200);
      const trusted = parseKeys(JSON.stringify(keys.body));
      assert.ok(verifyDocumentBundle(bundle.body, trusted).ok, 'the keys the administrators see are the keys that signed');
      const forged = structuredClone(bundle.body);
      forged.version.clauses[0].textEn += ' (amended)';
      assert.match((verifyDocumentBundle(forged, trusted) as { problems: string[] }).problems.join(), /the text was changed/);

      const v4 = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: `/api/documents/${docId}/versions`,
        headers: { 'if-match': String(g.body.version) },
        payload: { clauses: v2Clauses() },
      });
      assert.equal(v4.status, 201);
      const after = await get(docId);
      assert.equal(after.body.adopted, false);
      assert.equal(after.body.adoptedVersion, null);
      assert.equal(after.body.signOffHistory.filter((s: { voidedAt: string | null }) => s.voidedAt === null).length, 0);
    });

    test('PATCH: 403 for members, 409 when stale, 204 and audited', async () => {
      const cur = (await get(docId)).body.version;
      assert.equal(
        (await call(app, w.users.state_member, { method: 'PATCH', url: `/api/documents/${docId}`, headers: { 'if-match': String(cur) }, payload: { releasedOn: '2025-11-14' } })).status,
        403,
      );
      assert.equal(
        (await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/documents/${docId}`, headers: { 'if-match': String(cur - 1) }, payload: { releasedOn: '2025-11-14' } })).status,
        409,
      );
      const ok = await call(app, w.users.state_chair, { method: 'PATCH', url: `/api/documents/${docId}`, headers: { 'if-match': String(cur) }, payload: { releasedOn: '2025-11-14' } });
      assert.equal(ok.status, 204);
      assert.equal((await lastAudit(store)).action, 'document.update');
      assert.equal((await get(docId)).body.releasedOn, '2025-11-14');
    });
  });
}
