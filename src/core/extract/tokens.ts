/**
 * Tokenisation with offsets, and the small vocabulary tests the speaker parser and the engine
 * share. Everything language-specific comes from the {@link LanguagePack}.
 */
import type { LanguagePack } from './types.ts';
import type { QuoteSpan } from './sentences.ts';

/** A token with absolute offsets into the input text. */
export interface Tok {
  text: string;
  /** Lower case with typographic apostrophes folded to ASCII. */
  lower: string;
  start: number;
  end: number;
  /** True if the token is a word (letters/digits), false for punctuation. */
  word: boolean;
  /** True if inside a quotation (marks included). */
  q: boolean;
  /** For quote marks: the span they open or close. */
  span?: QuoteSpan;
  opens?: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*\.?|\S/gu;

/** Tokenise `text.slice(from, to)`, marking quote membership from the paired spans. */
export function tokenize(text: string, from: number, to: number, spans: readonly QuoteSpan[], pack: LanguagePack): Tok[] {
  const abbr = new Set([...pack.abbreviations, ...pack.ambiguousAbbreviations]);
  const out: Tok[] = [];
  const opensAt = new Map<number, QuoteSpan>();
  const closesAt = new Map<number, QuoteSpan>();
  for (const s of spans) {
    opensAt.set(s.open, s);
    closesAt.set(s.close, s);
  }
  TOKEN_RE.lastIndex = 0;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(TOKEN_RE)) {
    let t = m[0];
    const start = from + (m.index ?? 0);
    // Keep the final period only on abbreviations ("U.S.", "Dec."), so "said." ends in a separate token.
    if (t.length > 1 && t.endsWith('.') && !abbr.has(t.toLowerCase()) && !/\p{L}\.\p{L}/u.test(t)) t = t.slice(0, -1);
    const end = start + t.length;
    const word = /[\p{L}\p{N}]/u.test(t[0]);
    const tok: Tok = { text: t, lower: t.toLowerCase().replace(/’/g, "'"), start, end, word, q: false };
    const os = opensAt.get(start);
    const cs = closesAt.get(start);
    if (os) {
      tok.span = os;
      tok.opens = true;
    } else if (cs) {
      tok.span = cs;
      tok.opens = false;
    }
    tok.q = spans.some((s) => start >= s.open && start <= s.close);
    out.push(tok);
    if (end < start + m[0].length) {
      // Re-emit the detached period as its own token.
      out.push({ text: '.', lower: '.', start: end, end: end + 1, word: false, q: tok.q });
    }
  }
  return out;
}

/** Strip a possessive ending ("ministry's" → "ministry"). */
export function unpossess(lower: string): string {
  return lower.replace(/'s$|'$/u, '');
}

export function isPossessive(lower: string): boolean {
  return /'s$/u.test(lower) || /s'$/u.test(lower);
}

/** Vocabulary lookups built once per pack. */
export class Vocab {
  readonly pack: LanguagePack;
  readonly roleNouns: Set<string>;
  readonly roleModifiers: Set<string>;
  readonly orgHeads: Set<string>;
  readonly orgWords: Set<string>;
  readonly nonName: Set<string>;
  readonly anonHeads: Set<string>;
  readonly indefinite: Set<string>;
  readonly adjunct: Set<string>;
  readonly leading: Set<string>;
  readonly aux: Set<string>;
  readonly passive: Set<string>;
  readonly subordinators: Set<string>;
  readonly breakers: Set<string>;
  readonly ambiguousVerbs: Set<string>;
  readonly countryWords: Map<string, string>;
  readonly media: Set<string>;
  readonly knownOrgs: Set<string>;
  /** Cue phrases as word arrays, longest first. */
  readonly cues: Array<{ words: string[]; kind: 'verb' | 'according' | 'quotedAs' }>;

  constructor(pack: LanguagePack) {
    this.pack = pack;
    this.roleNouns = new Set(pack.roleNouns);
    this.roleModifiers = new Set(pack.roleModifiers);
    this.orgHeads = new Set(pack.organisationHeads);
    this.orgWords = new Set(pack.organisationWords);
    this.nonName = new Set(pack.nonNameWords);
    this.anonHeads = new Set(pack.anonymousHeads);
    this.indefinite = new Set(pack.indefiniteDeterminers);
    this.adjunct = new Set(pack.adjunctStarters);
    this.leading = new Set(pack.leadingAdverbials);
    this.aux = new Set(pack.auxiliaries);
    this.passive = new Set(pack.passiveMarkers);
    this.subordinators = new Set(pack.subordinators);
    this.breakers = new Set(pack.complementBreakers);
    this.ambiguousVerbs = new Set(pack.ambiguousVerbForms);
    this.media = new Set(pack.mediaOutlets);
    this.knownOrgs = new Set(pack.knownOrganisations);
    this.countryWords = new Map();
    for (const [party, names] of Object.entries(pack.countries)) for (const n of names) this.countryWords.set(n, party);
    const cues: Array<{ words: string[]; kind: 'verb' | 'according' | 'quotedAs' }> = [];
    for (const v of pack.reportingVerbs) cues.push({ words: v.split(' '), kind: 'verb' });
    for (const v of pack.accordingTo) cues.push({ words: v.split(' '), kind: 'according' });
    for (const v of pack.quotedAs) cues.push({ words: v.split(' '), kind: 'quotedAs' });
    cues.sort((a, b) => b.words.length - a.words.length);
    this.cues = cues;
  }

  /** A word that can be part of a person's name: capitalised and not vocabulary. */
  isNameWord(t: Tok): boolean {
    if (!t.word || !/^\p{Lu}/u.test(t.text)) return false;
    const l = unpossess(t.lower);
    if (/^\p{Lu}{2,}\.?$/u.test(t.text.replace(/[’']s$/u, ''))) return false; // acronyms: MOFA, ROK, NSC
    if (/^\d/.test(l)) return false;
    // Title abbreviations ("Amb.", "Gen.", "Mr.") precede names but are not part of them.
    if (l.endsWith('.') && this.pack.abbreviations.includes(l)) return false;
    return !(
      this.roleNouns.has(l) ||
      this.roleModifiers.has(l) ||
      this.orgHeads.has(l) ||
      this.orgWords.has(l) ||
      this.nonName.has(l) ||
      this.countryWords.has(l) ||
      this.media.has(l) ||
      this.knownOrgs.has(l) ||
      this.anonHeads.has(l) ||
      this.indefinite.has(l) ||
      this.leading.has(l)
    );
  }

  isOrgToken(l: string): boolean {
    return this.orgHeads.has(unpossess(l));
  }
}

const vocabCache = new WeakMap<LanguagePack, Vocab>();
/** The (cached) vocabulary for a pack. */
export function vocabFor(pack: LanguagePack): Vocab {
  let v = vocabCache.get(pack);
  if (!v) {
    v = new Vocab(pack);
    vocabCache.set(pack, v);
  }
  return v;
}

/** Text covered by tokens [i, j) of `toks`, as written in `text`. */
export function textOf(text: string, toks: readonly Tok[], i: number, j: number): string {
  if (j <= i) return '';
  return text.slice(toks[i].start, toks[j - 1].end);
}
