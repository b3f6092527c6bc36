/**
 * Notifications: written with the change (the outbox), only to those who may see the record, in
 * their language; mailed through a real SMTP server (smtp-server) and read back with a MIME parser
 * (mailparser), with the iTIP message a calendar takes; a refusal retried; and a deliverer killed
 * mid-batch loses nothing, resending at most what was in flight, under the same Message-ID.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { FastifyInstance } from 'fastify';
import { migrateToLatest, openStore, type Store } from '../src/server/db/database.ts';
import { Deliverer, smtpTransport } from '../src/server/notify/deliver.ts';
import { call, freshStore, seedWorld, storeKinds, testApp, type World } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** A local SMTP server that keeps what it accepts; `refuse` answers the next n messages with a 4xx. */
async function smtp(opts: { delayMs?: number } = {}) {
  const mails: ParsedMail[] = [];
  const state = { refuse: 0, permanent: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (state.permanent > 0) {
          state.permanent--;
          return cb(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }));
        }
        if (state.refuse > 0) {
          state.refuse--;
          return cb(Object.assign(new Error('451 try again later'), { responseCode: 451 }));
        }
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        mails.push(await simpleParser(Buffer.concat(chunks)));
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return { mails, state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const kind of storeKinds()) {
  describe(`notifications (${kind})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let w: World;
    before(async () => {
      store = await freshStore(kind);
      w = await seedWorld(store);
      await store.db.updateTable('users').set({ locale: 'ko' }).where('id', 'in', [w.users.mou_chair.id, w.users.mou_member.id]).execute();
      app = await testApp(store);
    });
    after(async () => {
      await app.close();
      await store.close();
    });

    const meeting = (over: Record<string, unknown> = {}) => ({
      wgId: w.wgId,
      title: 'Sanctions track meeting',
      titleKo: '제재 분야 회의',
      level: 'working',
      format: 'in_person',
      place: 'Seoul',
      startsAt: '2026-03-01T10:00:00+09:00',
      endsAt: '2026-03-01T12:00:00+09:00',
      timezone: 'Asia/Seoul',
      invite: [w.orgs.mofa, w.orgs.mou, w.orgs.state],
      ...over,
    });
    const recipientsOf = async (entityId: string) =>
      (await store.db.selectFrom('notifications').select(['user_id', 'kind']).where('entity_id', '=', entityId).orderBy('user_id').execute()).map((r) => r.user_id);
    const roleHolders = () => Object.values(w.users).filter((u) => u.role);

    test('a meeting written notifies, in the same transaction, exactly those with a role in the group who may see it', async () => {
      const r = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting() });
      assert.equal(r.status, 201);
      const told = await recipientsOf(r.body.id);
      // Group scope: the member organisations' role holders (MOFA, MOU, State), not DoD's (not a member), not the author.
      const expected = roleHolders()
        .filter((u) => [w.orgs.mofa, w.orgs.mou, w.orgs.state].includes(u.orgId) && u.id !== w.users.mofa_secretariat.id)
        .map((u) => u.id)
        .sort();
      assert.deepEqual(told, expected);
      // Each recipient may open the meeting; everyone else with a role may not be told, and is not.
      for (const u of roleHolders()) {
        const sees = (await call(app, u, { method: 'GET', url: `/api/meetings/${r.body.id}` })).status === 200;
        if (told.includes(u.id)) assert.ok(sees, `${u.id} was told of a meeting they cannot open`);
      }
    });

    test('no notification reaches a user who may not see its record: organisation scope, classification', async () => {
      const internal = await call(app, w.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting({ scope: 'organisation', title: 'MOFA internal prep' }) });
      assert.equal(internal.status, 201, JSON.stringify(internal.body));
      const told = await recipientsOf(internal.body.id);
      assert.ok(told.length > 0);
      for (const id of told) assert.equal(Object.values(w.users).find((u) => u.id === id)!.orgId, w.orgs.mofa, 'only MOFA hears of a MOFA-only meeting');

      const confidential = await call(app, w.users.mofa_chair, { method: 'POST', url: '/api/meetings', payload: meeting({ classification: 'confidential', title: 'Confidential session' }) });
      assert.equal(confidential.status, 201, JSON.stringify(confidential.body));
      for (const id of await recipientsOf(confidential.body.id)) {
        assert.ok(Object.values(w.users).find((u) => u.id === id)!.clearance >= 2, 'only the cleared hear of a confidential meeting');
      }
      // A notification never names what its reader may not see: each user's list holds only their own rows.
      for (const u of roleHolders()) {
        const mine = await call(app, u, { method: 'GET', url: '/api/notifications' });
        assert.equal(mine.status, 200);
        for (const n of mine.body.items) assert.equal((await call(app, u, { method: 'GET', url: `/api/meetings/${n.entityId}` })).status, 200);
      }
    });

    test('a decline tells the group’s chairs and secretariats, with the reason, in their language', async () => {
      const m = await call(app, w.users.mofa_secretariat, {
        method: 'POST',
        url: '/api/meetings',
        payload: meeting({ title: 'Consultation on the Joint Fact Sheet', invite: [w.orgs.mofa, w.orgs.state] }),
      });
      const d = await call(app, w.users.mou_member, {
        method: 'PUT',
        url: `/api/meetings/${m.body.id}/attendance`,
        payload: { organisationId: w.orgs.mou, status: 'declined', reason: 'We hold our own consultation' },
      });
      assert.equal(d.status, 200, JSON.stringify(d.body));
      const rows = await store.db.selectFrom('notifications').selectAll().where('entity_id', '=', m.body.id).where('kind', '=', 'attendance_declined').execute();
      assert.ok(rows.length > 0);
      for (const n of rows) {
        assert.match(n.body, /We hold our own consultation/);
        assert.equal(n.ical, null);
      }
      const ko = rows.find((n) => n.user_id === w.users.mou_chair.id)!;
      assert.match(ko.subject, /불참/);
      assert.match(ko.body, /사유: We hold our own consultation/);
    });

    test('mailed through SMTP: subject in the reader’s language, iTIP REQUEST and CANCEL, one Message-ID each; a refusal is retried, a permanent one gives up', async () => {
      const server = await smtp();
      try {
        const m = await call(app, w.users.state_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting({ title: 'Rail survey review' }) });
        const c = await call(app, w.users.state_secretariat, {
          method: 'POST',
          url: `/api/meetings/${m.body.id}/cancel`,
          headers: { 'if-match': '1' },
          payload: { reason: 'Exemption not yet granted' },
        });
        assert.equal(c.status, 204, JSON.stringify(c.body));
        // Everything else waiting is not this test's: mark it sent.
        await store.db.updateTable('notifications').set({ email_state: 'sent' }).where('entity_id', '<>', m.body.id).execute();
        const due = await store.db.selectFrom('notifications').select(['id', 'user_id', 'kind']).where('entity_id', '=', m.body.id).execute();
        assert.ok(
          due.some((n) => n.kind === 'meeting_cancelled'),
          'the cancellation notifies',
        );
        server.state.refuse = 1;
        server.state.permanent = 0;
        let clock = Date.now();
        const d = new Deliverer({ store, transport: smtpTransport(server.url), batch: 100 });
        const first = await d.runOnce(() => new Date(clock));
        assert.equal(first.failed, 1, 'the refused one waits');
        assert.equal(first.sent, due.length - 1);
        clock += 31_000; // past the first backoff
        const second = await d.runOnce(() => new Date(clock));
        assert.deepEqual(second, { sent: 1, failed: 0 });
        await d.stop();
        assert.equal(server.mails.length, due.length);
        const ids = new Set(server.mails.map((x) => x.messageId));
        assert.equal(ids.size, due.length, 'one Message-ID per notification');
        const toKo = server.mails.find((x) => x.to && JSON.stringify(x.to).includes(w.users.mou_chair.email) && /취소/.test(x.subject ?? ''));
        assert.ok(toKo, 'the Korean reader’s cancellation is in Korean');
        const invite = server.mails.find((x) => /^New meeting: Rail survey review/.test(x.subject ?? ''))!;
        const ics = (invite.attachments.find((a) => a.contentType.startsWith('text/calendar')) ?? { content: Buffer.from(invite.text ?? '') }).content.toString();
        assert.match(ics, /METHOD:REQUEST/);
        assert.match(ics, new RegExp(`UID:${m.body.id}@concord`));
        const cancel = server.mails.find((x) => /^Cancelled: Rail survey review/.test(x.subject ?? ''))!;
        const cics = cancel.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content.toString();
        assert.match(cics, /METHOD:CANCEL/);
        assert.match(cancel.text ?? '', /Exemption not yet granted/);
        const states = await store.db.selectFrom('notifications').select('email_state').where('entity_id', '=', m.body.id).execute();
        assert.ok(states.every((s) => s.email_state === 'sent'));

        // A permanent refusal (5xx) is not retried.
        const m2 = await call(app, w.users.state_secretariat, { method: 'POST', url: '/api/meetings', payload: meeting({ title: 'Another review' }) });
        server.state.permanent = 100;
        const d2 = new Deliverer({ store, transport: smtpTransport(server.url), batch: 100 });
        await d2.runOnce();
        await d2.stop();
        const after2 = await store.db.selectFrom('notifications').select(['email_state', 'last_error']).where('entity_id', '=', m2.body.id).execute();
        assert.ok(after2.every((s) => s.email_state === 'failed' && /550/.test(s.last_error ?? '')));
      } finally {
        await server.close();
      }
    });

    test('a deliverer killed mid-batch loses nothing: after a restart every notification arrived, at most the one in flight twice, under one Message-ID', {
      timeout: 180_000,
    }, async () => {
      if (kind !== 'sqlite') return; // once is enough: the deliverer's own process opens the test's SQLite file
      const dir = mkdtempSync(join(tmpdir(), 'concord-notify-'));
      const server = await smtp({ delayMs: 150 });
      try {
        const s2 = openStore(`sqlite:${join(dir, 'c.db')}`);
        await migrateToLatest(s2.db);
        const w2 = await seedWorld(s2);
        const a2 = await testApp(s2);
        for (let i = 0; i < 4; i++) {
          const r = await call(a2, w2.users.mofa_secretariat, { method: 'POST', url: '/api/meetings', payload: { ...meeting(), wgId: w2.wgId, invite: [], title: `Meeting ${i}` } });
          assert.equal(r.status, 201);
        }
        const expected = await s2.db.selectFrom('notifications').select('id').execute();
        assert.ok(expected.length >= 20, `${expected.length} notifications`);
        await a2.close();
        await s2.close();
        // The deliverer runs as a program of its own, not as a test: no test-runner context, no inherited Concord settings.
        const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^CONCORD_/.test(k) && k !== 'NODE_TEST_CONTEXT' && k !== 'NODE_OPTIONS'));
        const env = { ...inherited, DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, SMTP_URL: server.url, SMTP_FROM: 'concord@mofa.example' };
        const bin = join(ROOT, 'bin/concord.js');
        const first = spawn(process.execPath, [bin, 'notify', '--every', '200'], { env, stdio: 'ignore' });
        while (server.mails.length < 3) await new Promise((r) => setTimeout(r, 20));
        first.kill('SIGKILL');
        await new Promise((r) => first.once('exit', r));
        const beforeRestart = server.mails.length;
        assert.ok(beforeRestart < expected.length, 'killed mid-batch');
        // The lease of the killed deliverer's rows must run out first: shorten it by rewinding it.
        const s3 = openStore(`sqlite:${join(dir, 'c.db')}`);
        await s3.db
          .updateTable('notifications')
          .set({ lease_until: new Date(Date.now() - 1000).toISOString() })
          .where('email_state', '=', 'sending')
          .execute();
        await s3.close();
        const second = spawn(process.execPath, [bin, 'notify', '--every', '200'], { env, stdio: 'ignore' });
        const deadline = Date.now() + 120_000;
        while (new Set(server.mails.map((m) => m.messageId)).size < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        second.kill('SIGTERM');
        await new Promise((r) => second.once('exit', r));
        const ids = server.mails.map((m) => m.messageId!);
        const distinct = new Set(ids);
        assert.equal(distinct.size, expected.length, 'every notification arrived');
        assert.ok(ids.length - distinct.size <= 1, `at most the one in flight twice (${ids.length - distinct.size} repeated)`);
        for (const id of expected)
          assert.ok(
            [...distinct].some((m) => m.includes(id.id)),
            'each under its own Message-ID',
          );
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
