/**
 * The alignment view of one working group: for pairs of its parties and of its organisations,
 * the figure (with method, n and counts), the group's verbal label, the trend over the group's
 * meetings (or calendar years), and the issues that divide the pair — all over only the issues
 * and positions the caller may see.
 */
import { sql } from 'kysely';
import { groupLabelScale } from './label-scale.ts';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible } from '../queries/visible.ts';
import {
  groupItems,
  labelFor,
  pairMeasure,
  trendFromResults,
  type AlignmentLabel,
  type LabelScale,
  type MeasureResult,
  type MethodId,
  type Trend,
  type TrendInput,
  type VoteTable,
} from '../../core/analytics/index.ts';
import { AnalysisInputError, checkMethod, participantRef, resolveParticipant, type ParticipantRef } from './compute.ts';
import { dayOf, tableAsOf, type PositionLog, type StoreItem } from './load.ts';
import { groupLog } from './cache.ts';

/** Above this many participants, name the pair (a, b): all pairs would be too many. */
export const MAX_PARTICIPANTS_FOR_ALL_PAIRS = 30;
/** Dividing issues listed per pair. */
export const DIVIDING_TOP = 10;

export interface TrendPointOut {
  key: string;
  title: string | null;
  date: string | null;
  x: number;
  value: number | null;
  n: number;
  used: boolean;
}

export interface PairAlignment {
  a: ParticipantRef;
  b: ParticipantRef;
  kind: 'parties' | 'organisations' | 'mixed';
  figure: MeasureResult;
  label: AlignmentLabel;
  trend: Omit<Trend<string, TrendInput>, 'points'> & { by: 'meeting' | 'year'; points: TrendPointOut[] };
  dividing: { issueId: string; title: string; date: string | null; a: VoteClass; b: VoteClass; gap: 'opposite' | 'partial' }[];
}

export type VoteClass = 'support' | 'neutral' | 'oppose';
const CLASS: VoteClass[] = ['support', 'support', 'neutral', 'oppose'];

export interface GroupAlignment {
  group: { id: string; name: string };
  method: MethodId;
  asOf: string;
  labelScale: LabelScale;
  participants: ParticipantRef[];
  pairs: PairAlignment[];
  /** Issues and position rows the figures were computed from (what the caller may see). */
  basis: { issues: number; positions: number };
}

/** Decimal year of a YYYY-MM-DD date (the trend's abscissa, so slopes are per year). */
const decimalYear = (d: string) => {
  const y = Number(d.slice(0, 4));
  const start = Date.UTC(y, 0, 1),
    end = Date.UTC(y + 1, 0, 1);
  return y + (Date.parse(d.slice(0, 10)) - start) / (end - start);
};

interface Window {
  key: string;
  title: string | null;
  date: string | null;
  x: number;
  table: VoteTable<StoreItem>;
  items?: Int32Array;
}

/**
 * Trend windows: the group's held meetings up to asOf (the stances in force on each meeting's
 * date, over all issues; meetings on one date make one window) when there are at least two
 * meeting dates; otherwise calendar years — by the issues'
 * dates when they are dated votes (UN roll calls), else the stances in force at each year's end.
 */
async function trendWindows(store: Store, actor: Actor, log: PositionLog, asOf: string, asOfTable: VoteTable<StoreItem>): Promise<{ by: 'meeting' | 'year'; windows: Window[] }> {
  const meetings = await store.db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at'])
    .where('wg_id', '=', log.wgId)
    .where('status', '=', 'held')
    .where(sql<boolean>`substr(starts_at, 1, 10) <= ${asOf}`)
    .where(visibleTo(actor, 'meetings'))
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  // Meetings on one day (a consultation and a briefing beside it) share one window.
  const byDate = new Map<string, { id: string; titles: string[] }>();
  for (const m of meetings) {
    const date = m.starts_at.slice(0, 10);
    const e = byDate.get(date);
    if (e) e.titles.push(m.title);
    else byDate.set(date, { id: m.id, titles: [m.title] });
  }
  if (byDate.size >= 2) {
    return {
      by: 'meeting',
      windows: [...byDate].map(([date, m]) => ({ key: m.id, title: m.titles.join(' / '), date, x: decimalYear(date), table: tableAsOf(log, dayOf(date)) })),
    };
  }
  const dated = asOfTable.items.some((it) => it.date !== null);
  if (dated) {
    return {
      by: 'year',
      windows: groupItems(asOfTable.items, (it) => it.year).map((w) => ({ key: String(w.key), title: null, date: null, x: Number(w.key), table: asOfTable, items: w.items })),
    };
  }
  let first = Number(asOf.slice(0, 4));
  for (let k = 0; k < log.day.length; k++) first = Math.min(first, Math.floor(log.day[k] / 10000));
  const last = Number(asOf.slice(0, 4));
  const windows: Window[] = [];
  for (let y = first; y <= last; y++) {
    const date = y === last ? asOf : `${y}-12-31`;
    windows.push({ key: String(y), title: null, date, x: y, table: tableAsOf(log, dayOf(date)) });
  }
  return { by: 'year', windows };
}

