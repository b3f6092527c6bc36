/**
 * Growth benchmark: how the main reads and writes grow with the store. Builds stores of 1×, 10×
 * and 100× the demo (bench/growth/generate.ts: the demo loader over a deterministic scaled
 * scenario, so every row passes the store's constraints and every record has its audit event in
 * the hash chain) on SQLite and, when CONCORD_TEST_PG names a server, on PostgreSQL (a fresh
 * database per store, dropped after). Each store is served by `concord serve` started as
 * `npm start` starts it (test/started/server.ts: a child process, write thread on), once with the
 * read cache on and once with it off, and timed over HTTP by one client in sequence (signed in as
 * the MOFA secretariat, who sees every copy): WARMUP requests, then RUNS timed; the p50 and p90 of
 * each. The baseline of each row is the 1× store of the same store kind, measured in the same
 * run; the target is p50(100×) ≤ 2 × p50(1×).
 *
 * Run: npm run bench:growth   (SCALES=1,10,100 RUNS=40 WARMUP=5 STORES=sqlite,postgres
 *      CONCORD_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres; BENCH_PORT=8110 the first port)
 * Results: bench/results/growth.json and the table on stdout.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { migrateToLatest, openStore } from '../../src/server/db/database.ts';
import { loadDemo } from '../../src/server/demo/load.ts';
import { adminQuery, ROOT, signInDemo, startConcord, type StartedServer } from '../../test/started/server.ts';
import { scaledScenario } from './generate.ts';

const SCALES = (process.env.SCALES ?? '1,10,100').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 40);
const WARMUP = Number(process.env.WARMUP ?? 5);
const PG = process.env.CONCORD_TEST_PG;
const STORES = (process.env.STORES ?? (PG ? 'sqlite,postgres' : 'sqlite')).split(',') as ('sqlite' | 'postgres')[];
const BASE_PORT = Number(process.env.BENCH_PORT ?? 8110);
const LAST_PORT = BASE_PORT + 9;

/** A port of this benchmark's range that nothing listens on and no server of ours has. */
async function freePortInRange(taken: Set<number>): Promise<number> {
  for (let p = BASE_PORT; p <= LAST_PORT; p++) {
    if (taken.has(p)) continue;
    const ok = await new Promise<boolean>((res) => {
      const s = createServer();
      s.once('error', () => res(false));
      s.listen(p, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (ok) return p;
  }
  throw new Error(`no free port in ${BASE_PORT}–${LAST_PORT}`);
}

const WG = 'wg-2018';
const AS_OF = '2021-06-30';

/** The reads: what the dashboard, the lists and the analyses ask for. `{last}` is filled per store (the last page). */
const READS: Record<string, string> = {
  dashboard: `/api/working-groups/${WG}/dashboard`,
  'group meetings': `/api/meetings?wgId=${WG}&limit=20`,
  'meetings p1': '/api/meetings?limit=20',
  'meetings last': '/api/meetings?limit=20&offset={lastMeetings}',
  'meetings last, keyset': '/api/meetings?limit=20&after={lastAfter}',
  'positions as of': `/api/positions?wgId=${WG}&asOf=${AS_OF}`,
  'statements search': '/api/statements?q=denuclear&limit=20',
  'statements p1': '/api/statements?limit=20',
  'audit page': '/api/audit?limit=50',
  'group audit page': `/api/audit?wgId=${WG}&limit=50`,
  'discipline check': `/api/working-groups/${WG}/discipline`,
};
const WRITES = ['create meeting', 'record position'] as const;

interface Cell {
  /** Over HTTP, as the client saw it. */
  p50: number;
  p90: number;
  /** In the server, from its log line of each request (`ms`: Fastify's time from request to answer). */
  server50?: number;
  status: number;
}
type Results = Record<string, Record<string, Record<number, Record<string, Cell>>>>; // store → cache → scale → op → cell

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};

async function timeRequest(url: string, init: RequestInit): Promise<{ ms: number; status: number; body?: string }> {
  const t = performance.now();
  const r = await fetch(url, init);
  const body = await r.text();
  return { ms: performance.now() - t, status: r.status, body: r.status >= 300 ? body : undefined };
}

/**
 * Times one operation on every server in turns (request i goes to each store in turn), so that a
 * change in the machine's load falls on every store size alike.
 */
async function timeInTurns(tag: string, make: (i: number, s: number) => [string, RequestInit], servers: number): Promise<Cell[]> {
  const times: number[][] = Array.from({ length: servers }, () => []);
  const status = Array.from({ length: servers }, () => 0);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (let s = 0; s < servers; s++) {
      const [url, init] = make(i, s);
      // Timed requests carry an id of their own, to find their line in the server's log.
      const headers = { ...(init.headers as Record<string, string>), ...(i >= WARMUP ? { 'x-request-id': `${tag}.${i}` } : {}) };
      const r = await timeRequest(url, { ...init, headers });
      if (r.status > status[s]) {
        status[s] = r.status;
        if (r.body) console.log(`  ! ${init.method ?? 'GET'} ${url}: ${r.status} ${r.body.slice(0, 300)}`);
      }
      if (i >= WARMUP) times[s].push(r.ms);
    }
  }
  return times.map((t, s) => ({ p50: pct(t, 0.5), p90: pct(t, 0.9), status: status[s] }));
}

/** A fresh store of `scale` × the demo; returns its URL and how to remove it. */
async function buildStore(kind: 'sqlite' | 'postgres', scale: number, dir: string): Promise<{ url: string; drop(): Promise<void>; counts: Record<string, number>; ms: number }> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    url = `sqlite:${join(dir, `growth-${scale}.db`)}`;
    drop = async () => rmSync(join(dir, `growth-${scale}.db`), { force: true });
  } else {
    const name = `concord_growth_${scale}_${randomBytes(4).toString('hex')}`;
    await adminQuery(PG!, `create database ${name}`);
    const u = new URL(PG!);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => void (await adminQuery(PG!, `drop database if exists ${name} with (force)`));
  }
  const t = performance.now();
  const store = openStore(url);
  await migrateToLatest(store.db);
  const { counts } = await loadDemo(store, scaledScenario(scale));
  await store.close();
  return { url, drop, counts, ms: performance.now() - t };
}

