import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { call, freshStore, seedWorld, storeKinds, testApp, type StoreKind } from '../../../test/helpers.ts';
import { exportBundleText, importBundle } from './bundle.ts';
import { verifyChain } from '../audit/chain.ts';
import { TABLE_ORDER, type Database } from '../db/tables.ts';
import type { Store } from '../db/database.ts';

const stamp = { version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };

/** A store with some history: the factory world and a few writes through the API. */
async function storeWithHistory(kind: StoreKind): Promise<Store> {
  const store = await freshStore(kind);
  const w = await seedWorld(store);
  // Keys that a linguistic collation orders differently from a byte-wise one.
  await store.db
    .insertInto('parties')
    .values([
      { id: 'p-ZZ', code: 'ZZ', name: 'Upper', name_ko: null, kind: 'government', ...stamp },
      { id: 'p-a_b', code: 'A_B', name: 'Underscore', name_ko: null, kind: 'government', ...stamp },
      { id: 'p-a-c', code: 'A-C', name: 'Hyphen', name_ko: null, kind: 'government', ...stamp },
      { id: 'p-ab', code: 'AB', name: 'Plain', name_ko: null, kind: 'government', ...stamp },
    ])
    .execute();
  // A calendar token with its scope, group, expiry and last use (migration 013's columns).
  await store.db
    .insertInto('api_tokens')
    .values({
      id: 't-feed',
      user_id: w.users.mofa_member.id,
      name: 'feed',
      token_hash: 'f'.repeat(64),
      created_at: stamp.created_at,
      revoked_at: null,
      scope: 'calendar',
      wg_id: w.wgId,
      expires_at: '2026-04-01T00:00:00.000Z',
      last_used_at: '2026-02-01T08:09:00.000Z',
    })
    .execute();
  const app = await testApp(store);
  const m = await call(app, w.users.mofa_secretariat, {
    method: 'POST',
    url: '/api/meetings',
    payload: {
      wgId: w.wgId,
      title: '회의 / Meeting',
      level: 'working',
      format: 'video',
      startsAt: '2026-03-01T10:00:00+09:00',
      timezone: 'Asia/Seoul',
      invite: [w.orgs.mou],
      scope: 'party',
      classification: 'restricted',
    },
  });
  assert.equal(m.status, 201);
  await call(app, w.users.mou_member, {
    method: 'PUT',
    url: `/api/meetings/${m.body.id}/attendance`,
    headers: { 'if-match': '1' },
    payload: { organisationId: w.orgs.mou, status: 'declined', reason: '“Quoted” reason — with Korean 사유' },
  });
  await call(app, w.users.mofa_secretariat, { method: 'POST', url: `/api/meetings/${m.body.id}/agenda`, payload: { title: 'Agenda', trackId: w.trackId } });
  await app.close();
  return store;
}

/** A version-2 bundle as version 1 had it: the same tables, without the summary and the hash. */
const asVersion1 = (v2: string) => v2.replace('"formatVersion":2', '"formatVersion":1').replace(/\n\},\n"summary":.*\n"sha256":"[0-9a-f]{64}"\}\n$/, '\n}}\n');
const fromText = (text: string | Buffer) => Readable.from([typeof text === 'string' ? Buffer.from(text, 'utf8') : text]);

/** Rows of every table of a bundle's text (parsed whole: for small test bundles only). */
const tablesOf = (text: string): Record<string, Record<string, unknown>[]> => JSON.parse(text).tables;

/** What the bundle held before rows were sorted in SQL: each table sorted in code by its key. */
function sortedInCode(rows: Record<string, unknown>[], keys: string[]) {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k] as string | number,
        y = b[k] as string | number;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}

async function assertUntouched(store: Store) {
  for (const t of ['parties', 'meetings', 'audit_events'] as (keyof Database)[]) {
    assert.equal((await store.db.selectFrom(t).selectAll().execute()).length, 0, `nothing was written to ${t}`);
  }
}

