/**
 * Issue suggestion for an extracted statement (pure): which of the group's issues the statement
 * is about, by overlap of keywords and title words with the statement and its sentence.
 */
import type { Candidate, IssueRef, IssueSuggestion, LanguagePack } from './types.ts';
import { en } from './lang/en.ts';

/** Crude stem so "sanctions"/"sanction", "exemptions"/"exemption" meet; no dictionary needed. */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Lower-case word stems without stop words. */
export function contentTokens(s: string, pack: LanguagePack = en): string[] {
  const stop = new Set(pack.stopwords);
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? []
  )
    .filter((w) => !stop.has(w))
    .map(stem);
}

/**
 * Score issues for a candidate. A keyword (phrase) found in the quote counts 1, in the sentence
 * only 0.5; title words count half as much as keywords. The score is the matched weight over the
 * weight an issue could at most collect, capped by a saturation so one strong keyword suffices:
 * score = 1 - exp(-matched), in 0..1. Issues with no match are omitted; best first.
 */
export function suggestIssues(candidate: Pick<Candidate, 'quote' | 'sentence'>, issues: readonly IssueRef[], opts: { minScore?: number; pack?: LanguagePack } = {}): IssueSuggestion[] {
  const pack = opts.pack ?? en;
  const quote = contentTokens(candidate.quote, pack);
  const sentence = contentTokens(candidate.sentence, pack);
  const qs = ` ${quote.join(' ')} `;
  const ss = ` ${sentence.join(' ')} `;
  const out: IssueSuggestion[] = [];
  for (const issue of issues) {
    let weight = 0;
    const matched: string[] = [];
    for (const kw of issue.keywords) {
      const k = contentTokens(kw, pack).join(' ');
      if (!k) continue;
      if (qs.includes(` ${k} `)) {
        weight += 1;
        matched.push(kw);
      } else if (ss.includes(` ${k} `)) {
        weight += 0.5;
        matched.push(kw);
      }
    }
    const titleWords = [...new Set(contentTokens(issue.title, pack))];
    const qset = new Set(quote);
    const sset = new Set(sentence);
    // Title words already counted through a keyword are not counted twice.
    const covered = new Set(matched.flatMap((m) => contentTokens(m, pack)));
    for (const w of titleWords) {
      if (covered.has(w)) continue;
      if (qset.has(w)) {
        weight += 0.5;
        matched.push(w);
      } else if (sset.has(w)) {
        weight += 0.25;
        matched.push(w);
      }
    }
    if (weight <= 0) continue;
    const score = Math.round((1 - Math.exp(-weight)) * 1000) / 1000;
    if (score >= (opts.minScore ?? 0)) out.push({ issueId: issue.id, score, matched });
  }
  return out.sort((a, b) => b.score - a.score || a.issueId.localeCompare(b.issueId));
}
