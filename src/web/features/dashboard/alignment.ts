/**
 * Alignment of pairs of parties/organisations, issue by issue.
 *
 * THE PLUG-IN POINT: `useAlignment` is the only thing the dashboard heatmap reads.
 * - The cells (issue × pair) come from the positions in force (GET /positions?wgId&asOf), stances
 *   mapped to −2…+2 and a pair's agreement on an issue = 2 − |a − b| (+2 identical, −2 opposite).
 * - The pairs and their figures — value and method, n, the group's label, trend and dividing
 *   issues — come from the server's alignment API (GET /working-groups/:id/alignment?asOf), the
 *   one source of those numbers. Where that route is missing (404), the pair figures fall back to
 *   the mean of the cells, so the panel still works against an older server.
 */
import { useQuery } from '@tanstack/react-query';
import { bootRequest } from '../../api/boot-requests.ts';
import { ApiError, get } from '../../api/client.ts';
import type { Issue } from '../../../core/api/issues.ts';
import type { List } from '../../../core/api/common.ts';
import type { Position } from '../../../core/api/positions.ts';
import type { GroupAlignment } from '../../../core/api/alignment.ts';
import { STANCES, type Stance } from '../../../core/vocabulary.ts';

export interface AlignmentActor {
  key: string;
  partyId: string;
  organisationId: string | null;
}
export interface AlignmentPair {
  key: string;
  a: AlignmentActor;
  b: AlignmentActor;
  /** Mean agreement over the issues both have a stance on, −2…+2; null when none in common. */
  mean: number | null;
  /** Mean at the comparison date, for the trend. */
  previous: number | null;
  trend: 'converging' | 'diverging' | 'steady' | 'new' | null;
  label: AlignmentLabel | null;
  shared: number;
  /** The server's figures for the pair, when the alignment API answered. */
  api?: PairFigures;
}
export interface PairFigures {
  method: string;
  value: number | null;
  n: number;
  label: string | null;
  labelReason?: string;
  /** The method and n the label was read from (the group's label scale). */
  labelMethod: string;
  labelN: number;
  direction: ApiPair['trend']['direction'];
  slope: ApiPair['trend']['slope'];
  /** Windows the trend was fitted over (the server fits none below its minimum). */
  nWindows: number;
  dividing: ApiPair['dividing'];
}

/** GET /working-groups/:id/alignment, as the contract in core/api/alignment.ts has it. */
type GroupAlignmentResponse = GroupAlignment;
type ApiPair = GroupAlignment['pairs'][number];
export type AlignmentLabel = 'aligned' | 'close' | 'apart' | 'opposed';
export interface AlignmentCell {
  issueId: string;
  pairKey: string;
  value: number;
  label: AlignmentLabel;
}
export interface Alignment {
  asOf: string;
  since: string;
  issues: Issue[];
  pairs: AlignmentPair[];
  cells: AlignmentCell[];
  source: 'positions' | 'api';
  /** Issues and positions visible to the viewer that the server's figures come from. */
  basis?: GroupAlignment['basis'];
}

export const stanceScore = (s: Stance | null): number | null => (s === null ? null : STANCES.indexOf(s) - 2);
export const agreement = (a: number, b: number) => 2 - Math.abs(a - b);
export const labelFor = (v: number): AlignmentLabel => (v >= 1.5 ? 'aligned' : v >= 0.5 ? 'close' : v > -1 ? 'apart' : 'opposed');

const actorKey = (p: Position) => (p.organisationId ? `org:${p.organisationId}` : `party:${p.partyId}`);

/**
 * Orders actor keys as `localeCompare` does. In the app's languages (English and Korean) keys of
 * lower-case letters, digits and hyphens sort the same by code point, which spares the page
 * setting up a collator (tens of ms on first use) on the dashboard's way to its first draw;
 * anything else goes to `localeCompare`.
 */
const PLAIN_KEY = /^(org|party):[a-z0-9-]+$/;
const PLAIN_LOCALE = typeof navigator === 'undefined' || /^(en|ko)\b/i.test(navigator.language ?? '');
export const compareKeys = (x: string, y: string): number => (PLAIN_LOCALE && PLAIN_KEY.test(x) && PLAIN_KEY.test(y) ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y));

/** The position in force per issue × actor on a date: the latest valid_from on or before it. */
export function inForce(positions: Position[], asOf: string): Map<string, Map<string, Position>> {
  const byIssue = new Map<string, Map<string, Position>>();
  for (const p of positions) {
    if (p.validFrom.slice(0, 10) > asOf) continue;
    const m = byIssue.get(p.issueId) ?? new Map<string, Position>();
    const k = actorKey(p);
    const cur = m.get(k);
    if (!cur || cur.validFrom < p.validFrom || (cur.validFrom === p.validFrom && (cur.createdAt ?? '') < (p.createdAt ?? ''))) m.set(k, p);
    byIssue.set(p.issueId, m);
  }
  return byIssue;
}

function pairMeans(byIssue: Map<string, Map<string, Position>>, pairs: { key: string; a: string; b: string }[]) {
  const out = new Map<string, { sum: number; n: number; cells: { issueId: string; v: number }[] }>();
  for (const pr of pairs) out.set(pr.key, { sum: 0, n: 0, cells: [] });
  for (const [issueId, actors] of byIssue) {
    for (const pr of pairs) {
      const a = actors.get(pr.a);
      const b = actors.get(pr.b);
      const sa = a ? stanceScore(a.stance) : null;
      const sb = b ? stanceScore(b.stance) : null;
      if (sa === null || sb === null) continue;
      const v = agreement(sa, sb);
      const o = out.get(pr.key)!;
      o.sum += v;
      o.n += 1;
      o.cells.push({ issueId, v });
    }
  }
  return out;
}

