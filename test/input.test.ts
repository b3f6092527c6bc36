import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, freshStore, lastAudit, seedWorld, storeKinds, testApp } from './helpers.ts';
import { runCommand } from '../src/server/commands/run.ts';
import { AppError } from '../src/server/errors.ts';

/** Bad input is a 400 naming the field, on every store, and writes nothing. */
for (const kind of storeKinds()) {
  test(`bad input is a 400 naming the field (${kind})`, async (t) => {
    const store = await freshStore(kind);
    const w = await seedWorld(store);
    const app = await testApp(store);
    t.after(async () => {
      await app.close();
      await store.close();
    });
    const sec = w.users.mofa_secretariat;

    /** Sends a request that must be refused with 400 naming `field`, and checks nothing moved. */
    const refused = async (opts: Parameters<typeof call>[2], field: string, message?: RegExp) => {
      const audit = (await lastAudit(store)).seq;
      const marker = await store.changeMarker();
      const r = await call(app, sec, opts);
      assert.equal(r.status, 400, `${opts.method} ${opts.url}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error, 'bad_request');
      assert.equal(r.body.field, field, `${opts.method} ${opts.url}`);
      assert.ok(r.body.requestId);
      if (message) assert.match(r.body.message, message);
      assert.equal((await lastAudit(store)).seq, audit, 'nothing audited');
      assert.equal(await store.changeMarker(), marker, 'the change marker did not move');
      return r;
    };

    await t.test('dates that match the pattern but are no dates', async () => {
      await refused({ method: 'GET', url: '/api/statements?from=2026-13-45' }, 'querystring.from');
      await refused({ method: 'GET', url: '/api/statements?to=2026-02-30' }, 'querystring.to');
      await refused({ method: 'GET', url: '/api/meetings?from=2026-13-45' }, 'querystring.from');
      await refused({ method: 'GET', url: '/api/meetings?from=next%20week' }, 'querystring.from');
      await refused({ method: 'GET', url: '/api/positions?asOf=2019-02-29' }, 'querystring.asOf');
      await refused({ method: 'GET', url: '/api/alignment/matrix?method=agree&from=2026-00-10' }, 'querystring.from');
      await refused({ method: 'GET', url: `/api/working-groups/${w.wgId}/discipline?from=0068-04-55` }, 'querystring.from');
      const meeting = { wgId: w.wgId, title: 'T', level: 'working', format: 'video', timezone: 'Asia/Seoul' };
      for (const startsAt of ['2026-02-30T10:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01T10:00:00Z[Asia/Seoul]', '2016-12-31T23:59:60Z', '9999-12-31T23:59:59-23:59', '2026-01-01']) {
        await refused({ method: 'POST', url: '/api/meetings', payload: { ...meeting, startsAt } }, 'body.startsAt');
      }
      // The well-formed ones still pass.
      const ok = await call(app, sec, { method: 'GET', url: '/api/meetings?from=2026-01-01&to=2026-12-31T00:00:00%2B09:00' });
      assert.equal(ok.status, 200);
      assert.equal((await call(app, sec, { method: 'GET', url: '/api/positions?asOf=2020-02-29' })).status, 200);
    });

    await t.test('limits and offsets: integers in range', async () => {
      for (const list of ['meetings', 'issues', 'statements', 'documents', 'commitments', 'projects', 'articles', 'statement-candidates', 'people']) {
        await refused({ method: 'GET', url: `/api/${list}?offset=99999999999999999999` }, 'querystring.offset');
        await refused({ method: 'GET', url: `/api/${list}?offset=-1` }, 'querystring.offset');
        await refused({ method: 'GET', url: `/api/${list}?limit=1.5` }, 'querystring.limit');
        await refused({ method: 'GET', url: `/api/${list}?limit=0` }, 'querystring.limit');
        assert.equal((await call(app, sec, { method: 'GET', url: `/api/${list}?offset=10000000&limit=1` })).status, 200, list);
      }
      await refused({ method: 'GET', url: '/api/audit?before=99999999999999999999' }, 'querystring.before');
      await refused({ method: 'GET', url: '/api/documents/d/versions/99999999999999999999' }, 'params.number');
    });

    await t.test('a failed schema check names its rule and limit, for a client to word in its language', async () => {
      const zero = await refused({ method: 'GET', url: '/api/meetings?limit=0' }, 'querystring.limit');
      assert.deepEqual(zero.body.details, { rule: 'minimum', limit: 1 });
      const date = await refused({ method: 'GET', url: '/api/statements?from=2026-13-45' }, 'querystring.from');
      assert.deepEqual(date.body.details, { rule: 'format', format: 'date' });
      const long = await refused({ method: 'GET', url: `/api/meetings/${'x'.repeat(201)}` }, 'params.id');
      assert.equal(long.body.details.rule, 'maxLength');
      assert.equal(typeof long.body.details.limit, 'number');
    });

    await t.test('ids longer than any id', async () => {
      await refused({ method: 'GET', url: `/api/meetings/${'x'.repeat(201)}` }, 'params.id');
      await refused({ method: 'GET', url: `/api/working-groups/${'x'.repeat(500)}/dashboard` }, 'params.id');
    });

    await t.test('strings no store keeps as sent: a NUL character, a lone surrogate', async () => {
      const meeting = { wgId: w.wgId, level: 'working', format: 'video', startsAt: '2026-05-01T01:00:00Z', timezone: 'Asia/Seoul' };
      await refused({ method: 'POST', url: '/api/meetings', payload: { ...meeting, title: 'a\u0000b' } }, 'body.title', /NUL/);
      // JSON may escape one half of a pair alone; RFC 8785, the audit trail's canonical JSON, has no form for it.
      await refused(
        {
          method: 'POST',
          url: '/api/meetings',
          payload: `{"wgId":"${w.wgId}","title":"a\\ud800b","level":"working","format":"video","startsAt":"2026-05-01T01:00:00Z","timezone":"Asia/Seoul"}`,
          headers: { 'content-type': 'application/json' },
        },
        'body.title',
        /lone surrogate/,
      );
    });

    await t.test('an unknown record named in a body is caught by the foreign key, on insert and on update', async () => {
      const m = await call(app, sec, {
        method: 'POST',
        url: '/api/meetings',
        payload: { wgId: w.wgId, title: 'Agenda', level: 'working', format: 'video', startsAt: '2026-05-01T01:00:00Z', timezone: 'Asia/Seoul' },
      });
      assert.equal(m.status, 201);
      const url = `/api/meetings/${m.body.id}/agenda`;
      await refused({ method: 'POST', url, payload: { title: 'Item', leadOrgId: 'no-such-organisation' } }, 'body.leadOrgId', /unknown organisation "no-such-organisation"/);
      const item = await call(app, sec, { method: 'POST', url, payload: { title: 'Item', leadOrgId: w.orgs.mou } });
      assert.equal(item.status, 201);
      await refused({ method: 'PATCH', url: `${url}/${item.body.id}`, headers: { 'if-match': '1' }, payload: { leadOrgId: 'nope' } }, 'body.leadOrgId', /unknown organisation "nope"/);
      // Rows written before the failing one in the same command are undone too.
      const meetings = (await store.db.selectFrom('meetings').select('id').execute()).length;
      await refused(
        {
          method: 'POST',
          url: '/api/meetings',
          payload: { wgId: w.wgId, title: 'Invite', level: 'working', format: 'video', startsAt: '2026-05-02T01:00:00Z', timezone: 'Asia/Seoul', invite: [w.orgs.mou, 'ghost'] },
        },
        'body.invite',
        /"ghost"/,
      );
      assert.equal((await store.db.selectFrom('meetings').select('id').execute()).length, meetings);
      // The same organisation twice is refused by the schema.
      await refused(
        {
          method: 'POST',
          url: '/api/meetings',
          payload: { wgId: w.wgId, title: 'Twice', level: 'working', format: 'video', startsAt: '2026-05-02T01:00:00Z', timezone: 'Asia/Seoul', invite: [w.orgs.mou, w.orgs.mou] },
        },
        'body.invite',
      );
    });

    await t.test('in any command: a broken reference is a 400 and a repeated row a 409, naming the field', async () => {
      const ctx = { store, actor: null, requestId: null };
      const guard = { owner_org_id: w.orgs.mofa, owner_party_id: w.parties.kr, scope: 'organisation' as const, classification: 0, wg_id: w.wgId };
      const attempt = (partyId: string) =>
        runCommand(
          ctx,
          async (tx, audit) => {
            await tx.insertInto('wg_parties').values({ wg_id: w.wgId, party_id: partyId }).execute();
            audit({ action: 'working_group.update', entityType: 'working_group', entityId: w.wgId, after: { partyId }, guard });
          },
          { 'wg_parties.party_id': 'body.partyIds' },
        );
      const marker = await store.changeMarker();
      const unknown = await attempt('ghost').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(unknown instanceof AppError, String(unknown));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.field, 'body.partyIds');
      assert.match(unknown.message, /unknown party "ghost"/);
      const repeated = await attempt(w.parties.kr).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(repeated instanceof AppError, String(repeated));
      assert.equal(repeated.status, 409);
      assert.equal(repeated.field, 'body.partyIds');
      assert.equal(await store.changeMarker(), marker, 'refused commands move no marker');
    });
  });
}
