/**
 * Alignment figures over a working group's position log (./load.ts), with the core engine:
 * agreement of one pair per window, the all-pairs matrix, and bridging between two sides.
 * Shared by the CLI (`concord analyze …`) and the HTTP API (/api/alignment/…). Pure: no I/O.
 *
 * Every figure carries its method and n (and the counts it came from).
 */
import { allPairsMatrix, bridgingFromTable, groupItems, isMethodId, matrixValue, pairMeasure, METHODS, type MeasureResult, type MethodId, type VoteTable } from '../../core/analytics/index.ts';
import { dayOf, tableAsOf, type Participant, type PositionLog, type StoreItem } from './load.ts';

/** A bad argument (unknown party, method, window …): the CLI prints it, the API answers 400. */
export class AnalysisInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Which issues (items) a figure is computed over. */
export interface ItemFilter {
  /** Issues dated on or after (YYYY-MM-DD). */
  from?: string;
  /** Issues dated on or before (YYYY-MM-DD). */
  to?: string;
  /** Issues carrying this category code (UN roll calls: me, nu, di, hr, co, ec). */
  category?: string;
  /** Only these source keys (UN: rcids), e.g. the roll calls a published report counted. */
  basis?: readonly string[];
  /** Only important votes (UN: importantvote = 1). */
  important?: boolean;
}

export type WindowBy = 'year' | 'session' | 'all';

export interface AnalysisOptions extends ItemFilter {
  /** Positions in force on this date (YYYY-MM-DD; default: all recorded). */
  asOf?: string;
}

