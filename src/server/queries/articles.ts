import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { ArticleRow, Database, StatementCandidateRow } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { visibleTo } from '../policies/visibility.ts';
import type { IssueRef, SpeakerDirectory } from '../../core/extract/index.ts';
import type { Scope } from '../../core/vocabulary.ts';

type Db = Kysely<Database>;

/** An article in a list: everything but its text, with how many candidates are in each state. */
export interface ArticleListRow extends Omit<ArticleRow, 'text'> {
  text_length: number;
  pending: number;
  confirmed: number;
  rejected: number;
}

export interface ArticleFilter {
  wgId?: string;
  limit?: number;
  offset?: number;
}

/**
 * Articles the actor may see, newest publication first. Visibility is applied in SQL; the
 * candidate counts come from the same query, so a list never needs the texts.
 */
export async function findArticles(db: Db, actor: Actor, f: ArticleFilter): Promise<ArticleListRow[]> {
  const count = (status: string) => sql<number>`(select count(*) from statement_candidates sc where sc.article_id = articles.id and sc.status = ${status})`;
  let q = db
    .selectFrom('articles')
    .select([
      'id',
      'wg_id',
      'title',
      'source_url',
      'published_on',
      'language',
      'format',
      'created_by',
      'owner_org_id',
      'owner_party_id',
      'scope',
      'classification',
      'version',
      'created_at',
      'updated_at',
    ])
    .select(sql<number>`length(articles.text)`.as('text_length'))
    .select(count('pending').as('pending'))
    .select(count('confirmed').as('confirmed'))
    .select(count('rejected').as('rejected'))
    .where(visibleTo(actor, 'articles'));
  if (f.wgId) q = q.where('articles.wg_id', '=', f.wgId);
  const rows = await q
    .orderBy(sql`coalesce(articles.published_on, '')`, 'desc')
    .orderBy('articles.created_at', 'desc')
    .orderBy('articles.id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, text_length: Number(r.text_length), pending: Number(r.pending), confirmed: Number(r.confirmed), rejected: Number(r.rejected) }));
}

/** One article the actor may see, or 404 (invisible and missing look the same). */
export async function getArticle(db: Db, actor: Actor, id: string): Promise<ArticleRow> {
  const row = await db.selectFrom('articles').selectAll().where('articles.id', '=', id).where(visibleTo(actor, 'articles')).executeTakeFirst();
  if (!row) throw notFound('Article');
  return row;
}

/** The candidates of an article, in text order. Reached only through a visible article. */
export async function articleCandidates(db: Db, articleId: string): Promise<StatementCandidateRow[]> {
  return db.selectFrom('statement_candidates').selectAll().where('article_id', '=', articleId).orderBy('position').orderBy('id').execute();
}

export interface CandidateFilter {
  wgId?: string;
  articleId?: string;
  status?: StatementCandidateRow['status'];
  limit?: number;
  offset?: number;
}

/** A candidate with the article fields the review queue shows beside it. */
export interface CandidateView extends StatementCandidateRow {
  article: Pick<ArticleRow, 'id' | 'wg_id' | 'title' | 'source_url' | 'published_on' | 'owner_org_id' | 'owner_party_id' | 'scope' | 'classification' | 'feed_id' | 'language'>;
}

function candidateQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('statement_candidates')
    .innerJoin('articles', 'articles.id', 'statement_candidates.article_id')
    .selectAll('statement_candidates')
    .select([
      'articles.wg_id as a_wg_id',
      'articles.title as a_title',
      'articles.source_url as a_source_url',
      'articles.published_on as a_published_on',
      'articles.owner_org_id as a_owner_org_id',
      'articles.owner_party_id as a_owner_party_id',
      'articles.scope as a_scope',
      'articles.classification as a_classification',
      'articles.feed_id as a_feed_id',
      'articles.language as a_language',
    ])
    .where(visibleTo(actor, 'articles'));
}

type JoinedCandidate = StatementCandidateRow & {
  a_wg_id: string | null;
  a_title: string | null;
  a_source_url: string | null;
  a_published_on: string | null;
  a_owner_org_id: string;
  a_owner_party_id: string;
  a_scope: Scope;
  a_classification: number;
  a_feed_id?: string | null;
  a_language: string;
};

function toView(r: JoinedCandidate): CandidateView {
  const { a_wg_id, a_title, a_source_url, a_published_on, a_owner_org_id, a_owner_party_id, a_scope, a_classification, a_feed_id, a_language, ...c } = r;
  return {
    ...c,
    article: {
      id: c.article_id,
      wg_id: a_wg_id,
      title: a_title,
      source_url: a_source_url,
      published_on: a_published_on,
      owner_org_id: a_owner_org_id,
      owner_party_id: a_owner_party_id,
      scope: a_scope,
      classification: Number(a_classification),
      feed_id: a_feed_id ?? null,
      language: a_language,
    },
  };
}

/**
 * The review queue: candidates of the articles the actor may see (a candidate carries its
 * article's guard), by article date then text order; filtered by group, article and state.
 */
