/**
 * The server's log: one JSON line per request with the request id, a 5xx with its stack, an
 * incoming X-Request-Id kept and echoed, and no secret ever written (tokens in URLs, cookies,
 * Authorization headers, passwords).
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test, before, after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createLogger, redactUrl } from '../src/server/logging.ts';
import { freshStore, seedWorld, type World } from './helpers.ts';
import type { Store } from '../src/server/db/database.ts';

describe('logs', () => {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  let app: FastifyInstance;
  let store: Store;
  let world: World;

  before(async () => {
    store = await freshStore('sqlite');
    world = await seedWorld(store);
    const sink = new Writable({
      write(chunk, _enc, done) {
        raw += chunk.toString();
        for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
        done();
      },
    });
    app = await buildApp({ store, webRoot: false, logger: createLogger('info', sink) });
    // A route of the test's own, hidden from the API document (every operation there has an operationId).
    app.get('/api/test-failure', { schema: { hide: true } }, async () => {
      throw new Error('the store fell over');
    });
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  test('a request gives one line with its id, method, URL, status and time; X-Request-Id is kept and echoed', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'proxy-42' } });
    assert.equal(res.headers['x-request-id'], 'proxy-42');
    const line = lines.find((l) => l.reqId === 'proxy-42');
    assert.ok(line, 'the request is logged under the id it came with');
    assert.equal(line.method, 'GET');
    assert.equal(line.url, '/healthz');
    assert.equal(line.status, 200);
    assert.equal(typeof line.ms, 'number');
    const made = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'no spaces or "quotes" allowed' } });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/, 'an unusable id is replaced by a new one');
  });

  test('a 5xx is logged at error level with its stack and request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-failure' });
    assert.equal(res.statusCode, 500);
    const id = res.json().requestId;
    assert.equal(res.headers['x-request-id'], id);
    const failure = lines.find((l) => l.reqId === id && l.level === 50 && (l.err as { stack?: string } | undefined)?.stack);
    assert.ok(failure, 'the error line carries the stack');
    assert.match((failure.err as { stack: string }).stack, /the store fell over/);
    assert.ok(
      lines.some((l) => l.reqId === id && l.status === 500),
      'and the request line its status',
    );
  });

  test('secrets never reach the log', async () => {
    const user = world.users.mofa_secretariat!;
    await app.inject({ method: 'GET', url: '/api/working-groups?token=sekrit-token-1234', headers: { authorization: `Bearer ${user.token}` } });
    await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'concord_session=sekrit-cookie-5678' } });
    await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody@concord.demo', password: 'sekrit-password-9' } });
    for (const secret of ['sekrit-token-1234', user.token, 'sekrit-cookie-5678', 'sekrit-password-9']) {
      assert.ok(!raw.includes(secret), `the log does not contain ${secret.slice(0, 12)}…`);
    }
    assert.ok(raw.includes('token=[redacted]'), 'the URL is logged with the token masked');
  });

  test('redactUrl masks secret-looking query parameters only', () => {
    assert.equal(redactUrl('/a?token=x&from=2026-01-01'), '/a?token=[redacted]&from=2026-01-01');
    assert.equal(redactUrl('/a?Password=x'), '/a?Password=[redacted]');
    assert.equal(redactUrl('/a'), '/a');
  });
});