describe('export / import', () => {
  const kinds = storeKinds();
  for (const from of kinds) {
    for (const to of kinds) {
      test(`round trip ${from} → ${to} → export is identical`, async () => {
        const a = await storeWithHistory(from);
        const b = await freshStore(to);
        try {
          const first = await exportBundleText(a);
          const r = await importBundle(b, fromText(first));
          assert.equal(r.formatVersion, 2);
          const second = await exportBundleText(b);
          assert.equal(second, first);
          const tables = tablesOf(first);
          assert.ok(tables.audit_events.length >= 4);
          // Sorted in SQL byte-wise, the rows come in the order the bundle always had.
          for (const t of TABLE_ORDER) {
            const keys = t === 'audit_events' ? ['seq'] : Object.keys(tables[t][0] ?? {}).includes('id') ? ['id'] : null;
            if (keys) assert.deepEqual(tables[t], sortedInCode(tables[t], keys), `${t} in key order`);
          }
          assert.deepEqual(
            tables.parties.map((p) => p.id),
            ['p-ZZ', 'p-a-c', 'p-a_b', 'p-ab', 'p-kr', 'p-us'],
          );
          const feed = tables.api_tokens.find((t) => t.id === 't-feed')!;
          assert.deepEqual([feed.scope, feed.wg_id, feed.expires_at, feed.last_used_at], ['calendar', 'wg-test', '2026-04-01T00:00:00.000Z', '2026-02-01T08:09:00.000Z']);
          assert.ok((await verifyChain(b.db)).ok);
        } finally {
          await a.close();
          await b.close();
        }
      });
    }
  }

  test('a version-1 bundle (no hashes) is read only when accepted as such, and re-exports to the same rows', async () => {
    const a = await storeWithHistory('sqlite');
    const v2 = await exportBundleText(a);
    const v1 = asVersion1(v2);
    assert.notEqual(v1, v2);
    const b = await freshStore('sqlite');
    try {
      await assert.rejects(importBundle(b, fromText(v1)), /version-1 bundle.*--accept-unhashed/);
      await assertUntouched(b);
      const r = await importBundle(b, fromText(v1), { acceptUnhashed: true });
      assert.equal(r.formatVersion, 1);
      assert.equal(await exportBundleText(b), v2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a bundle of another format is refused with a plain message', async () => {
    const b = await freshStore('sqlite');
    try {
      await assert.rejects(importBundle(b, fromText('{"format":"other"}')), /not a Concord bundle/);
      await assert.rejects(importBundle(b, fromText('nope')), /not JSON/);
      await assert.rejects(importBundle(b, fromText('{"format":"concord-bundle","formatVersion":9,"tables":{\n')), /version 9 is not supported/);
    } finally {
      await b.close();
    }
  });
});

/** The lines of a bundle, and the line of its first row in `table`. */
function linesOf(text: string) {
  const lines = text.split('\n');
  const rowOf = (table: string, i = 0) => lines.indexOf(`${JSON.stringify(table)}:[`) + 1 + i;
  return { lines, rowOf };
}

/** Each way a bundle can be damaged, and what the refusal must say. */
const FAULTS: { name: string; damage: (text: string) => string | Buffer; message: RegExp }[] = [
  {
    name: 'the last audit event removed',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      const first = rowOf('audit_events');
      const close = lines.indexOf(']', first);
      lines.splice(close - 1, 1);
      lines[close - 2] = lines[close - 2].replace(/,$/, '');
      return lines.join('\n');
    },
    message: /audit_events.*(rows were removed|events were removed)/,
  },
  {
    name: 'every audit event removed',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      const first = rowOf('audit_events');
      const close = lines.indexOf(']', first);
      lines.splice(first - 1, close - first + 2, '"audit_events":[]');
      return lines.join('\n');
    },
    message: /audit_events.*(rows were removed|events were removed)/,
  },
  {
    name: 'one byte changed in a meeting row',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      lines[rowOf('meetings')] = lines[rowOf('meetings')].replace('"level":"working"', '"level":"wOrking"');
      return lines.join('\n');
    },
    message: /table meetings: its rows do not match the hash/,
  },
  {
    name: 'an invalid UTF-8 byte in a meeting row',
    damage: (text) => {
      const buf = Buffer.from(text, 'utf8');
      const at = buf.indexOf('회의');
      buf[at] = 0xff;
      return buf;
    },
    message: /line \d+ \(table meetings, row 0 \(id "[^"]+"\), column title\): not valid UTF-8/,
  },
  {
    name: 'a version that is not a number',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      lines[rowOf('meetings')] = lines[rowOf('meetings')].replace(/"version":1\b/, '"version":"not-a-number"');
      return lines.join('\n');
    },
    message: /table meetings, row 0 \(id "[^"]+"\): column version must be an integer, not "not-a-number"/,
  },
  {
    name: 'a version of zero',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      lines[rowOf('meetings')] = lines[rowOf('meetings')].replace(/"version":1\b/, '"version":0');
      return lines.join('\n');
    },
    message: /table meetings, row 0 .*column version must be a positive integer/,
  },
  {
    name: 'an unknown column',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      lines[rowOf('meetings')] = lines[rowOf('meetings')].replace(/^\{/, '{"zz_extra":1,');
      return lines.join('\n');
    },
    message: /table meetings, row 0 .*unknown column "zz_extra"/,
  },
  {
    name: 'a required column missing',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      lines[rowOf('meetings')] = lines[rowOf('meetings')].replace(/"title":"[^"]*",/, '');
      return lines.join('\n');
    },
    message: /table meetings, row 0 .*column title is missing/,
  },
  {
    name: 'an edited audit event',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      lines[rowOf('audit_events', 2)] = lines[rowOf('audit_events', 2)].replace('declined', 'accepted');
      return lines.join('\n');
    },
    message: /table audit_events, row 2 \(seq 3\): its content does not match its hash \(the audit chain is broken at event 3\)/,
  },
  {
    // Rows go in many to a statement: the one the store refuses is still the one named.
    name: 'a meeting row twice (its id is taken)',
    damage: (text) => {
      const { lines, rowOf } = linesOf(text);
      const row = lines[rowOf('meetings')];
      lines.splice(rowOf('meetings'), 1, row.endsWith(',') ? row : `${row},`, row);
      return lines.join('\n');
    },
    // SQLite names the row; PostgreSQL, which undoes the whole transaction, the rows and the key.
    message: /table meetings, (row 1 \(id "[^"]+"\): the store refused it|rows 0–1: the store refused them .*Key \(id\)=\([^)]+\) already exists)/,
  },
  {
    name: 'a truncated file',
    damage: (text) => text.slice(0, Math.floor(text.length / 2)),
    message: /truncated/,
  },
  {
    name: 'the file cut after a whole line',
    damage: (text) => text.slice(0, text.indexOf('\n"summary"') + 1),
    message: /ends early.*truncated/,
  },
  {
    name: 'a wrong hash',
    damage: (text) => text.replace(/"sha256":"([0-9a-f])([0-9a-f]{63})"\}\n$/, (_m, a: string, rest: string) => `"sha256":"${a === '0' ? '1' : '0'}${rest}"}\n`),
    message: /content does not match its hash.*altered after export/,
  },
];

