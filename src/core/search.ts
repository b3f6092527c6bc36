/**
 * The words of a search and where they occur in a text: how a query is split, how text is
 * compared (case-insensitive), the snippet shown for a match and its marked ranges. Pure; the
 * server's search (queries/search.ts) and its tests use it.
 */

/** At most this many words count; the rest of a query is ignored. */
export const MAX_TERMS = 8;

/** The words of a query: split at white space, control characters dropped, duplicates (ignoring case) once, longest first. */
export function searchTerms(q: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of q.replace(/\p{Cc}/gu, ' ').split(/\s+/u)) {
    const t = raw.trim();
    if (!t || seen.has(fold(t))) continue;
    seen.add(fold(t));
    out.push(t);
    if (out.length === MAX_TERMS) break;
  }
  return out.sort((a, b) => [...b].length - [...a].length);
}

/** Characters (code points): a trigram index serves words of three or more. */
export const charCount = (s: string): number => [...s].length;

/**
 * Lower case, keeping every string index where it was: a character whose lower case is longer
 * or shorter (İ) is kept as it is, so ranges found in the folded text hold in the original.
 */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

export interface Range {
  start: number;
  end: number;
}

/** Every occurrence of every term in text (case-insensitive), sorted, overlaps merged. */
export function rangesOf(text: string, terms: readonly string[]): Range[] {
  const hay = fold(text);
  const found: Range[] = [];
  for (const t of terms) {
    const needle = fold(t);
    if (!needle) continue;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) found.push({ start: at, end: at + needle.length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** Whether every term occurs in text. */
export const hasAll = (text: string, terms: readonly string[]): boolean => {
  const hay = fold(text);
  return terms.every((t) => hay.includes(fold(t)));
};

/** The longest a snippet is (UTF-16 code units), and how much of the text before the first match it keeps. */
export const SNIPPET_LENGTH = 240;
const LEAD = 60;

/**
 * The snippet of a matched field: the whole field when short, else a window starting a little
 * before the first match (at a space where there is one near), with … where it was cut; the
 * terms' ranges within it.
 */
export function snippetOf(text: string, terms: readonly string[]): { text: string; ranges: Range[] } {
  const clean = text.replace(/\s+/gu, ' ').trim();
  if (clean.length <= SNIPPET_LENGTH) return { text: clean, ranges: rangesOf(clean, terms) };
  const first = rangesOf(clean, terms)[0]?.start ?? 0;
  let start = Math.max(0, first - LEAD);
  if (start > 0) {
    const space = clean.lastIndexOf(' ', start + 10);
    if (space > start - 20 && space < first) start = space + 1;
  }
  let end = Math.min(clean.length, start + SNIPPET_LENGTH);
  // Never cut a surrogate pair in two.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start])) start++;
  if (end < clean.length && /[\uD800-\uDBFF]/.test(clean[end - 1])) end--;
  const pre = start > 0 ? '…' : '';
  const post = end < clean.length ? '…' : '';
  const cut = `${pre}${clean.slice(start, end)}${post}`;
  return { text: cut, ranges: rangesOf(cut, terms) };
}
