/**
 * Loading a working group's positions from the store as a compact, date-aware log, and turning
 * it into the core's vote table (participants × issues, codes 0–3) as of any date.
 *
 * Who is compared ("participants"):
 * - every **party** with a party-level position (organisation null) in the group;
 * - every **organisation** with a position in its own name (organisation_id set). An
 *   organisation's stance on an issue is its latest statement of stance: its own positions and
 *   the party-level positions it recorded as owner (e.g. the Foreign Ministry recording the
 *   government line), whichever is later. Organisations that never took a position in their own
 *   name (the UN missions of the roll-call import) are not separate participants.
 *
 * Stances map onto the ordinal vote of the literature with the vocabulary's `stanceToVote`
 * (support/strongly_support → 1 yes, neutral → 2 abstain, oppose/strongly_oppose → 3 no); a null
 * stance ("no position") is a missing vote. "As of D" is, per issue and participant, the latest
 * position with valid_from ≤ D (a later recording on the same day wins, then the larger id), as in
 * GET /positions?asOf.
 *
 * Visibility: with an actor, issues and positions are filtered by `visibleTo` in SQL, so an
 * invisible position is never loaded; without one (the CLI, an operator's tool on the server)
 * everything is loaded.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import type { Database } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { STANCES, stanceToVote, type Stance } from '../../core/vocabulary.ts';
import { createVoteTable, type VoteTable } from '../../core/analytics/index.ts';

/** An issue of the group as an item of the vote table. */
export interface StoreItem {
  issueId: string;
  title: string;
  /** The source's key (UN roll calls: the rcid). */
  sourceKey: string | null;
  session: number | null;
  /** YYYY-MM-DD, when the issue is a dated vote. */
  date: string | null;
  year: number | null;
  categories: string[];
  important: number | null;
}

/** A party or organisation compared by the analytics. */
export interface Participant {
  /** Unique key in the vote table: `party:<id>` or `org:<id>`. */
  key: string;
  kind: 'party' | 'organisation';
  id: string;
  partyId: string;
  /** Party code (for an organisation: its party's). */
  partyCode: string;
  name: string;
  acronym: string | null;
  /** Short display label: the party code, or `CODE/ACRONYM` for an organisation. */
  label: string;
}

/**
 * The group's positions as a log: per (issue, participant) cell, its entries in date order.
 * CSR layout: cell k holds entries start[k] … start[k+1]−1.
 */
export interface PositionLog {
  wgId: string;
  items: StoreItem[];
  participants: Participant[];
  cellItem: Int32Array;
  cellWho: Int32Array;
  start: Int32Array;
  /** Entry date as yyyymmdd. */
  day: Int32Array;
  /** Entry vote code 0–3 (0 = no position). */
  code: Uint8Array;
  /** Number of position rows loaded. */
  rows: number;
  /** Tables already built, by as-of day. */
  tables: Map<number, VoteTable<StoreItem>>;
}

/** 'YYYY-MM-DD…' → yyyymmdd. */
export const dayOf = (d: string): number =>
  (d.charCodeAt(0) - 48) * 10_000_000 +
  (d.charCodeAt(1) - 48) * 1_000_000 +
  (d.charCodeAt(2) - 48) * 100_000 +
  (d.charCodeAt(3) - 48) * 10_000 +
  (d.charCodeAt(5) - 48) * 1000 +
  (d.charCodeAt(6) - 48) * 100 +
  (d.charCodeAt(8) - 48) * 10 +
  (d.charCodeAt(9) - 48);

const CODE_OF_STANCE = new Map<string, number>(STANCES.map((s) => [s, stanceToVote(s as Stance)]));

