import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../db/database.ts';
import { buildApp } from '../app.ts';
import { AppError } from '../errors.ts';
import { call, freshStore, lastAudit, seedWorld, type World } from '../../../test/helpers.ts';
import { receiveError, sendError, WriteThread } from './write-thread.ts';

// The API's route tests also run whole over the write thread (`npm test`'s second pass, with
// CONCORD_TEST_WRITE_THREAD=1); these tests cover what is the thread's own.
describe('the write thread', () => {
  let store: Store;
  let writer: WriteThread;
  let app: FastifyInstance;
  let w: World;
  const meeting = (over: Record<string, unknown> = {}) => ({
    wgId: w.wgId,
    title: 'On the thread',
    level: 'working' as const,
    format: 'video' as const,
    startsAt: '2026-03-01T10:00:00+09:00',
    timezone: 'Asia/Seoul',
    invite: [w.orgs.mou],
    ...over,
  });

  before(async () => {
    store = await freshStore('sqlite');
    w = await seedWorld(store);
    writer = await WriteThread.start(store.location, store);
    app = await buildApp({ store, webRoot: false, writer });
  });
  after(async () => {
    await app.close();
    await writer.close();
    await store.close();
  });

  test('errors keep their kind across threads: code, field and details, or message and own fields', () => {
    const app = receiveError(sendError(new AppError('stale_version', 'changed', { details: { currentVersion: 3 } })));
    assert.ok(app instanceof AppError);
    assert.equal(app.status, 409);
    assert.deepEqual(app.details, { currentVersion: 3 });
    const bad = receiveError(sendError(new AppError('bad_request', 'body.x: is wrong', { field: 'body.x' }))) as AppError;
    assert.equal(bad.field, 'body.x');
    const plain = receiveError(sendError(Object.assign(new Error('UNIQUE constraint failed'), { code: 'ERR_SQLITE_ERROR', errcode: 2067 })));
    assert.ok(!(plain instanceof AppError));
    assert.equal(plain.message, 'UNIQUE constraint failed');
    assert.equal((plain as Error & { errcode: number }).errcode, 2067);
  });

  test('a write made on the thread is seen by the very next read, with its audit event', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting({ title: `Meeting ${i}` }) });
      assert.equal(r.status, 201);
      const got = await call(app, w.users.mofa_secretariat, { method: 'GET', url: `/api/meetings/${r.body.id}` });
      assert.equal(got.status, 200);
      assert.equal(got.body.title, `Meeting ${i}`);
      const ev = await lastAudit(store);
      assert.equal(ev.action, 'meeting.create');
      assert.equal(ev.entity_id, r.body.id);
      assert.equal(ev.request_id, r.headers['x-request-id'] ?? ev.request_id);
    }
  });

  test('concurrent writes all land, each once, and the audit chain stays whole', async () => {
    const before = Number((await lastAudit(store)).seq);
    const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting({ title: `Burst ${i}` }) })));
    assert.deepEqual(
      rs.map((r) => r.status),
      rs.map(() => 201),
    );
    assert.equal(new Set(rs.map((r) => r.body.id)).size, 40);
    assert.equal(Number((await lastAudit(store)).seq), before + 40);
    const { verifyChain } = await import('../audit/chain.ts');
    assert.equal((await verifyChain(store.db)).ok, true);
  });

  test('a refused write comes back as the same answer, and nothing is written', async () => {
    const before = await lastAudit(store);
    const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting({ invite: ['no-such-org'] }) });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'body.invite');
    const f = await call(app, w.users.mofa_member, { method: 'POST', url: '/api/meetings', payload: meeting() });
    assert.equal(f.status, 403);
    assert.equal((await lastAudit(store)).seq, before.seq);
  });

  test('a stale version gets 409 with the current version', async () => {
    const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting() });
    const id = r.body.id;
    const ok = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/meetings/${id}`, headers: { 'if-match': '1' }, payload: { title: 'Renamed' } });
    assert.equal(ok.status, 204);
    const stale = await call(app, w.users.mofa_secretariat, { method: 'PATCH', url: `/api/meetings/${id}`, headers: { 'if-match': '1' }, payload: { title: 'Again' } });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.details.currentVersion, 2);
  });

  test('sign-in on the thread opens a session the next request can use', async () => {
    const s = await app.inject({ method: 'POST', url: '/api/session', payload: { email: w.users.mofa_member.email, password: 'password' } });
    assert.equal(s.statusCode, 200);
    const cookie = s.cookies.find((c) => c.name === 'concord_session')!;
    const me = await app.inject({ method: 'GET', url: '/api/session', cookies: { concord_session: cookie.value } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.email, w.users.mofa_member.email);
  });

  test('close lets the writes in flight finish first', async () => {
    const other = await WriteThread.start(store.location, store);
    const actor = {
      userId: w.users.mofa_secretariat.id,
      email: '',
      displayName: '',
      orgId: w.orgs.mofa,
      partyId: w.parties.kr,
      clearance: 3,
      isAdmin: false,
      locale: 'en',
      roles: { [w.wgId]: 'secretariat' as const },
    };
    const pending = Array.from({ length: 10 }, (_, i) => other.call('createMeeting', { store, actor, requestId: `close-${i}` }, [meeting({ title: `Closing ${i}` })]));
    await other.close();
    const ids = await Promise.all(pending);
    assert.equal(ids.length, 10);
    const rows = await store.db.selectFrom('meetings').select('id').where('title', 'like', 'Closing %').execute();
    assert.equal(rows.length, 10);
  });
});
