/**
 * `concord import unvotes DIR`: the UN General Assembly roll calls (1946–2019) as Concord
 * records, so the alignment analytics run on the same data the literature uses.
 *
 * Mapping (one working group `unga`, "UN General Assembly", multilateral, public):
 * - each country → a party, keyed by its **name** (the `country` column). An existing party of the
 *   same name, or else of the same ISO code, is reused (so the demo's "Republic of Korea", code KR,
 *   is the UN's "South Korea"). The three countries without a code (unquoted NA: Federal Republic
 *   of Germany, Zanzibar, Yemen Arab Republic) get a derived unique code `X-<NAME>`; Namibia
 *   keeps "NA".
 * - each country → an organisation "Permanent Mission of <country>", a member of the group, which
 *   owns the country's positions;
 * - each roll call → an issue (source_key = rcid, session, occurred_on = date, resolution,
 *   categories = the issue codes as JSON, important = importantvote), owned by the UN's
 *   "General Assembly (recorded votes)" organisation;
 * - each vote → a position of the party (organisation null), yes → support, abstain → neutral,
 *   no → oppose, valid from the roll-call date, owned by the mission; its provenance is the
 *   issue's source key (no per-row source columns, to keep the 870k rows small).
 * Everything is public, classification 0 (unclassified).
 *
 * Idempotent: roll calls already in the group are recognised by their source key, and votes by
 * their deterministic position id (`unga-<rcid>-<party id>`), so a second run adds nothing and
 * changes nothing (and appends no audit event). One `store.import` audit event records an import
 * that added anything, in the same transaction as the rows.
 *
 * Speed: on SQLite every row goes in through the raw node:sqlite handle, inside the command's one
 * transaction: the positions as multi-row prepared inserts of two integers a row (the strings are
 * made by SQLite from two small temporary tables), in index order, with the secondary index the
 * order does not follow and the (here idle) search trigger made again after the insert; the other
 * rows as multi-row inserts. On PostgreSQL through `insert … select from unnest($1::text[], …)` in
 * batches. `npm run bench:import` (bench/analytics/import.bench.ts) measures it end to end.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { sql } from 'kysely';
import { refreshStatistics, type Store } from '../db/database.ts';
import type { IssueRow, OrganisationRow, PartyRow } from '../db/tables.ts';
import { runCommand, type Tx } from '../commands/run.ts';
import { readUnvotesDir, type ReadOptions, type UnvotesFiles } from './read.ts';
import { UNGA_GROUP_ID } from './group.ts';

export { UNGA_GROUP_ID };
export const UNGA_GROUP_NAME = 'UN General Assembly';
const UN_ORG_ID = 'unga-records';
const STANCE_OF_VOTE = ['', 'support', 'neutral', 'oppose'] as const;

export interface ImportProgress {
  phase: 'read' | 'plan' | 'issues' | 'positions' | 'commit';
  done: number;
  total: number;
}

export interface ImportOptions extends ReadOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Rows per statement/batch (SQLite multi-row insert; PostgreSQL unnest batch). */
  batchSize?: number;
}

export interface ImportResult {
  groupId: string;
  store: string;
  dialect: Store['dialect'];
  read: { rollCalls: number; countries: number; votes: number };
  added: { parties: number; organisations: number; issues: number; positions: number };
  /** Rows already in the store (recognised by source key / id), left unchanged. */
  existing: { parties: number; issues: number; positions: number };
  ms: { read: number; write: number; total: number };
}