/** Times every operation on the servers (one per store size), in turns. */
async function measure(servers: StartedServer[]): Promise<Record<string, Cell>[]> {
  const sessions = await Promise.all(servers.map((s) => signInDemo(s.url)));
  // The last page of the meeting list the reader sees, on each store: its offset, and the id of
  // the meeting before it (for keyset paging, `after`).
  const totals: number[] = [];
  const lastAfter: string[] = [];
  for (const [n, server] of servers.entries()) {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const r = (await (await fetch(`${server.url}/api/meetings?limit=500&offset=${offset}`, { headers: { cookie: sessions[n].cookie } })).json()) as { items: { id: string }[] };
      ids.push(...r.items.map((m) => m.id));
      if (r.items.length < 500) break;
    }
    totals.push(ids.length);
    lastAfter.push(ids[Math.max(0, ids.length - 21)]);
  }
  const out: Record<string, Cell>[] = servers.map(() => ({}));
  let opNo = 0;
  const tags: Record<string, string> = {};
  const timeOp = (op: string, make: (i: number, s: number) => [string, RequestInit]) => {
    tags[op] = `growth-${opNo++}`;
    return timeInTurns(tags[op], make, servers.length);
  };
  const keep = (op: string, cells: Cell[]) => {
    for (const [s, c] of cells.entries()) out[s][op] = c;
  };
  for (const [name, path] of Object.entries(READS)) {
    keep(
      name,
      await timeOp(name, (_i, s) => [
        `${servers[s].url}${path.replace('{lastMeetings}', String(Math.max(0, totals[s] - 20))).replace('{lastAfter}', lastAfter[s])}`,
        { headers: { cookie: sessions[s].cookie } },
      ]),
    );
  }
  const post = (s: number, path: string, body: unknown): [string, RequestInit] => [
    `${servers[s].url}${path}`,
    { method: 'POST', headers: { cookie: sessions[s].cookie, 'x-csrf-token': sessions[s].csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) },
  ];
  keep(
    'create meeting',
    await timeOp('create meeting', (i, s) =>
      post(s, '/api/meetings', {
        wgId: WG,
        title: `Growth bench meeting ${i}`,
        level: 'working',
        format: 'video',
        startsAt: '2026-03-01T10:00:00+09:00',
        timezone: 'Asia/Seoul',
        invite: ['rok-mou'],
      }),
    ),
  );
  keep(
    'record position',
    await timeOp('record position', (i, s) =>
      post(s, '/api/positions', { issueId: 'i-sequencing', partyId: 'KR', organisationId: 'rok-mofa', stance: i % 2 ? 'support' : 'oppose', validFrom: '2026-01-15' }),
    ),
  );
  // The server's own time for each timed request, from its log.
  for (const [n, server] of servers.entries()) {
    const ms = new Map<string, number[]>();
    for (const line of server.log().split('\n')) {
      const m = /"reqId":"(growth-\d+)\.\d+".*?"ms":([\d.]+)/.exec(line);
      if (m) ms.set(m[1], [...(ms.get(m[1]) ?? []), Number(m[2])]);
    }
    for (const [op, tag] of Object.entries(tags)) {
      const xs = ms.get(tag);
      if (xs?.length) out[n][op].server50 = pct(xs, 0.5);
    }
  }
  return out;
}