/** Runs a compiled Kysely select: through the raw node:sqlite handle (arrays, no row objects) when there is one. */
async function rowsOf(store: Store, q: { compile(): { sql: string; parameters: readonly unknown[] }; execute(): Promise<unknown[]> }, columns: string[]): Promise<Iterable<unknown[]>> {
  if (store.sqlite) {
    const c = q.compile();
    const stmt = store.sqlite.read().prepare(c.sql);
    stmt.setReturnArrays(true);
    return stmt.iterate(...(c.parameters as (string | number | null)[])) as Iterable<unknown[]>;
  }
  const rows = (await q.execute()) as Record<string, unknown>[];
  return rows.map((r) => columns.map((k) => r[k]));
}

/** Above this many positions a group is read by a table scan rather than by its index (SQLite). */
const LARGE_GROUP_ROWS = 20_000;

/**
 * The WHERE term that picks a group's positions: on SQLite, for a large group, `+wg_id` keeps the
 * planner off the (wg_id, party_id) index, since a table scan in rowid order is several times
 * faster than 870k index-ordered row lookups; for a small group beside a large one the index is
 * the fast way (scanning the UN group's rows to find a demo group's 38 cost a second). The
 * group's rows are counted on the index to tell which.
 */
export async function positionsOfGroup(store: Store, wgId: string): Promise<RawBuilder<boolean>> {
  if (store.dialect !== 'sqlite') return sql<boolean>`positions.wg_id = ${wgId}`;
  const c = await store.db.selectFrom('positions').select(sql<number>`count(*)`.as('n')).where('wg_id', '=', wgId).executeTakeFirst();
  return Number(c?.n ?? 0) > LARGE_GROUP_ROWS ? sql<boolean>`+positions.wg_id = ${wgId}` : sql<boolean>`positions.wg_id = ${wgId}`;
}

const numericKey = (k: string | null) => (k !== null && /^\d+$/.test(k) ? Number(k) : Number.POSITIVE_INFINITY);