/** Pure: alignment figures from positions (exported for tests and for the API fallback). */
export function alignmentFromPositions(issues: Issue[], now: Position[], then: Position[], asOf: string, since: string): Alignment {
  const current = inForce(now, asOf);
  const earlier = inForce(then, since);
  const actors = new Map<string, AlignmentActor>();
  for (const m of current.values()) for (const [k, p] of m) if (!actors.has(k)) actors.set(k, { key: k, partyId: p.partyId, organisationId: p.organisationId });
  const list = [...actors.values()].sort((x, y) => compareKeys(x.key, y.key));
  const pairDefs: { key: string; a: string; b: string; actorA: AlignmentActor; actorB: AlignmentActor }[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) pairDefs.push({ key: `${list[i].key}|${list[j].key}`, a: list[i].key, b: list[j].key, actorA: list[i], actorB: list[j] });
  const cur = pairMeans(current, pairDefs);
  const prev = pairMeans(earlier, pairDefs);
  const cells: AlignmentCell[] = [];
  const pairs: AlignmentPair[] = [];
  for (const d of pairDefs) {
    const c = cur.get(d.key)!;
    if (c.n === 0) continue;
    const p = prev.get(d.key)!;
    const mean = c.sum / c.n;
    const previous = p.n ? p.sum / p.n : null;
    const trend = previous === null ? 'new' : mean - previous > 0.25 ? 'converging' : previous - mean > 0.25 ? 'diverging' : 'steady';
    pairs.push({ key: d.key, a: d.actorA, b: d.actorB, mean, previous, trend, label: labelFor(mean), shared: c.n });
    for (const cell of c.cells) cells.push({ issueId: cell.issueId, pairKey: d.key, value: cell.v, label: labelFor(cell.v) });
  }
  const used = new Set(cells.map((c) => c.issueId));
  return { asOf, since, issues: issues.filter((i) => used.has(i.id)), pairs, cells, source: 'positions' };
}

const minusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

const actorOf = (p: { kind: 'party' | 'organisation'; id: string }, partyOfOrg: Map<string, string>): AlignmentActor =>
  p.kind === 'party' ? { key: `party:${p.id}`, partyId: p.id, organisationId: null } : { key: `org:${p.id}`, partyId: partyOfOrg.get(p.id) ?? '', organisationId: p.id };

/** Pairs and figures from the API; cells for those pairs from the positions. */
export function mergeApi(fromPositions: Alignment, api: GroupAlignmentResponse, positions: Position[]): Alignment {
  const partyOfOrg = new Map(positions.filter((p) => p.organisationId).map((p) => [p.organisationId!, p.partyId]));
  const local = new Map(fromPositions.pairs.map((p) => [p.key, p]));
  const pairs: AlignmentPair[] = api.pairs.map((x) => {
    const key = `${x.a.key}|${x.b.key}`;
    const rev = `${x.b.key}|${x.a.key}`;
    const mine = local.get(key) ?? local.get(rev);
    return {
      key: mine?.key ?? key,
      a: actorOf(x.a, partyOfOrg),
      b: actorOf(x.b, partyOfOrg),
      mean: mine?.mean ?? null,
      previous: mine?.previous ?? null,
      // A trend only when the server could fit one (enough windows with a value): never
      // "stable" beside "no trend".
      trend: x.trend.slope === null ? null : x.trend.direction === 'stable' ? 'steady' : x.trend.direction,
      label: mine?.label ?? null,
      shared: x.figure.n,
      api: {
        method: api.method,
        value: x.figure.value,
        n: x.figure.n,
        label: x.label.label,
        labelReason: x.label.reason,
        labelMethod: x.label.method ?? api.method,
        labelN: x.label.n ?? x.figure.n,
        direction: x.trend.direction,
        slope: x.trend.slope,
        nWindows: x.trend.nWindows,
        dividing: x.dividing,
      },
    };
  });
  const keys = new Set(pairs.map((p) => p.key));
  const cells = fromPositions.cells.filter((c) => keys.has(c.pairKey));
  const used = new Set(cells.map((c) => c.issueId));
  return { ...fromPositions, pairs, cells, issues: fromPositions.issues.filter((i) => used.has(i.id)), source: 'api', basis: api.basis };
}

async function fetchAlignment(wgId: string, asOf: string, signal?: AbortSignal): Promise<Alignment> {
  const since = minusDays(asOf, 180);
  const [issues, now, api] = await Promise.all([
    get<List<Issue>>(...bootRequest('issues', { wg: wgId, asOf }), signal),
    get<List<Position>>(...bootRequest('positions', { wg: wgId, asOf }), signal),
    get<GroupAlignmentResponse>(...bootRequest('alignment', { wg: wgId, asOf }), signal).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404 && /No route/.test(e.message)) return null;
      throw e;
    }),
  ]);
  if (api) return mergeApi(alignmentFromPositions(issues.items, now.items, [], asOf, since), api, now.items);
  const then = await get<List<Position>>('/positions', { wgId, asOf: since }, signal);
  return alignmentFromPositions(issues.items, now.items, then.items, asOf, since);
}

export const alignmentQuery = (wgId: string, asOf: string) => ({
  queryKey: ['alignment', wgId, asOf],
  queryFn: ({ signal }: { signal?: AbortSignal }) => fetchAlignment(wgId, asOf, signal),
});

export function useAlignment(wgId: string | undefined, asOf: string) {
  return useQuery({ ...alignmentQuery(wgId ?? '', asOf), enabled: !!wgId });
}