export async function findCandidates(db: Db, actor: Actor, f: CandidateFilter): Promise<CandidateView[]> {
  let q = candidateQuery(db, actor);
  if (f.wgId) q = q.where('articles.wg_id', '=', f.wgId);
  if (f.articleId) q = q.where('statement_candidates.article_id', '=', f.articleId);
  if (f.status) q = q.where('statement_candidates.status', '=', f.status);
  const rows = await q
    .orderBy(sql`coalesce(articles.published_on, '')`, 'desc')
    .orderBy('statement_candidates.article_id')
    .orderBy('statement_candidates.position')
    .orderBy('statement_candidates.id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return (rows as JoinedCandidate[]).map(toView);
}

/** One candidate whose article the actor may see, or 404. */
export async function getCandidate(db: Db, actor: Actor, id: string): Promise<CandidateView> {
  const row = await candidateQuery(db, actor).where('statement_candidates.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Statement candidate');
  return toView(row as JoinedCandidate);
}

/** Names of people and organisations, for display beside resolved ids. */
export async function nameMaps(db: Db, personIds: (string | null)[], orgIds: (string | null)[]): Promise<{ people: Map<string, string>; orgs: Map<string, string> }> {
  const pids = [...new Set(personIds.filter((x): x is string => !!x))];
  const oids = [...new Set(orgIds.filter((x): x is string => !!x))];
  const people = pids.length ? await db.selectFrom('people').select(['id', 'name']).where('id', 'in', pids).execute() : [];
  const orgs = oids.length ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', oids).execute() : [];
  return { people: new Map(people.map((p) => [p.id, p.name])), orgs: new Map(orgs.map((o) => [o.id, o.name])) };
}

/** Title and group of issues, only those the actor may see. */
export async function visibleIssueTitles(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { title: string; wg_id: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('issues')
    .select(['id', 'title', 'wg_id'])
    .where('id', 'in', [...new Set(ids)])
    .where(visibleTo(actor, 'issues'))
    .execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, wg_id: r.wg_id }]));
}

/**
 * Organisation name variants worth matching as aliases: the acronym, the Korean name, the name
 * without a parenthetical ("Presidential Office (Cheong Wa Dae 2018–21; Yongsan 2025)" →
 * "Presidential Office", "Cheong Wa Dae") and each side of a slash ("National Security Office / NSC").
 */
export function organisationAliases(o: { name: string; acronym: string | null; name_ko: string | null }): string[] {
  const out = new Set<string>();
  if (o.acronym) out.add(o.acronym);
  if (o.name_ko) out.add(o.name_ko);
  const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(o.name);
  const base = paren ? paren[1] : o.name;
  if (paren) {
    out.add(base);
    for (const part of paren[2].split(/[;,]/)) {
      const words = part
        .trim()
        .replace(/\s*\d{4}(?:[–-]\d{2,4})?$/, '')
        .trim();
      if (words && /^[\p{Lu}]/u.test(words)) out.add(words);
    }
  }
  if (base.includes(' / ')) for (const part of base.split(' / ')) out.add(part.trim());
  out.delete(o.name);
  return [...out].filter(Boolean);
}

/**
 * The speaker directory for resolution: every person (name, Korean name and recorded aliases,
 * dated roles) and organisation (name variants, party). Reference data is not guarded: everyone
 * signed in may read it, so the directory is the same for every caller.
 */
export async function speakerDirectory(db: Db): Promise<SpeakerDirectory> {
  const [people, aliases, roles, orgs] = await Promise.all([
    db.selectFrom('people').select(['id', 'name', 'name_ko']).orderBy('id').execute(),
    db.selectFrom('person_aliases').select(['person_id', 'alias']).orderBy('person_id').orderBy('alias').execute(),
    db.selectFrom('person_roles').select(['person_id', 'organisation_id', 'title', 'valid_from', 'valid_to']).orderBy('person_id').orderBy(sql`coalesce(valid_from, '')`).orderBy('id').execute(),
    db.selectFrom('organisations').select(['id', 'name', 'name_ko', 'acronym', 'party_id']).orderBy('id').execute(),
  ]);
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      aliases: [...aliases.filter((a) => a.person_id === p.id).map((a) => a.alias), ...(p.name_ko ? [p.name_ko] : [])],
      roles: roles.filter((r) => r.person_id === p.id).map((r) => ({ organisationId: r.organisation_id, title: r.title, from: r.valid_from ?? undefined, to: r.valid_to ?? undefined })),
    })),
    organisations: orgs.map((o) => ({ id: o.id, name: o.name, aliases: organisationAliases(o), partyId: o.party_id })),
  };
}

/** The issues of a working group the actor may see, as the extractor's issue references. */
export async function groupIssueRefs(db: Db, actor: Actor, wgId: string): Promise<IssueRef[]> {
  const rows = await db.selectFrom('issues').select(['id', 'title', 'keywords']).where('wg_id', '=', wgId).where(visibleTo(actor, 'issues')).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, keywords: parseKeywords(r.keywords) }));
}

export function parseKeywords(s: string | null): string[] {
  try {
    const v = JSON.parse(s ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
