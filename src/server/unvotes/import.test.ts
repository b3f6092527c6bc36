/**
 * `concord import unvotes` and `concord analyze …` on a slice of the real UN General Assembly
 * data (United States, South Korea, Mexico, Japan: every roll call, their votes only), on SQLite
 * and PostgreSQL (CONCORD_TEST_PG), checked against published fixtures; and the NA trap on a
 * synthetic directory. Skipped, with a message, when ../shared/data/unvotes is missing
 * (CONCORD_UNVOTES_DIR overrides the location).
 *
 * Run alone: node --test src/server/unvotes/import.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { freshStore, storeKinds } from '../../../test/helpers.ts';
import { migrateToLatest, openStore, type Store } from '../db/database.ts';
import { verifyChain } from '../audit/chain.ts';
import { importUnvotes, writeUnvotes } from './import.ts';
import { parseCsv, readUnvotesDir, unvotesFilesIn, type UnvotesFiles } from './read.ts';
import { analyzeAgreement, analyzeBridging, analyzeMatrix, formatAgreement, readBasisFile } from '../../cli/commands/analyze.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const dir = process.env.CONCORD_UNVOTES_DIR ?? path.resolve(repoRoot, '../shared/data/unvotes');
const skip = unvotesFilesIn(dir) ? false : `UN vote data not found at ${dir}; skipping`;
const SLICE = new Set(['United States', 'South Korea', 'Mexico', 'Japan']);

async function counts(store: Store) {
  const n = async (t: 'parties' | 'organisations' | 'issues' | 'positions' | 'audit_events' | 'wg_parties' | 'wg_members') =>
    Number((await store.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    parties: await n('parties'),
    organisations: await n('organisations'),
    issues: await n('issues'),
    positions: await n('positions'),
    audit: await n('audit_events'),
    wgParties: await n('wg_parties'),
    members: await n('wg_members'),
  };
}

const near = (actual: number | null, expected: number, digits: number, what: string) => {
  assert.ok(actual !== null, `${what}: value is null`);
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${what}: ${actual} ≠ ${expected} (to ${digits} decimals)`);
};

describe('import unvotes + analyze (UN slice)', { skip }, () => {
  let files: UnvotesFiles;
  before(() => {
    files = readUnvotesDir(dir, { countries: SLICE });
    assert.equal(files.countries.length, 4);
    assert.equal(files.rollCalls.length, 6202);
  });

  for (const kind of storeKinds()) {
    describe(kind, () => {
      let store: Store;
      before(async () => {
        store = await freshStore(kind);
        const r = await writeUnvotes(store, files);
        assert.equal(r.added.issues, 6202);
        assert.equal(r.added.positions, files.nVotes);
        assert.equal(r.added.parties, 5, 'four countries and the United Nations');
      });
      after(() => store?.close());

      it('stores parties by name with their code, a mission each, issues with roll-call metadata, positions mapped from votes', async () => {
        const kr = await store.db.selectFrom('parties').selectAll().where('name', '=', 'South Korea').executeTakeFirstOrThrow();
        assert.equal(kr.code, 'KR');
        const wg = await store.db.selectFrom('working_groups').selectAll().where('id', '=', 'unga').executeTakeFirstOrThrow();
        assert.deepEqual([wg.name, wg.kind, wg.scope, Number(wg.classification)], ['UN General Assembly', 'multilateral', 'public', 0]);
        const mission = await store.db.selectFrom('organisations').selectAll().where('party_id', '=', kr.id).executeTakeFirstOrThrow();
        assert.match(mission.name, /^Permanent Mission of South Korea/);
        const issue = await store.db.selectFrom('issues').selectAll().where('wg_id', '=', 'unga').where('source_key', '=', '3').executeTakeFirstOrThrow();
        assert.deepEqual([issue.session, issue.occurred_on, issue.resolution, Number(issue.important)], [1, '1946-01-01', 'R/1/66', 0]);
        const withCats = await store.db.selectFrom('issues').select('categories').where('source_key', '=', '77').executeTakeFirstOrThrow();
        assert.ok(JSON.parse(withCats.categories!).includes('me'));
        const stances = await store.db
          .selectFrom('positions')
          .select(['stance', sql<number>`count(*)`.as('n')])
          .groupBy('stance')
          .orderBy('stance')
          .execute();
        assert.deepEqual(
          stances.map((s) => s.stance),
          ['neutral', 'oppose', 'support'],
        );
        const p = await store.db
          .selectFrom('positions')
          .selectAll()
          .where('issue_id', '=', issue.id)
          .where('party_id', '=', (await store.db.selectFrom('parties').select('id').where('code', '=', 'US').executeTakeFirstOrThrow()).id)
          .executeTakeFirstOrThrow();
        assert.deepEqual([p.stance, p.valid_from, p.organisation_id, p.scope, Number(p.classification)], ['support', '1946-01-01', null, 'public', 0]);
        const audit = await store.db.selectFrom('audit_events').selectAll().where('action', '=', 'store.import').execute();
        assert.equal(audit.length, 1, 'one audit event for the whole import');
        assert.equal((await verifyChain(store.db)).ok, true);
      });

      it('is idempotent: a second run adds nothing, changes nothing, appends no audit event', async () => {
        const before = await counts(store);
        const r = await writeUnvotes(store, files);
        assert.deepEqual(r.added, { parties: 0, organisations: 0, issues: 0, positions: 0 });
        assert.equal(r.existing.positions, files.nVotes);
        assert.deepEqual(await counts(store), before);
      });

      it('every position is its vote (id, issue, party, mission, stance, date), and the schema around the bulk insert is as before', async () => {
        const rows = await sql<{
          id: string;
          issue_id: string;
          party_id: string;
          owner_org_id: string;
          owner_party_id: string;
          organisation_id: string | null;
          stance: string;
          valid_from: string;
          created_at: string;
          source_key: string;
          occurred_on: string;
          name: string;
        }>`
          select p.id, p.issue_id, p.party_id, p.owner_org_id, p.owner_party_id, p.organisation_id, p.stance, p.valid_from, p.created_at, i.source_key, i.occurred_on, pa.name
          from positions p join issues i on i.id = p.issue_id join parties pa on pa.id = p.party_id where p.wg_id = 'unga'`.execute(store.db);
        const want = new Map<string, string>();
        for (let v = 0; v < files.nVotes; v++) {
          want.set(`${files.rollCalls[files.voteRollCall[v]].rcid}|${files.countries[files.voteCountry[v]].name}`, ['', 'support', 'neutral', 'oppose'][files.voteCode[v]]);
        }
        assert.equal(rows.rows.length, files.nVotes);
        assert.equal(new Set(rows.rows.map((r) => r.created_at)).size, 1, 'one import, one time');
        for (const r of rows.rows) {
          assert.equal(r.stance, want.get(`${r.source_key}|${r.name}`), `${r.source_key} ${r.name}`);
          assert.deepEqual([r.id, r.owner_org_id, r.owner_party_id, r.organisation_id, r.valid_from], [`${r.issue_id}-${r.party_id}`, `unga-m-${r.party_id}`, r.party_id, null, r.occurred_on]);
        }
        if (kind === 'sqlite') {
          const schema = await sql<{ name: string }>`select name from sqlite_master where tbl_name = 'positions' and type in ('index', 'trigger') order by name`.execute(store.db);
          const fresh = await freshStore('sqlite');
          try {
            const before = await sql<{ name: string }>`select name from sqlite_master where tbl_name = 'positions' and type in ('index', 'trigger') order by name`.execute(fresh.db);
            assert.deepEqual(schema.rows, before.rows, 'indexes and triggers made again after the bulk insert');
          } finally {
            await fresh.close();
          }
          assert.equal(Number((await sql<{ n: number }>`select count(*) as n from temp.sqlite_master`.execute(store.db)).rows[0].n), 0, 'no temporary table left');
        }
      });

      it('a later import of more countries adds only their votes (the indexes stay when the rows added are fewer)', async () => {
        const s2 = await freshStore(kind);
        try {
          const few = readUnvotesDir(dir, { countries: new Set(['United States', 'South Korea', 'Mexico']) });
          const first = await writeUnvotes(s2, few);
          assert.equal(first.added.positions, few.nVotes);
          const second = await writeUnvotes(s2, files);
          assert.equal(second.added.positions, files.nVotes - few.nVotes);
          assert.equal(second.existing.positions, few.nVotes);
          const n = await sql<{ n: number; ids: number }>`select count(*) as n, count(distinct id) as ids from positions`.execute(s2.db);
          assert.deepEqual([Number(n.rows[0].n), Number(n.rows[0].ids)], [files.nVotes, files.nVotes]);
        } finally {
          await s2.close();
        }
      });

      it('ROK–US agree and quadratic κ by calendar year match stevedata::rok_unga (1994, 2018)', async () => {
        const agree = await analyzeAgreement(store, { a: 'US', b: 'KR', method: 'agree', by: 'year' });
        const kappa = await analyzeAgreement(store, { a: 'US', b: 'South Korea', method: 'kappa-quad', by: 'year' });
        const at = (r: typeof agree, y: number) => r.rows.find((x) => x.window === y)!;
        near(at(agree, 1994).value, 0.3582, 4, 'agree 1994');
        near(at(kappa, 1994).value, 0.1744, 4, 'κ 1994');
        near(at(agree, 2018).value, 0.3617, 4, 'agree 2018');
        near(at(kappa, 2018).value, 0.1824, 4, 'κ 2018');
        assert.equal(at(agree, 1994).n, 67);
        assert.equal(agree.rows[0].window, 1991, 'ROK votes from 1991');
        for (const row of agree.rows) assert.equal(row.method, 'agree');
      });

      it('US–Mexico 1946 quadratic κ matches fpsim (−0.01222707), n = 38', async () => {
        const r = await analyzeAgreement(store, { a: 'US', b: 'MX', method: 'kappa-quad', from: '1946-01-01', to: '1946-12-31' });
        assert.equal(r.rows.length, 1);
        assert.equal(r.rows[0].n, 38);
        near(r.rows[0].value, -0.01222707, 8, 'κ US–MX 1946');
      });

      it('filters: basis file, category, session windows, as-of; matrix and bridging', async () => {
        const tmp = mkdtempSync(path.join(tmpdir(), 'concord-basis-'));
        try {
          const basis = path.join(tmp, 'basis.txt');
          writeFileSync(basis, '# ROK 1994 sample\n3\n\n4\n5\n');
          assert.deepEqual(await readBasisFile(basis), ['3', '4', '5']);
          const r = await analyzeAgreement(store, { a: 'US', b: 'MX', method: 'agree', basisFile: basis });
          assert.equal(r.rows[0].items, 3);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
        const nu = await analyzeAgreement(store, { a: 'US', b: 'JP', method: 'agree', category: 'nu' });
        const all = await analyzeAgreement(store, { a: 'US', b: 'JP', method: 'agree' });
        assert.ok(nu.rows[0].n > 0 && nu.rows[0].n < all.rows[0].n);
        const sessions = await analyzeAgreement(store, { a: 'US', b: 'KR', method: 'agree', by: 'session' });
        assert.equal(sessions.rows[0].window, 46);
        const early = await analyzeAgreement(store, { a: 'US', b: 'KR', method: 'agree', asOf: '1992-12-31' });
        assert.ok(early.rows[0].n < (await analyzeAgreement(store, { a: 'US', b: 'KR', method: 'agree' })).rows[0].n);
        const m = await analyzeMatrix(store, { method: 'kappa-quad', from: '2018-01-01', to: '2018-12-31' });
        const i = m.participants.findIndex((p) => p.code === 'US'),
          j = m.participants.findIndex((p) => p.code === 'KR');
        near(m.values[i][j], 0.1824, 4, 'matrix κ 2018');
        assert.equal(m.n[i][j], 94);
        const b = await analyzeBridging(store, { groupA: 'US', groupB: 'MX,KR', from: '2018-01-01', to: '2018-12-31', top: '3' });
        assert.equal(b.unite.length, 3);
        assert.equal(b.divide[0].pattern, 'A no, B yes');
        await assert.rejects(analyzeAgreement(store, { a: 'US', b: 'ZZ', method: 'agree' }), /no party or organisation "ZZ"/);
        await assert.rejects(analyzeAgreement(store, { a: 'US', b: 'KR', method: 'nope' }), /unknown method/);
      });
    });
  }

  it('bin/concord.js analyze agreement --a US --b KR --method agree --by year --json (real spawn, SQLite)', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'concord-unvotes-'));
    try {
      const url = `sqlite:${path.join(tmp, 'c.db')}`;
      const store = openStore(url);
      await migrateToLatest(store.db);
      await writeUnvotes(store, files);
      await store.close();
      const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/concord.js'), 'analyze', 'agreement', '--a', 'US', '--b', 'KR', '--method', 'agree', '--by', 'year', '--json'], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      const rows = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const y1994 = rows.find((x) => x.window === 1994);
      assert.deepEqual(Object.keys(y1994), ['method', 'a', 'b', 'window', 'n', 'same', 'opposite', 'partial', 'absent', 'value']);
      assert.equal(y1994.method, 'agree');
      near(y1994.value, 0.3582, 4, 'spawned agree 1994');
      near(rows.find((x) => x.window === 2018).value, 0.3617, 4, 'spawned agree 2018');
      const bad = spawnSync(process.execPath, [path.join(repoRoot, 'bin/concord.js'), 'analyze', 'agreement', '--a', 'US', '--b', 'KR', '--method', 'nope'], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
      });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--method: unknown method "nope"/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('formats: --json is one object per window, --csv has a header', async () => {
    const store = await freshStore('sqlite');
    try {
      await writeUnvotes(store, files);
      const r = await analyzeAgreement(store, { a: 'US', b: 'KR', method: 'agree', by: 'year', from: '1994-01-01', to: '1995-12-31' });
      assert.equal(formatAgreement(r, 'json').split('\n').length, 2);
      assert.equal(formatAgreement(r, 'csv').split('\n')[0], 'method,a,b,window,n,same,opposite,partial,absent,value');
      assert.match(formatAgreement(r, 'table'), /US \(United States\) vs KR \(South Korea\) — agree/);
    } finally {
      await store.close();
    }
  });
});

describe('import unvotes: the NA trap and reuse of existing parties (synthetic files)', () => {
  it('Namibia keeps "NA"; code-less countries get a derived unique code; an existing party of the same code is reused', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'concord-na-'));
    const store = await freshStore('sqlite');
    try {
      writeFileSync(
        path.join(tmp, 'roll_calls.csv'),
        'rcid,session,importantvote,date,unres,amend,para,short,descr\n1,40,NA,1985-12-01,R/40/1,NA,NA,"A, B","x ""quoted"" y"\n2,40,1,1985-12-02,R/40/2,0,0,SHORT,D\n',
      );
      writeFileSync(path.join(tmp, 'issues.csv'), 'rcid,short_name,issue\n1,hr,Human rights\n1,co,Colonialism\n');
      writeFileSync(
        path.join(tmp, 'unvotes.csv'),
        [
          'rcid,country,country_code,vote',
          '1,Namibia,"NA",yes',
          '1,Federal Republic of Germany,NA,no',
          '1,Zanzibar,NA,abstain',
          '1,South Korea,KR,yes',
          '2,Namibia,"NA",no',
          '2,South Korea,KR,no',
          '',
        ].join('\n'),
      );
      const at = '2026-01-01T00:00:00.000Z';
      await store.db.insertInto('parties').values({ id: 'KR', code: 'KR', name: 'Republic of Korea', name_ko: null, kind: 'government', version: 1, created_at: at, updated_at: at }).execute();
      const r = await importUnvotes(store, tmp);
      assert.deepEqual(r.added, { parties: 4, organisations: 5, issues: 2, positions: 6 });
      const parties = await store.db.selectFrom('parties').select(['id', 'code', 'name']).orderBy('name').execute();
      assert.deepEqual(
        parties.map((p) => [p.code, p.name]),
        [
          ['X-FEDERAL-REPUBLIC-OF-GERMANY', 'Federal Republic of Germany'],
          ['NA', 'Namibia'],
          ['KR', 'Republic of Korea'],
          ['UN', 'United Nations'],
          ['X-ZANZIBAR', 'Zanzibar'],
        ],
      );
      const i1 = await store.db.selectFrom('issues').selectAll().where('source_key', '=', '1').executeTakeFirstOrThrow();
      assert.deepEqual([i1.title, i1.description, i1.important, JSON.parse(i1.categories!)], ['A, B', 'x "quoted" y', null, ['co', 'hr']]);
      const kr = await analyzeAgreement(store, { a: 'KR', b: 'Namibia', method: 'agree' });
      assert.deepEqual([kr.rows[0].n, kr.rows[0].same, kr.rows[0].value], [2, 2, 1]);
      const again = await importUnvotes(store, tmp);
      assert.deepEqual(again.added, { parties: 0, organisations: 0, issues: 0, positions: 0 });
    } finally {
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('read unvotes: the fast path and the RFC 4180 reader agree', () => {
  it('quoted "NA" is a code, bare NA and empty are missing; quoted commas and quotes, CRLF line ends', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'concord-csv-'));
    try {
      writeFileSync(
        path.join(tmp, 'roll_calls.csv'),
        'rcid,session,importantvote,date,unres,amend,para,short,descr\r\n1,40,NA,1985-12-01,"NA",NA,NA,"A, B",""\r\n2,40,1,1985-12-02,R/40/2,0,0,SHORT,"x ""y"""\r\n',
      );
      writeFileSync(
        path.join(tmp, 'unvotes.csv'),
        [
          'rcid,country,country_code,vote',
          '1,Namibia,"NA",yes',
          '1,Federal Republic of Germany,NA,no',
          '1,"Korea, Republic of",KR,abstain',
          '1,Zanzibar,,abstain',
          '2,"Namibia","NA",no',
          '2,"Say ""hi""",SH,yes',
          '',
        ].join('\r\n'),
      );
      const fast = readUnvotesDir(tmp);
      const rfc = readUnvotesDir(tmp, { csv: parseCsv });
      assert.deepEqual(fast.countries, [
        { name: 'Namibia', code: 'NA' },
        { name: 'Federal Republic of Germany', code: null },
        { name: 'Korea, Republic of', code: 'KR' },
        { name: 'Zanzibar', code: null },
        { name: 'Say "hi"', code: 'SH' },
      ]);
      assert.deepEqual(
        fast.rollCalls.map((r) => [r.important, r.resolution, r.short, r.descr]),
        [
          [null, 'NA', 'A, B', null],
          [1, 'R/40/2', 'SHORT', 'x "y"'],
        ],
      );
      assert.deepEqual(rfc, fast);
      assert.deepEqual([...fast.voteCode], [1, 3, 2, 2, 3, 1]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
