import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, StatementRow } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { visibleTo } from '../policies/visibility.ts';
import { visibleIdsAmong } from './visible.ts';
import type { StatementFilter } from '../../core/api/statements.ts';
import type { Stance } from '../../core/vocabulary.ts';

export type { StatementFilter };

/** A statement with the names of its speaker, ready for the presenter. */
export interface StatementView extends StatementRow {
  person_name: string | null;
  person_name_ko: string | null;
  org_name: string | null;
  org_name_ko: string | null;
  org_acronym: string | null;
  /** The recording organisation (recorded_org_id, else the owner, which commands set to the recorder's). */
  recorder_id: string | null;
  recorder_name: string | null;
  recorder_name_ko: string | null;
  recorder_acronym: string | null;
  issues: { issue_id: string; title: string; title_ko: string | null; stance: Stance | null }[];
}

/** `%text%` for LIKE, with LIKE's own wildcards in the text taken literally. */
const containsPattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function baseQuery(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('statements')
    .leftJoin('people', 'people.id', 'statements.speaker_person_id')
    .leftJoin('organisations', 'organisations.id', 'statements.speaker_org_id')
    .innerJoin('organisations as recorder', (j) => j.on(sql<boolean>`recorder.id = coalesce(statements.recorded_org_id, statements.owner_org_id)`))
    .selectAll('statements')
    .select(['people.name as person_name', 'people.name_ko as person_name_ko', 'organisations.name as org_name', 'organisations.name_ko as org_name_ko', 'organisations.acronym as org_acronym'])
    .select(['recorder.id as recorder_id', 'recorder.name as recorder_name', 'recorder.name_ko as recorder_name_ko', 'recorder.acronym as recorder_acronym'])
    .where(visibleTo(actor, 'statements'));
}

/**
 * The linked issues of each statement, only those the actor may see; its article only when the
 * actor may see it. The links of the page's statements are read first, then the issues they name
 * by their keys: joined in one query, PostgreSQL read every issue the actor may see to build a hash
 * table for twenty links (bench/growth, statement search at 100× the demo).
 */
async function attachIssues(db: Kysely<Database>, actor: Actor, rows: Omit<StatementView, 'issues'>[]): Promise<StatementView[]> {
  if (rows.length === 0) return [];
  const [links, articles] = await Promise.all([
    db
      .selectFrom('statement_issues')
      .select(['statement_id', 'issue_id', 'stance'])
      .where(
        'statement_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute(),
    // The article a statement was taken from is named only when the actor may see it.
    visibleIdsAmong(
      db,
      actor,
      'articles',
      rows.map((r) => r.article_id),
    ),
  ]);
  const issueIds = [...new Set(links.map((l) => l.issue_id))];
  const issues = issueIds.length ? await db.selectFrom('issues').select(['id', 'title', 'title_ko']).where('issues.id', 'in', issueIds).where(visibleTo(actor, 'issues')).execute() : [];
  const issueById = new Map(issues.map((i) => [i.id, i]));
  const byTitle = (a: { title: string }, b: { title: string }) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
  return rows.map((r) => ({
    ...r,
    article_id: r.article_id && articles.has(r.article_id) ? r.article_id : null,
    issues: links
      .filter((l) => l.statement_id === r.id && issueById.has(l.issue_id))
      .map((l) => {
        const i = issueById.get(l.issue_id)!;
        return { issue_id: l.issue_id, title: i.title, title_ko: i.title_ko, stance: l.stance };
      })
      .sort(byTitle),
  }));
}

/**
 * Statements the actor may see, newest first (by the day they were said). Visibility is applied
 * in SQL. `speakerOrgId` matches statements made by the organisation itself and statements by a
 * person who held a role in it on the day they spoke (a role without dates always matches).
 * `q` is a case-insensitive substring match on the quote: lower() on both sides, which folds
 * ASCII on SQLite and follows the database's locale on PostgreSQL (Hangul has no case).
 */
export async function findStatements(db: Kysely<Database>, actor: Actor, f: StatementFilter): Promise<StatementView[]> {
  let q = baseQuery(db, actor);
  if (f.wgId) q = q.where('statements.wg_id', '=', f.wgId);
  if (f.partyId) q = q.where('statements.party_id', '=', f.partyId);
  if (f.speakerPersonId) q = q.where('statements.speaker_person_id', '=', f.speakerPersonId);
  if (f.speakerOrgId) {
    const orgId = f.speakerOrgId;
    q = q.where((eb) =>
      eb.or([
        eb('statements.speaker_org_id', '=', orgId),
        eb.exists(
          eb
            .selectFrom('person_roles')
            .select('person_roles.id')
            .whereRef('person_roles.person_id', '=', 'statements.speaker_person_id')
            .where('person_roles.organisation_id', '=', orgId)
            .where((w) => w.or([w('person_roles.valid_from', 'is', null), w('person_roles.valid_from', '<=', w.ref('statements.said_on'))]))
            .where((w) => w.or([w('person_roles.valid_to', 'is', null), w('person_roles.valid_to', '>=', w.ref('statements.said_on'))])),
        ),
      ]),
    );
  }
  if (f.issueId) {
    const issueId = f.issueId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('statement_issues')
          .innerJoin('issues', 'issues.id', 'statement_issues.issue_id')
          .select('statement_issues.issue_id')
          .whereRef('statement_issues.statement_id', '=', 'statements.id')
          .where('statement_issues.issue_id', '=', issueId)
          .where(visibleTo(actor, 'issues')),
      ),
    );
  }
  if (f.from) q = q.where('statements.said_on', '>=', f.from);
  if (f.to) q = q.where('statements.said_on', '<=', f.to);
  // A substring test. SQLite reads the list's own order (said_on desc) and stops once a page is
  // full; PostgreSQL finds the matches through a trigram index on lower(quote) (migration 027).
  if (f.q) q = q.where(sql<boolean>`lower(statements.quote) like ${containsPattern(f.q)} escape '\\'`);
  const rows = await q
    .orderBy('statements.said_on', 'desc')
    .orderBy('statements.created_at', 'desc')
    .orderBy('statements.id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return attachIssues(db, actor, rows);
}

/** One statement the actor may see, with its speaker and linked issues, or 404. */
export async function getStatementView(db: Kysely<Database>, actor: Actor, id: string): Promise<StatementView> {
  const row = await baseQuery(db, actor).where('statements.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Statement');
  const [view] = await attachIssues(db, actor, [row]);
  return view;
}
