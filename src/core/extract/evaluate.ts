/**
 * Evaluation of the extractor against labelled passages (pure; file reading lives in
 * eval-files.ts).
 *
 * Matching rules:
 * - Quote: two quotes match when their normalised token sequences (lower case, letters and digits
 *   only, so quote marks, ellipses and punctuation do not matter) have Dice overlap ≥ 0.8, or one
 *   contains the other as a contiguous run of at least 4 tokens.
 * - Speaker: by resolved directory id (person, or organisation for organisation speakers) when a
 *   directory is given, else by name up to romanisation variants; an anonymous gold speaker
 *   matches an anonymous prediction (and, if both name an organisation, the same organisation).
 * - Organisation: by resolved organisation id, else by organisation name variants.
 *
 * Fields: `quote` aligns predictions to gold one-to-one by quote alone; `speakerQuote` requires
 * quote and speaker to match in the same pair; `speaker` compares, per passage, the multiset of
 * speakers regardless of quotes ("who is quoted"); `organisation` compares, per passage, the
 * multiset of organisations over statements that have one.
 */
import type { Candidate, LanguagePack, SpeakerDirectory, SpeakerResolution, StatementKind } from './types.ts';
import { extractStatements, packFor } from './extract.ts';
import { normaliseName, organisationKeys, resolveSpeaker, romanisationKeys } from './resolve.ts';

/** A labelled statement. */
export interface GoldStatement {
  quote: string;
  kind?: StatementKind;
  speaker: {
    name?: string;
    personId?: string;
    organisationId?: string;
    organisation?: string;
    anonymous?: boolean;
    isOrganisation?: boolean;
    description?: string;
  };
  /** Hard-case tags and §C ids ("S16", "split", "ANON"). */
  tags?: string[];
}

/** A labelled passage. */
export interface EvalCase {
  id: string;
  text: string;
  publishedOn?: string;
  statements: GoldStatement[];
  tags?: string[];
}

export interface FieldScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface CaseResult {
  id: string;
  gold: number;
  predicted: number;
  /** Gold statements without a speaker+quote match. */
  missed: GoldStatement[];
  /** Predictions without a speaker+quote match. */
  spurious: Candidate[];
}

export interface EvalReport {
  cases: number;
  statements: number;
  fields: { quote: FieldScore; speaker: FieldScore; organisation: FieldScore; speakerQuote: FieldScore };
  perCase: CaseResult[];
  /** Speaker+quote per language of the passages (language detected per passage, as extraction does). */
  byLanguage: Record<string, { cases: number; statements: number; speakerQuote: FieldScore }>;
  /** Labelled subdirectories scored on their own ("heldout", "ko", "ko/heldout"); set by evaluateDirectory. */
  groups?: Array<{ name: string; report: EvalReport }>;
}

