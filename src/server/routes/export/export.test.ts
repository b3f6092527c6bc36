import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import type { Store } from '../../db/database.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World } from '../../../../test/helpers.ts';
import { byOffset, cellText, exportFileName } from '../../export/csv.ts';

describe('CSV cells', () => {
  test('a text a spreadsheet would read as a formula gets a leading apostrophe', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(cellText(s), `'${s}`);
    assert.equal(cellText('a=b'), 'a=b');
    assert.equal(cellText(-1), '-1', 'a number is a number');
    assert.equal(cellText(null), '');
    assert.equal(cellText(true), 'true');
    assert.equal(exportFileName('positions-2026 x', '2026-12-03'), 'positions-2026_x-2026-12-03.csv');
  });
  test('pages are read until a short one', async () => {
    const seen: number[] = [];
    const all = Array.from({ length: 7 }, (_, i) => i);
    for await (const page of byOffset(async (limit, offset) => all.slice(offset, offset + limit), 3)) seen.push(...page);
    assert.deepEqual(seen, all);
  });
});

for (const kind of storeKinds()) {
  describe(`CSV exports (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    let meetingId = '';
    let issueId = '';
    let internalPosition = '';
    let internalCommitment = '';
    const ids: Record<string, string> = {};
    const csv = async (user: World['users'][string] | undefined, url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: user ? { authorization: `Bearer ${user.token}` } : {} });
      return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body };
    };
    const rows = (text: string): string[][] => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false });
    const post = async (user: World['users'][string], url: string, payload: Record<string, unknown>) => {
      const r = await call(app, user, { method: 'POST', url, payload });
      assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };

    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      app = await testApp(store);
      const sec = w.users.mofa_secretariat;
      meetingId = await post(sec, '/api/meetings', { wgId: w.wgId, title: 'First, "joint" meeting', level: 'working', format: 'video', startsAt: '2026-03-10T10:00:00+09:00', timezone: 'Asia/Seoul' });
      ids.formula = await post(sec, '/api/commitments', { meetingId, title: '=HYPERLINK("http://evil.example","click")', scope: 'group' });
      ids.quoted = await post(sec, '/api/commitments', { meetingId, title: 'Survey the rail line, "jointly"\nand report', titleKo: '철도 공동조사, "함께"', scope: 'group', dueOn: '2026-05-01' });
      ids.disputed = await post(sec, '/api/commitments', { meetingId, title: 'Exchange lists', scope: 'group' });
      await post(w.users.mofa_member, `/api/commitments/${ids.disputed}/reports`, { status: 'done' });
      await post(w.users.state_member, `/api/commitments/${ids.disputed}/reports`, { status: 'blocked' });
      internalCommitment = await post(sec, '/api/commitments', { meetingId, title: 'KR-INTERNAL follow-up', scope: 'party' });
      issueId = await post(sec, '/api/issues', { wgId: w.wgId, title: 'Rail connection', titleKo: '철도 연결', scope: 'group' });
      internalPosition = await post(w.users.mofa_member, '/api/positions', { issueId, stance: 'support', rationale: 'KR-INTERNAL line', validFrom: '2026-03-01', scope: 'party' });
      ids.usPosition = await post(w.users.state_member, '/api/positions', { issueId, stance: 'oppose', validFrom: '2026-03-01', scope: 'group', conditions: '-2 only if asked' });
      await post(sec, '/api/statements', { wgId: w.wgId, saidOn: '2026-03-02', medium: 'press_briefing', language: 'ko', quote: '철도를 함께 조사하겠습니다.', speakerOrgId: w.orgs.mofa });
    });
    after(async () => {
      await app?.close();
      await store?.close();
    });

    test('401 without credentials on every export', async () => {
      for (const list of ['commitments', 'positions', 'statements', 'meetings', 'projects', 'documents', 'audit']) {
        assert.equal((await csv(undefined, `/api/${list}/export.csv`)).status, 401, list);
      }
    });

    test('every export answers CSV with a byte order mark, a header row and an attachment name', async () => {
      for (const list of ['commitments', 'positions', 'statements', 'meetings', 'projects', 'documents', 'audit']) {
        const r = await csv(w.users.mofa_member, `/api/${list}/export.csv?wgId=${w.wgId}`);
        assert.equal(r.status, 200, `${list}: ${r.text}`);
        assert.match(String(r.headers['content-type']), /^text\/csv; charset=utf-8/);
        assert.match(String(r.headers['content-disposition']), new RegExp(`^attachment; filename="${list}-[\\d-]+\\.csv"$`));
        assert.deepEqual([...r.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${list}: UTF-8 BOM`);
        assert.ok(rows(r.text).length >= 1, list);
      }
    });

    test('discipline findings: the report as CSV, its period honoured; 404 for a group the caller may not see', async () => {
      const r = await csv(w.users.mofa_member, `/api/working-groups/${w.wgId}/discipline/export.csv?includeConsistent=true&lang=ko`);
      assert.equal(r.status, 200, r.text);
      const [head] = rows(r.text);
      assert.equal(head[0], '현안');
      assert.equal((await csv(w.users.mofa_member, `/api/working-groups/${w.wgId}/discipline/export.csv?from=2026-03-01&to=2026-01-01`)).status, 400);
      assert.equal((await csv(w.users.dod_member, `/api/working-groups/${w.otherWgId}/discipline/export.csv`)).status, 404);
    });

    test('commitments: the visible rows, quoted and guarded; the filter honoured; headers in Korean on request', async () => {
      const r = await csv(w.users.state_member, `/api/commitments/export.csv?wgId=${w.wgId}`);
      const [head, ...body] = rows(r.text);
      assert.equal(head[0], 'Commitment');
      const idCol = head.indexOf('Id');
      assert.deepEqual(body.map((x) => x[idCol]).sort(), [ids.formula, ids.quoted, ids.disputed].sort(), 'the party-internal commitment is not exported to the other party');
      assert.ok(!r.text.includes(internalCommitment) && !r.text.includes('KR-INTERNAL'));
      const byId = new Map(body.map((x) => [x[idCol], x]));
      assert.equal(byId.get(ids.formula)![0], `'=HYPERLINK("http://evil.example","click")`, 'formula guarded');
      assert.equal(byId.get(ids.quoted)![0], 'Survey the rail line, "jointly"\nand report', 'commas, quotes and a line break survive');
      assert.equal(byId.get(ids.quoted)![1], '철도 공동조사, "함께"');
      assert.ok(r.text.includes('"Survey the rail line, ""jointly""\nand report"'), 'RFC 4180 quoting');
      const mine = await csv(w.users.mofa_member, `/api/commitments/export.csv?wgId=${w.wgId}`);
      assert.ok(mine.text.includes(internalCommitment), 'its own party sees it');
      const disputed = rows((await csv(w.users.state_member, `/api/commitments/export.csv?wgId=${w.wgId}&state=disputed`)).text);
      assert.deepEqual(
        disputed.slice(1).map((x) => x[idCol]),
        [ids.disputed],
      );
      const ko = rows((await csv(w.users.state_member, `/api/commitments/export.csv?wgId=${w.wgId}&lang=ko`)).text);
      assert.equal(ko[0][0], '이행 약속');
      assert.equal((await csv(w.users.state_member, '/api/commitments/export.csv?limit=5')).status, 400, 'no paging on an export');
      assert.equal((await csv(w.users.state_member, '/api/commitments/export.csv?lang=fr')).status, 400);
    });

    test('positions: the other party sees its own and the shared line, never the first party’s internal one', async () => {
      const state = await csv(w.users.state_member, `/api/positions/export.csv?wgId=${w.wgId}&asOf=2026-03-15`);
      assert.equal(state.status, 200);
      assert.ok(!state.text.includes(internalPosition) && !state.text.includes('KR-INTERNAL'));
      const [head, ...body] = rows(state.text);
      assert.deepEqual(
        body.map((x) => x[head.indexOf('Id')]),
        [ids.usPosition],
      );
      assert.equal(body[0][head.indexOf('Issue')], 'Rail connection');
      assert.equal(body[0][head.indexOf('Conditions')], "'-2 only if asked", 'a leading minus is guarded');
      const mofa = await csv(w.users.mofa_member, `/api/positions/export.csv?wgId=${w.wgId}&asOf=2026-03-15&lang=ko`);
      assert.ok(mofa.text.includes(internalPosition));
      assert.ok(mofa.text.includes('철도 연결'), 'issue titles in the language asked for');
      const before = rows((await csv(w.users.mofa_member, `/api/positions/export.csv?wgId=${w.wgId}&asOf=2026-02-01`)).text);
      assert.equal(before.length, 1, 'asOf honoured: nothing in force yet, the header only');
    });

    test('statements, meetings and audit: Korean text whole; the audit trail only as far as the caller may see it', async () => {
      const st = await csv(w.users.dod_member, `/api/statements/export.csv?wgId=${w.wgId}`);
      assert.equal(st.status, 200);
      const s = rows((await csv(w.users.mofa_member, `/api/statements/export.csv?wgId=${w.wgId}`)).text);
      assert.ok(s.some((x) => x.includes('철도를 함께 조사하겠습니다.')));
      const m = rows((await csv(w.users.mofa_member, `/api/meetings/export.csv?wgId=${w.wgId}`)).text);
      assert.equal(m[1][0], 'First, "joint" meeting');
      const audit = await csv(w.users.state_member, `/api/audit/export.csv?wgId=${w.wgId}`);
      assert.equal(audit.status, 200);
      assert.ok(!audit.text.includes(internalPosition) && !audit.text.includes(internalCommitment) && !audit.text.includes('KR-INTERNAL'), 'no audit entry about a hidden record');
      const own = await csv(w.users.mofa_member, `/api/audit/export.csv?wgId=${w.wgId}`);
      assert.ok(own.text.includes(internalCommitment));
    });
  });
}