/** Prints one store kind's table: p50 per scale and the growth from the smallest to the largest scale. */
function printTable(kind: string): void {
  const lo = SCALES[0];
  const hi = SCALES[SCALES.length - 1];
  const ops = [...Object.keys(READS), ...WRITES];
  for (const cache of ['off', 'on'] as const) {
    console.log(`\n${kind}, read cache ${cache}: p50 ms over HTTP (p90) [p50 in the server] by store size; growth = p50 ${hi}× / p50 ${lo}× over HTTP and in the server (target ≤ 2.0 for reads)`);
    console.log(`${'operation'.padEnd(20)}${SCALES.map((s) => `${s}×`.padStart(24)).join('')}   growth  (server)`);
    for (const op of ops) {
      const cells = SCALES.map((s) => results[kind][cache][s]?.[op]);
      const first = cells[0];
      const last = cells[cells.length - 1];
      const g = last && first ? last.p50 / first.p50 : Number.NaN;
      const gs = last?.server50 && first?.server50 ? last.server50 / first.server50 : Number.NaN;
      const isRead = op in READS;
      const cell = (c: Cell | undefined) => (c ? `${c.p50.toFixed(1)} (${c.p90.toFixed(1)}) [${c.server50?.toFixed(1) ?? '-'}]` : '-');
      console.log(`${op.padEnd(20)}${cells.map((c) => cell(c).padStart(24)).join('')}   ${g.toFixed(2)}  (${gs.toFixed(2)})${isRead ? (Math.min(g, gs) <= 2 ? '  OK' : '  OVER') : ''}`);
    }
  }
}

const results: Results = {};
const built: Record<string, Record<number, { counts: Record<string, number>; ms: number }>> = {};
const dir = mkdtempSync(join(tmpdir(), 'concord-growth-'));
process.env.CONCORD_KEY_FILE = join(dir, 'concord-signing-key.pem');
try {
  for (const kind of STORES) {
    if (kind === 'postgres' && !PG) {
      console.log('PostgreSQL: skipped (set CONCORD_TEST_PG)');
      continue;
    }
    results[kind] = { on: {}, off: {} };
    built[kind] = {};
    const stores: Awaited<ReturnType<typeof buildStore>>[] = [];
    try {
      for (const scale of SCALES) {
        const s = await buildStore(kind, scale, dir);
        stores.push(s);
        built[kind][scale] = { counts: s.counts, ms: s.ms };
        console.log(
          `${kind} ${scale}×: built in ${(s.ms / 1000).toFixed(1)} s (${s.counts.working_groups} groups, ${s.counts.meetings} meetings, ${s.counts.positions} positions, ${s.counts.statements} statements, ${s.counts.audit_events} audit events)`,
        );
      }
      for (const cache of ['off', 'on'] as const) {
        const servers: StartedServer[] = [];
        try {
          for (const s of stores) {
            const port = await freePortInRange(new Set(servers.map((x) => x.port)));
            servers.push(
              await startConcord({
                databaseUrl: s.url,
                signInPerMinute: 10_000,
                env: { PORT: String(port), CONCORD_READ_CACHE: cache, CONCORD_KEY_FILE: process.env.CONCORD_KEY_FILE! },
              }),
            );
          }
          const cells = await measure(servers);
          for (const [n, scale] of SCALES.entries()) results[kind][cache][scale] = cells[n];
        } finally {
          for (const server of servers) await server.stop();
        }
      }
    } finally {
      for (const s of stores) await s.drop();
    }
    printTable(kind);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/growth.json'), JSON.stringify({ scales: SCALES, runs: RUNS, warmup: WARMUP, built, results }, null, 2));
process.exit(0);