describe('import refuses a damaged bundle and writes nothing', () => {
  for (const kind of storeKinds()) {
    test(`each fault, on ${kind}`, async () => {
      const a = await storeWithHistory('sqlite');
      const text = await exportBundleText(a);
      await a.close();
      const b = await freshStore(kind);
      try {
        for (const f of FAULTS) {
          const damaged = f.damage(text);
          assert.notDeepEqual(damaged, text, f.name);
          await assert.rejects(
            importBundle(b, fromText(damaged)),
            (e: Error) => {
              assert.match(e.message, f.message, f.name);
              return true;
            },
            f.name,
          );
          await assertUntouched(b);
        }
        // The store took nothing from any of them: the intact bundle still imports.
        await importBundle(b, fromText(text));
        assert.equal(await exportBundleText(b), text);
        await assert.rejects(importBundle(b, fromText(text)), /not empty/);
      } finally {
        await b.close();
      }
    });
  }

  // A bundle without hashes (version 1, accepted as such) can name a record it does not hold: the
  // store's foreign keys refuse it (PostgreSQL checks them when it makes them again at the end).
  for (const kind of storeKinds()) {
    test(`a row naming a record the bundle does not hold is refused, on ${kind}`, async () => {
      const a = await storeWithHistory('sqlite');
      const v2 = await exportBundleText(a);
      await a.close();
      const v1 = asVersion1(v2);
      const { lines, rowOf } = linesOf(v1);
      lines[rowOf('meetings')] = lines[rowOf('meetings')].replace(/"wg_id":"[^"]*"/, '"wg_id":"no-such-group"');
      const b = await freshStore(kind);
      try {
        await assert.rejects(importBundle(b, fromText(lines.join('\n')), { acceptUnhashed: true }), (e: Error) => {
          assert.match(
            e.message,
            kind === 'sqlite' ? /table meetings, row 0 .*the store refused it \(FOREIGN KEY/ : /table meetings: a row names a record that is not in the bundle: Key \(wg_id\)=\(no-such-group\)/,
          );
          return true;
        });
        await assertUntouched(b);
      } finally {
        await b.close();
      }
    });
  }

  test('the command exits 1 with the message on stderr', async () => {
    const a = await storeWithHistory('sqlite');
    const text = await exportBundleText(a);
    await a.close();
    const dir = mkdtempSync(join(tmpdir(), 'concord-bundle-'));
    try {
      const file = join(dir, 'b.json');
      writeFileSync(file, FAULTS.find((f) => f.name === 'a version that is not a number')!.damage(text));
      const bin = resolve(import.meta.dirname, '../../../bin/concord.js');
      const r = spawnSync(process.execPath, [bin, 'import', file], { env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'c.db')}` }, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /table meetings, row 0 .*column version must be an integer.*nothing was imported/);
      // The SHA-256 kept apart from the file: another bundle is refused, the right one imports.
      writeFileSync(file, text);
      const digest = /"sha256":"([0-9a-f]{64})"\}\n$/.exec(text)![1];
      const wrong = spawnSync(process.execPath, [bin, 'import', '--sha256', '0'.repeat(64), file], { env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'c.db')}` }, encoding: 'utf8' });
      assert.equal(wrong.status, 1, wrong.stderr);
      assert.match(wrong.stderr, /sha256 is [0-9a-f]{64}, not the expected 0{64}.*nothing was imported/);
      const right = spawnSync(process.execPath, [bin, 'import', '--sha256', digest, file], { env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'c.db')}` }, encoding: 'utf8' });
      assert.equal(right.status, 0, right.stderr);
      assert.match(right.stdout, new RegExp(`sha256 ${digest} checked`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const execFileAsync = promisify(execFile);
async function exportByCommand(path: string): Promise<string> {
  const bin = resolve(import.meta.dirname, '../../../bin/concord.js');
  try {
    const r = await execFileAsync(process.execPath, [bin, 'export', '-'], { env: { ...process.env, DATABASE_URL: `sqlite:${path}` }, encoding: 'utf8', maxBuffer: 1 << 26 });
    return r.stdout;
  } catch (e) {
    const { stdout, ...rest } = e as { stdout?: string };
    throw new Error(`concord export failed: ${JSON.stringify({ ...rest, message: (e as Error).message, stdoutBytes: stdout?.length, stdoutTail: stdout?.slice(-300) })}`);
  }
}

describe('export under write load', () => {
  for (const source of storeKinds())
    test(`three exports of ${source} taken while the API writes each import cleanly and verify`, async () => {
      const a = await freshStore(source);
      const w = await seedWorld(a);
      const app = await testApp(a);
      let stop = false;
      let writes = 0;
      // Writers: meetings with invitations (each adds attendance rows) and attendance replies.
      const writer = async (n: number) => {
        while (!stop) {
          const m = await call(app, w.users.mofa_secretariat, {
            method: 'POST',
            url: '/api/meetings',
            payload: {
              wgId: w.wgId,
              title: `Load ${n}-${writes}`,
              level: 'working',
              format: 'video',
              startsAt: '2026-03-01T10:00:00+09:00',
              timezone: 'Asia/Seoul',
              invite: [w.orgs.mou, w.orgs.state],
            },
          });
          assert.equal(m.status, 201, JSON.stringify(m.body));
          const r = await call(app, w.users.mou_member, {
            method: 'PUT',
            url: `/api/meetings/${m.body.id}/attendance`,
            headers: { 'if-match': '1' },
            payload: { organisationId: w.orgs.mou, status: 'attending' },
          });
          assert.ok(r.status < 300, JSON.stringify(r.body));
          writes += 2;
        }
      };
      // Each round: the writers start, and once they have committed a few writes the export is
      // taken while they go on; they stop when it is done, so the checks below run on a quiet machine.
      let failed: unknown = null;
      let overlapped = 0;
      try {
        for (let round = 0; round < 3; round++) {
          stop = false;
          const writers = [writer(1), writer(2), writer(3)].map((p) =>
            p.catch((e) => {
              failed ??= e;
              stop = true;
            }),
          );
          let text: string;
          let during: number;
          try {
            const start = writes;
            while (writes < start + 10 && !failed) await new Promise((r) => setTimeout(r, 10));
            if (failed) throw failed;
            const before = writes;
            // SQLite: `concord export` in its own process, as beside a running server (in this process
            // the export's reads would not give the writers a turn of the event loop).
            text = source === 'sqlite' ? await exportByCommand(a.location) : await exportBundleText(a);
            during = writes - before;
          } finally {
            stop = true;
            await Promise.all(writers);
          }
          if (failed) throw failed;
          for (const kind of storeKinds()) {
            const b = await freshStore(kind);
            try {
              await importBundle(b, fromText(text));
              const v = await verifyChain(b.db);
              assert.ok(v.ok, `round ${round} into ${kind}: ${JSON.stringify(v)}`);
              const t = tablesOf(text);
              assert.equal(v.checked, t.audit_events.length);
            } finally {
              await b.close();
            }
          }
          overlapped += during;
        }
        assert.ok(overlapped > 0, 'writes committed while the exports ran');
      } finally {
        await app.close();
        await a.close();
      }
    });
});