/** The derived code of a country without an ISO code: X-<NAME IN CAPITALS, non-alphanumerics as ->. */
export function derivedCode(name: string): string {
  return `X-${name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

const stamp = (at: string) => ({ version: 1, created_at: at, updated_at: at });

/** Reads DIR and imports it into the store (see the module doc). */
export async function importUnvotes(store: Store, dir: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const t0 = performance.now();
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: 'read', done: 0, total: 1 });
  const files = readUnvotesDir(dir, opts);
  progress({ phase: 'read', done: 1, total: 1 });
  const t1 = performance.now();
  const r = await writeUnvotes(store, files, opts);
  await refreshStatistics(store);
  const t2 = performance.now();
  return { ...r, ms: { read: Math.round(t1 - t0), write: Math.round(t2 - t1), total: Math.round(t2 - t0) } };
}

/** Imports already-read files (see importUnvotes). */
export async function writeUnvotes(store: Store, files: UnvotesFiles, opts: ImportOptions = {}): Promise<Omit<ImportResult, 'ms'>> {
  const db = store.db;
  const progress = opts.onProgress ?? (() => {});
  const at = new Date().toISOString();
  progress({ phase: 'plan', done: 0, total: 1 });

  // ---- parties: by name, then by code; new ones take their code as id when it is free.
  const parties = await db.selectFrom('parties').select(['id', 'code', 'name']).execute();
  const byName = new Map(parties.map((p) => [p.name, p]));
  const byCode = new Map(parties.map((p) => [p.code, p]));
  const ids = new Set(parties.map((p) => p.id));
  const newParties: PartyRow[] = [];
  const partyOf: string[] = []; // per country index
  let existingParties = 0;
  const claim = (want: string) => {
    let id = want;
    for (let k = 2; ids.has(id); k++) id = `${want}-${k}`;
    ids.add(id);
    return id;
  };
  let un = byCode.get('UN');
  if (!un) {
    const row: PartyRow = { id: claim('UN'), code: 'UN', name: 'United Nations', name_ko: '국제연합(유엔)', kind: 'international_organisation', ...stamp(at) };
    newParties.push(row);
    byCode.set('UN', row);
    un = row;
  }
  for (const c of files.countries) {
    let code = c.code ?? derivedCode(c.name);
    const found = byName.get(c.name) ?? byCode.get(code);
    if (found) {
      existingParties++;
      partyOf.push(found.id);
      continue;
    }
    for (let k = 2; byCode.has(code); k++) code = `${c.code ?? derivedCode(c.name)}-${k}`;
    const row: PartyRow = { id: claim(code), code, name: c.name, name_ko: null, kind: 'government', ...stamp(at) };
    newParties.push(row);
    byName.set(row.name, row);
    byCode.set(row.code, row);
    partyOf.push(row.id);
  }

  // ---- organisations: the UN's records office, and a mission per country.
  const missionId = (partyId: string) => `unga-m-${partyId}`;
  const wantOrgs: OrganisationRow[] = [
    { id: UN_ORG_ID, party_id: un.id, parent_id: null, acronym: 'UNGA', name: 'United Nations General Assembly (recorded votes)', name_ko: '유엔 총회', kind: 'assembly', ...stamp(at) },
    ...files.countries.map(
      (c, i): OrganisationRow => ({
        id: missionId(partyOf[i]),
        party_id: partyOf[i],
        parent_id: null,
        acronym: null,
        name: `Permanent Mission of ${c.name} to the United Nations`,
        name_ko: null,
        kind: 'mission',
        ...stamp(at),
      }),
    ),
  ];
  const haveOrgs = new Set(
    (
      await db
        .selectFrom('organisations')
        .select('id')
        .where(
          'id',
          'in',
          wantOrgs.map((o) => o.id),
        )
        .execute()
    ).map((o) => o.id),
  );
  const newOrgs = wantOrgs.filter((o) => !haveOrgs.has(o.id));
  const ungaGuard = { owner_org_id: UN_ORG_ID, owner_party_id: un.id, scope: 'public' as const, classification: 0 };

  // ---- the group, its parties and members.
  const group = await db.selectFrom('working_groups').select('id').where('id', '=', UNGA_GROUP_ID).executeTakeFirst();
  const haveWgParties = new Set((await db.selectFrom('wg_parties').select('party_id').where('wg_id', '=', UNGA_GROUP_ID).execute()).map((r) => r.party_id));
  const newWgParties = [...new Set(partyOf)].filter((p) => !haveWgParties.has(p)).map((party_id) => ({ wg_id: UNGA_GROUP_ID, party_id }));
  const haveMembers = new Set((await db.selectFrom('wg_members').select('organisation_id').where('wg_id', '=', UNGA_GROUP_ID).execute()).map((r) => r.organisation_id));
  const newMembers = [...new Set(partyOf.map(missionId))]
    .filter((o) => !haveMembers.has(o))
    .map((organisation_id) => ({ wg_id: UNGA_GROUP_ID, organisation_id, participation: 'member' as const, note: 'UN member state (from its first recorded vote)' }));

  // ---- issues by source key; positions by deterministic id.
  const existingIssues = new Map<string, string>();
  if (group) {
    const rows = await db.selectFrom('issues').select(['id', 'source_key']).where('wg_id', '=', UNGA_GROUP_ID).where('source_key', 'is not', null).execute();
    for (const row of rows) existingIssues.set(row.source_key!, row.id);
  }
  const issueIdOf = files.rollCalls.map((rc) => existingIssues.get(String(rc.rcid)) ?? `unga-rc-${rc.rcid}`);
  const newIssues: IssueRow[] = [];
  files.rollCalls.forEach((rc, i) => {
    if (existingIssues.has(String(rc.rcid))) return;
    newIssues.push({
      id: issueIdOf[i],
      wg_id: UNGA_GROUP_ID,
      track_id: null,
      code: null,
      title: rc.short ?? rc.resolution ?? `Roll call ${rc.rcid}`,
      title_ko: null,
      description: rc.descr,
      keywords: '[]',
      source_key: String(rc.rcid),
      session: rc.session,
      occurred_on: rc.date,
      resolution: rc.resolution,
      categories: JSON.stringify(rc.categories),
      important: rc.important,
      ...ungaGuard,
      ...stamp(at),
    });
  });
  const posId = (v: number) => `${issueIdOf[files.voteRollCall[v]]}-${partyOf[files.voteCountry[v]]}`;
  const rcExists = new Uint8Array(files.rollCalls.length);
  files.rollCalls.forEach((rc, i) => {
    if (existingIssues.has(String(rc.rcid))) rcExists[i] = 1;
  });
  const existingPositionIds = existingIssues.size > 0 ? await positionIds(store) : null;
  let existingPositions = 0;
  let unordered = new Int32Array(files.nVotes);
  let nFresh = 0;
  for (let v = 0; v < files.nVotes; v++) {
    if (existingPositionIds && rcExists[files.voteRollCall[v]] && existingPositionIds.has(posId(v))) existingPositions++;
    else unordered[nFresh++] = v;
  }
  unordered = unordered.subarray(0, nFresh);
  // Insert in the order of the position indexes (issue id, party id; the id follows them), so
  // every b-tree grows at its end instead of at random pages: several times faster on SQLite.
  const fresh = sortByKeys(sortByKeys(unordered, rankOf(partyOf), files.voteCountry), rankOf(issueIdOf), files.voteRollCall);
  progress({ phase: 'plan', done: 1, total: 1 });

  const result: Omit<ImportResult, 'ms'> = {
    groupId: UNGA_GROUP_ID,
    store: store.location,
    dialect: store.dialect,
    read: { rollCalls: files.rollCalls.length, countries: files.countries.length, votes: files.nVotes },
    added: { parties: newParties.length, organisations: newOrgs.length, issues: newIssues.length, positions: fresh.length },
    existing: { parties: existingParties, issues: existingIssues.size, positions: existingPositions },
  };
  const nothingNew = !newParties.length && !newOrgs.length && !newWgParties.length && !newMembers.length && !newIssues.length && !fresh.length;
  if (group && nothingNew) return result; // a re-run: nothing added, nothing changed, no audit event

  // SQLite checks five foreign keys per position row; every parent is written or verified above,
  // in this transaction, so the bulk insert runs with the checks off (the pragma only takes
  // effect outside a transaction, hence around the command) and restores them after.
  const raw = store.sqlite?.write;
  const fkOff = raw && process.env.CONCORD_IMPORT_FK !== 'on';
  if (fkOff) raw.exec('PRAGMA foreign_keys = OFF');
  const restoreCache = raw ? bigCache(raw) : () => {};
  // Rows of the small tables: on SQLite through one prepared statement on the raw handle (Kysely
  // would compile a statement of ~10,000 parameters per 500 issues), else in Kysely batches.
  const insert = async <T extends object>(tx: Tx, table: 'parties' | 'organisations' | 'wg_parties' | 'wg_members' | 'issues', rows: T[]) => {
    if (!rows.length) return;
    if (raw) insertRowsSqlite(raw, table, rows);
    else
      await chunked(rows, 500, (part) =>
        tx
          .insertInto(table)
          .values(part as never)
          .execute(),
      );
  };
  try {
    await runCommand({ store, actor: null, requestId: null }, async (tx, audit) => {
      await insert(tx, 'parties', newParties);
      await insert(tx, 'organisations', newOrgs);
      if (!group) {
        await tx
          .insertInto('working_groups')
          .values({
            id: UNGA_GROUP_ID,
            wg_id: UNGA_GROUP_ID,
            name: UNGA_GROUP_NAME,
            name_ko: '유엔 총회',
            short_name: 'UNGA',
            mandate:
              'Recorded (roll-call) votes of the UN General Assembly, 1946–2019, from the unvotes data (Erik Voeten et al., "United Nations General Assembly Voting Data", Harvard Dataverse; TidyTuesday 2021-03-23). Imported by `concord import unvotes`.',
            mandate_ko: null,
            kind: 'multilateral',
            status: 'established',
            established_on: '1946-01-10',
            termination_agreed_on: null,
            ended_on: null,
            cadence_rrule: null,
            cadence_note: 'Regular sessions open each September',
            timezone: 'America/New_York',
            predecessor_id: null,
            ...ungaGuard,
            ...stamp(at),
          })
          .execute();
      }
      await insert(tx, 'wg_parties', newWgParties);
      await insert(tx, 'wg_members', newMembers);
      progress({ phase: 'issues', done: 0, total: newIssues.length });
      await insert(tx, 'issues', newIssues);
      progress({ phase: 'issues', done: newIssues.length, total: newIssues.length });
      const onBatch = (done: number) => progress({ phase: 'positions', done, total: fresh.length });
      onBatch(0);
      if (raw) {
        const votes = { files, issueIdOf, partyOf, missionId };
        withBulkInsert(raw, fresh.length, () => insertPositionsSqlite(raw, fresh, votes, at, opts.batchSize ?? 1000, onBatch));
      } else {
        const cols = {
          id: (v: number) => posId(v),
          issue: (v: number) => issueIdOf[files.voteRollCall[v]],
          party: (v: number) => partyOf[files.voteCountry[v]],
          org: (v: number) => missionId(partyOf[files.voteCountry[v]]),
          stance: (v: number) => STANCE_OF_VOTE[files.voteCode[v]],
          validFrom: (v: number) => files.rollCalls[files.voteRollCall[v]].date,
        };
        await insertPositionsPostgres(tx, Array.from(fresh), cols, at, opts.batchSize ?? 50_000, onBatch);
      }
      progress({ phase: 'commit', done: 0, total: 1 });
      audit({
        action: 'store.import',
        entityType: 'working_group',
        entityId: UNGA_GROUP_ID,
        after: { source: 'unvotes', groupCreated: !group, read: result.read, added: result.added, existing: result.existing },
        guard: { ...ungaGuard, wg_id: UNGA_GROUP_ID },
      });
    });
  } finally {
    if (fkOff) raw.exec('PRAGMA foreign_keys = ON');
    restoreCache();
  }
  progress({ phase: 'commit', done: 1, total: 1 });
  return result;
}

/**
 * `items` stably sorted by `rank[keyOf[item]]` (a counting sort: the ranks are small integers,
 * 0 ≤ rank < rank.length). Two passes, the minor key first, sort by a pair of keys.
 */
function sortByKeys(items: Int32Array, rank: Int32Array, keyOf: Int32Array): Int32Array {
  const start = new Int32Array(rank.length + 1);
  for (let i = 0; i < items.length; i++) start[rank[keyOf[items[i]]] + 1]++;
  for (let r = 0; r < rank.length; r++) start[r + 1] += start[r];
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) out[start[rank[keyOf[items[i]]]]++] = items[i];
  return out;
}

/** Rank of each string in code-unit order (SQLite's default BINARY collation for ASCII ids). */
function rankOf(xs: readonly string[]): Int32Array {
  const idx = xs.map((_, i) => i).sort((a, b) => (xs[a] < xs[b] ? -1 : xs[a] > xs[b] ? 1 : 0));
  const rank = new Int32Array(xs.length);
  idx.forEach((i, r) => {
    rank[i] = r;
  });
  return rank;
}

/**
 * A 256 MB page cache for the bulk work (the default 2 MB spills the positions table and its
 * three indexes to the WAL again and again); returns the function that restores the old size.
 */
export function bigCache(raw: DatabaseSync, defaultMb = 256): () => void {
  const before = (raw.prepare('PRAGMA cache_size').get() as { cache_size: number }).cache_size;
  const tempBefore = (raw.prepare('PRAGMA temp_store').get() as { temp_store: number }).temp_store;
  const mb = Number(process.env.CONCORD_IMPORT_CACHE_MB ?? defaultMb);
  if (mb > 0) raw.exec(`PRAGMA cache_size = ${-Math.round(mb * 1024)}`);
  // A multi-row INSERT keeps a statement journal (to undo just that statement); on a temp file
  // that is millions of small writes. In memory it costs nothing measurable.
  raw.exec('PRAGMA temp_store = MEMORY');
  return () => {
    raw.exec(`PRAGMA cache_size = ${Number(before)}`);
    raw.exec(`PRAGMA temp_store = ${Number(tempBefore)}`);
  };
}

/** Ids of the group's positions (870k on a full import: read through the raw handle on SQLite). */
async function positionIds(store: Store): Promise<Set<string>> {
  const raw = store.sqlite?.write;
  if (raw) {
    const restore = bigCache(raw);
    try {
      // `+wg_id`: a table scan in rowid order, not 870k lookups through the (wg_id, party_id) index.
      const stmt = raw.prepare('select id from positions where +wg_id = ?');
      stmt.setReturnArrays(true);
      const ids = new Set<string>();
      for (const row of stmt.iterate(UNGA_GROUP_ID) as Iterable<unknown[]>) ids.add(row[0] as string);
      return ids;
    } finally {
      restore();
    }
  }
  const rows = await store.db.selectFrom('positions').select('id').where('wg_id', '=', UNGA_GROUP_ID).execute();
  return new Set(rows.map((row) => row.id));
}

async function chunked<T>(rows: T[], size: number, fn: (rows: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

type Cols = Record<'id' | 'issue' | 'party' | 'org' | 'stance' | 'validFrom', (v: number) => string>;

const POSITION_COLUMNS =
  'id, wg_id, issue_id, party_id, organisation_id, stance, conditions, rationale, source_kind, source_ref, valid_from, recorded_by, created_at, owner_org_id, owner_party_id, scope, classification';

/**
 * SQLite: the work around the bulk insert of positions, all inside the command's transaction
 * (other connections never see the table in between):
 * - when the rows to add outnumber those in the table, the secondary indexes whose order the
 *   insert does not follow (those not led by issue_id) are dropped before it and made again
 *   after it from their own definitions: one sort each instead of 870k scattered insertions.
 *   An index led by issue_id (as the rows arrive) grows at its end and is kept.
 *   CONCORD_IMPORT_REINDEX=off keeps them all;
 * - the search trigger that indexes a position's conditions and rationale is dropped for the
 *   insert and made again after it: it fires only for a row with either, and the import writes
 *   neither (its WHEN clause is checked to be that one; any other insert trigger stays).
 */
function withBulkInsert(raw: DatabaseSync, adding: number, insert: () => void): void {
  const triggers = (raw.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'positions'").all() as { name: string; sql: string }[]).filter((t) =>
    /\bafter insert on "?positions"? when \(new\.conditions is not null or new\.rationale is not null\) begin insert into search_text\b/i.test(t.sql.replace(/\s+/g, ' ')),
  );
  let indexes: { name: string; sql: string }[] = [];
  if (process.env.CONCORD_IMPORT_REINDEX !== 'off') {
    const have = Number((raw.prepare('select count(*) as n from positions').get() as { n: number }).n);
    if (adding > have) {
      const all = raw.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'positions' and sql is not null").all() as { name: string; sql: string }[];
      indexes = all.filter((i) => (raw.prepare(`select name from pragma_index_info(?) where seqno = 0`).get(i.name) as { name: string } | undefined)?.name !== 'issue_id');
    }
  }
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const t of triggers) raw.exec(`drop trigger ${quote(t.name)}`);
  for (const i of indexes) raw.exec(`drop index ${quote(i.name)}`);
  insert();
  for (const i of indexes) raw.exec(i.sql);
  for (const t of triggers) raw.exec(t.sql);
}

/**
 * SQLite: rows of a small table as multi-row prepared inserts on the raw handle (few statements:
 * the full-text index behind the issues' search trigger writes its pending terms out at each one).
 */
function insertRowsSqlite(raw: DatabaseSync, table: string, rows: object[]): void {
  const cols = Object.keys(rows[0]);
  const per = Math.max(1, Math.min(500, Math.floor(30_000 / cols.length)));
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const prepare = (k: number) => raw.prepare(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values ${new Array(k).fill(tuple).join(', ')}`);
  const full = rows.length >= per ? prepare(per) : null;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per) as Record<string, SQLInputValue | undefined>[];
    const params: SQLInputValue[] = [];
    for (const r of part) for (const c of cols) params.push(r[c] ?? null);
    (part.length === per && full ? full : prepare(part.length)).run(...params);
  }
}

