/**
 * From articles to statements: ingest an article (extract candidates, resolve speakers, suggest
 * issues), and the review queue (edit, confirm, reject). Nothing extracted is a statement until a
 * person confirms it; confirming writes the statement, its issue links and the candidate's new
 * state in one transaction, with one audit event for each.
 */
import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { ArticleRow, Database, StatementCandidateRow, StatementRow } from '../db/tables.ts';
import { AppError, badRequest, forbidden } from '../errors.ts';
import { articleAbilities, canCreateArticle } from '../policies/article.ts';
import { canCreateStatement } from '../policies/statement.ts';
import { getVisible } from '../queries/visible.ts';
import { getCandidate, groupIssueRefs, speakerDirectory, type CandidateView } from '../queries/articles.ts';
import { guardOf, newGuard } from './guard.ts';
import { checkDate, checkHttpUrl } from './values.ts';
import { checkIssueLinks, checkSpeaker, insertStatement } from './statements.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type Tx } from './run.ts';
import type { AuditEntry } from '../audit/chain.ts';
import {
  detectFormat,
  detectLanguage,
  englishPack,
  extractStatements,
  normaliseName,
  prepareInput,
  resolveSpeaker,
  suggestIssues,
  type Candidate,
  type InputFormat,
  type IssueRef,
  type SpeakerDirectory,
  type SpeakerMention,
  type SpeakerResolution,
} from '../../core/extract/index.ts';
import type { ArticleCreateBody, CandidateConfirmBody, CandidateRejectBody, CandidateUpdateBody } from '../../core/api/articles.ts';
import type { StatementIssueInput } from '../../core/api/statements.ts';

type IssueLink = Static<typeof StatementIssueInput>;

/** Suggestions below this score are not kept: one title word seen only in the sentence. */
export const MIN_ISSUE_SCORE = 0.2;

/** What a candidate's `speaker` column holds. */
export interface StoredSpeaker {
  asWritten: SpeakerMention;
  resolution: SpeakerResolution;
  /** For an anonymous (or collective) speaker: how the text describes them; editable. */
  description: string | null;
}

/** One entry of a candidate's `suggested_issues` column. */
export interface StoredIssue {
  issueId: string;
  /** Suggestion score; null when a reviewer added the issue. */
  score: number | null;
  matched: string[];
  /** Chosen by a reviewer; confirming links the statement to the selected issues. */
  selected: boolean;
  stance: string | null;
}

export function parseSpeaker(c: Pick<StatementCandidateRow, 'speaker'>): StoredSpeaker {
  const s = JSON.parse(c.speaker) as Partial<StoredSpeaker>;
  return {
    asWritten: s.asWritten ?? { text: '', anonymous: false, isOrganisation: false },
    resolution: s.resolution ?? { match: 'none', anonymous: false },
    description: s.description ?? null,
  };
}

