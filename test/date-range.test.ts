/**
 * Every date and date-time the API takes lies within the record's years (1945–2100): each one in
 * the OpenAPI document comes from the one schema helper (core/api/common.ts RecordDate, which
 * says so in its description), and the validator refuses a year outside, naming the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, seedWorld, testApp, call } from './helpers.ts';

test('every date and date-time of the contract carries the 1945–2100 range, and is held to it', async () => {
  const store = await freshStore('sqlite');
  const w = await seedWorld(store);
  const app = await testApp(store);
  try {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const found: string[] = [];
    // A query parameter's description is moved from its schema to the parameter itself.
    const walk = (node: unknown, at: string, parent?: Record<string, unknown>) => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${at}/${i}`);
        });
        return;
      }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.format === 'date' || o.format === 'date-time') {
        found.push(at);
        assert.match(String(o.description ?? parent?.description ?? ''), /years 1945–2100/, `${at} is a RecordDate`);
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`, o);
    };
    walk(doc, '#');
    assert.ok(found.length >= 20, `${found.length} dates and date-times found`);

    const refused = async (method: 'GET' | 'POST', url: string, payload: unknown, field: string) => {
      const r = await call(app, w.users.mofa_secretariat, { method, url, payload: payload as Record<string, unknown> });
      assert.equal(r.status, 400, `${method} ${url}`);
      assert.equal(r.body.field, field);
    };
    const meeting = { wgId: w.wgId, title: 'x', level: 'working', format: 'video', timezone: 'Asia/Seoul' };
    await refused('POST', '/api/meetings', { ...meeting, startsAt: '1900-01-01T10:00:00+09:00' }, 'body.startsAt');
    await refused('POST', '/api/meetings', { ...meeting, startsAt: '2026-01-01T10:00:00+09:00', endsAt: '2101-01-01T10:00:00+09:00' }, 'body.endsAt');
    await refused('GET', '/api/meetings?to=1944-12-31', undefined, 'querystring.to');
    const ok = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: { ...meeting, startsAt: '1945-08-15T10:00:00+09:00' } });
    assert.equal(ok.status, 201, 'the first year of the range is in it');
  } finally {
    await app.close();
    await store.close();
  }
});
