/**
 * Statement extraction for Korean news prose. Korean marks attribution with particles and verb
 * endings rather than word order, so this engine works on whitespace-separated words (어절):
 *
 * 1. quotations are paired as for English; a quotation with the particle written right after its
 *    closing mark ("…"라고, "…"며) is one token;
 * 2. a sentence's statements are its quotatives — a quotation with a quotative particle, or an
 *    unquoted clause ending in -다고/-라고/-냐고 (…) — each tied to a reporting verb (밝혔다,
 *    말했다, 설명했다 …) after it; -며/-라며 quotatives tie to any later reporting verb;
 * 3. the speaker is a phrase with a topic/subject particle between the quotative and its verb
 *    ("…"라고 정 장관은 말했다), else the sentence's topic phrase (정동영 통일부 장관은), else the
 *    previous statement's speaker (Korean drops repeated subjects);
 * 4. pronouns (그는), demonstratives (이 관계자는), surname + title (정 장관은) and bare titles
 *    (대변인은) resolve to earlier speakers or mentioned people.
 *
 * Predicates that report nothing (알려졌다, 전망이다, 분석이 나온다) are not reporting verbs, so a
 * clause before them is no statement. Everything language-specific comes from the pack's `korean`
 * rules (lang/ko.ts). Pure: no I/O.
 */
import type { Candidate, KoreanRules, LanguagePack, SpeakerMention, StatementKind } from './types.ts';
import { findQuoteSpans, type QuoteSpan } from './sentences.ts';

/** Share of Hangul syllables among the letters of `text` (0..1). */
export function hangulShare(text: string): number {
  let hangul = 0;
  let letters = 0;
  for (const ch of text) {
    if (/[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/u.test(ch)) {
      hangul++;
      letters++;
    } else if (/\p{L}/u.test(ch)) letters++;
  }
  return letters ? hangul / letters : 0;
}

/**
 * The language of a text: Korean when Hangul makes up at least 30 % of its letters (a Korean
 * article keeps well above that even with English names and acronyms), else English.
 */
export function detectLanguage(text: string): 'ko' | 'en' {
  return hangulShare(text) >= 0.3 ? 'ko' : 'en';
}

interface Word {
  /** 'quote' for a quotation (with any particle written right after it). */
  kind: 'word' | 'quote';
  start: number;
  end: number;
  text: string;
  /** The word without trailing punctuation (for quotes: the particle). */
  bare: string;
  /** For quotes: offsets of the inner text and of the closing mark. */
  inner?: { start: number; end: number };
  close?: number;
  particle?: string;
}

interface Sent {
  start: number;
  end: number;
  text: string;
  words: Word[];
  paragraph: number;
}

const PUNCT_END = /[.,!?…;:·)\]」』”’"']+$/u;