export function parseIssues(c: Pick<StatementCandidateRow, 'suggested_issues'>): StoredIssue[] {
  try {
    const v = JSON.parse(c.suggested_issues) as StoredIssue[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/** ISO-style party codes of the language pack's country keys (the pack says ROK where a store may say KR). */
const PACK_PARTY_CODES: Record<string, string[]> = { ROK: ['KR', 'KOR'], DPRK: ['KP', 'PRK'], US: ['USA'], JP: ['JPN'], CN: ['CHN'], UN: [] };

/**
 * Maps the language pack's country keys ("US", "ROK") to the store's party ids: a party matches
 * a key by id, by code (also the ISO codes above) or by a name the pack lists for the country.
 */
export async function partyKeyMap(db: Kysely<Database>): Promise<Map<string, string>> {
  const parties = await db.selectFrom('parties').select(['id', 'code', 'name']).orderBy('id').execute();
  const map = new Map<string, string>();
  for (const [key, names] of Object.entries(englishPack.countries)) {
    const codes = new Set([key, ...(PACK_PARTY_CODES[key] ?? [])].map((x) => x.toUpperCase()));
    const nameSet = new Set(names.map((n) => normaliseName(n)));
    const hit = parties.find((p) => p.id === key) ?? parties.find((p) => codes.has(p.code.toUpperCase())) ?? parties.find((p) => nameSet.has(normaliseName(p.name)));
    if (hit) map.set(key, hit.id);
  }
  for (const p of parties) map.set(p.id, p.id);
  return map;
}

/** The country a speaker phrase names ("a senior ROK government official" → ROK): the longest name found. */
function countryIn(phrase: string): string | undefined {
  const text = ` ${normaliseName(phrase)} `;
  let best: { key: string; len: number } | undefined;
  for (const [key, names] of Object.entries(englishPack.countries)) {
    for (const n of names) {
      const k = normaliseName(n);
      if (k && text.includes(` ${k} `) && (!best || k.length > best.len)) best = { key, len: k.length };
    }
  }
  return best?.key;
}

/** The candidate row for one extracted statement: speaker resolved, issues suggested. */
export function candidateRow(
  articleId: string,
  position: number,
  c: Candidate,
  directory: SpeakerDirectory,
  issues: readonly IssueRef[],
  publishedOn: string | undefined,
  at: string,
  parties: ReadonlyMap<string, string> = new Map(),
): StatementCandidateRow {
  const resolution = resolveSpeaker(c.speaker, directory, publishedOn);
  // The party: the resolved one (a pack country key or a store id), else — for an anonymous or
  // collective speaker — the country the speaker phrase names. Unknown keys are dropped.
  let partyKey = resolution.partyId;
  if (!partyKey && (c.speaker.anonymous || c.speaker.isOrganisation)) partyKey = countryIn(c.speaker.text);
  const partyId = partyKey ? (parties.get(partyKey) ?? null) : null;
  if (resolution.partyId && resolution.partyId !== partyId) resolution.partyId = partyId ?? undefined;
  const suggestions = issues.length ? suggestIssues(c, issues, { minScore: MIN_ISSUE_SCORE }) : [];
  const stored: StoredSpeaker = {
    asWritten: c.speaker,
    resolution,
    // Anonymous speakers keep their description; so does a government speaking as a whole ("the US"),
    // which resolves to a party but to no organisation record.
    description: c.speaker.anonymous
      ? (resolution.description ?? c.speaker.description ?? c.speaker.text)
      : c.speaker.isOrganisation && !resolution.organisationId
        ? (c.speaker.name ?? c.speaker.text)
        : null,
  };
  const suggested: StoredIssue[] = suggestions.map((s) => ({ issueId: s.issueId, score: s.score, matched: s.matched, selected: false, stance: null }));
  return {
    id: newId(),
    article_id: articleId,
    position,
    status: 'pending',
    kind: c.kind,
    quote: c.quote,
    sentence: c.sentence,
    span_start: c.span.start,
    span_end: c.span.end,
    cue: c.cue || null,
    confidence: String(c.confidence),
    speaker: JSON.stringify(stored),
    // An anonymous speaker stays anonymous: only their organisation is kept.
    speaker_person_id: resolution.anonymous ? null : (resolution.personId ?? null),
    speaker_org_id: resolution.organisationId ?? null,
    party_id: partyId,
    suggested_issues: JSON.stringify(suggested),
    statement_id: null,
    reviewed_by: null,
    reviewed_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

/** One input of an ingest: the text and what the caller says about it. */
interface ArticleInput {
  text: string;
  format?: string;
  sourceUrl?: string | null;
  publishedOn?: string | null;
  title?: string | null;
}

/**
 * Ingests pasted or uploaded text — one input (`text`) or several (`articles`): plain text and
 * HTML make one article each, an RSS or Atom feed one per item. Each article is stored with its
 * plain text and the candidate statements found in it, speakers resolved against the people and
 * organisations on the article's date, and issues suggested from the group's issues the actor
 * may see. Every article needs a date (the feed item's, else the input's `publishedOn`, else the
 * request's). By default an article is visible to the group (or, outside a group, to the actor's
 * organisation). All or nothing: one transaction. Returns the new article ids in input order.
 */
export async function ingestArticle(ctx: ActingContext, body: Static<typeof ArticleCreateBody>): Promise<string[]> {
  const prepared = await prepareArticles(ctx, body);
  await runCommand(ctx, async (tx, audit) => writeArticles(tx, audit, prepared));
  return prepared.articles.map((a) => a.id);
}

/** Articles ready to be written: each row with its candidate statements. */
export interface PreparedArticles {
  articles: ArticleRow[];
  candidates: StatementCandidateRow[][];
}

/**
 * The reading half of an ingest (see `ingestArticle`): checks the caller and the input, reads
 * each input into articles, extracts their candidates, resolves speakers and suggests issues.
 * Writes nothing. `from` is for a feed's items: the feed the articles come from and the language
 * its follower set (`auto`: the extractor decides by the text's script), and the lookups read
 * once for all of them.
 */
/** What resolving speakers and suggesting issues reads: the directory, the group's issues the actor may see, the parties. */
export interface ArticleLookups {
  directory: SpeakerDirectory;
  issues: IssueRef[];
  parties: Map<string, string>;
}

/** Reads the lookups once (a feed's items share them: same follower, same group). */
export async function articleLookups(db: Kysely<Database>, actor: Actor, wgId: string | null): Promise<ArticleLookups> {
  const [directory, issues, parties] = await Promise.all([speakerDirectory(db), wgId ? groupIssueRefs(db, actor, wgId) : Promise.resolve([]), partyKeyMap(db)]);
  return { directory, issues, parties };
}

export async function prepareArticles(
  ctx: ActingContext,
  body: Static<typeof ArticleCreateBody>,
  from?: { feedId: string; language: 'auto' | 'en' | 'ko' },
  lookups?: ArticleLookups,
): Promise<PreparedArticles> {
  const { actor } = ctx;
  const db = ctx.store.db;
  let wgId: string | null = null;
  if (body.wgId) {
    const wg = await getVisible(db, actor, 'working_groups', body.wgId, 'Working group').catch(() => {
      throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
    });
    wgId = wg.id;
  }
  if (!canCreateArticle(actor, wgId)) throw forbidden('Only members, the secretariat and the chair of the working group may add articles to it', 'not_permitted');
  if ((body.text === undefined) === (body.articles === undefined)) throw badRequest('body.text', 'send either text (one input) or articles (several)', 'required_here');
  const inputs: Array<{ input: ArticleInput; field: string }> = body.articles
    ? body.articles.map((a, i) => ({ input: a, field: `body.articles.${i}` }))
    : [{ input: { text: body.text!, format: body.format, sourceUrl: body.sourceUrl, publishedOn: body.publishedOn, title: body.title }, field: 'body' }];
  if (body.sourceUrl) checkHttpUrl(body.sourceUrl, 'body.sourceUrl');
  if (body.publishedOn) checkDate(body.publishedOn, 'body.publishedOn');
  const guard = newGuard(actor, wgId, body, wgId ? 'group' : 'organisation');
  const { directory, issues, parties } = lookups ?? (await articleLookups(db, actor, wgId));
  const at = now();
  const articles: ArticleRow[] = [];
  const candidates: StatementCandidateRow[][] = [];
  for (const { input, field } of inputs) {
    if (input.sourceUrl) checkHttpUrl(input.sourceUrl, `${field}.sourceUrl`);
    if (input.publishedOn) checkDate(input.publishedOn, `${field}.publishedOn`);
    const format = input.format && input.format !== 'auto' ? (input.format as InputFormat) : detectFormat(input.text);
    const docs = prepareInput(input.text, format).filter((d) => d.text.trim());
    if (!docs.length) throw badRequest(`${field}.text`, 'holds no article text (an empty feed or an empty page)', 'empty_text');
    for (const [i, d] of docs.entries()) {
      const publishedOn = d.publishedOn ?? input.publishedOn ?? body.publishedOn ?? null;
      if (!publishedOn) throw badRequest(`${field}.publishedOn`, docs.length > 1 ? `feed item ${i + 1} has no date; send publishedOn` : 'the article needs its date', 'required_here');
      const fallbackUrl = input.sourceUrl ?? body.sourceUrl ?? null;
      let url = d.url ?? fallbackUrl;
      if (url && url !== fallbackUrl) {
        try {
          checkHttpUrl(url, `${field}.sourceUrl`);
        } catch {
          url = fallbackUrl; // a feed item's link that is not http(s) is not kept
        }
      }
      // A pasted article is read as English (the language the API takes); a feed's item in the
      // language its follower set, else in the one its script shows.
      const language = from ? (from.language === 'auto' ? detectLanguage(d.text) : from.language) : 'en';
      const row: ArticleRow = {
        id: newId(),
        wg_id: wgId,
        title: d.title ?? input.title ?? null,
        source_url: url,
        published_on: publishedOn,
        language: from ? language : (body.language ?? 'en'),
        format,
        text: d.text,
        created_by: actor.userId,
        ...guard,
        version: 1,
        created_at: at,
        updated_at: at,
        ...(from ? { feed_id: from.feedId } : {}),
      };
      articles.push(row);
      const found = extractStatements(d.text, { language, publishedOn, sourceUrl: url ?? undefined });
      candidates.push(found.map((c, k) => candidateRow(row.id, k, c, directory, issues, publishedOn, at, parties)));
    }
  }
  return { articles, candidates };
}

/** The writing half of an ingest, inside the caller's transaction: each article, its candidates and its `article.create` event. */
export async function writeArticles(tx: Tx, audit: (e: AuditEntry) => void, { articles, candidates }: PreparedArticles): Promise<void> {
  for (const [i, a] of articles.entries()) {
    await tx.insertInto('articles').values(a).execute();
    for (let k = 0; k < candidates[i].length; k += 100)
      await tx
        .insertInto('statement_candidates')
        .values(candidates[i].slice(k, k + 100))
        .execute();
    const { text, ...rest } = a;
    audit({
      action: 'article.create',
      entityType: 'article',
      entityId: a.id,
      after: { ...rest, textLength: text.length, candidates: candidates[i].length },
      guard: guardOf(a),
    });
  }
}

/** Loads a candidate for a review step: visible (404), reviewable (403), still pending (409). */
async function loadForReview(db: Kysely<Database>, actor: Actor, id: string): Promise<CandidateView> {
  const c = await getCandidate(db, actor, id);
  if (!articleAbilities(actor, c.article).review) throw forbidden('You may not review the statements of this article', 'not_permitted');
  if (c.status !== 'pending') {
    throw new AppError('conflict', `This candidate was already ${c.status}${c.statement_id ? ` (statement ${c.statement_id})` : ''}`, {
      reason: 'already_decided',
      details: { status: c.status, statementId: c.statement_id },
    });
  }
  return c;
}

/** Where the corrected quote sits in the article: the occurrence nearest the old span, if any. */
function relocate(text: string, quote: string, old: { start: number; end: number }): { start: number; end: number } {
  const hits: number[] = [];
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) hits.push(i);
  if (!hits.length) return old;
  const best = hits.reduce((a, b) => (Math.abs(b - old.start) < Math.abs(a - old.start) ? b : a));
  return { start: best, end: best + quote.length };
}

/** The issue selection after a reviewer names issues: suggestions kept, the named ones selected with their stances. */
function selectIssues(current: StoredIssue[], links: IssueLink[]): StoredIssue[] {
  const chosen = new Map(links.map((l) => [l.issueId, l.stance ?? null]));
  const out = current.map((s) => ({ ...s, selected: chosen.has(s.issueId), stance: chosen.has(s.issueId) ? chosen.get(s.issueId)! : null }));
  for (const l of links) if (!out.some((s) => s.issueId === l.issueId)) out.push({ issueId: l.issueId, score: null, matched: [], selected: true, stance: l.stance ?? null });
  return out;
}

/** Edits a pending candidate before it is confirmed (If-Match: the candidate's version). */
export async function updateCandidate(ctx: ActingContext, id: string, version: number, body: Static<typeof CandidateUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const c = await loadForReview(db, actor, id);
  await checkSpeaker(db, body);
  if (body.issues) await checkIssueLinks(db, actor, c.article.wg_id, body.issues);
  const patch: Partial<StatementCandidateRow> = {};
  const before: Record<string, unknown> = {};
  if (body.quote !== undefined && body.quote !== c.quote) {
    const article = await db.selectFrom('articles').select('text').where('id', '=', c.article_id).executeTakeFirstOrThrow();
    const span = relocate(article.text, body.quote, { start: Number(c.span_start), end: Number(c.span_end) });
    Object.assign(patch, { quote: body.quote, span_start: span.start, span_end: span.end });
    Object.assign(before, { quote: c.quote, span_start: Number(c.span_start), span_end: Number(c.span_end) });
  }
  if (body.kind !== undefined) {
    patch.kind = body.kind;
    before.kind = c.kind;
  }
  for (const [k, col] of [
    ['speakerPersonId', 'speaker_person_id'],
    ['speakerOrgId', 'speaker_org_id'],
    ['partyId', 'party_id'],
  ] as const) {
    if (body[k] !== undefined) {
      patch[col] = body[k] ?? null;
      before[col] = c[col];
    }
  }
  if (body.speakerDescription !== undefined) {
    const s = parseSpeaker(c);
    patch.speaker = JSON.stringify({ ...s, description: body.speakerDescription ?? null });
    before.speakerDescription = s.description;
  }
  if (body.issues) {
    const cur = parseIssues(c);
    patch.suggested_issues = JSON.stringify(selectIssues(cur, body.issues));
    before.issues = cur.filter((s) => s.selected).map((s) => ({ issueId: s.issueId, stance: s.stance }));
  }
  if (Object.keys(patch).length === 0) throw badRequest('body', 'changes nothing', 'changes_nothing');
  const after: Record<string, unknown> = { ...patch };
  if (patch.speaker) {
    delete after.speaker;
    after.speakerDescription = body.speakerDescription ?? null;
  }
  if (patch.suggested_issues) {
    delete after.suggested_issues;
    after.issues = body.issues;
  }
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'statement_candidates', id, version, patch);
    audit({ action: 'candidate.update', entityType: 'statement_candidate', entityId: id, before, after: { articleId: c.article_id, ...after }, guard: guardOf(c.article) });
  });
}

const kindContext: Record<string, string> = {
  direct: 'Direct quotation',
  partial: "Partial quotation: the quoted fragments are verbatim, the rest is the reporter's wording",
  indirect: "Reported speech: the reporter's paraphrase, not the speaker's own words",
};

/**
 * Confirms a pending candidate: creates the statement it proposes — linked to the article and
 * the exact passage (article_id, passage_start, passage_end; `passage` holds the sentence) —
 * and marks the candidate confirmed, in one transaction with a `statement.create` and a
 * `candidate.confirm` event. The statement follows the rules of recording one directly: a
 * speaker is named (person, organisation, or a description for an anonymous one), the linked
 * issues are visible and of the article's group, and it is public unless asked otherwise.
 * (The checks mirror commands/statements.ts `createStatement`, which opens its own transaction.)
 */
export async function confirmCandidate(ctx: ActingContext, id: string, version: number, body: Static<typeof CandidateConfirmBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const c = await loadForReview(db, actor, id);
  const wgId = c.article.wg_id;
  if (!canCreateStatement(actor, wgId)) throw forbidden('Only members, the secretariat and the chair of the working group may record statements under it', 'not_permitted');
  const speaker = parseSpeaker(c);
  const description = c.speaker_person_id ? null : speaker.description;
  if (!c.speaker_person_id && !c.speaker_org_id && !description?.trim()) {
    throw badRequest(
      'body.speakerPersonId',
      'the candidate names no known speaker: set speakerPersonId, speakerOrgId or speakerDescription on it first (an unknown speaker is proposed as a new person or organisation record)',
      'unknown_speaker',
    );
  }
  const { person, org } = await checkSpeaker(db, { speakerPersonId: c.speaker_person_id, speakerOrgId: c.speaker_org_id, partyId: c.party_id }, 'candidate');
  const saidOn = body.saidOn ?? c.article.published_on;
  if (!saidOn) throw badRequest('body.saidOn', 'the article has no date; send saidOn', 'required_here');
  checkDate(saidOn, 'body.saidOn');
  const links: IssueLink[] =
    body.issues ??
    parseIssues(c)
      .filter((s) => s.selected)
      .map((s) => ({ issueId: s.issueId, stance: (s.stance ?? null) as IssueLink['stance'] }));
  await checkIssueLinks(db, actor, wgId, links);
  const guard = newGuard(actor, wgId, body, 'public');
  const t = now();
  const row: StatementRow = {
    id: newId(),
    wg_id: wgId,
    party_id: c.party_id ?? org?.party_id ?? person?.party_id ?? null,
    speaker_person_id: c.speaker_person_id,
    speaker_org_id: c.speaker_org_id,
    speaker_description: description,
    said_on: saidOn,
    medium: body.medium ?? 'other',
    // The statement is in its article's language (a Korean feed's item, say), not the API's default.
    language: c.article.language || 'en',
    quote: c.quote,
    context: body.context ?? kindContext[c.kind] ?? null,
    source_url: c.article.source_url,
    source_title: c.article.title,
    passage: c.sentence,
    article_id: c.article_id,
    passage_start: Number(c.span_start),
    passage_end: Number(c.span_end),
    recorded_org_id: actor.orgId,
    recorded_by: actor.userId,
    recorded_via: 'article',
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await insertStatement(tx, audit, row, links);
    await markReviewed(tx, id, version, { status: 'confirmed', statement_id: row.id, reviewed_by: actor.userId, reviewed_at: t });
    audit({
      action: 'candidate.confirm',
      entityType: 'statement_candidate',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'confirmed', articleId: c.article_id, statementId: row.id },
      guard: guardOf(c.article),
    });
  });
  return row.id;
}

async function markReviewed(tx: Tx, id: string, version: number, patch: Partial<StatementCandidateRow>) {
  await updateVersioned(tx, 'statement_candidates', id, version, patch);
}

/** Rejects a pending candidate (If-Match): it stays in the record, marked rejected, and never becomes a statement. */
export async function rejectCandidate(ctx: ActingContext, id: string, version: number, body: Static<typeof CandidateRejectBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const c = await loadForReview(db, actor, id);
  const t = now();
  await runCommand(ctx, async (tx, audit) => {
    await markReviewed(tx, id, version, { status: 'rejected', reviewed_by: actor.userId, reviewed_at: t });
    audit({
      action: 'candidate.reject',
      entityType: 'statement_candidate',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'rejected', articleId: c.article_id, reason: body.reason ?? null },
      guard: guardOf(c.article),
    });
  });
}
