/**
 * `concord analyze …` (alignment figures) and `concord import unvotes DIR` (the UN General
 * Assembly roll calls).
 *
 * These are operator's tools on the server: they act as no user and read every position in the
 * store named by DATABASE_URL, whatever its scope or classification (the HTTP API under
 * /api/alignment applies the visibility rule to its caller). Every figure is printed with its
 * method and n.
 */
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Store } from '../../server/db/database.ts';
import type { PositionLog } from '../../server/analytics/load.ts';
import { wholeLog } from '../../server/analytics/compact/index.ts';
import { agreement, bridging, matrix, AnalysisInputError, type AgreementResult, type AnalysisOptions, type BridgingResult, type MatrixResult, type WindowBy } from '../../server/analytics/compute.ts';
import { importUnvotes, UNGA_GROUP_ID, type ImportProgress, type ImportResult } from '../../server/unvotes/import.ts';
import { CliError, EXIT, out, withStore } from '../shared.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

/** Options shared by the analyze commands (as commander hands them over). */
export interface FilterFlags {
  from?: string;
  to?: string;
  category?: string;
  basisFile?: string;
  group?: string;
  asOf?: string;
  important?: boolean;
  json?: boolean;
  csv?: boolean;
}

export const format = (f: FilterFlags): OutputFormat => (f.json ? 'json' : f.csv ? 'csv' : 'table');

/** The rcids (source keys) of a basis file: one per line; blank lines and # comments ignored. */
export async function readBasisFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`Cannot read the basis file ${file}`);
  }
  const keys = text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  const bad = keys.find((k) => !/^[\w.:/-]+$/.test(k));
  if (bad) throw new CliError(`${file}: "${bad}" is not a roll-call id`, EXIT.usage);
  return keys;
}

/** The group to analyse: --group, else 'unga' when the UN roll calls were imported. */
export async function resolveGroup(store: Store, group: string | undefined): Promise<string> {
  const id = group ?? UNGA_GROUP_ID;
  const row = await store.db.selectFrom('working_groups').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw new CliError(
      group ? `No working group ${group} in ${store.location}` : `No group named; the UN roll calls are not imported (run \`concord import unvotes DIR\`) — or pass --group WG_ID`,
      EXIT.usage,
    );
  }
  return id;
}

async function analysisOptions(f: FilterFlags): Promise<AnalysisOptions> {
  return {
    from: f.from,
    to: f.to,
    category: f.category,
    asOf: f.asOf,
    important: f.important,
    basis: f.basisFile ? await readBasisFile(f.basisFile) : undefined,
  };
}

/** Loads the group's positions (all of them: no user) and runs `fn`, mapping input errors to usage errors. */
async function onLog<T>(store: Store, f: FilterFlags, fn: (log: PositionLog, o: AnalysisOptions) => T): Promise<T> {
  const o = await analysisOptions(f);
  const wg = await resolveGroup(store, f.group);
  const log = await wholeLog(store, wg);
  try {
    return fn(log, o);
  } catch (e) {
    if (e instanceof AnalysisInputError) throw new CliError(`--${flagOf(e.field)}: ${e.message}`, EXIT.usage);
    throw e;
  }
}
const flagOf = (field: string) => (({ asOf: 'as-of', groupA: 'group-a', groupB: 'group-b' }) as Record<string, string>)[field] ?? field;

const num = (v: number | null, digits = 4) => (v === null ? '—' : v.toFixed(digits));
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (xs: unknown[]) => xs.map(csvCell).join(',');

function pad(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  ')).join('\n');
}

// ------------------------------------------------------------------ agreement

export interface AgreementFlags extends FilterFlags {
  a: string;
  b: string;
  method: string;
  by?: WindowBy;
}

/** `concord analyze agreement`: the computation (for tests and the command). */
export async function analyzeAgreement(store: Store, f: AgreementFlags): Promise<AgreementResult> {
  return onLog(store, f, (log, o) => agreement(log, { ...o, a: f.a, b: f.b, method: f.method, by: f.by ?? 'all' }));
}

