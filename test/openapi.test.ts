import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, testApp } from './helpers.ts';

test('the app serves an OpenAPI 3.1 document covering every API route, with responses described', async () => {
  const store = await freshStore('sqlite');
  const app = await testApp(store);
  try {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(r.statusCode, 200);
    const doc = r.json();
    assert.equal(doc.openapi, '3.1.0');
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/session', '/api/meetings', '/api/meetings/{id}', '/api/positions', '/api/documents/{id}/versions/{number}/sign-off', '/api/projects/stage-times', '/api/audit']) {
      assert.ok(paths.includes(p), `${p} is documented`);
    }
    let operations = 0;
    for (const [path, ops] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        assert.ok(op.responses && Object.keys(op.responses).length > 0, `${method.toUpperCase()} ${path} documents its responses`);
      }
    }
    assert.ok(operations >= 60, `${operations} operations documented`);
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.headers['content-type'] as string, /html/);
  } finally {
    await app.close();
    await store.close();
  }
});
