/**
 * Search (`GET /api/search`): the index follows every write (through the API and straight into
 * the tables), finds English and Korean words of any length, marks them in the snippet, pages,
 * and — the promise — finds for each user exactly the records the visibility rule lets them see:
 * a note of one ministry, a position of one government, a position on an issue only one ministry
 * may see, a note on that position, a secret statement, each holding a word nothing else holds.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/server/db/database.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World, type WorldUser } from './helpers.ts';
import { searchTerms, snippetOf } from '../src/core/search.ts';
import { exportBundleText, importBundle } from '../src/server/store/bundle.ts';
import { Readable } from 'node:stream';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

test('terms and snippets: split at spaces, longest first; the words marked, a long field cut around the first', () => {
  assert.deepEqual(searchTerms('  통일  rail\u0000 RAIL 철도연결 '), ['rail', '철도연결', '통일']);
  const s = snippetOf(`${'x '.repeat(200)}the Rail connection ${'y '.repeat(200)}`, ['rail']);
  assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
  assert.equal(s.ranges.length, 1);
  assert.equal(s.text.slice(s.ranges[0].start, s.ranges[0].end), 'Rail');
  assert.deepEqual(snippetOf('남북 철도 연결', ['철도', '연결']).ranges, [
    { start: 3, end: 5 },
    { start: 6, end: 8 },
  ]);
});

for (const kind of storeKinds()) {
  describe(`search (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let noteId: string;

    const issue = (id: string, title: string, g: { owner_org_id: string; owner_party_id: string; scope: 'public' | 'party' | 'organisation' | 'group' }, description: string | null = null) =>
      store.db
        .insertInto('issues')
        .values({ id, wg_id: w.wgId, track_id: null, code: null, title, title_ko: null, description, keywords: '[]', classification: 0, ...g, ...stamp })
        .execute();
    const find = async (u: WorldUser, q: string, extra = '') => {
      const r = await call(app, u, { method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${extra}` });
      assert.equal(r.status, 200, `${u.email} ${q}: ${JSON.stringify(r.body)}`);
      return r.body as { items: { kind: string; id: string; snippet: { text: string; ranges: { start: number; end: number }[] }; group: { id: string } | null }[]; nextCursor: string | null };
    };

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const mofa = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr };
      await issue('i-rail', 'Inter-Korean rail survey', { ...mofa, scope: 'public' }, '남북 철도 공동조사 (kestrel)');
      await issue('i-hidden', 'Falconry question', { ...mofa, scope: 'organisation' });
      for (let i = 0; i < 5; i++) await issue(`i-page-${i}`, `Pagination topic ${i}`, { ...mofa, scope: 'public' });

      const post = async (u: WorldUser, url: string, payload: object) => {
        const r = await call(app, u, { method: 'POST', url, payload });
        assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
        return r.body.id as string;
      };
      // KR's position, for KR's eyes (party scope), on a public issue.
      await post(w.users.mofa_secretariat, '/api/positions', { issueId: 'i-rail', stance: 'support', rationale: 'quokka: 통일 방안의 일부', scope: 'party' });
      // A public position on an issue only MOFA may see: hidden with its issue.
      const onHidden = await post(w.users.mofa_secretariat, '/api/positions', { issueId: 'i-hidden', stance: 'oppose', rationale: 'zanzibar', scope: 'public' });
      // MOU's own note on the public issue.
      noteId = await post(w.users.mou_member, '/api/notes', { entityType: 'issue', entityId: 'i-rail', body: 'narwhal 통일부 메모', scope: 'organisation' });
      // A public note on that hidden position: hidden with it.
      await post(w.users.mofa_secretariat, '/api/notes', { entityType: 'position', entityId: onHidden, body: 'ocelot', scope: 'public' });
      // A secret public statement: for the cleared only.
      await store.db
        .insertInto('statements')
        .values({
          id: 's-secret',
          wg_id: w.wgId,
          party_id: w.parties.us,
          speaker_person_id: null,
          speaker_org_id: w.orgs.state,
          speaker_description: null,
          said_on: '2019-01-01',
          medium: 'press_briefing',
          language: 'en',
          quote: 'platypus',
          context: null,
          source_url: null,
          source_title: null,
          passage: null,
          owner_org_id: w.orgs.state,
          owner_party_id: w.parties.us,
          scope: 'public',
          classification: 3,
          ...stamp,
        })
        .execute();
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('each user finds exactly what they may see, and no answer names a hidden record', async () => {
      const rules: [string, (u: WorldUser) => boolean][] = [
        ['kestrel', () => true],
        ['quokka', (u) => u.partyId === w.parties.kr],
        ['zanzibar', (u) => u.orgId === w.orgs.mofa],
        ['falconry', (u) => u.orgId === w.orgs.mofa],
        ['narwhal', (u) => u.orgId === w.orgs.mou],
        ['ocelot', (u) => u.orgId === w.orgs.mofa],
        ['platypus', (u) => u.clearance >= 3],
      ];
      for (const u of Object.values(w.users)) {
        for (const [word, sees] of rules) {
          const body = await find(u, word);
          assert.equal(body.items.length, sees(u) ? 1 : 0, `${u.email} searching ${word}: ${JSON.stringify(body.items)}`);
          if (u.orgId !== w.orgs.mofa) assert.ok(!JSON.stringify(body).includes('i-hidden'), `${u.email} ${word}: names the hidden issue`);
        }
        // 통일, two syllables (below the trigram index): the KR position for KR, and MOU's note for MOU.
        const unif = await find(u, '통일');
        const kinds = unif.items.map((i) => i.kind).sort();
        const expected = [...(u.orgId === w.orgs.mou ? ['note'] : []), ...(u.partyId === w.parties.kr ? ['position'] : [])];
        assert.deepEqual(kinds, expected, `${u.email} 통일`);
      }
    });

    test('English and Korean, long and short words; the words marked in the snippet; one result per record', async () => {
      const u = w.users.state_member;
      for (const q of ['rail', 'RAIL survey', '철도', '공동조사', '철도 kestrel']) {
        const body = await find(u, q);
        assert.deepEqual(
          body.items.map((i) => i.id),
          ['i-rail'],
          q,
        );
        const [hit] = body.items;
        assert.ok(hit.snippet.ranges.length > 0, q);
        for (const r of hit.snippet.ranges) assert.ok(q.toLowerCase().split(' ').includes(hit.snippet.text.slice(r.start, r.end).toLowerCase()), `${q}: ${JSON.stringify(hit.snippet)}`);
        assert.equal(hit.group?.id, w.wgId);
      }
      assert.equal((await find(u, 'rail', '&kind=statement')).items.length, 0);
      assert.equal((await find(u, 'rail', `&groupId=${w.otherWgId}`)).items.length, 0);
      assert.equal((await find(u, 'rail', `&groupId=${w.wgId}`)).items.length, 1);
      // A LIKE wildcard is a character like any other.
      assert.equal((await find(u, '%')).items.length, 0);
      assert.equal((await find(u, 'ra_l')).items.length, 0);
    });

    test("a meeting is dated by its day at the venue, whatever the reader's zone", async () => {
      // 10:00 in Seoul on 20 November is 01:00 UTC that day, and still the 19th in New York.
      const r = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'Pangolin plenary', level: 'working', format: 'in_person', startsAt: '2018-11-20T10:00:00+09:00', timezone: 'Asia/Seoul' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const [hit] = (await find(w.users.mofa_secretariat, 'pangolin')).items as unknown as { kind: string; at: string }[];
      assert.equal(hit.kind, 'meeting');
      assert.equal(hit.at, '2018-11-20');
    });

    test('pages follow the cursor to the end, each record once', async () => {
      const u = w.users.dod_none;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const body = await find(u, 'pagination topic', `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(body.items.length <= 2);
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      assert.deepEqual([...seen].sort(), ['i-page-0', 'i-page-1', 'i-page-2', 'i-page-3', 'i-page-4']);
    });

    test('the index follows changes and deletions in the same transaction', async () => {
      const u = w.users.mou_member;
      const note = await call(app, u, { method: 'GET', url: `/api/notes/${noteId}` });
      const r = await call(app, u, { method: 'PATCH', url: `/api/notes/${noteId}`, payload: { body: 'wombat instead' }, headers: { 'if-match': `"${note.body.version}"` } });
      assert.equal(r.status, 204, JSON.stringify(r.body));
      assert.equal((await find(u, 'narwhal')).items.length, 0);
      assert.equal((await find(u, 'wombat')).items.length, 1);
      await store.db.updateTable('issues').set({ title: 'Pagination subject 4' }).where('id', '=', 'i-page-4').execute();
      assert.equal((await find(u, 'topic 4')).items.length, 0);
      assert.equal((await find(u, 'subject 4')).items.length, 1);
      await store.db.deleteFrom('issues').where('id', '=', 'i-page-4').execute();
      assert.equal((await find(u, 'subject')).items.length, 0);
    });

    test('the index is derived: a bundle leaves it out, and an import rebuilds it', async () => {
      const text = await exportBundleText(store);
      assert.ok(!text.includes('search_text'), 'not exported');
      const copy = await freshStore(kind);
      try {
        await importBundle(copy, Readable.from([text]));
        const copyApp = await testApp(copy);
        try {
          for (const q of ['kestrel', '철도', 'wombat']) {
            const r = await call(copyApp, w.users.mou_member, { method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
            assert.deepEqual(
              r.body.items.map((i: { id: string }) => i.id),
              (await find(w.users.mou_member, q)).items.map((i) => i.id),
              q,
            );
            assert.equal(r.body.items.length, 1, q);
          }
        } finally {
          await copyApp.close();
        }
      } finally {
        await copy.close();
      }
    });

    test('a query of nothing but spaces is a 400 naming q', async () => {
      const r = await call(app, w.users.mofa_member, { method: 'GET', url: '/api/search?q=%20%20' });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'querystring.q');
    });
  });
}