/** Normalised tokens for quote comparison. */
export function quoteTokens(s: string): string[] {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[’']/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function containsRun(long: readonly string[], short: readonly string[]): boolean {
  if (!short.length || short.length > long.length) return false;
  outer: for (let i = 0; i + short.length <= long.length; i++) {
    for (let k = 0; k < short.length; k++) if (long[i + k] !== short[k]) continue outer;
    return true;
  }
  return false;
}

/** Dice overlap of two token multisets. */
export function tokenOverlap(a: readonly string[], b: readonly string[]): number {
  if (!a.length && !b.length) return 1;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** Quote match score: 0 if no match, else overlap (containment counts as at least 0.8). */
export function quoteMatch(gold: string, predicted: string): number {
  const g = quoteTokens(gold);
  const p = quoteTokens(predicted);
  const o = tokenOverlap(g, p);
  if (o >= 0.8) return o;
  const [long, short] = g.length >= p.length ? [g, p] : [p, g];
  if (short.length >= 4 && containsRun(long, short)) return Math.max(o, 0.8);
  return 0;
}

function namesEqual(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (normaliseName(a) === normaliseName(b)) return true;
  if (!normaliseName(a).includes(' ') || !normaliseName(b).includes(' ')) return false;
  const ka = new Set(romanisationKeys(a));
  return romanisationKeys(b).some((k) => ka.has(k));
}

function orgsEqual(a: string | undefined, b: string | undefined, pack: LanguagePack): boolean {
  if (!a || !b) return false;
  const ka = new Set(organisationKeys(a, pack));
  return organisationKeys(b, pack).some((k) => ka.has(k));
}

interface Pred {
  cand: Candidate;
  res?: SpeakerResolution;
}

function speakerMatches(g: GoldStatement, p: Pred, pack: LanguagePack): boolean {
  const gs = g.speaker;
  const ps = p.cand.speaker;
  if (gs.anonymous) {
    if (!ps.anonymous) return false;
    if (gs.organisationId && p.res?.organisationId) return gs.organisationId === p.res.organisationId;
    return true;
  }
  if (ps.anonymous) return false;
  if (gs.personId) return p.res?.personId === gs.personId || namesEqual(ps.name, gs.name);
  if (gs.isOrganisation || (gs.organisationId && !gs.name)) {
    if (!ps.isOrganisation) return false;
    if (gs.organisationId && p.res?.organisationId) return gs.organisationId === p.res.organisationId;
    return orgsEqual(ps.name ?? ps.text, gs.name ?? gs.organisation, pack) || normaliseName(ps.name ?? ps.text).includes(normaliseName(gs.name ?? '~'));
  }
  return namesEqual(ps.name, gs.name);
}

function orgOfGold(g: GoldStatement): string | undefined {
  return g.speaker.organisationId ?? g.speaker.organisation;
}

function orgOfPred(p: Pred): string | undefined {
  return p.res?.organisationId ?? p.cand.speaker.organisation ?? (p.cand.speaker.isOrganisation ? p.cand.speaker.name : undefined);
}

function orgMatches(g: GoldStatement, p: Pred, pack: LanguagePack): boolean {
  const go = orgOfGold(g);
  const po = orgOfPred(p);
  if (!go || !po) return false;
  if (g.speaker.organisationId && p.res?.organisationId) return g.speaker.organisationId === p.res.organisationId;
  return orgsEqual(g.speaker.organisation ?? go, p.cand.speaker.organisation ?? po, pack);
}

/** One-to-one greedy alignment by descending score. */
function align<G, P>(gold: readonly G[], pred: readonly P[], score: (g: G, p: P) => number): number {
  const pairs: Array<{ gi: number; pi: number; s: number }> = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const s = score(g, p);
      if (s > 0) pairs.push({ gi, pi, s });
    });
  });
  pairs.sort((a, b) => b.s - a.s);
  const ug = new Set<number>();
  const up = new Set<number>();
  for (const { gi, pi } of pairs) {
    if (ug.has(gi) || up.has(pi)) continue;
    ug.add(gi);
    up.add(pi);
  }
  return ug.size;
}

function score(tp: number, nPred: number, nGold: number): FieldScore {
  const precision = nPred ? tp / nPred : 1;
  const recall = nGold ? tp / nGold : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { tp, fp: nPred - tp, fn: nGold - tp, precision: r(precision), recall: r(recall), f1: r(f1) };
}

/**
 * Run the extractor on every case and score it. Pass `directory` to match speakers by resolved
 * id; `predict` replaces the extractor (to score another system or stored predictions).
 */
