/**
 * Search benchmark: `GET /api/search`'s query (queries/search.ts, in process, no HTTP) on the demo
 * plus the UN General Assembly roll calls (6,202 issues with their descriptions, 869,937
 * positions), against a baseline measured in the same run: the same search written without the
 * index — LIKE (ILIKE on PostgreSQL) over every searchable column of every table, each joined to
 * its record with the same visibility rule. Representative queries (English and Korean, words of
 * two characters, several words, a common word, no match) as four demo users of different reach.
 *
 *   npm run bench:search                                   (SQLite)
 *   CONCORD_BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres npm run bench:search   (and PostgreSQL)
 *   BENCH_REPS=15 npm run bench:search                     (timed runs per query and user; default 9)
 *
 * Prints p50 / p95 per query and overall for both, the ratio baseline / search, and checks that
 * both find the same records where the search ranked them all (not truncated). Target: search
 * p95 under 100 ms. Results also go to bench/results/search.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openStore, type Store } from '../../src/server/db/database.ts';
import { loadDemo } from '../../src/server/demo/load.ts';
import { importUnvotes } from '../../src/server/unvotes/import.ts';
import { loadActor, type Actor } from '../../src/server/auth/actor.ts';
import { search } from '../../src/server/queries/search.ts';
import { onVisibleIssue, visibleTo } from '../../src/server/policies/visibility.ts';
import { searchTerms } from '../../src/core/search.ts';
import type { Database } from '../../src/server/db/tables.ts';
import { defaultUnvotesDir, unvotesAvailable } from '../analytics/unvotes.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// ../shared/data/unvotes beside the repository (a git worktree one level deeper: ../../shared), or BENCH_UNVOTES_DIR.
const unDir = process.env.BENCH_UNVOTES_DIR ?? [defaultUnvotesDir(repoRoot), path.resolve(repoRoot, '../../shared/data/unvotes')].find((d) => unvotesAvailable(d)) ?? defaultUnvotesDir(repoRoot);
if (!unvotesAvailable(unDir)) {
  console.error(`UN vote data not found at ${unDir}`);
  process.exit(2);
}
const REPS = Number(process.env.BENCH_REPS ?? 9);
const QUERIES = ['rail', '철도', '통일', 'sanctions exemption', 'nuclear weapons', 'Korea', 'human rights', '남북 철도', 'Kaesong', 'zzqx'];
const USERS = ['mofa.desk@concord.demo', 'state.secretariat@concord.demo', 'nso.analyst@concord.demo', 'un.observer@concord.demo'];

/** The naive search: LIKE over every searchable column, each table joined to its record under the visibility rule. */
function baseline(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', actor: Actor, q: string) {
  const terms = searchTerms(q);
  const op = sql.raw(dialect === 'postgres' ? 'ilike' : 'like');
  const has = (cols: string[]) =>
    sql.join(
      terms.map(
        (t) =>
          sql`(${sql.join(
            cols.map((c) => sql`${sql.ref(c)} ${op} ${`%${t.replace(/[\\%_]/g, (x) => `\\${x}`)}%`} escape '\\'`),
            sql` or `,
          )})`,
      ),
      sql` and `,
    );
  const own = (kind: string, table: string, cols: string[], extra = sql``) =>
    sql`select ${kind} as kind, r.id from ${sql.table(table)} r where ${visibleTo(actor, 'r')}${extra} and ${has(cols.map((c) => `r.${c}`))}`;
  const noteTargets = sql`exists (select 1 from working_groups t where t.id = r.entity_id and r.entity_type = 'working_group' and ${visibleTo(actor, 't')})
    or exists (select 1 from meetings t where t.id = r.entity_id and r.entity_type = 'meeting' and ${visibleTo(actor, 't')})
    or exists (select 1 from issues t where t.id = r.entity_id and r.entity_type = 'issue' and ${visibleTo(actor, 't')})
    or exists (select 1 from positions t where t.id = r.entity_id and r.entity_type = 'position' and ${visibleTo(actor, 't')} and ${onVisibleIssue(actor, 't')})
    or exists (select 1 from statements t where t.id = r.entity_id and r.entity_type = 'statement' and ${visibleTo(actor, 't')})
    or exists (select 1 from documents t where t.id = r.entity_id and r.entity_type = 'document' and ${visibleTo(actor, 't')})
    or exists (select 1 from commitments t where t.id = r.entity_id and r.entity_type = 'commitment' and ${visibleTo(actor, 't')})
    or exists (select 1 from projects t where t.id = r.entity_id and r.entity_type = 'project' and ${visibleTo(actor, 't')})`;
  const parts = [
    own('working_group', 'working_groups', ['name', 'name_ko', 'short_name', 'mandate', 'mandate_ko']),
    own('meeting', 'meetings', ['title', 'title_ko', 'place', 'outcome', 'outcome_ko', 'minutes', 'status_reason']),
    sql`select 'meeting' as kind, r.id from meetings r join agenda_items a on a.meeting_id = r.id where ${visibleTo(actor, 'r')} and ${has(['a.title', 'a.title_ko', 'a.notes', 'a.outcome'])}`,
    own('issue', 'issues', ['title', 'title_ko', 'code', 'description']),
    own('position', 'positions', ['conditions', 'rationale'], sql` and ${onVisibleIssue(actor, 'r')}`),
    own('statement', 'statements', ['quote', 'context', 'speaker_description', 'source_title']),
    own('document', 'documents', ['title', 'title_ko']),
    sql`select 'document' as kind, r.id from documents r join document_versions v on v.document_id = r.id join clauses c on c.version_id = v.id where ${visibleTo(actor, 'r')} and ${has(['c.text_en', 'c.text_ko'])}`,
    sql`select 'document' as kind, r.id from documents r join document_versions v on v.document_id = r.id join clauses c on c.version_id = v.id join clause_alternatives x on x.clause_id = c.id where ${visibleTo(actor, 'r')} and ${has(['x.text_en', 'x.text_ko'])}`,
    own('commitment', 'commitments', ['title', 'title_ko']),
    own('project', 'projects', ['name', 'name_ko', 'description', 'status_note']),
    own('note', 'notes', ['body'], sql` and (${noteTargets})`),
  ];
  return sql<{ kind: string; id: string }>`select distinct kind, id from (${sql.join(parts, sql` union all `)}) found`.execute(db);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function openFresh(kind: 'sqlite' | 'postgres'): Promise<{ store: Store; close: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'concord-search-bench-'));
    const store = openStore(`sqlite:${path.join(dir, 'store.db')}`);
    await migrateToLatest(store.db);
    return {
      store,
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.CONCORD_BENCH_PG!;
  const name = `concord_search_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const store = openStore(u.toString());
  await migrateToLatest(store.db);
  return {
    store,
    close: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const report: Record<string, unknown> = { cpus: os.cpus().length, node: process.version, reps: REPS, queries: QUERIES, users: USERS };
let failed = false;
for (const kind of ['sqlite', ...(process.env.CONCORD_BENCH_PG ? ['postgres' as const] : [])] as const) {
  const { store, close } = await openFresh(kind);
  try {
    let t0 = performance.now();
    await loadDemo(store);
    await importUnvotes(store, unDir);
    const rows = await sql<{ n: number | string }>`select count(*) as n from search_text`.execute(store.db);
    console.log(`\n${kind}: demo + UN data loaded in ${r1((performance.now() - t0) / 1000)} s; search_text holds ${rows.rows[0].n} rows`);
    const actors: Actor[] = [];
    for (const email of USERS) {
      const u = await store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      actors.push((await loadActor(store.db, u.id))!);
    }
    const all = { search: [] as number[], baseline: [] as number[] };
    const perQuery: Record<string, unknown> = {};
    console.log(`${'query'.padEnd(22)} ${'search p50/p95 ms'.padStart(18)} ${'baseline p50/p95 ms'.padStart(20)}  ratio(p50)  records`);
    for (const q of QUERIES) {
      const s: number[] = [];
      const b: number[] = [];
      let records = 0;
      for (const actor of actors) {
        // One untimed run of each (plans, caches), and the agreement check.
        const first = await search(store.db, store.dialect, actor, { q, limit: 200 });
        const naive = await baseline(store.db, store.dialect, actor, q);
        records += first.items.length;
        if (!first.truncated && !first.nextCursor) {
          const a = new Set(first.items.map((i) => `${i.kind}:${i.id}`));
          const n = new Set(naive.rows.map((i) => `${i.kind}:${i.id}`));
          if (a.size !== n.size || [...a].some((x) => !n.has(x))) {
            failed = true;
            console.error(`  DISAGREE on ${JSON.stringify(q)} for ${actor.email}: search ${a.size}, baseline ${n.size}`);
          }
        }
        for (let i = 0; i < REPS; i++) {
          // Alternate which goes first, so neither always runs on a warmer cache.
          const runs = i % 2 ? ['baseline', 'search'] : ['search', 'baseline'];
          for (const which of runs) {
            t0 = performance.now();
            if (which === 'search') await search(store.db, store.dialect, actor, { q, limit: 20 });
            else await baseline(store.db, store.dialect, actor, q);
            (which === 'search' ? s : b).push(performance.now() - t0);
          }
        }
      }
      all.search.push(...s);
      all.baseline.push(...b);
      perQuery[q] = { search: { p50: r1(pct(s, 50)), p95: r1(pct(s, 95)) }, baseline: { p50: r1(pct(b, 50)), p95: r1(pct(b, 95)) }, records };
      console.log(
        `${JSON.stringify(q).padEnd(22)} ${`${r1(pct(s, 50))} / ${r1(pct(s, 95))}`.padStart(18)} ${`${r1(pct(b, 50))} / ${r1(pct(b, 95))}`.padStart(20)}  ${`${r1(pct(b, 50) / pct(s, 50))}×`.padStart(9)}  ${records}`,
      );
    }
    const sum = {
      search: { p50: r1(pct(all.search, 50)), p95: r1(pct(all.search, 95)) },
      baseline: { p50: r1(pct(all.baseline, 50)), p95: r1(pct(all.baseline, 95)) },
    };
    console.log(
      `${'all'.padEnd(22)} ${`${sum.search.p50} / ${sum.search.p95}`.padStart(18)} ${`${sum.baseline.p50} / ${sum.baseline.p95}`.padStart(20)}  ${`${r1(sum.baseline.p50 / sum.search.p50)}×`.padStart(9)}`,
    );
    console.log(`search p95 ${sum.search.p95} ms: ${sum.search.p95 < 100 ? 'under' : 'OVER'} the 100 ms target`);
    report[kind] = { overall: sum, perQuery };
  } finally {
    await close();
  }
}
mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(path.join(repoRoot, 'bench/results/search.json'), `${JSON.stringify(report, null, 2)}\n`);
if (failed) process.exit(1);