/** Loads the log of one group: everything (actor null) or what `actor` may see. */
export async function loadPositionLog(store: Store, wgId: string, actor: Actor | null, opts: { ties?: boolean } = {}): Promise<PositionLog> {
  const db: Kysely<Database> = store.db;
  let iq = db.selectFrom('issues').select(['id', 'title', 'source_key', 'session', 'occurred_on', 'categories', 'important', 'created_at']).where('wg_id', '=', wgId);
  if (actor) iq = iq.where(visibleTo(actor, 'issues'));
  const issueRows = [...(await rowsOf(store, iq, ['id', 'title', 'source_key', 'session', 'occurred_on', 'categories', 'important', 'created_at']))];
  issueRows.sort((x, y) => {
    const dx = (x[4] as string | null) ?? '9999',
      dy = (y[4] as string | null) ?? '9999';
    if (dx !== dy) return dx < dy ? -1 : 1;
    const kx = numericKey(x[2] as string | null),
      ky = numericKey(y[2] as string | null);
    if (kx !== ky) return kx - ky;
    const cx = x[7] as string,
      cy = y[7] as string;
    if (cx !== cy) return cx < cy ? -1 : 1;
    return (x[0] as string) < (y[0] as string) ? -1 : 1;
  });
  const items: StoreItem[] = issueRows.map((r) => {
    let categories: string[] = [];
    try {
      const c = JSON.parse((r[5] as string) ?? '[]');
      if (Array.isArray(c)) categories = c.map(String);
    } catch {
      /* not JSON: no categories */
    }
    const date = (r[4] as string | null) ?? null;
    return {
      issueId: r[0] as string,
      title: r[1] as string,
      sourceKey: (r[2] as string | null) ?? null,
      session: r[3] === null || r[3] === undefined ? null : Number(r[3]),
      date,
      year: date ? Number(date.slice(0, 4)) : null,
      categories,
      important: r[6] === null || r[6] === undefined ? null : Number(r[6]),
    };
  });
  const itemOf = new Map(items.map((it, i) => [it.issueId, i]));

  const inGroup = await positionsOfGroup(store, wgId);
  // Tie-break columns (created_at, id) are fetched only when a cell has two entries on one day.
  const withTies = opts.ties ?? false;
  const cols = ['issue_id', 'party_id', 'organisation_id', 'stance', 'valid_from', ...(withTies ? ['created_at', 'id'] : [])] as const;
  let pq = db
    .selectFrom('positions')
    .select(cols as unknown as ['issue_id'])
    .where(inGroup);
  if (actor) pq = pq.where(visibleTo(actor, 'positions'));
  const posRows = await rowsOf(store, pq, [...cols]);

  // Pass 1: rows → (item, participant, day, code).
  const whoOf = new Map<string, number>();
  const whoKeys: { kind: 'party' | 'organisation'; id: string; partyId: string }[] = [];
  const who = (kind: 'party' | 'organisation', id: string, partyId: string) => {
    const key = (kind === 'party' ? 'party:' : 'org:') + id;
    let w = whoOf.get(key);
    if (w === undefined) {
      w = whoKeys.length;
      whoOf.set(key, w);
      whoKeys.push({ kind, id, partyId });
    }
    return w;
  };
  const rItem: number[] = [],
    rWho: number[] = [],
    rDay: number[] = [],
    rCode: number[] = [],
    rTie: string[] = [];
  const ownPositionOrgs = new Set<string>();
  let rows = 0;
  const add = (r: unknown[], w: number) => {
    const item = itemOf.get(r[0] as string);
    if (item === undefined) return; // issue not visible (or not of this group)
    const stance = r[3] as string | null;
    rItem.push(item);
    rWho.push(w);
    rDay.push(dayOf(r[4] as string));
    rCode.push(stance === null ? 0 : (CODE_OF_STANCE.get(stance) ?? 0));
    if (withTies) rTie.push(`${r[5] as string}\u0000${r[6] as string}`);
  };
  for (const r of posRows) {
    rows++;
    const org = r[2] as string | null;
    if (org) ownPositionOrgs.add(org);
    add(r, org ? who('organisation', org, r[1] as string) : who('party', r[1] as string, r[1] as string));
  }
  // Organisation fallbacks: a party-level position counts for the organisation that recorded it,
  // when that organisation also speaks in its own name in this group.
  if (ownPositionOrgs.size) {
    const fcols = ['issue_id', 'party_id', 'owner_org_id', 'stance', 'valid_from', ...(withTies ? ['created_at', 'id'] : [])] as const;
    let fq = db
      .selectFrom('positions')
      .select(fcols as unknown as ['issue_id'])
      .where(inGroup)
      .where('organisation_id', 'is', null)
      .where('owner_org_id', 'in', [...ownPositionOrgs]);
    if (actor) fq = fq.where(visibleTo(actor, 'positions'));
    for (const r of await rowsOf(store, fq, [...fcols])) add(r, who('organisation', r[2] as string, r[1] as string));
  }

  // Participants: names and codes.
  const partyIds = [...new Set(whoKeys.map((w) => w.partyId))];
  const orgIds = whoKeys.filter((w) => w.kind === 'organisation').map((w) => w.id);
  const parties = partyIds.length ? await db.selectFrom('parties').select(['id', 'code', 'name']).where('id', 'in', partyIds).execute() : [];
  const orgs = orgIds.length ? await db.selectFrom('organisations').select(['id', 'acronym', 'name', 'party_id']).where('id', 'in', orgIds).execute() : [];
  const partyById = new Map(parties.map((p) => [p.id, p]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const unsorted: Participant[] = whoKeys.map((w) => {
    const p = partyById.get(w.partyId);
    const code = p?.code ?? w.partyId;
    if (w.kind === 'party') return { key: `party:${w.id}`, kind: 'party', id: w.id, partyId: w.id, partyCode: code, name: p?.name ?? w.id, acronym: null, label: code };
    const o = orgById.get(w.id);
    return {
      key: `org:${w.id}`,
      kind: 'organisation',
      id: w.id,
      partyId: w.partyId,
      partyCode: code,
      name: o?.name ?? w.id,
      acronym: o?.acronym ?? null,
      label: `${code}/${o?.acronym ?? w.id}`,
    };
  });
  const order = unsorted
    .map((_, i) => i)
    .sort((x, y) => {
      const a = unsorted[x],
        b = unsorted[y];
      if (a.kind !== b.kind) return a.kind === 'party' ? -1 : 1;
      return a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1;
    });
  const newIndex = new Int32Array(order.length);
  order.forEach((old, i) => {
    newIndex[old] = i;
  });
  const participants = order.map((i) => unsorted[i]);

  // Pass 2: sort by cell (item × participant; a counting sort), then a cell's entries by day.
  const n = rItem.length;
  const W = Math.max(1, participants.length);
  const cellKey = new Float64Array(n);
  for (let r = 0; r < n; r++) cellKey[r] = rItem[r] * W + newIndex[rWho[r]];
  const perm = sortByCell(cellKey, items.length * W);
  const cellItem: number[] = [],
    cellWho: number[] = [],
    start: number[] = [];
  const day = new Int32Array(n),
    code = new Uint8Array(n);
  let tie = false;
  for (let k = 0; k < n; ) {
    const key = cellKey[perm[k]];
    let e = k + 1;
    while (e < n && cellKey[perm[e]] === key) e++;
    if (e - k > 1) {
      // Entries of one cell (few): by day, then (created_at, id) when fetched.
      const cell = perm.subarray(k, e).sort((x, y) => rDay[x] - rDay[y] || (withTies ? (rTie[x] < rTie[y] ? -1 : rTie[x] > rTie[y] ? 1 : 0) : 0));
      for (let j = 1; j < cell.length && !withTies; j++) if (rDay[cell[j]] === rDay[cell[j - 1]]) tie = true;
    }
    const r0 = perm[k];
    cellItem.push(rItem[r0]);
    cellWho.push(newIndex[rWho[r0]]);
    start.push(k);
    for (let j = k; j < e; j++) {
      day[j] = rDay[perm[j]];
      code[j] = rCode[perm[j]];
    }
    k = e;
  }
  start.push(n);
  // Two entries of one cell on the same day: load again with the tie-break columns.
  if (tie) return loadPositionLog(store, wgId, actor, { ties: true });
  return {
    wgId,
    items,
    participants,
    rows,
    cellItem: Int32Array.from(cellItem),
    cellWho: Int32Array.from(cellWho),
    start: Int32Array.from(start),
    day,
    code,
    tables: new Map(),
  };
}

/** Row indexes ordered by key (integers in [0, range)): a counting sort when the range is moderate. */
function sortByCell(key: Float64Array, range: number): Int32Array {
  const n = key.length;
  if (range > 64_000_000) {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    return p.sort((x, y) => key[x] - key[y]);
  }
  const count = new Int32Array(range + 1);
  for (let r = 0; r < n; r++) count[key[r] + 1]++;
  for (let k = 1; k <= range; k++) count[k] += count[k - 1];
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) out[count[key[r]]++] = r;
  return out;
}

/**
 * The vote table of the log as of a date (yyyymmdd; default: everything): participants × items,
 * each cell the code of the latest entry on or before the date. Membership spans are the core's
 * default (first to last recorded vote in item order). Cached on the log (a few dates).
 */
export function tableAsOf(log: PositionLog, asOfDay = 99_991_231): VoteTable<StoreItem> {
  const hit = log.tables.get(asOfDay);
  if (hit) return hit;
  const m = log.items.length;
  const P = log.participants.length;
  const votes = new Uint8Array(P * m);
  const cells = log.cellItem.length;
  for (let k = 0; k < cells; k++) {
    let e = log.start[k + 1] - 1;
    const s = log.start[k];
    while (e >= s && log.day[e] > asOfDay) e--;
    if (e >= s) votes[log.cellWho[k] * m + log.cellItem[k]] = log.code[e];
  }
  const table = createVoteTable({ parties: log.participants.map((p) => p.key), items: log.items, votes });
  if (log.tables.size >= 8) log.tables.delete(log.tables.keys().next().value!);
  log.tables.set(asOfDay, table);
  return table;
}