function dividing(table: VoteTable<StoreItem>, a: number, b: number): PairAlignment['dividing'] {
  const m = table.items.length;
  const out: (PairAlignment['dividing'][number] & { d: number })[] = [];
  for (let i = 0; i < m; i++) {
    const x = table.votes[a * m + i],
      y = table.votes[b * m + i];
    if (x === 0 || y === 0 || x === y) continue;
    const it = table.items[i];
    const d = Math.abs(x - y);
    out.push({ issueId: it.issueId, title: it.title, date: it.date, a: CLASS[x], b: CLASS[y], gap: d === 2 ? 'opposite' : 'partial', d });
  }
  out.sort((p, q) => q.d - p.d || ((q.date ?? '') < (p.date ?? '') ? -1 : (q.date ?? '') > (p.date ?? '') ? 1 : 0));
  return out.slice(0, DIVIDING_TOP).map(({ d: _d, ...rest }) => rest);
}

/** GET /working-groups/:id/alignment. */
export async function groupAlignment(store: Store, actor: Actor, wgId: string, q: { method?: string; asOf?: string; a?: string; b?: string }): Promise<GroupAlignment> {
  const wg = await getVisible(store.db, actor, 'working_groups', wgId, 'Working group');
  const scale = groupLabelScale(wg);
  const method = checkMethod(q.method, 'method', scale.method);
  const asOf = q.asOf ?? new Date().toISOString().slice(0, 10);
  const { log } = await groupLog(store, actor, wgId);
  const table = tableAsOf(log, dayOf(asOf));
  const P = log.participants;

  let pairs: [number, number][] = [];
  if (q.a !== undefined || q.b !== undefined) {
    if (q.a === undefined || q.b === undefined) throw new AnalysisInputError(q.a === undefined ? 'a' : 'b', 'name both a and b, or neither');
    pairs = [[resolveParticipant(log, q.a, 'a'), resolveParticipant(log, q.b, 'b')]];
  } else {
    if (P.length > MAX_PARTICIPANTS_FOR_ALL_PAIRS) {
      throw new AnalysisInputError('a', `this group has ${P.length} parties and organisations with positions; name a pair (a, b), or use GET /alignment/matrix`);
    }
    for (let i = 0; i < P.length; i++) for (let j = i + 1; j < P.length; j++) if (P[i].kind === P[j].kind) pairs.push([i, j]);
  }

  const { by, windows } = await trendWindows(store, actor, log, asOf, table);
  const out = pairs.map(([a, b]): PairAlignment => {
    const figure = pairMeasure(table, method, a, b);
    const label = labelFor(method === scale.method ? figure : pairMeasure(table, scale.method, a, b), scale);
    const trend = trendFromResults(
      windows.map((w) => ({ key: w.key, result: pairMeasure(w.table, method, a, b, w.items) as TrendInput })),
      { x: (_k, i) => windows[i].x },
    );
    const { points, ...rest } = trend;
    return {
      a: participantRef(P[a]),
      b: participantRef(P[b]),
      kind: P[a].kind !== P[b].kind ? 'mixed' : P[a].kind === 'party' ? 'parties' : 'organisations',
      figure,
      label,
      trend: {
        ...rest,
        by,
        points: points.map((p, i) => ({ key: p.key, title: windows[i].title, date: windows[i].date, x: p.x, value: p.value, n: p.n, used: p.used })),
      },
      dividing: dividing(table, a, b),
    };
  });
  return {
    group: { id: wg.id, name: wg.name },
    method,
    asOf,
    labelScale: scale,
    participants: P.map(participantRef),
    pairs: out,
    basis: { issues: log.items.length, positions: log.rows },
  };
}
