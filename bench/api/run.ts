/**
 * API load benchmark: a read-heavy and a write-heavy load (autocannon, 32 connections) against
 * `concord serve` on the embedded store, beside a bare Fastify JSON handler measured in the same
 * run. Prints requests/s and p99 of each, and their ratios to the bare handler (medians of the
 * rounds). The bare server also serves the list's exact body, so the list's ratio can be read both
 * against the bare handler's small answer (the target) and against the same bytes (Concord's own
 * work without the cost of the body on the wire). Run: npm run bench:api  (ROUNDS=3 SECONDS=8)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import autocannon from 'autocannon';
import { start } from './start.ts';
import { migrateToLatest, openStore } from '../../src/server/db/database.ts';
import { seedWorld } from '../../test/helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 8);
const CONNECTIONS = 32;
// LOADS=write (or a comma list of bare,read,cold,write,sync) runs only those loads, for quick checks.
const LOADS = new Set((process.env.LOADS ?? 'bare,read,cold,write').split(','));
// The first port to try for Concord (the cold server tries ten above it).
const PORT = Number(process.env.BENCH_PORT ?? 18080);

async function load(opts: autocannon.Options): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
const url = `sqlite:${join(dir, 'bench.db')}`;
const store = openStore(url);
await migrateToLatest(store.db);
const w = await seedWorld(store);
await store.close();

const concord = await start(['bin/concord.js', 'serve', '--port', String(PORT)], { DATABASE_URL: url });
const base = `http://127.0.0.1:${concord.port}`;
const auth = { authorization: `Bearer ${w.users.mofa_secretariat.token}`, 'content-type': 'application/json' };
const meetingBody = JSON.stringify({ wgId: w.wgId, title: 'Bench meeting', level: 'working', format: 'video', startsAt: '2026-03-01T10:00:00+09:00', timezone: 'Asia/Seoul', invite: [w.orgs.mou] });

// Some meetings to read.
for (let i = 0; i < 50; i++) await fetch(`${base}/api/meetings`, { method: 'POST', headers: auth, body: meetingBody });
const first = (await (await fetch(`${base}/api/meetings?limit=1`, { headers: auth })).json()) as { items: { id: string }[] };
const meetingId = first.items[0].id;
// The same server with the read cache off: every read goes to the store (the cold path). It gets
// a copy of the store: with a second server on the same file, even an idle one, the write load
// measured a quarter slower (its checkpointer works the same WAL).
const coldPath = join(dir, 'cold.db');
const snap = new DatabaseSync(join(dir, 'bench.db'));
snap.exec(`VACUUM INTO '${coldPath}'`);
snap.close();
const cold = LOADS.has('cold') ? await start(['bin/concord.js', 'serve', '--port', String(PORT + 10)], { DATABASE_URL: `sqlite:${coldPath}`, CONCORD_READ_CACHE: 'off' }) : null;
const coldBase = `http://127.0.0.1:${cold?.port}`;
// LOADS=sync: the write load against a second server at CONCORD_SQLITE_SYNC=normal (on a copy of
// the store), measured back to back with the default (FULL) in each round, in turns, so the cost of
// an fsync per group commit is read as a ratio on the same machine at the same moment.
const normalPath = join(dir, 'normal.db');
if (LOADS.has('sync')) {
  const s2 = new DatabaseSync(join(dir, 'bench.db'));
  s2.exec(`VACUUM INTO '${normalPath}'`);
  s2.close();
}
const normal = LOADS.has('sync') ? await start(['bin/concord.js', 'serve', '--port', String(PORT + 20)], { DATABASE_URL: `sqlite:${normalPath}`, CONCORD_SQLITE_SYNC: 'normal' }) : null;
// The bare server also serves the list's exact body, to separate the bytes from the work.
const listBody = await (await fetch(`${base}/api/meetings?wgId=${w.wgId}&limit=20`, { headers: auth })).text();
writeFileSync(join(dir, 'list-body.json'), listBody);
const bare = await start(['bench/api/bare-server.ts'], { PORT: '0', BARE_BODY_FILE: join(dir, 'list-body.json') });

const rounds: Record<string, { rps: number; p99: number }[]> = {
  bare_read: [],
  bare_body: [],
  read_list: [],
  read_record: [],
  cold_list: [],
  cold_record: [],
  bare_write: [],
  write: [],
  sync_full: [],
  sync_normal: [],
};
for (let r = 0; r < ROUNDS; r++) {
  if (LOADS.has('bare') || LOADS.has('read') || LOADS.has('cold')) {
    rounds.bare_read.push(await load({ url: `http://127.0.0.1:${bare.port}/bare` }));
    rounds.bare_body.push(await load({ url: `http://127.0.0.1:${bare.port}/bare-body` }));
  }
  if (LOADS.has('read')) {
    rounds.read_list.push(await load({ url: `${base}/api/meetings?wgId=${w.wgId}&limit=20`, headers: auth }));
    rounds.read_record.push(await load({ url: `${base}/api/meetings/${meetingId}`, headers: auth }));
  }
  if (LOADS.has('cold')) {
    rounds.cold_list.push(await load({ url: `${coldBase}/api/meetings?wgId=${w.wgId}&limit=20`, headers: auth }));
    rounds.cold_record.push(await load({ url: `${coldBase}/api/meetings/${meetingId}`, headers: auth }));
  }
  if (LOADS.has('write')) {
    rounds.bare_write.push(await load({ url: `http://127.0.0.1:${bare.port}/bare`, method: 'POST', headers: { 'content-type': 'application/json' }, body: meetingBody }));
    const wr = await load({ url: `${base}/api/meetings`, method: 'POST', headers: auth, body: meetingBody });
    if (wr.non2xx || wr.errors) console.error(`write round ${r}: ${wr.non2xx} non-2xx, ${wr.errors} errors`);
    rounds.write.push(wr);
  }
  if (LOADS.has('sync')) {
    const order = r % 2 ? (['normal', 'full'] as const) : (['full', 'normal'] as const);
    for (const mode of order) {
      const target = mode === 'full' ? base : `http://127.0.0.1:${normal!.port}`;
      rounds[`sync_${mode}`].push(await load({ url: `${target}/api/meetings`, method: 'POST', headers: auth, body: meetingBody }));
    }
  }
}
normal?.child.kill();
bare.child.kill();
concord.child.kill();
cold?.child.kill();

const med = Object.fromEntries(
  Object.entries(rounds)
    .filter(([, v]) => v.length)
    .map(([k, v]) => [k, { rps: median(v.map((x) => x.rps)), p99: median(v.map((x) => x.p99)) }]),
);
// The machine's speed drifts between rounds; each round's own ratio (Concord and the bare handler
// measured back to back) is reported too, with its median and range.
const perRound = (k: string, base: string) => rounds[k].map((x, i) => x.rps / rounds[base][i].rps).filter(Number.isFinite);
const spread = (xs: number[]) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : undefined);
const roundRatios = {
  read_list_vs_bare: spread(perRound('read_list', 'bare_read')),
  read_record_vs_bare: spread(perRound('read_record', 'bare_read')),
  write_vs_bare: spread(perRound('write', 'bare_write')),
  write_full_vs_normal: spread(perRound('sync_full', 'sync_normal')),
};
const result = {
  rounds: ROUNDS,
  seconds: SECONDS,
  connections: CONNECTIONS,
  store: 'sqlite (embedded)',
  listBodyBytes: listBody.length,
  medians: med,
  ratios: {
    read_list_vs_bare: med.read_list?.rps / med.bare_read?.rps,
    read_list_vs_bare_same_body: med.read_list?.rps / med.bare_body?.rps,
    read_record_vs_bare: med.read_record?.rps / med.bare_read?.rps,
    cold_list_vs_bare: med.cold_list?.rps / med.bare_read?.rps,
    cold_record_vs_bare: med.cold_record?.rps / med.bare_read?.rps,
    write_vs_bare: med.write?.rps / med.bare_write?.rps,
    write_full_vs_normal: med.sync_full?.rps / med.sync_normal?.rps,
  },
  roundRatios,
};
console.log('\nConcord API load (median of rounds; 32 connections)');
console.log('load           req/s      p99 ms   ratio to bare');
const row = (name: string, k: string, ratio?: number) =>
  med[k] && console.log(`${name.padEnd(14)} ${med[k].rps.toFixed(0).padStart(8)} ${String(med[k].p99).padStart(9)}   ${ratio === undefined ? '' : `${(ratio * 100).toFixed(1)} %`}`);
row('bare GET', 'bare_read');
row('read list', 'read_list', result.ratios.read_list_vs_bare);
row(`bare GET ${(listBody.length / 1024).toFixed(1)} KB`, 'bare_body');
row('  list vs that', 'read_list', result.ratios.read_list_vs_bare_same_body);
row('read record', 'read_record', result.ratios.read_record_vs_bare);
row('cold list', 'cold_list', result.ratios.cold_list_vs_bare);
row('cold record', 'cold_record', result.ratios.cold_record_vs_bare);
row('bare POST', 'bare_write');
row('write', 'write', result.ratios.write_vs_bare);
row('write NORMAL', 'sync_normal');
row('write FULL (vs NORMAL)', 'sync_full', result.ratios.write_full_vs_normal);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
for (const [k, v] of Object.entries(roundRatios)) if (v) console.log(`${k.padEnd(22)} per round: median ${pct(v.median)} (${pct(v.min)}–${pct(v.max)})`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/api.json'), JSON.stringify(result, null, 2));
rmSync(dir, { recursive: true, force: true });
process.exit(0);
