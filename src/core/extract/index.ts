/**
 * Statement extraction: public API. Pure functions only (no DB, no network); the single
 * file-reading helper is `evaluateDirectory` in ./eval-files.ts, imported separately so this
 * module stays I/O free.
 */
export type * from './types.ts';
export { extractStatements, LANGUAGE_PACKS, packFor } from './extract.ts';
export { en as englishPack } from './lang/en.ts';
export { ko as koreanPack } from './lang/ko.ts';
export { detectLanguage, hangulShare } from './korean.ts';
export { htmlToText, decodeEntities, normaliseWhitespace } from './text.ts';
export { parseFeed, parseRss, parseAtom, prepareInput, detectFormat, toIsoDate, type FeedItem, type InputDocument, type InputFormat } from './feed.ts';
export { splitSentences, findQuoteSpans, type Sentence, type QuoteSpan } from './sentences.ts';
export { resolveSpeaker, glossRole, romanisationKey, romanisationKeys, organisationKeys, normaliseName, dateWithin } from './resolve.ts';
export { suggestIssues } from './issues.ts';
export { evaluate, formatReport, quoteMatch, type EvalCase, type EvalReport, type GoldStatement, type FieldScore } from './evaluate.ts';

import type { Candidate, ExtractOptions } from './types.ts';
import { extractStatements } from './extract.ts';
import { prepareInput, type InputDocument, type InputFormat } from './feed.ts';

/**
 * Extract from raw input of any supported format (plain text, HTML, RSS, Atom). Each document's
 * candidates have spans into that document's prepared `text`.
 */
export function extractFromInput(raw: string, opts: ExtractOptions & { format?: InputFormat | 'auto' } = {}): Array<{ document: InputDocument; candidates: Candidate[] }> {
  return prepareInput(raw, opts.format ?? 'auto').map((document) => ({
    document,
    candidates: extractStatements(document.text, { language: opts.language, publishedOn: document.publishedOn ?? opts.publishedOn, sourceUrl: document.url ?? opts.sourceUrl }),
  }));
}