interface Votes {
  files: UnvotesFiles;
  issueIdOf: string[];
  partyOf: string[];
  missionId: (partyId: string) => string;
}

/**
 * SQLite: the positions as multi-row prepared inserts on the raw handle, on the same connection
 * as the command's Kysely transaction, so they commit or roll back with it. A row is bound as two
 * integers (its roll call, and its country and vote); the strings (ids, dates) are made by
 * SQLite from two temporary tables of the roll calls and the countries: binding seven strings per
 * row cost more than SQLite's own work on it.
 */
function insertPositionsSqlite(raw: DatabaseSync, rows: Int32Array, v: Votes, at: string, batch: number, onBatch: (done: number) => void): void {
  const { files } = v;
  const rcTable = 'temp.concord_unvotes_rc',
    partyTable = 'temp.concord_unvotes_party';
  const dropTemp = () => raw.exec(`drop table if exists ${rcTable}; drop table if exists ${partyTable}`);
  dropTemp();
  raw.exec(`create table ${rcTable} (k integer primary key, issue_id text not null, valid_from text not null)`);
  raw.exec(`create table ${partyTable} (k integer primary key, party_id text not null, org_id text not null)`);
  try {
    const addRc = raw.prepare(`insert into ${rcTable} values (?, ?, ?)`);
    files.rollCalls.forEach((rc, i) => {
      addRc.run(i, v.issueIdOf[i], rc.date);
    });
    const addParty = raw.prepare(`insert into ${partyTable} values (?, ?, ?)`);
    v.partyOf.forEach((p, i) => {
      addParty.run(i, p, v.missionId(p));
    });
    // CROSS JOIN keeps the VALUES rows as the outer loop, so rows go in in the order given.
    const stance = `case v.column2 & 3 ${STANCE_OF_VOTE.map((s, code) => (s ? `when ${code} then '${s}'` : '')).join(' ')} end`;
    const prepare = (k: number) =>
      raw.prepare(
        `insert into positions (${POSITION_COLUMNS}) select r.issue_id || '-' || p.party_id, '${UNGA_GROUP_ID}', r.issue_id, p.party_id, null, ${stance}, null, null, null, null, r.valid_from, null, '${at}', p.org_id, p.party_id, 'public', 0 ` +
          `from (values ${new Array(k).fill('(?, ?)').join(', ')}) v cross join ${rcTable} r on r.k = v.column1 cross join ${partyTable} p on p.k = v.column2 >> 2`,
      );
    const full = prepare(batch);
    const params: number[] = new Array(2 * batch);
    const every = Math.max(batch, Math.ceil(rows.length / 100 / batch) * batch);
    for (let i = 0; i < rows.length; i += batch) {
      const k = Math.min(batch, rows.length - i);
      if (k < batch) params.length = 2 * k;
      for (let j = 0; j < k; j++) {
        const x = rows[i + j];
        params[2 * j] = files.voteRollCall[x];
        params[2 * j + 1] = (files.voteCountry[x] << 2) | files.voteCode[x];
      }
      const stmt = k === batch ? full : prepare(k);
      const changed = Number(stmt.run(...params).changes);
      if (changed !== k) throw new Error(`positions: ${changed} rows inserted of ${k}`);
      if ((i + k) % every === 0 || i + k === rows.length) onBatch(i + k);
    }
  } finally {
    dropTemp();
  }
}

