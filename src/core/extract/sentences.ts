/**
 * Quote pairing and sentence splitting with offsets. Both are quote-aware: a quotation that runs
 * over several sentences stays inside one sentence, so "A. B," he said. is analysed as a whole.
 */
import type { LanguagePack } from './types.ts';
import { en } from './lang/en.ts';

/** A paired quotation: offsets of the opening and closing marks in the text. */
export interface QuoteSpan {
  open: number;
  close: number;
}

/** A sentence with offsets into the text it was split from. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/**
 * Pair quotation marks line by line (news quotes do not cross paragraph breaks in our inputs).
 * Curly pairs nest by depth; straight marks toggle. Unpaired marks are ignored, so a stray inch
 * sign or apostrophe-like mark does not swallow the rest of the paragraph.
 */
export function findQuoteSpans(text: string, pack: LanguagePack = en): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const opens = new Map<string, string>();
  const closes = new Map<string, string>();
  for (const [o, c] of pack.quotePairs) {
    if (!opens.has(o)) opens.set(o, c);
    if (o !== c && !closes.has(c)) closes.set(c, o);
  }
  let stack: Array<{ mark: string; pos: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      stack = [];
      continue;
    }
    // Close the innermost open quotation this mark closes; unclosed inner marks are dropped.
    let match = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (opens.get(stack[k].mark) === ch) {
        match = k;
        break;
      }
    }
    if (match >= 0 && !(opens.get(ch) === ch && match < stack.length - 1 && /[\p{L}\p{N}(]/u.test(text[i + 1] ?? ''))) {
      const opened = stack[match];
      stack.length = match;
      // Only outermost quotations are reported; inner ones are part of the quoted text.
      if (stack.length === 0) spans.push({ open: opened.pos, close: i });
      continue;
    }
    if (opens.has(ch)) {
      // A straight mark closes only its own kind; as an opener it must precede a letter/digit/bracket.
      const next = text[i + 1] ?? '';
      if (opens.get(ch) === ch && !/[\p{L}\p{N}([…'‘.]/u.test(next)) continue;
      stack.push({ mark: ch, pos: i });
    }
    // A closing curly mark without an opener is tolerated by ignoring it.
  }
  return spans.sort((a, b) => a.open - b.open);
}

/** True if `pos` lies inside (or on the marks of) one of the spans. */
export function inQuote(spans: readonly QuoteSpan[], pos: number): boolean {
  for (const s of spans) {
    if (pos >= s.open && pos <= s.close) return true;
    if (s.open > pos) break;
  }
  return false;
}

const CLOSERS = new Set([')', ']', '’', "'"]);

/**
 * Split text into sentences with offsets. Paragraph breaks (newlines) always end a sentence.
 * A period ends a sentence unless it belongs to a known abbreviation (Dec., Mr., No.), an initial
 * (J.) or an ambiguous abbreviation (U.S., a.i.) not followed by a typical sentence starter.
 * Terminal punctuation inside a quotation never splits it; a quotation ending in [.?!] followed by
 * a capitalised word does.
 */
export function splitSentences(text: string, pack: LanguagePack = en, spans: readonly QuoteSpan[] = findQuoteSpans(text, pack)): Sentence[] {
  const out: Sentence[] = [];
  const abbr = new Set(pack.abbreviations);
  const ambiguous = new Set(pack.ambiguousAbbreviations);
  const starters = new Set(pack.sentenceStarters);
  const closeAt = new Set(spans.map((s) => s.close));
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      push(i);
      continue;
    }
    let boundaryEnd = -1;
    if (closeAt.has(i) && /[.?!…]/.test(text[i - 1] ?? '')) {
      // `"… agreement …" Kim said.` — a short attribution after the quote belongs to its sentence.
      if (attributionFollows(text, i + 1, pack)) continue;
      boundaryEnd = i + 1;
    } else if (/[.?!…]/.test(ch) && !inQuote(spans, i)) {
      if (ch === '.' && !periodEnds(text, i, abbr, ambiguous, starters)) continue;
      let j = i + 1;
      while (j < text.length && /[.?!…]/.test(text[j])) j++;
      while (j < text.length && CLOSERS.has(text[j])) j++;
      boundaryEnd = j;
    }
    if (boundaryEnd < 0) continue;
    // The next sentence must start with something sentence-like.
    let k = boundaryEnd;
    while (k < text.length && text[k] === ' ') k++;
    if (k >= text.length || text[k] === '\n') {
      push(boundaryEnd);
      i = boundaryEnd - 1;
      continue;
    }
    if (k === boundaryEnd) continue; // no space: "3.5", "U.S.-led"
    const nx = text[k];
    if (/[\p{Lu}\p{N}“"«([‘]/u.test(nx)) {
      push(boundaryEnd);
      i = boundaryEnd - 1;
    }
  }
  push(text.length);
  return out;
}

function periodEnds(text: string, i: number, abbr: Set<string>, ambiguous: Set<string>, starters: Set<string>): boolean {
  let b = i;
  while (b > 0 && !/[\s(“"'‘]/.test(text[b - 1])) b--;
  const word = text.slice(b, i + 1).toLowerCase();
  if (abbr.has(word)) return false;
  // Single initials ("J. Smith") and ellipsis-less decimals are not sentence ends.
  if (/^\p{L}\.$/u.test(word) && /\p{Lu}/u.test(text[i - 1])) return false;
  if (ambiguous.has(word) || /^(\p{L}\.){2,}$/u.test(word)) {
    const m = /^\s+([\p{L}'’]+)/u.exec(text.slice(i + 1));
    return !!m && starters.has(m[1].toLowerCase());
  }
  return true;
}

/** True if a short clause with a reporting verb follows (up to the next sentence end). */
function attributionFollows(text: string, from: number, pack: LanguagePack): boolean {
  const m = /^[^.?!\n“"]{1,80}?[.?!]/u.exec(text.slice(from));
  if (!m) return false;
  const words = m[0].toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];
  if (words.length > 10) return false;
  const joined = ` ${words.join(' ')} `;
  return pack.reportingVerbs.some((v) => joined.includes(` ${v} `)) || pack.quotedAs.some((v) => joined.includes(` ${v} `));
}