/** The printed form: NDJSON (one object per window), CSV, or an aligned table. */
export function formatAgreement(r: AgreementResult, fmt: OutputFormat): string {
  const keys = ['method', 'a', 'b', 'window', 'n', 'same', 'opposite', 'partial', 'absent', 'value'] as const;
  if (fmt === 'json') return r.rows.map((row) => JSON.stringify(Object.fromEntries(keys.map((k) => [k, row[k]])))).join('\n');
  if (fmt === 'csv') return [keys.join(','), ...r.rows.map((row) => csvLine(keys.map((k) => row[k])))].join('\n');
  const head = `${r.a.label} (${r.a.name}) vs ${r.b.label} (${r.b.name}) — ${r.method}, group ${r.group}${r.asOf ? `, as of ${r.asOf}` : ''}`;
  const rows = [
    ['window', 'n', 'same', 'opposite', 'partial', 'absent', 'value'],
    ...r.rows.map((x) => [String(x.window), String(x.n), String(x.same), String(x.opposite), String(x.partial), String(x.absent), num(x.value)]),
  ];
  return `${head}\n${pad(rows)}`;
}

// ------------------------------------------------------------------ matrix

export interface MatrixFlags extends FilterFlags {
  method: string;
}

export async function analyzeMatrix(store: Store, f: MatrixFlags): Promise<MatrixResult> {
  return onLog(store, f, (log, o) => matrix(log, { ...o, method: f.method }));
}

/** JSON (one object per ordered pair a ≠ b: method, a, b, n, value), CSV (same rows) or a grid. */
export function formatMatrix(r: MatrixResult, fmt: OutputFormat): string {
  const P = r.participants;
  if (fmt === 'csv') {
    // 40,000 lines for the UN roll calls: each label quoted once, numbers as they are (never quoted).
    const method = csvCell(r.method);
    const labels = P.map((p) => csvCell(p.label));
    let text = 'method,a,b,n,value';
    for (let i = 0; i < P.length; i++) {
      const head = `\n${method},${labels[i]},`;
      for (let j = 0; j < P.length; j++) if (i !== j) text += `${head}${labels[j]},${r.n[i][j]},${r.values[i][j] ?? ''}`;
    }
    return text;
  }
  const pairs: { a: string; b: string; n: number; value: number | null }[] = [];
  for (let i = 0; i < P.length; i++) for (let j = 0; j < P.length; j++) if (i !== j) pairs.push({ a: P[i].label, b: P[j].label, n: r.n[i][j], value: r.values[i][j] });
  if (fmt === 'json') return pairs.map((p) => JSON.stringify({ method: r.method, ...p })).join('\n');
  const rows = [['', ...P.map((p) => p.label)], ...P.map((p, i) => [p.label, ...P.map((_, j) => (i === j ? '·' : `${num(r.values[i][j], 2)} (${r.n[i][j]})`))])];
  return `${r.method}, group ${r.group}${r.asOf ? `, as of ${r.asOf}` : ''}: value (n) for row = a, column = b; ${r.items} issues\n${pad(rows)}`;
}

// ------------------------------------------------------------------ bridging

export interface BridgingFlags extends FilterFlags {
  groupA: string;
  groupB: string;
  top?: string;
}

const codes = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export async function analyzeBridging(store: Store, f: BridgingFlags): Promise<BridgingResult> {
  const top = f.top === undefined ? 10 : Number(f.top);
  if (!Number.isInteger(top) || top < 1) throw new CliError('--top must be a positive integer', EXIT.usage);
  return onLog(store, f, (log, o) => bridging(log, { ...o, groupA: codes(f.groupA), groupB: codes(f.groupB), top }));
}