/** PostgreSQL: `insert … select from unnest(…)` in batches, inside the command's transaction. */
async function insertPositionsPostgres(tx: Tx, rows: number[], c: Cols, at: string, batch: number, onBatch: (done: number) => void): Promise<void> {
  // PostgreSQL checks the five foreign keys of every row with a trigger (most of the time of a
  // bulk insert). Every parent is written or verified above in this transaction, so, when the
  // role may (superuser), the checks are skipped for this transaction only; otherwise they run.
  let replica = false;
  await sql`savepoint concord_fk`.execute(tx);
  try {
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`release savepoint concord_fk`.execute(tx);
    replica = true;
  } catch {
    await sql`rollback to savepoint concord_fk`.execute(tx);
  }
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const col = (f: (v: number) => string) => part.map(f);
    await sql`insert into positions (${sql.raw(POSITION_COLUMNS)})
      select u.id, ${UNGA_GROUP_ID}, u.issue_id, u.party_id, null, u.stance, null, null, null, null, u.valid_from, null, ${at}, u.owner_org_id, u.party_id, 'public', 0
      from unnest(${col(c.id)}::text[], ${col(c.issue)}::text[], ${col(c.party)}::text[], ${col(c.stance)}::text[], ${col(c.validFrom)}::text[], ${col(c.org)}::text[])
        as u(id, issue_id, party_id, stance, valid_from, owner_org_id)`.execute(tx);
    onBatch(i + part.length);
  }
  if (replica) await sql`set local session_replication_role = origin`.execute(tx);
}
