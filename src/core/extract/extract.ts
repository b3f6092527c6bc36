/**
 * The statement-extraction engine. Language-agnostic: it knows the shapes attribution takes in
 * news prose (quote–cue–speaker, speaker–cue–clause, clause–speaker–cue, speaker: "quote",
 * the speaker's announcement that …) and takes every word from a {@link LanguagePack}.
 *
 * Pipeline: pair quotation marks → split sentences (quote-aware) → collect mentions of people and
 * organisations (antecedents for pronouns) → analyse each sentence for attribution patterns →
 * merge quotes split around an attribution → resolve pronouns and short names on the way.
 */
import type { Candidate, ExtractOptions, LanguagePack, SpeakerMention, StatementKind } from './types.ts';
import { en } from './lang/en.ts';
import { ko } from './lang/ko.ts';
import { detectLanguage, extractKorean } from './korean.ts';
import { findQuoteSpans, splitSentences, type Sentence } from './sentences.ts';
import { type Tok, type Vocab, isPossessive, textOf, tokenize, vocabFor } from './tokens.ts';
import { Discourse, type ParsedSpeaker, nameAtEnd, parseSpeaker } from './speaker.ts';

/** Language packs by code; add a pack here (or pass one) to support another language. */
export const LANGUAGE_PACKS: Record<string, LanguagePack> = { en, ko };

/** The pack for a text: the one asked for, else by script (Hangul share; see {@link detectLanguage}). */
export function packFor(text: string, language?: ExtractOptions['language']): LanguagePack {
  const code = language && language !== 'auto' ? language : detectLanguage(text);
  return LANGUAGE_PACKS[code] ?? en;
}

interface Cue {
  i: number;
  j: number;
  kind: 'verb' | 'according' | 'quotedAs' | 'participle' | 'noun';
  text: string;
}

interface SentenceResult {
  cands: Candidate[];
  /** Set when the sentence is nothing but a quotation without attribution (a continuation candidate). */
  quoteOnly?: { start: number; end: number };
}

/**
 * Find every attributed statement in `text` (plain text; use `prepareInput` for HTML and feeds).
 * Offsets in `span` refer to `text`.
 */
export function extractStatements(text: string, opts: ExtractOptions = {}, pack?: LanguagePack): Candidate[] {
  const lang = pack ?? packFor(text, opts.language);
  if (lang.korean) return extractKorean(text, lang);
  const v = vocabFor(lang);
  const spans = findQuoteSpans(text, lang);
  const sentences = splitSentences(text, lang, spans);
  const toks = sentences.map((s) => tokenize(text, s.start, s.end, spans, lang));
  const ctx = new Discourse();
  for (let k = 0; k < sentences.length; k++) collectMentions(text, toks[k], v, ctx);

  const out: Candidate[] = [];
  let prev: { idx: number; cand: Candidate | undefined } = { idx: -2, cand: undefined };
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    const res = analyseSentence(text, s, toks[k], v, ctx);
    if (res.cands.length) {
      for (const c of res.cands) out.push(c);
      prev = { idx: k, cand: res.cands[res.cands.length - 1] };
      continue;
    }
    if (res.quoteOnly && prev.idx === k - 1 && prev.cand) {
      const p = prev.cand;
      const inner = text.slice(res.quoteOnly.start, res.quoteOnly.end);
      if (p.kind === 'direct') {
        // "A," he said. "B." — one statement split around its attribution.
        p.quote = `${p.quote} … ${inner}`;
        p.span = { start: p.span.start, end: res.quoteOnly.end };
        p.sentence = text.slice(Math.min(sentenceStartOf(sentences, p.span.start), s.start), s.end);
      } else {
        // An unattributed quotation right after a reported statement continues that speaker.
        const c: Candidate = { quote: inner, kind: 'direct', speaker: { ...p.speaker }, sentence: s.text, span: { ...res.quoteOnly }, cue: '', confidence: 0.6 };
        out.push(c);
        prev = { idx: k, cand: c };
        continue;
      }
      prev = { idx: k, cand: p };
    }
  }
  return out;
}

function sentenceStartOf(sentences: readonly Sentence[], pos: number): number {
  for (const s of sentences) if (pos >= s.start && pos <= s.end) return s.start;
  return pos;
}

