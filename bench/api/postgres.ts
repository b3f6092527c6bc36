/**
 * API load benchmark on PostgreSQL as a multi-instance deployment runs it: two `concord serve`
 * processes on one fresh PostgreSQL database (made for the run, dropped after), read cache off
 * (CONCORD_READ_CACHE=off: every read goes to the store, as it must when another process may
 * have written), 32 connections in all (autocannon, 16 to each process, as a proxy spreading them
 * would). Beside it, in the same run and round by round: the bare Fastify JSON handler
 * (bench/api/bare-server.ts), as one process with 32 connections (the baseline of bench/api/run.ts)
 * and as two processes with 16 each (the same topology as Concord's); and a bare handler that
 * makes only the store's cheapest round trips (bench/api/bare-pg-server.ts: one select a GET; a
 * begin, insert and commit a POST), two processes, on the same database: what any handler on this
 * PostgreSQL pays, which tells Concord's own cost apart from the store's. Prints requests/s, p99
 * and the ratios (median of rounds).
 *
 * Targets: reads ≥ 30 % and writes ≥ 15 % of the bare handler, p99 ≤ 25 ms at 32 connections.
 * Run: CONCORD_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api:pg
 *      (ROUNDS=3 SECONDS=8 BENCH_PORT=8113: Concord on BENCH_PORT and the next; bare servers on free ports)
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { start } from './start.ts';
import { migrateToLatest, openStore } from '../../src/server/db/database.ts';
import { seedWorld } from '../../test/helpers.ts';
import { adminQuery } from '../../test/started/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 8);
const CONNECTIONS = 32;
const PORT = Number(process.env.BENCH_PORT ?? 8113);
const ADMIN = process.env.CONCORD_TEST_PG;
if (!ADMIN) {
  console.error('Set CONCORD_TEST_PG to a PostgreSQL server (postgres://postgres@127.0.0.1:5432/postgres)');
  process.exit(2);
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** One load spread over several servers at once (connections split evenly); requests/s summed, the worst p99. */
async function load(urls: string[], opts: Omit<autocannon.Options, 'url'>): Promise<Load> {
  const each = CONNECTIONS / urls.length;
  const rs = await Promise.all(urls.map((url) => autocannon({ connections: each, duration: SECONDS, ...opts, url })));
  return {
    rps: rs.reduce((n, r) => n + r.requests.average, 0),
    p99: Math.max(...rs.map((r) => r.latency.p99)),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const name = `concord_bench_api_${randomBytes(4).toString('hex')}`;
await adminQuery(ADMIN, `create database ${name}`);
const dbUrl = new URL(ADMIN);
dbUrl.pathname = `/${name}`;
const url = dbUrl.toString();
const dir = mkdtempSync(join(tmpdir(), 'concord-bench-pg-'));
const children: ChildProcess[] = [];
try {
  const store = openStore(url);
  await migrateToLatest(store.db);
  const w = await seedWorld(store);
  await store.close();

  const env = { DATABASE_URL: url, CONCORD_READ_CACHE: 'off', CONCORD_KEY_FILE: join(dir, 'concord-signing-key.pem') };
  const a = await start(['bin/concord.js', 'serve', '--port', String(PORT)], env);
  children.push(a.child);
  const b = await start(['bin/concord.js', 'serve', '--port', String(PORT + 1)], env);
  children.push(b.child);
  const concord = [a, b].map((s) => `http://127.0.0.1:${s.port}`);
  const auth = { authorization: `Bearer ${w.users.mofa_secretariat.token}`, 'content-type': 'application/json' };
  const meetingBody = JSON.stringify({ wgId: w.wgId, title: 'Bench meeting', level: 'working', format: 'video', startsAt: '2026-03-01T10:00:00+09:00', timezone: 'Asia/Seoul', invite: [w.orgs.mou] });
  for (let i = 0; i < 50; i++) await fetch(`${concord[i % 2]}/api/meetings`, { method: 'POST', headers: auth, body: meetingBody });
  const first = (await (await fetch(`${concord[0]}/api/meetings?limit=1`, { headers: auth })).json()) as { items: { id: string }[] };
  const meetingId = first.items[0].id;

  const bare1 = await start(['bench/api/bare-server.ts'], { PORT: '0' });
  children.push(bare1.child);
  const bare2 = await start(['bench/api/bare-server.ts'], { PORT: '0' });
  children.push(bare2.child);
  // One after the other: each makes its table if it is not there, and two concurrent
  // `create table if not exists` can collide in PostgreSQL's catalogue.
  const barePg = [];
  for (let i = 0; i < 2; i++) barePg.push(await start(['bench/api/bare-pg-server.ts'], { PORT: '0', DATABASE_URL: url }));
  children.push(...barePg.map((s) => s.child));
  const barePgUrls = barePg.map((s) => `http://127.0.0.1:${s.port}/bare-pg`);
  const bareOne = [`http://127.0.0.1:${bare1.port}/bare`];
  const bareTwo = [bare1, bare2].map((s) => `http://127.0.0.1:${s.port}/bare`);

  const rounds: Record<string, Load[]> = { bare_read_1: [], bare_read_2: [], bare_pg_read: [], read_list: [], read_record: [], bare_write_1: [], bare_write_2: [], bare_pg_write: [], write: [] };
  const post = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: meetingBody };
  for (let r = 0; r < ROUNDS; r++) {
    rounds.bare_read_1.push(await load(bareOne, {}));
    rounds.bare_read_2.push(await load(bareTwo, {}));
    rounds.bare_pg_read.push(await load(barePgUrls, {}));
    rounds.read_list.push(
      await load(
        concord.map((u) => `${u}/api/meetings?wgId=${w.wgId}&limit=20`),
        { headers: auth },
      ),
    );
    rounds.read_record.push(
      await load(
        concord.map((u) => `${u}/api/meetings/${meetingId}`),
        { headers: auth },
      ),
    );
    rounds.bare_write_1.push(await load(bareOne, post));
    rounds.bare_write_2.push(await load(bareTwo, post));
    rounds.bare_pg_write.push(await load(barePgUrls, post));
    const wr = await load(
      concord.map((u) => `${u}/api/meetings`),
      { method: 'POST', headers: auth, body: meetingBody },
    );
    if (wr.non2xx || wr.errors) console.error(`write round ${r}: ${wr.non2xx} non-2xx, ${wr.errors} errors`);
    rounds.write.push(wr);
    for (const k of ['read_list', 'read_record'] as const) {
      const last = rounds[k][rounds[k].length - 1];
      if (last.non2xx || last.errors) console.error(`${k} round ${r}: ${last.non2xx} non-2xx, ${last.errors} errors`);
    }
  }

  const med = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, { rps: median(v.map((x) => x.rps)), p99: median(v.map((x) => x.p99)) }]));
  const perRound = (k: string, base: string) => median(rounds[k].map((x, i) => x.rps / rounds[base][i].rps));
  const ratios = {
    read_list_vs_bare: perRound('read_list', 'bare_read_1'),
    read_record_vs_bare: perRound('read_record', 'bare_read_1'),
    write_vs_bare: perRound('write', 'bare_write_1'),
    read_list_vs_two_bare: perRound('read_list', 'bare_read_2'),
    read_record_vs_two_bare: perRound('read_record', 'bare_read_2'),
    write_vs_two_bare: perRound('write', 'bare_write_2'),
    read_list_vs_bare_pg: perRound('read_list', 'bare_pg_read'),
    read_record_vs_bare_pg: perRound('read_record', 'bare_pg_read'),
    write_vs_bare_pg: perRound('write', 'bare_pg_write'),
  };
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`\nConcord API load on PostgreSQL: two processes, read cache off, ${CONNECTIONS} connections (median of ${ROUNDS} rounds of ${SECONDS} s)`);
  console.log('load                      req/s    p99 ms   vs bare (1 process)   vs bare (2 processes)   vs bare + store');
  const row = (label: string, k: string, r1?: number, r2?: number, r3?: number) =>
    console.log(
      `${label.padEnd(22)} ${med[k].rps.toFixed(0).padStart(8)} ${String(med[k].p99).padStart(9)}   ${r1 === undefined ? '' : pct(r1).padStart(10)}            ${r2 === undefined ? '' : pct(r2).padStart(10)}              ${r3 === undefined ? '' : pct(r3).padStart(10)}`,
    );
  row('bare GET, 1 process', 'bare_read_1');
  row('bare GET, 2 processes', 'bare_read_2');
  row('bare + store GET', 'bare_pg_read');
  row('read list (20)', 'read_list', ratios.read_list_vs_bare, ratios.read_list_vs_two_bare, ratios.read_list_vs_bare_pg);
  row('read record', 'read_record', ratios.read_record_vs_bare, ratios.read_record_vs_two_bare, ratios.read_record_vs_bare_pg);
  row('bare POST, 1 process', 'bare_write_1');
  row('bare POST, 2 processes', 'bare_write_2');
  row('bare + store POST', 'bare_pg_write');
  row('write (create meeting)', 'write', ratios.write_vs_bare, ratios.write_vs_two_bare, ratios.write_vs_bare_pg);
  console.log('targets: reads ≥ 30 %, writes ≥ 15 % of the bare handler (1 process); p99 ≤ 25 ms');
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/api-postgres.json'),
    JSON.stringify({ rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, store: 'postgresql, 2 processes, read cache off', medians: med, ratios, all: rounds }, null, 2),
  );
} finally {
  for (const c of children) c.kill();
  await new Promise((r) => setTimeout(r, 500));
  await adminQuery(ADMIN, `drop database if exists ${name} with (force)`);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