export function evaluate(cases: readonly EvalCase[], opts: { directory?: SpeakerDirectory; pack?: LanguagePack; predict?: (c: EvalCase) => Candidate[] } = {}): EvalReport {
  const totals = { q: 0, s: 0, o: 0, sq: 0, pred: 0, gold: 0, predOrg: 0, goldOrg: 0 };
  const perCase: CaseResult[] = [];
  const langs: Record<string, { cases: number; sq: number; pred: number; gold: number }> = {};
  for (const c of cases) {
    const pack = opts.pack ?? packFor(c.text);
    langs[pack.code] ??= { cases: 0, sq: 0, pred: 0, gold: 0 };
    const lang = langs[pack.code];
    const cands = opts.predict ? opts.predict(c) : extractStatements(c.text, { publishedOn: c.publishedOn }, pack);
    const preds: Pred[] = cands.map((cand) => ({ cand, res: opts.directory ? resolveSpeaker(cand.speaker, opts.directory, c.publishedOn, pack) : undefined }));
    const gold = c.statements;
    totals.pred += preds.length;
    totals.gold += gold.length;
    totals.q += align(gold, preds, (g, p) => quoteMatch(g.quote, p.cand.quote));
    totals.s += align(gold, preds, (g, p) => (speakerMatches(g, p, pack) ? 1 : 0));
    const goldOrg = gold.filter((g) => orgOfGold(g));
    const predOrg = preds.filter((p) => orgOfPred(p));
    totals.goldOrg += goldOrg.length;
    totals.predOrg += predOrg.length;
    totals.o += align(goldOrg, predOrg, (g, p) => (orgMatches(g, p, pack) ? 1 : 0));
    // Speaker+quote, keeping which items stayed unmatched for the per-case report.
    const pairs: Array<{ gi: number; pi: number; s: number }> = [];
    gold.forEach((g, gi) => {
      preds.forEach((p, pi) => {
        const qm = quoteMatch(g.quote, p.cand.quote);
        if (qm > 0 && speakerMatches(g, p, pack)) pairs.push({ gi, pi, s: qm });
      });
    });
    pairs.sort((a, b) => b.s - a.s);
    const ug = new Set<number>();
    const up = new Set<number>();
    for (const { gi, pi } of pairs) {
      if (ug.has(gi) || up.has(pi)) continue;
      ug.add(gi);
      up.add(pi);
    }
    totals.sq += ug.size;
    lang.cases++;
    lang.sq += ug.size;
    lang.pred += preds.length;
    lang.gold += gold.length;
    perCase.push({ id: c.id, gold: gold.length, predicted: preds.length, missed: gold.filter((_, i) => !ug.has(i)), spurious: cands.filter((_, i) => !up.has(i)) });
  }
  return {
    cases: cases.length,
    statements: totals.gold,
    fields: {
      quote: score(totals.q, totals.pred, totals.gold),
      speaker: score(totals.s, totals.pred, totals.gold),
      organisation: score(totals.o, totals.predOrg, totals.goldOrg),
      speakerQuote: score(totals.sq, totals.pred, totals.gold),
    },
    perCase,
    byLanguage: Object.fromEntries(Object.entries(langs).map(([code, l]) => [code, { cases: l.cases, statements: l.gold, speakerQuote: score(l.sq, l.pred, l.gold) }])),
  };
}

/** The report as a plain-text table, with the unmatched items listed when `details` is set. */
export function formatReport(r: EvalReport, details = false): string {
  const rows = [['field', 'precision', 'recall', 'f1', 'tp', 'fp', 'fn']];
  for (const [name, f] of Object.entries(r.fields))
    rows.push([name === 'speakerQuote' ? 'speaker+quote' : name, f.precision.toFixed(3), f.recall.toFixed(3), f.f1.toFixed(3), String(f.tp), String(f.fp), String(f.fn)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const codes = Object.keys(r.byLanguage ?? {});
  let out = `${r.cases} passages, ${r.statements} labelled statements${codes.length ? ` (${codes.join(', ')})` : ''}\n${lines.join('\n')}\n`;
  if (codes.length > 1) {
    for (const code of codes) {
      const l = r.byLanguage[code];
      out += `  ${code}: ${l.cases} passages, ${l.statements} statements, speaker+quote precision ${l.speakerQuote.precision.toFixed(3)} recall ${l.speakerQuote.recall.toFixed(3)}\n`;
    }
  }
  if (details) {
    for (const c of r.perCase) {
      if (!c.missed.length && !c.spurious.length) continue;
      out += `\n[${c.id}] gold ${c.gold}, predicted ${c.predicted}\n`;
      for (const m of c.missed) out += `  missed:   ${m.speaker.name ?? m.speaker.description ?? m.speaker.organisationId ?? '?'}: ${m.quote.slice(0, 100)}\n`;
      for (const s of c.spurious) out += `  spurious: ${s.speaker.name ?? s.speaker.description ?? s.speaker.text}: ${s.quote.slice(0, 100)}\n`;
    }
  }
  if (r.groups?.length) {
    for (const g of r.groups) out += `\n== ${g.name} ==\n${formatReport({ ...g.report, groups: undefined }, details)}`;
    // One line per set and language: the figures to quote.
    const rows = [['set', 'language', 'passages', 'statements', 'precision', 'recall']];
    const add = (name: string, rep: EvalReport) => {
      for (const [code, l] of Object.entries(rep.byLanguage)) rows.push([name, code, String(l.cases), String(l.statements), l.speakerQuote.precision.toFixed(3), l.speakerQuote.recall.toFixed(3)]);
    };
    add('.', r);
    for (const g of r.groups) add(g.name, g.report);
    const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    out += `\nspeaker+quote by set and language\n${rows.map((row) => row.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ')).join('\n')}\n`;
  }
  return out;
}