/** Split into sentences (quote-aware, paragraph breaks always end one) and words. */
function sentencesOf(text: string, spans: readonly QuoteSpan[]): Sent[] {
  const out: Sent[] = [];
  const spanAt = new Map(spans.map((s) => [s.open, s]));
  let paragraph = 0;
  let i = 0;
  let cur: Word[] = [];
  let sStart = -1;
  const flush = (end: number) => {
    if (cur.length) out.push({ start: sStart, end, text: text.slice(sStart, end), words: cur, paragraph });
    cur = [];
    sStart = -1;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      flush(cur.length ? cur[cur.length - 1].end : i);
      paragraph++;
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    // One word: up to whitespace; a quotation inside it runs to its closing mark.
    const ws = i;
    let quote: QuoteSpan | undefined;
    let e = i;
    while (e < text.length && !/\s/.test(text[e])) {
      const sp = spanAt.get(e);
      if (sp) {
        if (e === ws) quote = sp;
        e = sp.close + 1;
        continue;
      }
      e++;
    }
    if (sStart < 0) sStart = ws;
    const wtext = text.slice(ws, e);
    if (quote) {
      let is = quote.open + 1;
      let ie = quote.close;
      while (is < ie && /\s/.test(text[is])) is++;
      while (ie > is && /[\s,]/.test(text[ie - 1])) ie--;
      const after = text.slice(quote.close + 1, e).replace(PUNCT_END, '');
      cur.push({ kind: 'quote', start: ws, end: e, text: wtext, bare: after, inner: { start: is, end: ie }, close: quote.close, particle: after });
    } else {
      cur.push({ kind: 'word', start: ws, end: e, text: wtext, bare: wtext.replace(PUNCT_END, '').replace(/^[([「『“‘"']+/u, '') });
    }
    i = e;
    // A sentence ends at . ? ! closing the word (outside quotations), e.g. "밝혔다." or "…"고 말했다."
    const last = text[e - 1];
    if (/[.?!。]/.test(last) && !(quote && e - 1 === quote.close)) flush(e);
  }
  flush(cur.length ? cur[cur.length - 1].end : text.length);
  return out;
}

/** Compiled view of the Korean rules. */
interface KoVocab {
  r: KoreanRules;
  past: string[];
  adnominal: Set<string>;
  connective: Set<string>;
  adjunct: RegExp[];
  orgs: Set<string>;
  roles: string[];
  anonHeads: string[];
  countries: Set<string>;
  modifiers: Set<string>;
  leading: Set<string>;
  fused: Map<string, readonly [string, string, string]>;
}

const cache = new WeakMap<LanguagePack, KoVocab>();
function vocab(pack: LanguagePack): KoVocab {
  let v = cache.get(pack);
  if (v) return v;
  const r = pack.korean!;
  v = {
    r,
    past: r.reportingVerbStems.map(([p]) => p),
    adnominal: new Set(r.reportingVerbStems.map(([, a]) => a)),
    connective: new Set(r.reportingVerbStems.flatMap(([, , c]) => [c, c.replace(/며$/, '면서'), c.replace(/며$/, '고')])),
    adjunct: r.adjunctPatterns.map((p) => new RegExp(p, 'u')),
    orgs: new Set(r.organisations.map((o) => o.toLowerCase())),
    roles: [...r.roleNouns].sort((a, b) => b.length - a.length),
    anonHeads: [...r.anonymousHeads].sort((a, b) => b.length - a.length),
    countries: new Set(Object.values(pack.countries).flat()),
    modifiers: new Set(r.modifiers),
    leading: new Set(r.leadingAdverbials),
    fused: new Map(r.fusedRoles.map((f) => [f[0].replace(/\s+/g, ''), f])),
  };
  cache.set(pack, v);
  return v;
}

function isReportingVerb(w: Word, v: KoVocab): boolean {
  if (w.kind !== 'word') return false;
  const b = w.bare;
  if (v.past.some((p) => b.startsWith(p))) return true;
  if (v.adnominal.has(b) || v.connective.has(b)) return true;
  return false;
}

function isAdjunct(w: Word, v: KoVocab): boolean {
  return w.kind === 'word' && (v.adjunct.some((re) => re.test(w.bare)) || v.leading.has(w.bare));
}

interface Quotative {
  i: number;
  direct: boolean;
  connective: boolean;
  /** Characters to strip from the end of an indirect clause's last word. */
  strip: number;
}

function quotativeOf(w: Word, v: KoVocab): Quotative | undefined {
  if (w.kind === 'quote') {
    const p = w.particle ?? '';
    const hit = v.r.quoteParticles.find((q) => p === q);
    if (!hit) return undefined;
    return { i: -1, direct: true, connective: v.r.connectiveParticles.includes(hit), strip: 0 };
  }
  const b = w.bare;
  for (const { ending, strip } of v.r.indirectEndings) {
    if (b.length > ending.length && b.endsWith(ending)) return { i: -1, direct: false, connective: /(며|면서)$/.test(ending), strip };
  }
  return undefined;
}

/** Strip a trailing topic/subject particle; undefined when the word has none. */
function stripSubjectParticle(word: string, r: KoreanRules): string | undefined {
  for (const p of [...r.subjectParticles].sort((a, b) => b.length - a.length)) {
    if (word.length > p.length && word.endsWith(p)) return word.slice(0, -p.length);
  }
  return undefined;
}

interface Ref {
  pos: number;
  speaker: SpeakerMention;
  spoke: boolean;
}

class KoDiscourse {
  refs: Ref[] = [];
  add(r: Ref) {
    this.refs.push(r);
  }
  private latest(pos: number, pred: (r: Ref) => boolean): Ref | undefined {
    let best: Ref | undefined;
    for (const r of this.refs) if (r.pos < pos && pred(r) && (!best || r.pos > best.pos || (r.pos === best.pos && r.spoke))) best = r;
    return best;
  }
  person(pos: number) {
    return this.latest(pos, (r) => !r.speaker.isOrganisation && !r.speaker.anonymous && r.spoke)?.speaker ?? this.latest(pos, (r) => !r.speaker.isOrganisation && !r.speaker.anonymous)?.speaker;
  }
  anonymous(pos: number, head: string) {
    return this.latest(pos, (r) => r.speaker.anonymous && (r.speaker.description ?? '').includes(head))?.speaker ?? this.latest(pos, (r) => r.speaker.anonymous)?.speaker;
  }
  bySurname(pos: number, surname: string, role?: string) {
    const ok = (r: Ref) => !r.speaker.isOrganisation && !!r.speaker.name && r.speaker.name.replace(/\s/g, '').length >= 2 && r.speaker.name.startsWith(surname);
    return (role && this.latest(pos, (r) => ok(r) && (r.speaker.role ?? '').includes(role))?.speaker) || this.latest(pos, ok)?.speaker;
  }
  byRole(pos: number, role: string) {
    return this.latest(pos, (r) => !r.speaker.isOrganisation && !r.speaker.anonymous && !!r.speaker.role && (r.speaker.role.endsWith(role) || role.endsWith(r.speaker.role)))?.speaker;
  }
  organisation(pos: number, name: string) {
    return this.latest(pos, (r) => r.speaker.isOrganisation && (r.speaker.name ?? '').includes(name))?.speaker;
  }
  collective(pos: number) {
    return this.latest(pos, (r) => (r.speaker.description ?? '').startsWith('collective'))?.speaker;
  }
  knownName(pos: number, name: string) {
    return this.latest(pos, (r) => r.speaker.name === name)?.speaker;
  }
}

interface Parsed {
  speaker: SpeakerMention;
  resolved: boolean;
  type: 'name' | 'org' | 'anon' | 'pronoun' | 'role';
}

const HANGUL_NAME = /^[\uAC00-\uD7A3]{1,5}$/u;

/** Role, and the organisation a fused title implies, for the last word of a phrase. */
function roleOf(word: string, v: KoVocab): { role: string; org?: string } | undefined {
  const fused = v.fused.get(word);
  if (fused) return { role: fused[2], org: fused[1] };
  if (v.roles.includes(word)) return { role: word };
  const suffix = v.roles.find((r) => word.endsWith(r) && word.length - r.length >= 2);
  if (suffix) {
    const prefix = word.slice(0, -suffix.length);
    if (isOrgWord(prefix, v) || isOrgWord(`${prefix}${suffix[0]}`, v)) return { role: suffix, org: isOrgWord(prefix, v) ? prefix : `${prefix}${suffix[0]}` };
    return { role: word };
  }
  return undefined;
}

function isOrgWord(word: string, v: KoVocab): boolean {
  return v.orgs.has(word.toLowerCase());
}

/**
 * Parse the words of a speaker phrase (the particle already stripped from the last one).
 * Returns null when the phrase is not a speaker (a content noun phrase, a time adverbial …).
 */
function parsePhrase(words: string[], written: string, pos: number, v: KoVocab, ctx: KoDiscourse): Parsed | null {
  let ws = words.slice();
  while (ws.length > 1 && (v.leading.has(ws[0]) || v.adjunct.some((re) => re.test(ws[0])))) ws = ws.slice(1);
  if (!ws.length || ws.length > 7) return null;
  if (ws.some((w) => !/^[\p{L}\p{N}·.-]+$/u.test(w))) return null;
  const last = ws[ws.length - 1].replace(/측$/, '') || ws[ws.length - 1];
  const base = (s: Partial<SpeakerMention>): SpeakerMention => ({ text: written, anonymous: false, isOrganisation: false, ...s });
  const orgIn = (xs: string[]) => {
    const hit = xs.filter((w) => isOrgWord(w, v) && !['정부'].includes(w));
    if (!hit.length) return xs.includes('정부') ? '정부' : undefined;
    const k = xs.indexOf(hit[hit.length - 1]);
    // "미 국무부": keep a country word right before the organisation.
    return k > 0 && v.countries.has(xs[k - 1]) && isOrgWord(`${xs[k - 1]} ${xs[k]}`, v) ? `${xs[k - 1]} ${xs[k]}` : xs[k];
  };

  // Pronouns: 그는, 그녀는.
  if (ws.length === 1 && (last === '그' || last === '그녀')) {
    const ante = ctx.person(pos);
    return ante ? { speaker: base({ name: ante.name, role: ante.role, organisation: ante.organisation }), resolved: true, type: 'pronoun' } : null;
  }
  // Unnamed sources: 정부 관계자, 외교부 당국자, 여권 핵심 관계자; 이 관계자 = the previous one.
  const anonHead = v.anonHeads.find((h) => last === h || (last.endsWith(h) && last.length > h.length && isOrgWord(last.slice(0, -h.length), v)));
  if (anonHead) {
    if (ws.length === 2 && v.r.demonstratives.includes(ws[0])) {
      const ante = ctx.anonymous(pos, anonHead);
      if (ante) return { speaker: base({ anonymous: true, description: ante.description, organisation: ante.organisation }), resolved: true, type: 'anon' };
    }
    if (ws.length === 1 && anonHead === '인사') return null;
    const org = orgIn(ws.slice(0, -1)) ?? (last !== anonHead ? last.slice(0, -anonHead.length) : undefined);
    return { speaker: base({ anonymous: true, description: ws.join(' '), organisation: org }), resolved: false, type: 'anon' };
  }
  // Collectives: 전직 통일부 장관 6명; 임동원·정세현 … 전 장관 (names joined by ·) = an earlier collective.
  if (/^\d+명$|^[두세네]\s?명$|^(여섯|다섯|네|세|두)명$/u.test(last) && ws.length >= 2) {
    return { speaker: base({ name: ws.join(' '), isOrganisation: true, description: `collective: ${ws.join(' ')}` }), resolved: false, type: 'org' };
  }
  if (ws[0].includes('·') && ws[0].split('·').every((n) => HANGUL_NAME.test(n)) && ws.length >= 2 && roleOf(last, v)) {
    const ante = ctx.collective(pos);
    return {
      speaker: base(ante ? { name: ante.name, isOrganisation: true, description: ante.description } : { name: ws.join(' '), isOrganisation: true, description: `collective: ${ws.join(' ')}` }),
      resolved: !!ante,
      type: 'org',
    };
  }
  // Titles: [name] [country/modifier] [organisation] title.
  const role = roleOf(last, v);
  if (role) {
    const before = ws.slice(0, -1);
    const nameParts: string[] = [];
    let k = 0;
    while (k < before.length && !isOrgWord(before[k], v) && !v.countries.has(before[k]) && !v.modifiers.has(before[k]) && !roleOf(before[k], v) && !v.r.nonNameWords.includes(before[k]))
      nameParts.push(before[k++]);
    if (nameParts.length > 3 || nameParts.some((p) => (!HANGUL_NAME.test(p) && !/^\p{Lu}/u.test(p)) || (p.length >= 2 && /(에|에서|을|를|의|과|와|로|으로|은|는)$/u.test(p) && !ctx.knownName(pos, p))))
      return null;
    const rest = before.slice(k);
    if (rest.some((w) => !isOrgWord(w, v) && !v.countries.has(w) && !v.modifiers.has(w) && !roleOf(w, v) && !/[부실청처원관회]$/.test(w))) return null;
    const org = role.org ?? orgIn(rest) ?? rest.find((w) => /[부실청처]$/.test(w) && !v.modifiers.has(w));
    const roleText = ws
      .slice(k)
      .filter((w) => !v.countries.has(w))
      .join(' ');
    const name = nameParts.join(' ');
    // A bare surname (정 장관, 강 대변인) or no name (장관은, 이 장관은): an earlier person.
    if (!name || (nameParts.length === 1 && name.length === 1)) {
      let ante: SpeakerMention | undefined;
      if (name) ante = ctx.bySurname(pos, name, role.role);
      if (!ante && (!name || name === '이')) ante = ctx.byRole(pos, role.role);
      if (ante) return { speaker: base({ name: ante.name, role: ante.role ?? roleText, organisation: ante.organisation ?? org }), resolved: true, type: 'role' };
      // "한 의원", "다른 당국자": indefinite, so an unnamed speaker.
      if (!name && before.length && ['한', '다른', '일부', '복수의', '또다른'].includes(before[0]))
        return { speaker: base({ anonymous: true, description: ws.join(' '), role: roleText, organisation: org }), resolved: false, type: 'anon' };
      if (!name && !org) return null;
      return { speaker: base({ role: roleText, organisation: org }), resolved: false, type: 'role' };
    }
    return { speaker: base({ name, role: roleText, organisation: org }), resolved: false, type: 'name' };
  }
  // Organisations speaking: 통일부는, 대통령실은, 미 국무부는, 정부는.
  const orgWords = ws.filter((w) => !v.modifiers.has(w) || isOrgWord(w, v));
  if (orgWords.length === 1 && (isOrgWord(orgWords[0], v) || (v.countries.has(orgWords[0]) && ws.length === 1))) {
    const joined = ws.join(' ');
    const name = isOrgWord(joined, v) ? joined : orgWords[0];
    const ante = ctx.organisation(pos, name);
    return { speaker: base({ name: ante?.name ?? name, organisation: ante?.name ?? name, isOrganisation: true }), resolved: false, type: 'org' };
  }
  // A name alone, if the article introduced it with a title before.
  if (ws.length <= 2 && ws.every((w) => HANGUL_NAME.test(w))) {
    const ante = ctx.knownName(pos, ws.join(' '));
    if (ante) return { speaker: base({ name: ante.name, role: ante.role, organisation: ante.organisation }), resolved: true, type: 'name' };
  }
  return null;
}

/** Try words [a, b] as a speaker phrase whose last word carries a topic/subject particle. */
function speakerAt(text: string, words: readonly Word[], a: number, b: number, v: KoVocab, ctx: KoDiscourse): Parsed | null {
  if (a > b || words.slice(a, b + 1).some((w) => w.kind !== 'word')) return null;
  const lastBare = words[b].bare;
  const stem = stripSubjectParticle(lastBare, v.r);
  if (stem === undefined) return null;
  const ws = [...words.slice(a, b).map((w) => w.bare), stem];
  const written = text.slice(words[a].start, words[b].start) + stem;
  return parsePhrase(ws, written, words[a].start, v, ctx);
}

/** The topic phrase of the words [from, to): the first phrase with 은/는 that parses, else with 이/가. */
function subjectOf(text: string, words: readonly Word[], from: number, to: number, v: KoVocab, ctx: KoDiscourse): { p: Parsed; a: number; b: number } | undefined {
  let a = from;
  while (a < to && isAdjunct(words[a], v) && !stripSubjectParticle(words[a].bare, v.r)) a++;
  const tries: Array<{ p: Parsed; a: number; b: number; topic: boolean }> = [];
  for (let b = a; b < to && b < a + 8; b++) {
    const w = words[b];
    if (w.kind !== 'word') break;
    if (stripSubjectParticle(w.bare, v.r) === undefined) continue;
    for (let s = a; s <= b; s++) {
      const p = speakerAt(text, words, s, b, v, ctx);
      if (p) {
        tries.push({ p, a: s, b, topic: /[은는]$|측은$/.test(w.bare) });
        break;
      }
    }
    if (tries.some((t) => t.topic)) break;
  }
  return tries.find((t) => t.topic) ?? tries[0];
}

/** Collect people introduced with a title anywhere (정동영 통일부 장관을 만난 …) as antecedents. */
function collectMentions(text: string, s: Sent, v: KoVocab, ctx: KoDiscourse): void {
  const ws = s.words;
  for (let k = 0; k < ws.length; k++) {
    if (ws[k].kind !== 'word') continue;
    const b = ws[k].bare.replace(/(은|는|이|가|을|를|의|과|와|도|에게|께|에|으로|로|이었던|였던|인)$/u, '');
    if (!roleOf(b, v)) continue;
    for (let a = Math.max(0, k - 4); a < k; a++) {
      if (ws.slice(a, k).some((w) => w.kind !== 'word')) continue;
      const p = parsePhrase([...ws.slice(a, k).map((w) => w.bare), b], text.slice(ws[a].start, ws[k].end), ws[a].start, v, ctx);
      if (p && p.type === 'name' && (p.speaker.name ?? '').replace(/\s/g, '').length >= 2) {
        ctx.add({ pos: ws[a].start, speaker: p.speaker, spoke: false });
        break;
      }
    }
  }
}

function isNonStatementSentence(words: readonly Word[], v: KoVocab): boolean {
  const last = words[words.length - 1];
  if (last?.kind !== 'word') return false;
  return v.r.nonStatementPredicates.includes(last.bare) && !isReportingVerb(last, v);
}

/** Index of the last word of a relay ("…했다고 통일부가 전했다") after `from`, so it is not read as a second statement. */
function skipRelay(ws: readonly Word[], from: number, v: KoVocab): number {
  for (let j = from + 1; j < ws.length && j <= from + 5; j++) if (isReportingVerb(ws[j], v)) return j;
  return from;
}

/** "외교부 관계자에 따르면 …했다": the source before 에 따르면, the statement after it. */
function accordingTo(text: string, s: Sent, v: KoVocab, ctx: KoDiscourse): { sp: Parsed; start: number; end: number } | undefined {
  const ws = s.words;
  const k = ws.findIndex((w, i) => i > 0 && w.kind === 'word' && /^따르면,?$/u.test(w.text) && /에$/u.test(ws[i - 1].bare));
  if (k < 0 || k + 1 >= ws.length) return undefined;
  let a = k - 1;
  while (a > 0 && k - a < 6 && ws[a - 1].kind === 'word' && !/[,.]$/.test(ws[a - 1].text) && !v.leading.has(ws[a - 1].bare)) a--;
  const words = ws.slice(a, k).map((w) => w.bare);
  words[words.length - 1] = words[words.length - 1].replace(/에$/u, '');
  if (words.some((w) => MEDIA.test(w))) return undefined; // a media report is not a statement
  let sp: Parsed | null = null;
  for (let b = a; b < k && !sp; b++) sp = parsePhrase(words.slice(b - a), text.slice(ws[b].start, ws[k - 1].start) + words[words.length - 1], ws[b].start, v, ctx);
  if (!sp) return undefined;
  const last = ws[ws.length - 1];
  if (isNonStatementSentence(ws, v) && !/한다$/.test(last.bare)) return undefined;
  let end = last.start + last.bare.length;
  const tail = text.slice(ws[k + 1].start, end);
  const m = /(?:다고|라고|이라고)\s+한다$|(?:는|은)\s+것이다$/u.exec(tail);
  if (m) end -= m[0].length - (m[0].startsWith('다') ? 1 : 0);
  return { sp, start: ws[k + 1].start, end };
}

const MEDIA = /^(연합뉴스|뉴스1|뉴시스|KBS|MBC|SBS|JTBC|YTN|CNN|AP|로이터|AFP|NHK|외신|보도|조선중앙통신|한겨레|조선일보|중앙일보|동아일보|경향신문)/iu;

/** Find every attributed statement in a Korean text. Offsets in `span` refer to `text`. */
export function extractKorean(text: string, pack: LanguagePack): Candidate[] {
  const v = vocab(pack);
  const spans = findQuoteSpans(text, pack);
  const sents = sentencesOf(text, spans);
  const ctx = new KoDiscourse();
  const out: Candidate[] = [];
  let lastSpeaker: { speaker: SpeakerMention; sentence: number; paragraph: number } | undefined;
  for (const s of sents) collectMentions(text, s, v, ctx);
  sents.forEach((s, si) => {
    const ws = s.words;
    // Quotatives with the reporting verb each belongs to.
    const items: Array<Quotative & { verb: number }> = [];
    for (let k = 0; k < ws.length; k++) {
      const q = quotativeOf(ws[k], v);
      if (!q) continue;
      let verb = -1;
      for (let j = k + 1; j < ws.length && (q.connective || j <= k + 7); j++) {
        const w = ws[j];
        if (w.kind === 'quote' || (!q.connective && quotativeOf(w, v) && !isReportingVerb(w, v))) break;
        if (isReportingVerb(w, v) || (j === k + 1 && v.r.bareSaid.includes(w.bare)) || (v.r.bareSaid.includes(w.bare) && speakerAt(text, ws, k + 1, j - 1, v, ctx))) {
          verb = j;
          break;
        }
        if (!q.connective && w.kind === 'word' && /[다요]$/.test(w.bare) && !isAdjunct(w, v)) break; // another predicate ends the clause
      }
      if (verb < 0 && q.connective && k > 0) {
        // "…"라며 자리를 떴다: still the sentence speaker's words, if the sentence has one.
        verb = ws.length - 1;
        if (isNonStatementSentence(ws, v)) verb = -1;
      }
      if (verb < 0) continue;
      items.push({ ...q, i: k, verb });
      // "…"고 강조했다고 통일부가 전했다: the verb is itself reported; the statement stays its speaker's.
      if (!q.connective) k = Math.max(k, quotativeOf(ws[verb], v) ? skipRelay(ws, verb, v) : verb - 1);
    }
    if (!items.length) {
      const acc = accordingTo(text, s, v, ctx);
      if (acc) {
        const conf = acc.sp.type === 'anon' || acc.sp.type === 'org' || acc.sp.type === 'name' ? 0.75 : 0.6;
        out.push({ quote: text.slice(acc.start, acc.end), kind: 'indirect', speaker: acc.sp.speaker, sentence: s.text, span: { start: acc.start, end: acc.end }, cue: '에 따르면', confidence: conf });
        ctx.add({ pos: acc.start, speaker: acc.sp.speaker, spoke: true });
        lastSpeaker = { speaker: acc.sp.speaker, sentence: si, paragraph: s.paragraph };
        return;
      }
    }
    // The sentence's topic speaker, before the first statement's content.
    const firstQ = items.length ? items[0].i : ws.length;
    const subj = subjectOf(text, ws, 0, firstQ, v, ctx);
    if (!items.length) {
      // No statement, but its topic may speak in the next sentence with the subject dropped.
      if (subj && subj.p.type !== 'anon') lastSpeaker = { speaker: subj.p.speaker, sentence: si, paragraph: s.paragraph };
      return;
    }
    let prevEnd = subj ? subj.b + 1 : 0;
    let sentSpeaker: Parsed | undefined = subj?.p;
    for (const [n, it] of items.entries()) {
      // Speaker between the quotative and its verb ("…"라고 정 장관은 말했다)?
      let sp: Parsed | undefined;
      for (let a = it.i + 1; a < it.verb && !sp; a++) {
        for (let b = it.verb - 1; b >= a && !sp; b--) sp = speakerAt(text, ws, a, b, v, ctx) ?? undefined;
      }
      // With the speaker after it, the statement runs from the start of the sentence.
      if (sp && n === 0) prevEnd = 0;
      let inherited = false;
      if (!sp) sp = sentSpeaker;
      if (!sp && lastSpeaker && (lastSpeaker.sentence >= si - 2 || lastSpeaker.paragraph === s.paragraph)) {
        sp = { speaker: { ...lastSpeaker.speaker }, resolved: true, type: 'pronoun' };
        inherited = true;
      }
      if (!sp) {
        prevEnd = it.verb + 1;
        continue;
      }
      // The statement.
      let cs = prevEnd;
      while (cs < it.i && isAdjunct(ws[cs], v)) cs++;
      // "기자들과 만나", "회의 뒤", "브리핑에서": audience, time and place adjuncts before the content.
      for (let k = it.i - 1; k >= cs; k--) {
        if (ws[k].kind === 'word' && /^(만나|만난|뒤|후|직후|에서|앞서)$|에서$|에게$|만나$/u.test(ws[k].bare) && k < it.i) {
          cs = k + 1;
          break;
        }
      }
      let kind: StatementKind;
      let start: number;
      let end: number;
      const w = ws[it.i];
      if (it.direct) {
        const prev = it.i - 1 >= cs ? ws[it.i - 1] : undefined;
        const partial = prev && prev.kind === 'word' && /(이|가|을|를|은|는|도|의|와|과|로|에)$/u.test(prev.bare) && !isAdjunct(prev, v);
        if (partial) {
          kind = 'partial';
          start = ws[cs].start;
          end = w.close! + 1;
        } else {
          kind = 'direct';
          start = w.inner!.start;
          end = w.inner!.end;
        }
      } else {
        const content = ws.slice(cs, it.i + 1);
        if (!content.length) {
          prevEnd = it.verb + 1;
          continue;
        }
        kind = content.some((c) => c.kind === 'quote') ? 'partial' : 'indirect';
        start = ws[cs].start;
        end = w.start + w.bare.length - it.strip;
        if (w.text.startsWith('(') || w.text.startsWith('"')) end += 1;
      }
      if (end <= start) {
        prevEnd = it.verb + 1;
        continue;
      }
      const speaker = sp.speaker;
      let conf = kind === 'direct' ? 0.9 : kind === 'partial' ? 0.85 : 0.8;
      if (sp.type === 'pronoun' || sp.type === 'role') conf *= sp.resolved ? 0.9 : 0.5;
      if (inherited) conf *= 0.75;
      out.push({
        quote: text.slice(start, end),
        kind,
        speaker,
        sentence: s.text,
        span: { start, end },
        cue: it.direct ? `${w.particle} … ${ws[it.verb].bare}` : ws[it.verb].bare,
        confidence: Math.round(conf * 100) / 100,
      });
      ctx.add({ pos: ws[it.i].start, speaker, spoke: true });
      lastSpeaker = { speaker, sentence: si, paragraph: s.paragraph };
      sentSpeaker = sp;
      prevEnd = it.connective ? it.i + 1 : it.verb + 1;
    }
  });
  return out;
}