/** Record people and organisations mentioned in a sentence, and its subject, as antecedents. */
function collectMentions(text: string, toks: readonly Tok[], v: Vocab, ctx: Discourse): void {
  // Person names: runs of name words, with any title right before them.
  for (let k = 0; k < toks.length; k++) {
    if (toks[k].q || !v.isNameWord(toks[k])) continue;
    let e = k;
    while (e < toks.length && !toks[e].q && v.isNameWord(toks[e]) && e - k < 4) e++;
    let s = k;
    while (s > 0 && !toks[s - 1].q && toks[s - 1].word && toks[s - 1].lower !== 'and' && isTitleish(toks[s - 1], v)) s--;
    if (e - k >= 2 || s < k) {
      const p = parseSpeaker(text, toks, s, e, v, ctx, false);
      if (p && p.type === 'name' && p.speaker.name?.includes(' ')) ctx.add({ pos: toks[s].start, speaker: p.speaker, spoke: false, subject: s === 0 });
    }
    k = e - 1;
  }
  // Organisations: phrases around an organisation head word, and known organisations.
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.q || !t.word) continue;
    const l = t.lower.replace(/'s$/, '');
    const known = v.knownOrgs.has(l) && /^\p{Lu}/u.test(t.text);
    if (!v.orgHeads.has(l) && !known) continue;
    let s = k;
    while (s > 0 && !toks[s - 1].q && toks[s - 1].word && (/^\p{Lu}/u.test(toks[s - 1].text) || v.orgWords.has(toks[s - 1].lower)) && !isPossessive(toks[s - 1].lower) && toks[s - 1].lower !== 'the')
      s--;
    let e = k + 1;
    if (toks[e]?.lower === 'of' && !isPossessive(t.lower)) {
      let f = e + 1;
      if (toks[f]?.lower === 'the') f++;
      let g = f;
      while (g < toks.length && toks[g].word && /^\p{Lu}/u.test(toks[g].text) && g - f < 4) g++;
      if (g > f) e = g;
    }
    if (s === k && e === k + 1 && !known && !/^\p{Lu}/u.test(t.text)) continue; // bare "ministry": a reference, not a mention
    if (s === k && e === k + 1 && ['house', 'party', 'service', 'union', 'court', 'board', 'forces', 'mission', 'cross', 'nations', 'assembly'].includes(l)) continue;
    const name = textOf(text, toks, s, e).replace(/['’]s$/u, '');
    ctx.add({ pos: toks[s].start, speaker: { text: name, name, organisation: name, anonymous: false, isOrganisation: true }, spoke: false, subject: s === 0 });
    k = e - 1;
  }
  // The sentence subject (anonymous officials, collectives, titled people).
  let s = 0;
  if (toks[0] && v.leading.has(toks[0].lower)) {
    const comma = toks.findIndex((t) => t.text === ',' && !t.q);
    if (comma < 0 || comma > 12) return;
    s = comma + 1;
  }
  let e = s;
  while (e < toks.length && !toks[e].q && (toks[e].text === ',' || isSubjectWord(toks[e], v))) e++;
  if (e > s) {
    const p = parseSpeaker(text, toks, s, e, v, ctx, false);
    if (p && p.type !== 'pronoun' && p.type !== 'media') ctx.add({ pos: toks[s].start, speaker: p.speaker, spoke: false, subject: true });
  }
}

function isTitleish(t: Tok, v: Vocab): boolean {
  const l = t.lower.replace(/'s$/, '');
  return v.roleNouns.has(l) || v.roleModifiers.has(l) || v.orgHeads.has(l) || v.orgWords.has(l) || v.countryWords.has(l) || v.knownOrgs.has(l) || l === 'of' || /^\p{Lu}/u.test(t.text);
}

function isSubjectWord(t: Tok, v: Vocab): boolean {
  if (!t.word) return false;
  const l = t.lower.replace(/'s$/, '');
  return (
    /^\p{Lu}/u.test(t.text) ||
    v.roleNouns.has(l) ||
    v.roleModifiers.has(l) ||
    v.orgHeads.has(l) ||
    v.orgWords.has(l) ||
    v.anonHeads.has(l) ||
    v.indefinite.has(l) ||
    ['the', 'of', 'for', 'a', 'an', 'six', 'five', 'four', 'three', 'two', 'former'].includes(l)
  );
}

/** Reporting cues outside quotations, in order. */
function findCues(toks: readonly Tok[], v: Vocab): Cue[] {
  const out: Cue[] = [];
  const pack = v.pack;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.q || !t.word) continue;
    let found: Cue | undefined;
    for (const c of v.cues) {
      if (i + c.words.length > toks.length) continue;
      let ok = true;
      for (let w = 0; w < c.words.length; w++) {
        const u = toks[i + w];
        if (u.q || u.lower !== c.words[w]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const phrase = c.words.join(' ');
      if (c.kind === 'verb') {
        // Reporting verbs are written in lower case; "States" in "United States" is not one.
        if (t.text !== t.lower) break;
        const next = toks[i + c.words.length];
        if (v.ambiguousVerbs.has(phrase) && !(next && (next.lower === 'that' || next.text === ':' || next.text === ',' || next.opens)) && !addresseeThenThat(toks, i + c.words.length, v)) break;
        let b = i - 1;
        while (b >= 0 && toks[b].word && v.aux.has(toks[b].lower) && !['has', 'had', 'have'].includes(toks[b].lower)) b--;
        if (b >= 0 && (v.passive.has(toks[b].lower) || toks[b].lower === 'to')) break; // "was said", "declined to say"
      }
      found = { i, j: i + c.words.length, kind: c.kind, text: phrase };
      break;
    }
    if (!found && toks[i - 1]?.text === ',' && pack.continuationParticiples.includes(t.lower)) found = { i, j: i + 1, kind: 'participle', text: t.text };
    if (!found && pack.reportingNouns.includes(t.lower) && toks[i + 1]?.lower === 'that' && toks[i - 1] && (isPossessive(toks[i - 1].lower) || pack.pronouns.possessive.includes(toks[i - 1].lower))) {
      found = { i, j: i + 1, kind: 'noun', text: t.text };
    }
    if (found) {
      out.push(found);
      i = found.j - 1;
    }
  }
  return out;
}

/** "assured lawmakers that", "reminded them that": an addressee, then the reported clause. */
function addresseeThenThat(toks: readonly Tok[], at: number, v: Vocab): boolean {
  if (!ADDRESSEE_VERBS.has(toks[at - 1]?.lower ?? '')) return false;
  const aud = v.pack.audiences.map((a) => a.split(' ')).find((a) => a.every((w, x) => toks[at + x]?.lower === w));
  const n = aud ? aud.length : ['him', 'her', 'them', 'us', 'me', 'allies', 'officials', 'diplomats'].includes(toks[at]?.lower ?? '') ? 1 : 0;
  return n > 0 && toks[at + n]?.lower === 'that';
}

/** Index just past the sentence body (drops final punctuation outside quotes). */
function bodyEnd(toks: readonly Tok[]): number {
  let e = toks.length;
  while (e > 0 && !toks[e - 1].word && !toks[e - 1].q && /[.?!…;:]/.test(toks[e - 1].text)) e--;
  return e;
}

/** Inner offsets of a quotation without trailing commas/space (the comma belongs to the attribution). */
function innerOf(text: string, open: Tok): { start: number; end: number } {
  const span = open.span!;
  let s = span.open + 1;
  let e = span.close;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /[\s,]/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

function closeIndex(toks: readonly Tok[], open: number): number {
  const span = toks[open].span!;
  for (let k = open + 1; k < toks.length; k++) if (toks[k].start === span.close) return k;
  return toks.length - 1;
}

interface Tail {
  /** First token of the attribution segment (after the comma / closing quote). */
  segStart: number;
  /** Index of the last token of the clause the attribution applies to (exclusive). */
  clauseEnd: number;
  cue: Cue;
  sp: ParsedSpeaker;
  /** Phrase range of the speaker. */
  spStart: number;
  adjunct: string;
  /** A quotation continuing after the attribution in the same sentence ("A," he said, "B."). */
  contOpen?: number;
}

function isAdjunctTail(toks: readonly Tok[], from: number, to: number, v: Vocab): boolean {
  if (from >= to) return true;
  if (to - from > 14) return false;
  const first = toks[from];
  if (first.opens) return false;
  for (let k = from; k < to; k++) if (toks[k].lower === 'that' || toks[k].opens) return false;
  if (first.text === ',' && toks[from + 1]?.opens) return false;
  const audience = v.pack.audiences.some((a) => a.split(' ').every((w, x) => toks[from + x]?.lower === w));
  return v.adjunct.has(first.lower) || audience || first.text === ',' || /^\p{Lu}/u.test(first.text);
}

/** "…, <speaker> <cue> [adjuncts]." or "…, <cue> <speaker> [adjuncts]." at the end of the sentence. */
function detectTail(text: string, toks: readonly Tok[], cues: readonly Cue[], end: number, v: Vocab, ctx: Discourse): Tail | undefined {
  for (let c = cues.length - 1; c >= 0; c--) {
    const cue = cues[c];
    if (cue.kind === 'participle' || cue.kind === 'noun') continue;
    // Segment starts: after commas or a closing quotation, nearest first, within 16 tokens.
    const starts: number[] = [];
    for (let k = cue.i - 1; k >= 0 && cue.i - k <= 16; k--) {
      const t = toks[k];
      if (t.q && t.opens === false) {
        starts.push(k + 1);
        break;
      }
      if (t.q) break;
      if (t.text === ',' || t.text === '—' || t.text === '–') starts.push(k + 1);
    }
    if (!starts.length) continue;
    // Inverted order: ", said Kang Yu-jung, spokesperson for …" / ", according to X".
    if (starts[0] === cue.i || cue.kind === 'according') {
      const inv = invertedTail(text, toks, cue, starts[0], end, v, ctx);
      if (inv) return inv;
      if (cue.kind === 'according') continue;
    }
    // Normal order: widest segment that parses strictly as a speaker phrase.
    let chosen: { seg: number; sp: ParsedSpeaker } | undefined;
    for (let s = starts.length - 1; s >= 0; s--) {
      const seg = starts[s];
      if (seg >= cue.i) continue;
      const sp = parseSpeaker(text, toks, seg, cue.i, v, ctx, true);
      if (sp) {
        chosen = { seg, sp };
        break;
      }
    }
    if (!chosen) continue;
    const contOpen = findContinuation(toks, cue.j, end);
    const adjEnd = contOpen ?? end;
    if (!isAdjunctTail(toks, cue.j, adjEnd, v) && !(toks[cue.j]?.text === ',' && toks[cue.j + 1]?.opens)) continue;
    return { segStart: chosen.seg, clauseEnd: clauseEndBefore(toks, chosen.seg), cue, sp: chosen.sp, spStart: chosen.seg, adjunct: textOf(text, toks, cue.j, adjEnd), contOpen };
  }
  return undefined;
}

/** ", said Kang Yu-jung, spokesperson for …" / ", according to X" after a clause. */
function invertedTail(text: string, toks: readonly Tok[], cue: Cue, segStart: number, end: number, v: Vocab, ctx: Discourse): Tail | undefined {
  // The speaker runs from the cue to the first adjunct ("on Monday", "in a statement").
  let e = cue.j;
  let chunkStart = true;
  while (e < end) {
    const t = toks[e];
    if (t.opens || t.q) break;
    if (t.text === ',') {
      chunkStart = true;
      e++;
      continue;
    }
    // "for"/"of" inside a title ("spokesperson for the presidential office") do not end it.
    if (v.adjunct.has(t.lower) && (chunkStart || !['for', 'of'].includes(t.lower))) break;
    chunkStart = false;
    e++;
  }
  let spEnd = e;
  while (spEnd > cue.j && toks[spEnd - 1].text === ',') spEnd--;
  if (spEnd <= cue.j) return undefined;
  const sp = parseSpeaker(text, toks, cue.j, spEnd, v, ctx, true);
  if (!sp) return undefined;
  if (e < end && !isAdjunctTail(toks, e, end, v) && !(toks[e].text === ',' && toks[e + 1]?.opens)) return undefined;
  const contOpen = findContinuation(toks, e, end);
  return { segStart, clauseEnd: clauseEndBefore(toks, segStart), cue, sp, spStart: cue.j, adjunct: textOf(text, toks, spEnd, contOpen ?? end), contOpen };
}

/** A quotation opening after a comma in the attribution's remainder: `"A," he said, "B."` */
function findContinuation(toks: readonly Tok[], from: number, end: number): number | undefined {
  for (let k = from; k < end; k++) if (toks[k].opens) return toks[k - 1]?.text === ',' || toks[k - 1]?.text === ':' ? k : undefined;
  return undefined;
}

function clauseEndBefore(toks: readonly Tok[], segStart: number): number {
  let e = segStart;
  while (e > 0 && (toks[e - 1].text === ',' || toks[e - 1].text === '—' || toks[e - 1].text === '–')) e--;
  return e;
}

/** Anonymity and nesting found in the words after the cue ("on condition of anonymity", "in the CNN report"). */
function applyAdjunct(sp: SpeakerMention, adjunct: string, v: Vocab, resolvedFromPronoun: boolean): { speaker: SpeakerMention; via?: string } {
  const a = ` ${adjunct.toLowerCase()} `;
  let speaker = sp;
  if (v.pack.anonymityCues.some((c) => a.includes(` ${c} `) || a.includes(` ${c},`) || a.includes(` ${c}.`))) {
    speaker = { ...sp, anonymous: true, description: sp.description ?? (sp.role ? `unnamed ${sp.role}` : 'unnamed source') };
    if (resolvedFromPronoun && !sp.anonymous) delete speaker.name;
  }
  let via: string | undefined;
  for (const m of v.media) {
    if (m.length > 2 && a.includes(` ${m} `)) {
      const re = new RegExp(`\\b(?:the\\s+)?${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s+(?:report|interview|broadcast))?`, 'i');
      via = re.exec(adjunct)?.[0] ?? m;
      break;
    }
  }
  if (!via && /\b(?:cnn|ap|upi|kbs)\b/i.test(adjunct)) via = /\b(?:the\s+)?(?:cnn|ap|upi|kbs)(?:\s+report)?/i.exec(adjunct)?.[0];
  return { speaker, via };
}

function kindAndQuote(text: string, toks: readonly Tok[], s: number, e: number): { kind: StatementKind; start: number; end: number } | undefined {
  while (s < e && (toks[s].text === ',' || toks[s].text === ':')) s++;
  while (e > s && !toks[e - 1].q && /^[,.;:—–]$/.test(toks[e - 1].text)) e--;
  if (e <= s) return undefined;
  const first = toks[s];
  if (first.opens) {
    const ci = closeIndex(toks, s);
    if (ci >= e - 1) {
      const inner = innerOf(text, first);
      return inner.end > inner.start ? { kind: 'direct', start: inner.start, end: inner.end } : undefined;
    }
  }
  const words = toks.slice(s, e).filter((t) => t.word).length;
  const hasQuote = toks.slice(s, e).some((t) => t.opens);
  if (words < (hasQuote ? 2 : 3)) return undefined;
  // A lead-in followed by a full quotation ("Asked about it, "…"") is still a direct quote.
  const lastOpen = [...toks.slice(s, e).entries()].reverse().find(([, t]) => t.opens);
  if (lastOpen) {
    const oi = s + lastOpen[0];
    const ci = closeIndex(toks, oi);
    const before = toks[oi - 1]?.text;
    if (ci >= e - 1 && (before === ':' || before === ',') && oi > s) {
      const inner = innerOf(text, toks[oi]);
      if (text.slice(inner.start, inner.end).split(/\s+/).length >= 4) return { kind: 'direct', start: inner.start, end: inner.end };
    }
  }
  return { kind: hasQuote ? 'partial' : 'indirect', start: toks[s].start, end: toks[e - 1].end };
}

function confidenceOf(kind: StatementKind, sp: ParsedSpeaker, base: number): number {
  let c = base;
  if (kind === 'partial') c *= 0.95;
  if (kind === 'indirect') c *= 0.85;
  if (sp.type === 'pronoun' || sp.type === 'role') c *= sp.resolved ? 0.9 : 0.5;
  if (sp.type === 'name' && !sp.speaker.name?.includes(' ') && !sp.resolved) c *= 0.8;
  return Math.round(c * 100) / 100;
}

/** Analyse one sentence for all attribution patterns. */
function analyseSentence(text: string, sent: Sentence, toks: Tok[], v: Vocab, ctx: Discourse): SentenceResult {
  const cands: Candidate[] = [];
  if (!toks.length) return { cands };
  const pats = v.pack.attributionPatterns;
  const cues = findCues(toks, v);
  const end = bodyEnd(toks);
  const emit = (kq: { kind: StatementKind; start: number; end: number }, sp: ParsedSpeaker, cue: string, base: number, via?: string, speakerPos?: number) => {
    if (cands.some((c) => c.span.start < kq.end && kq.start < c.span.end)) return;
    const cand: Candidate = {
      quote: text.slice(kq.start, kq.end),
      kind: kq.kind,
      speaker: sp.speaker,
      sentence: sent.text,
      span: { start: kq.start, end: kq.end },
      cue,
      confidence: confidenceOf(kq.kind, sp, base),
    };
    if (via) cand.via = via;
    cands.push(cand);
    ctx.add({ pos: speakerPos ?? kq.start, speaker: sp.speaker, spoke: true, subject: true });
  };

  const tail = pats.clauseThenAttribution || pats.quoteThenAttribution ? detectTail(text, toks, cues, end, v, ctx) : undefined;
  const tailIsMedia = tail && (tail.sp.type === 'media' || tail.cue.kind === 'according');
  const quoteInitial = toks[0].opens === true;

  // 1. "Q," <speaker> <cue> … / <clause>, <speaker> <cue>.
  if (tail && (!tailIsMedia || quoteInitial) && (quoteInitial ? pats.quoteThenAttribution : true)) {
    const hasLead =
      !quoteInitial &&
      leadAttribution(
        text,
        toks,
        cues.filter((c) => c.i < tail.segStart),
        v,
        ctx,
      ) !== undefined;
    if (!hasLead) {
      const kq = kindAndQuote(text, toks, 0, tail.clauseEnd);
      if (kq) {
        const { speaker, via } = applyAdjunct(tail.sp.speaker, tail.adjunct, v, tail.sp.type === 'pronoun');
        const sp = { ...tail.sp, speaker };
        if (tail.contOpen !== undefined && kq.kind === 'direct') {
          // "A," he said, "B." — one statement around its attribution.
          const firstPart = text.slice(kq.start, kq.end);
          const inner = innerOf(text, toks[tail.contOpen]);
          emit({ ...kq, end: inner.end }, sp, tail.cue.text, 0.95, via, toks[tail.spStart].start);
          const last = cands[cands.length - 1];
          if (last && last.span.end === inner.end) last.quote = `${firstPart} … ${text.slice(inner.start, inner.end)}`;
        } else emit(kq, sp, tail.cue.text, kq.kind === 'direct' ? 0.95 : 0.9, via, toks[tail.spStart].start);
      }
    }
  }

  // 2. <speaker> <cue> (that) <complement>, possibly with ", adding that …" continuations.
  if (!cands.length && pats.speakerCueClause) {
    const lead = leadAttribution(text, toks, tail ? cues.filter((c) => c.i < tail.segStart) : cues, v, ctx);
    if (lead) {
      const limit = tail ? tail.clauseEnd : end;
      const via = tail && tailIsMedia ? tail.sp.speaker.name : undefined;
      const pieces = complementPieces(toks, lead.compStart, limit, cues, lead.mode, v);
      for (const [k, piece] of pieces.entries()) {
        const kq = kindAndQuote(text, toks, piece.s, piece.e);
        if (!kq) continue;
        const { speaker, via: via2 } = applyAdjunct(lead.sp.speaker, textOf(text, toks, lead.cue.j, lead.compStart), v, lead.sp.type === 'pronoun');
        emit(kq, { ...lead.sp, speaker }, k === 0 ? lead.cue.text : piece.cue, 0.92, via ?? via2, toks[lead.spStart].start);
      }
    }
  }

  // 3. <speaker>: "Q" (digest style).
  if (!cands.length && pats.colonQuote) {
    const colon = toks.findIndex((t, k) => t.text === ':' && !t.q && toks[k + 1]?.opens);
    if (colon > 0 && !cues.some((c) => c.i < colon)) {
      const sp = parseSpeaker(text, toks, 0, colon, v, ctx, false);
      const kq = sp && kindAndQuote(text, toks, colon + 1, end);
      if (sp && kq && kq.kind === 'direct') emit(kq, sp, ':', 0.85, undefined, toks[0].start);
    }
  }

  // 4. The ministry's announcement that … / its assertion that …
  if (pats.possessiveNoun) {
    for (const cue of cues) {
      if (cue.kind !== 'noun') continue;
      const owner = possessiveOwner(text, toks, cue.i, v, ctx);
      if (!owner) continue;
      const pieces = complementPieces(toks, cue.j + 1, end, cues, 'that', v);
      const kq = pieces[0] && kindAndQuote(text, toks, pieces[0].s, pieces[0].e);
      if (kq) emit(kq, owner, cue.text, 0.8);
    }
  }

  if (!cands.length && quoteInitial) {
    const ci = closeIndex(toks, 0);
    if (ci >= end - 1) {
      const inner = innerOf(text, toks[0]);
      if (text.slice(inner.start, inner.end).split(/\s+/).length >= 3) return { cands, quoteOnly: inner };
    }
  }
  return { cands };
}

interface Lead {
  cue: Cue;
  sp: ParsedSpeaker;
  spStart: number;
  compStart: number;
  mode: 'that' | 'object' | 'quote';
}

/** The first cue with a speaker phrase on its left, and where its complement starts. */
function leadAttribution(text: string, toks: readonly Tok[], cues: readonly Cue[], v: Vocab, ctx: Discourse): Lead | undefined {
  for (const cue of cues) {
    if (cue.kind === 'participle' || cue.kind === 'noun') continue;
    if (cue.kind === 'according') {
      // "According to X, C."
      const comma = toks.findIndex((t, k) => k > cue.j && t.text === ',' && !t.q);
      if (comma < 0) continue;
      const sp = parseSpeaker(text, toks, cue.j, comma, v, ctx, true);
      if (sp) return { cue, sp, spStart: cue.j, compStart: comma + 1, mode: 'that' };
      continue;
    }
    // "The ministry, which had been asked to join, announced that …": a relative clause between
    // the subject and the cue is skipped; the speaker is the phrase before it.
    const rel = relativeClauseBefore(toks, cue.i, v);
    if (rel) {
      let rs = 0;
      for (let k = 0; k < rel.start; k++) if (!toks[k].q && (toks[k].text === ';' || v.subordinators.has(toks[k].lower))) rs = k + 1;
      if (toks[rs] && v.leading.has(toks[rs].lower)) {
        const comma = toks.findIndex((t, k) => k > rs && k < rel.start && t.text === ',');
        if (comma > 0) rs = comma + 1;
      }
      const sp = rs < rel.start ? parseSpeaker(text, toks, rs, rel.start, v, ctx, false) : null;
      if (sp) {
        const lead = complementStart(text, toks, cue, v);
        if (lead) return { cue, sp, spStart: rs, compStart: lead.j, mode: lead.mode };
      }
    }
    // The speaker is after the last clause opener before the cue.
    let ls = 0;
    for (let k = 0; k < cue.i; k++) {
      const t = toks[k];
      if (t.q) {
        if (t.opens === false) ls = k + 1;
        continue;
      }
      if (t.text === ';' || v.subordinators.has(t.lower)) ls = k + 1;
    }
    if (ls >= cue.i) continue;
    let sp = parseSpeaker(text, toks, ls, cue.i, v, ctx, false);
    // A subordinator inside an adverbial aside ("Kevin Kim, after meeting X, said") is not a clause opener.
    if (!sp && ls > 0) {
      sp = parseSpeaker(text, toks, 0, cue.i, v, ctx, false);
      if (sp) ls = 0;
    }
    if (!sp) continue;
    const lead = complementStart(text, toks, cue, v);
    if (!lead) continue;
    return { cue, sp, spStart: ls, compStart: lead.j, mode: lead.mode };
  }
  return undefined;
}

/** Verbs whose addressee comes before the reported clause ("told reporters that", "assured allies that"). */
const ADDRESSEE_VERBS = new Set([
  'told',
  'tells',
  'tell',
  'assured',
  'assures',
  'reassured',
  'reassures',
  'informed',
  'informs',
  'reminded',
  'reminds',
  'warned',
  'warns',
  'cautioned',
  'cautions',
  'answered',
  'answers',
]);

/** ", which/who … ," right before the cue (auxiliaries allowed between): its token range. */
function relativeClauseBefore(toks: readonly Tok[], cueAt: number, v: Vocab): { start: number; end: number } | undefined {
  let b = cueAt;
  while (b > 0 && !toks[b - 1].q && v.aux.has(toks[b - 1].lower)) b--;
  if (toks[b - 1]?.text !== ',' || toks[b - 1].q) return undefined;
  for (let k = b - 2; k > 0 && b - k <= 30; k--) {
    const t = toks[k];
    if (t.q) return undefined;
    if (t.text === ',' && ['which', 'who', 'whose', 'whom', 'where'].includes(toks[k + 1]?.lower ?? '')) return { start: k, end: b };
  }
  return undefined;
}

/** Where the complement of a cue starts, skipping an addressee and adjuncts before "that"; undefined if nothing is reported. */
function complementStart(text: string, toks: readonly Tok[], cue: Cue, v: Vocab): { j: number; mode: Lead['mode'] } | undefined {
  {
    // Where the complement starts: skip the audience of "told" and adjuncts before "that".
    let j = cue.j;
    if (ADDRESSEE_VERBS.has(cue.text)) {
      const aud = v.pack.audiences
        .map((a) => a.split(' '))
        .sort((a, b) => b.length - a.length)
        .find((a) => a.every((w, x) => toks[j + x]?.lower === w));
      if (aud) j += aud.length;
      else if (toks[j] && ['him', 'her', 'them', 'us', 'me'].includes(toks[j].lower)) j++;
      else if (toks[j] && /^\p{Lu}/u.test(toks[j].text) && toks[j].word) {
        const run = nameAtEnd(toks.slice(j, j + 3), v);
        if (run) j += run.length;
      }
    }
    let mode: Lead['mode'] = 'object';
    const look = Math.min(toks.length, j + 12);
    for (let k = j; k < look; k++) {
      const t = toks[k];
      if (t.q) break;
      if (v.pack.complementisers.includes(t.lower)) {
        if (k === j || v.adjunct.has(toks[j].lower) || toks[j].text === ',') {
          j = k + 1;
          mode = 'that';
        }
        break;
      }
      if (t.text === ':' && toks[k + 1]?.opens) {
        j = k + 1;
        mode = 'quote';
        break;
      }
      if (t.text === ',' && toks[k + 1]?.opens && (k === j || v.adjunct.has(toks[j].lower))) {
        j = k + 1;
        mode = 'quote';
        break;
      }
      if (k === j && !v.adjunct.has(t.lower)) break;
    }
    if (mode === 'object' && v.adjunct.has(toks[j]?.lower ?? '') && !['to'].includes(toks[j].lower)) {
      // "said in a statement." with nothing reported.
      const rest = toks.slice(j).filter((t) => t.opens || t.lower === 'that');
      if (!rest.length) return undefined;
    }
    if (mode === 'object' && ADDRESSEE_VERBS.has(cue.text) && !['told', 'tells', 'tell', 'answered', 'answers'].includes(cue.text)) return undefined; // "warned Pyongyang" with no clause
    void text;
    return { j, mode };
  }
}

/** Split a complement at ", adding that …" continuations, and cut it where it stops being reported content. */
function complementPieces(toks: readonly Tok[], start: number, limit: number, cues: readonly Cue[], mode: 'that' | 'object' | 'quote', v: Vocab): Array<{ s: number; e: number; cue: string }> {
  const out: Array<{ s: number; e: number; cue: string }> = [];
  let s = start;
  let cue = '';
  let m = mode;
  for (let k = start; k <= limit; k++) {
    const t = toks[k];
    const atEnd = k === limit;
    const part = !atEnd && !t.q && cues.find((c) => c.kind === 'participle' && c.i === k);
    const cut =
      !atEnd &&
      !t.q &&
      (t.text === ';' ||
        (t.text === ',' && toks[k + 1] && ['but', 'and'].includes(toks[k + 1].lower) && m !== 'quote' && !toks[k + 2]?.q && toks[k + 2]?.lower !== 'that') ||
        (m === 'object' && v.breakers.has(t.lower) && k > s + 2));
    if (atEnd || part || cut) {
      let e = k;
      while (e > s && toks[e - 1].text === ',') e--;
      if (e > s) out.push({ s, e, cue });
      if (!part) break;
      cue = t.text;
      s = k + 1;
      if (toks[s] && v.pack.complementisers.includes(toks[s].lower)) {
        s++;
        m = 'that';
      } else m = 'object';
    }
  }
  return out;
}

/** Speaker of "<owner>'s announcement that …" / "its assertion that …". */
function possessiveOwner(text: string, toks: readonly Tok[], i: number, v: Vocab, ctx: Discourse): ParsedSpeaker | undefined {
  const p = toks[i - 1];
  if (!p) return undefined;
  const pos = p.start;
  if (p.lower === 'its') {
    const o = ctx.organisation(pos);
    return o ? { speaker: { ...o, text: p.text }, type: 'pronoun', resolved: true } : undefined;
  }
  if (p.lower === 'his' || p.lower === 'her') {
    const o = ctx.person(pos);
    return o ? { speaker: { ...o, text: p.text }, type: 'pronoun', resolved: true } : undefined;
  }
  if (p.lower === 'their') {
    const o = ctx.collective(pos) ?? ctx.organisation(pos);
    return o ? { speaker: { ...o, text: p.text }, type: 'pronoun', resolved: true } : undefined;
  }
  let s = i - 1;
  while (
    s > 0 &&
    i - s < 7 &&
    !toks[s - 1].q &&
    toks[s - 1].word &&
    (/^\p{Lu}/u.test(toks[s - 1].text) || v.orgWords.has(toks[s - 1].lower) || v.roleModifiers.has(toks[s - 1].lower) || toks[s - 1].lower === 'the' || toks[s - 1].lower === 'of')
  )
    s--;
  const sp = parseSpeaker(text, toks, s, i, v, ctx, false);
  return sp ?? undefined;
}