export function checkMethod(method: string | undefined, field = 'method', fallback?: MethodId): MethodId {
  if (method === undefined || method === '') {
    if (fallback) return fallback;
    throw new AnalysisInputError(field, `name a method: ${METHODS.map((m) => m.id).join(', ')}`);
  }
  if (!isMethodId(method)) throw new AnalysisInputError(field, `unknown method "${method}"; one of ${METHODS.map((m) => m.id).join(', ')}`);
  return method;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function checkDate(d: string | undefined, field: string): void {
  if (d !== undefined && (!DATE.test(d) || Number.isNaN(Date.parse(d)))) throw new AnalysisInputError(field, `must be a date YYYY-MM-DD (got "${d}")`);
}

/** The vote table as of opts.asOf. */
export function tableFor(log: PositionLog, opts: AnalysisOptions): VoteTable<StoreItem> {
  checkDate(opts.asOf, 'asOf');
  return tableAsOf(log, opts.asOf ? dayOf(opts.asOf) : undefined);
}

/** Item indexes passing the filter (ascending). */
export function selectItems(table: VoteTable<StoreItem>, f: ItemFilter): Int32Array {
  checkDate(f.from, 'from');
  checkDate(f.to, 'to');
  const basis = f.basis ? new Set(f.basis) : null;
  const out: number[] = [];
  table.items.forEach((it, i) => {
    if (f.from && (!it.date || it.date < f.from)) return;
    if (f.to && (!it.date || it.date > f.to)) return;
    if (f.category && !it.categories.includes(f.category)) return;
    if (basis && (it.sourceKey === null || !basis.has(it.sourceKey))) return;
    if (f.important && it.important !== 1) return;
    out.push(i);
  });
  return Int32Array.from(out);
}

/** Windows over the selected items: calendar year or session of the issue date, or one window 'all'. */
export function windowsOf(table: VoteTable<StoreItem>, items: Int32Array, by: WindowBy): { key: number | 'all'; items: Int32Array }[] {
  if (by === 'all') return [{ key: 'all', items }];
  const sub = Array.from(items, (i) => table.items[i]);
  return groupItems(sub, (it) => (by === 'year' ? it.year : it.session)).map((w) => ({ key: w.key as number, items: w.items.map((k) => items[k]) }));
}

/**
 * A participant by what a user types: party code (US, KR), party name ("South Korea"), party id,
 * organisation acronym or `CODE/ACRONYM` (MOU, KR/MOU), organisation name or id; case-insensitive.
 * Parties win over organisations for the same text.
 */
export function resolveParticipant(log: PositionLog, text: string, field: string): number {
  const t = text.trim().toLowerCase();
  const tests: ((p: Participant) => boolean)[] = [
    (p) => p.kind === 'party' && p.partyCode.toLowerCase() === t,
    (p) => p.kind === 'party' && (p.name.toLowerCase() === t || p.id.toLowerCase() === t || p.key.toLowerCase() === t),
    (p) => p.kind === 'organisation' && (p.label.toLowerCase() === t || p.id.toLowerCase() === t || p.key.toLowerCase() === t),
    (p) => p.kind === 'organisation' && ((p.acronym ?? '').toLowerCase() === t || p.name.toLowerCase() === t),
  ];
  for (const test of tests) {
    const hits = log.participants.flatMap((p, i) => (test(p) ? [i] : []));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw new AnalysisInputError(field, `"${text}" is ambiguous: ${hits.map((i) => log.participants[i].label).join(', ')}`);
  }
  throw new AnalysisInputError(field, `no party or organisation "${text}" with positions in group ${log.wgId}`);
}

/** A participant as reported with every figure. */
export interface ParticipantRef {
  key: string;
  kind: 'party' | 'organisation';
  id: string;
  code: string;
  label: string;
  name: string;
}
export const participantRef = (p: Participant): ParticipantRef => ({ key: p.key, kind: p.kind, id: p.id, code: p.partyCode, label: p.label, name: p.name });

/** One window's figure (the `--json` line of `concord analyze agreement`). */
export interface AgreementRow {
  method: MethodId;
  a: string;
  b: string;
  window: number | 'all';
  n: number;
  same: number;
  opposite: number;
  partial: number;
  absent: number;
  value: number | null;
  /** Number of issues in the window (after filters), whether or not both took a position. */
  items: number;
}

export interface AgreementResult {
  group: string;
  method: MethodId;
  asOf: string | null;
  by: WindowBy;
  a: ParticipantRef;
  b: ParticipantRef;
  rows: AgreementRow[];
  /** The measure over all selected items together. */
  overall: MeasureResult;
}

/** Agreement of a and b (a is the reference for the State Department methods), per window. */
export function agreement(log: PositionLog, q: AnalysisOptions & { a: string; b: string; method: string; by?: WindowBy }): AgreementResult {
  const method = checkMethod(q.method);
  const table = tableFor(log, q);
  const a = resolveParticipant(log, q.a, 'a');
  const b = resolveParticipant(log, q.b, 'b');
  const items = selectItems(table, q);
  const by = q.by ?? 'all';
  const pa = log.participants[a],
    pb = log.participants[b];
  // Windows in which the pair never met (neither scored nor absent: e.g. before one joined) are left out.
  const rows = windowsOf(table, items, by).flatMap((w): AgreementRow[] => {
    const r = pairMeasure(table, method, a, b, w.items);
    if (by !== 'all' && r.n === 0 && r.absent === 0) return [];
    return [{ method, a: pa.label, b: pb.label, window: w.key, n: r.n, same: r.same, opposite: r.opposite, partial: r.partial, absent: r.absent, value: r.value, items: w.items.length }];
  });
  return { group: log.wgId, method, asOf: q.asOf ?? null, by, a: participantRef(pa), b: participantRef(pb), rows, overall: pairMeasure(table, method, a, b, items) };
}

export interface MatrixResult {
  group: string;
  method: MethodId;
  asOf: string | null;
  items: number;
  participants: ParticipantRef[];
  /** values[i][j]: row i is the reference; null where undefined (n = 0, or no chance variation for κ/π). */
  values: (number | null)[][];
  n: number[][];
}

/** The all-pairs matrix over the participants active in the selected items. */
export function matrix(log: PositionLog, q: AnalysisOptions & { method: string }): MatrixResult {
  const method = checkMethod(q.method);
  const table = tableFor(log, q);
  const items = selectItems(table, q);
  const [m] = allPairsMatrix(table, [method], items);
  const values: (number | null)[][] = [],
    n: number[][] = [];
  for (let i = 0; i < m.size; i++) {
    values.push(Array.from({ length: m.size }, (_, j) => matrixValue(m, i, j)));
    n.push(Array.from(m.n.subarray(i * m.size, (i + 1) * m.size)));
  }
  return {
    group: log.wgId,
    method,
    asOf: q.asOf ?? null,
    items: items.length,
    participants: Array.from(m.partyIndex, (p) => participantRef(log.participants[p])),
    values,
    n,
  };
}

export interface BridgeIssue {
  issueId: string;
  title: string;
  sourceKey: string | null;
  date: string | null;
  score: number;
  pattern: string;
  sideA: { agree: number; disagree: number; seen: number };
  sideB: { agree: number; disagree: number; seen: number };
}

export interface BridgingResult {
  group: string;
  asOf: string | null;
  items: number;
  method: 'polis-gac-bridging';
  sideA: ParticipantRef[];
  sideB: ParticipantRef[];
  unite: BridgeIssue[];
  divide: BridgeIssue[];
}

/**
 * The issues that most unite and most divide two sides (Polis group-aware consensus with the
 * sides as groups: yes = agree, no = disagree, abstain = pass; core `bridging`).
 */
export function bridging(log: PositionLog, q: AnalysisOptions & { groupA: string[]; groupB: string[]; top?: number }): BridgingResult {
  const table = tableFor(log, q);
  if (!q.groupA.length) throw new AnalysisInputError('groupA', 'name at least one party');
  if (!q.groupB.length) throw new AnalysisInputError('groupB', 'name at least one party');
  const A = q.groupA.map((x) => resolveParticipant(log, x, 'groupA'));
  const B = q.groupB.map((x) => resolveParticipant(log, x, 'groupB'));
  if (A.some((p) => B.includes(p))) throw new AnalysisInputError('groupB', 'a party cannot be on both sides');
  const items = selectItems(table, q);
  const r = bridgingFromTable(table, A, B, items, { top: q.top ?? 10 });
  const issue = (x: (typeof r.unite)[number], score: number, pattern: string): BridgeIssue => {
    const it = table.items[x.id];
    return { issueId: it.issueId, title: it.title, sourceKey: it.sourceKey, date: it.date, score, pattern, sideA: x.sideA, sideB: x.sideB };
  };
  return {
    group: log.wgId,
    asOf: q.asOf ?? null,
    items: items.length,
    method: 'polis-gac-bridging',
    sideA: A.map((p) => participantRef(log.participants[p])),
    sideB: B.map((p) => participantRef(log.participants[p])),
    unite: r.unite.map((x) => issue(x, x.unite, x.uniteOn === 'yes' ? 'both yes' : 'both no')),
    divide: r.divide.map((x) => issue(x, x.divide, x.divideOn === 'A-yes-B-no' ? 'A yes, B no' : 'A no, B yes')),
  };
}