export function formatBridging(r: BridgingResult, fmt: OutputFormat): string {
  const lines = [...r.unite.map((x) => ({ list: 'unite', ...x })), ...r.divide.map((x) => ({ list: 'divide', ...x }))];
  if (fmt === 'json')
    return lines
      .map((x) =>
        JSON.stringify({
          method: r.method,
          list: x.list,
          issueId: x.issueId,
          sourceKey: x.sourceKey,
          date: x.date,
          title: x.title,
          score: x.score,
          pattern: x.pattern,
          sideA: x.sideA,
          sideB: x.sideB,
        }),
      )
      .join('\n');
  const cols = ['list', 'score', 'pattern', 'source_key', 'date', 'a_yes', 'a_no', 'a_seen', 'b_yes', 'b_no', 'b_seen', 'title'];
  const vals = (x: (typeof lines)[number]) => [
    x.list,
    x.score.toFixed(4),
    x.pattern,
    x.sourceKey ?? '',
    x.date ?? '',
    x.sideA.agree,
    x.sideA.disagree,
    x.sideA.seen,
    x.sideB.agree,
    x.sideB.disagree,
    x.sideB.seen,
    x.title,
  ];
  if (fmt === 'csv') return [cols.join(','), ...lines.map((x) => csvLine(vals(x)))].join('\n');
  const side = (s: typeof r.sideA) => s.map((p) => p.label).join(', ');
  const part = (list: 'unite' | 'divide') =>
    lines
      .filter((x) => x.list === list)
      .map(
        (x) =>
          `  ${x.score.toFixed(3)}  ${x.pattern.padEnd(11)}  A ${x.sideA.agree}/${x.sideA.disagree}/${x.sideA.seen}  B ${x.sideB.agree}/${x.sideB.disagree}/${x.sideB.seen}  ${x.sourceKey ? `[${x.sourceKey}] ` : ''}${x.date ?? ''} ${x.title}`,
      )
      .join('\n');
  return `Side A: ${side(r.sideA)}\nSide B: ${side(r.sideB)}\n${r.method} over ${r.items} issues (counts yes/no/seen)\nMost uniting:\n${part('unite')}\nMost dividing:\n${part('divide')}`;
}

// ------------------------------------------------------------------ import unvotes

/** A progress reporter: a bar on a terminal, plain lines (every 10 %) otherwise. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (p: ImportProgress) => void; stop: () => void } {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({ stream, format: ' {phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
    let started = false,
      phase = '';
    return {
      update: (p) => {
        if (p.phase !== 'positions') return;
        if (!started) {
          bar.start(p.total, p.done, { phase: p.phase.padEnd(9) });
          started = true;
          phase = p.phase;
        }
        bar.update(p.done, { phase: phase.padEnd(9) });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update: (p) => {
      if (p.phase === 'positions' && p.total > 0) {
        const tenth = Math.floor((p.done / p.total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          stream.write(`positions ${tenth * 10}% (${p.done}/${p.total})\n`);
        }
      } else if (p.done === 0) stream.write(`${p.phase}…\n`);
    },
    stop: () => {},
  };
}

export function formatImport(r: ImportResult): string {
  const a = r.added,
    e = r.existing;
  const what =
    a.positions || a.issues || a.parties || a.organisations
      ? `added ${a.parties} parties, ${a.organisations} organisations, ${a.issues} issues (roll calls) and ${a.positions} positions (votes)`
      : 'nothing new: every roll call and vote is already there';
  return (
    `UN General Assembly roll calls → group ${r.groupId} in ${r.store}: ${what}; already present ${e.issues} issues, ${e.positions} positions. ` +
    `Read ${r.read.rollCalls} roll calls, ${r.read.votes} votes of ${r.read.countries} countries in ${(r.ms.read / 1000).toFixed(1)} s, wrote in ${(r.ms.write / 1000).toFixed(1)} s.`
  );
}

/** `concord import unvotes DIR` (called from the `import` action in main.ts). */
export async function importUnvotesCli(args: string[]): Promise<void> {
  const dir = args[0];
  if (!dir || args.length > 1) throw new CliError('usage: concord import unvotes DIR (the directory holding unvotes.csv, roll_calls.csv and issues.csv)', EXIT.usage);
  await withStore(
    async (store) => {
      const bar = progressReporter();
      try {
        const r = await importUnvotes(store, dir, { onProgress: bar.update });
        bar.stop();
        out(formatImport(r));
      } catch (e) {
        bar.stop();
        throw new CliError((e as Error).message);
      }
    },
    { create: true },
  );
}
