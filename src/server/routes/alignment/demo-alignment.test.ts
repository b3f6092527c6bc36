import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/database.ts';
import { loadDemo } from '../../demo/load.ts';
import { freshStore, lastAudit, storeKinds, testApp } from '../../../../test/helpers.ts';

for (const kind of storeKinds()) {
  describe(`alignment of the demo groups, with labels (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    const cookie: Record<string, string> = {};
    const csrf: Record<string, string> = {};
    const req = async (user: string, method: 'GET' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const r = await app.inject({ method, url, payload: payload as never, headers: { cookie: cookie[user], 'x-csrf-token': csrf[user], ...headers } });
      return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
    };

    before(async () => {
      store = await freshStore(kind);
      await loadDemo(store);
      app = await testApp(store);
      for (const u of ['mofa.secretariat', 'mofa.desk', 'state.desk', 'mou.vice']) {
        const r = await app.inject({ method: 'POST', url: '/api/session', payload: { email: `${u}@concord.demo`, password: 'concord-demo' } });
        cookie[u] = `concord_session=${r.cookies.find((c) => c.name === 'concord_session')!.value}`;
        csrf[u] = r.json().csrfToken;
      }
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    test('the 2018 group: the two parties have a figure, a label, a trend, each with method and n', async () => {
      const r = await req('state.desk', 'GET', '/api/working-groups/wg-2018/alignment?asOf=2021-06-30');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const pair = r.body.pairs.find((p: any) => p.kind === 'parties' && [p.a.id, p.b.id].sort().join() === 'KR,US');
      assert.ok(pair, 'KR–US pair');
      assert.ok(pair.figure.n >= 3, `n ${pair.figure.n}`);
      assert.equal(typeof pair.figure.method, 'string');
      assert.ok(pair.label.label, `labelled (n ${pair.label.n}, method ${pair.label.method})`);
      assert.equal(pair.label.n, pair.figure.method === pair.label.method ? pair.figure.n : pair.label.n);
      assert.ok(['converging', 'diverging', 'stable'].includes(pair.trend.direction));
      assert.equal(r.body.labelScale.id, 'concord-group-v1');
    });

    test('the ROK ministries: Unification vs Foreign Affairs in their own consultation, with the issues that divide them', async () => {
      const r = await req('mofa.desk', 'GET', '/api/working-groups/ic-2026/alignment?asOf=2026-02-01');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const pair = r.body.pairs.find((p: any) => p.kind === 'organisations' && [p.a.id, p.b.id].sort().join() === 'rok-mofa,rok-mou');
      assert.ok(pair, JSON.stringify(r.body.pairs.map((p: any) => [p.a.id, p.b.id])));
      assert.ok(
        pair.dividing.some((d: any) => d.issueId === 'i-sanctions-effect'),
        'sanctions effectiveness divides them',
      );
    });

    test('a group sets its own label scale: chair or secretariat, If-Match, audited; the labels follow it', async () => {
      const cur = await req('mofa.secretariat', 'GET', '/api/working-groups/wg-2018/label-scale');
      assert.equal(cur.status, 200);
      assert.equal(cur.body.custom, false);
      const scale = {
        method: 'agree',
        minN: 1,
        bands: [
          { label: 'one voice', min: 0.99 },
          { label: 'apart', min: null },
        ],
      };
      assert.equal((await req('mofa.desk', 'PUT', '/api/working-groups/wg-2018/label-scale', scale, { 'if-match': String(cur.body.version) })).status, 403);
      const bad = await req(
        'mofa.secretariat',
        'PUT',
        '/api/working-groups/wg-2018/label-scale',
        {
          ...scale,
          bands: [
            { label: 'a', min: 0.2 },
            { label: 'b', min: 0.5 },
          ],
        },
        { 'if-match': String(cur.body.version) },
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'body.bands');
      const ok = await req('mofa.secretariat', 'PUT', '/api/working-groups/wg-2018/label-scale', scale, { 'if-match': String(cur.body.version) });
      assert.equal(ok.status, 204, JSON.stringify(ok.body));
      assert.equal((await lastAudit(store)).action, 'working_group.update');
      const stale = await req('mofa.secretariat', 'PUT', '/api/working-groups/wg-2018/label-scale', scale, { 'if-match': String(cur.body.version) });
      assert.equal(stale.status, 409);
      const r = await req('state.desk', 'GET', '/api/working-groups/wg-2018/alignment?asOf=2021-06-30');
      const pair = r.body.pairs.find((p: any) => p.kind === 'parties');
      assert.ok(['one voice', 'apart'].includes(pair.label.label));
      assert.equal(pair.label.method, 'agree');
    });
  });
}
