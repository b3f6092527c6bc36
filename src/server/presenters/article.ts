import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { ArticleRow, Database, StatementCandidateRow } from '../db/tables.ts';
import { articleAbilities } from '../policies/article.ts';
import { nameMaps, visibleIssueTitles, type ArticleListRow, type CandidateView } from '../queries/articles.ts';
import { visibleIdsAmong } from '../queries/visible.ts';
import { visibleFeedNames } from '../queries/feeds.ts';
import { parseIssues, parseSpeaker } from '../commands/articles.ts';
import { presentAccess } from './access.ts';
import { STANCES, wordOf } from '../../core/vocabulary.ts';
import type { ArticleSchema, ArticleSummarySchema, CandidateSchema } from '../../core/api/articles.ts';

type Db = Kysely<Database>;
type ArticleHead = CandidateView['article'];

/** Lookups a batch of candidates needs: names of speakers and the issues the caller may see. */
export interface CandidateLookups {
  people: Map<string, string>;
  orgs: Map<string, string>;
  issues: Map<string, { title: string; wg_id: string }>;
  /** The statements made from these candidates that the caller may see (others are named as null). */
  statements: Set<string>;
  /** The names of the feeds the articles came from, those the caller may see. */
  feeds: Map<string, string>;
}

export async function candidateLookups(
  db: Db,
  actor: Actor,
  rows: StatementCandidateRow[],
  feedIds: Iterable<string | null | undefined> = (rows as Partial<CandidateView>[]).map((r) => r.article?.feed_id),
): Promise<CandidateLookups> {
  const speakers = rows.map(parseSpeaker);
  const { people, orgs } = await nameMaps(
    db,
    [...rows.map((r) => r.speaker_person_id), ...speakers.map((s) => s.resolution.personId ?? null)],
    [...rows.map((r) => r.speaker_org_id), ...speakers.map((s) => s.resolution.organisationId ?? null)],
  );
  const issues = await visibleIssueTitles(
    db,
    actor,
    rows.flatMap((r) => parseIssues(r).map((i) => i.issueId)),
  );
  const statements = await visibleIdsAmong(
    db,
    actor,
    'statements',
    rows.map((r) => r.statement_id),
  );
  const feeds = await visibleFeedNames(db, actor, feedIds);
  return { people, orgs, issues, statements, feeds };
}

export function presentCandidate(actor: Actor, c: StatementCandidateRow, article: ArticleHead, l: CandidateLookups): Static<typeof CandidateSchema> {
  const s = parseSpeaker(c);
  const r = s.resolution;
  const w = s.asWritten;
  const p = r.proposal;
  return {
    id: c.id,
    version: Number(c.version),
    articleId: c.article_id,
    position: Number(c.position),
    status: c.status,
    kind: c.kind,
    quote: c.quote,
    sentence: c.sentence,
    passage: { start: Number(c.span_start), end: Number(c.span_end) },
    cue: c.cue,
    confidence: c.confidence === null ? null : Number(c.confidence),
    speakerAsWritten: {
      text: w.text,
      name: w.name ?? null,
      role: w.role ?? null,
      organisation: w.organisation ?? null,
      anonymous: w.anonymous,
      description: w.description ?? null,
      isOrganisation: w.isOrganisation,
    },
    resolution: {
      match: r.match,
      personId: r.personId ?? null,
      organisationId: r.organisationId ?? null,
      partyId: r.partyId ?? null,
      role: r.role ?? null,
      office: r.office ?? null,
      anonymous: r.anonymous,
      description: r.description ?? null,
      proposal: p
        ? {
            kind: p.kind,
            name: p.name,
            aliases: p.aliases,
            roles: p.kind === 'person' ? p.roles.map((x) => ({ title: x.title, organisationId: x.organisationId ?? null, organisationName: x.organisationName ?? null, from: x.from ?? null })) : [],
            partyId: p.kind === 'organisation' ? (p.partyId ?? null) : null,
          }
        : null,
    },
    speakerPersonId: c.speaker_person_id,
    speakerPersonName: c.speaker_person_id ? (l.people.get(c.speaker_person_id) ?? null) : null,
    speakerOrgId: c.speaker_org_id,
    speakerOrgName: c.speaker_org_id ? (l.orgs.get(c.speaker_org_id) ?? null) : null,
    speakerDescription: s.description,
    partyId: c.party_id,
    // Issues the caller may not see are left out, suggestion or not.
    issues: parseIssues(c)
      .filter((i) => l.issues.has(i.issueId))
      .map((i) => ({
        issueId: i.issueId,
        title: l.issues.get(i.issueId)!.title,
        score: i.score,
        matched: i.matched,
        selected: i.selected,
        stance: wordOf(STANCES, i.stance),
      })),
    statementId: c.statement_id !== null && l.statements.has(c.statement_id) ? c.statement_id : null,
    reviewedBy: c.reviewed_by,
    reviewedAt: c.reviewed_at,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    article: {
      id: article.id,
      wgId: article.wg_id,
      title: article.title,
      sourceUrl: article.source_url,
      publishedOn: article.published_on,
      feedId: article.feed_id && l.feeds.has(article.feed_id) ? article.feed_id : null,
      feedName: article.feed_id ? (l.feeds.get(article.feed_id) ?? null) : null,
    },
    abilities: articleAbilities(actor, article),
  };
}

const head = (a: Omit<ArticleRow, 'text'>) => ({
  id: a.id,
  version: Number(a.version),
  wgId: a.wg_id,
  title: a.title,
  sourceUrl: a.source_url,
  publishedOn: a.published_on,
  language: a.language,
  format: a.format,
  createdBy: a.created_by,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  access: presentAccess(a),
});

export function presentArticleSummary(actor: Actor, a: ArticleListRow): Static<typeof ArticleSummarySchema> {
  return {
    ...head(a),
    abilities: articleAbilities(actor, a),
    textLength: a.text_length,
    candidates: { pending: a.pending, confirmed: a.confirmed, rejected: a.rejected },
  };
}

export async function presentArticle(db: Db, actor: Actor, a: ArticleRow, candidates: StatementCandidateRow[]): Promise<Static<typeof ArticleSchema>> {
  const l = await candidateLookups(db, actor, candidates, [a.feed_id]);
  const articleHead: ArticleHead = {
    id: a.id,
    wg_id: a.wg_id,
    title: a.title,
    source_url: a.source_url,
    published_on: a.published_on,
    owner_org_id: a.owner_org_id,
    owner_party_id: a.owner_party_id,
    scope: a.scope,
    classification: Number(a.classification),
    feed_id: a.feed_id ?? null,
    language: a.language,
  };
  return {
    ...head(a),
    abilities: articleAbilities(actor, a),
    text: a.text,
    candidates: candidates.map((c) => presentCandidate(actor, c, articleHead, l)),
  };
}
