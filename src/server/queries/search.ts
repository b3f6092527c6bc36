import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dayInZone } from './day-in-zone.ts';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/tables.ts';
import { onVisibleIssue, visibleTo } from '../policies/visibility.ts';
import { presentAccess } from '../presenters/access.ts';
import { charCount, fold, hasAll, searchTerms, snippetOf } from '../../core/search.ts';
import type { SearchField, SearchKind, SearchParams, SearchPart, SearchResponse, SearchResult } from '../../core/api/search.ts';
import type { NoteTarget } from '../../core/api/notes.ts';

/**
 * Search over everything the reader may see. `search_text` (migration 017) holds each row's
 * searchable fields joined by U+001F; its triggers keep it current. The words are found there —
 * on SQLite through the FTS5 trigram index for words of three characters or more, on PostgreSQL
 * through the pg_trgm GIN index (ILIKE), and by LIKE for shorter words (two-syllable Korean words
 * such as 통일) — then each hit is joined to its record and kept only when the visibility rule
 * admits it, in the same SQL statement, as every list does (`visibleTo`; a position only with its
 * issue, a note only with the record it is on). The most recent CANDIDATES hits are ranked here:
 * a hit in a record's own title first, then by date.
 */

/** How many hits (rows of search_text the reader may see) a search ranks at most. */
export const CANDIDATES = 500;

/** Each source table's fields, in the order migration 017 joined them, by their API names. */
const FIELDS: Record<string, { part: SearchPart; fields: SearchField[] }> = {
  working_groups: { part: 'record', fields: ['name', 'nameKo', 'shortName', 'mandate', 'mandateKo'] },
  meetings: { part: 'record', fields: ['title', 'titleKo', 'place', 'outcome', 'outcomeKo', 'minutes', 'statusReason'] },
  agenda_items: { part: 'agenda_item', fields: ['title', 'titleKo', 'notes', 'outcome'] },
  issues: { part: 'record', fields: ['title', 'titleKo', 'code', 'description'] },
  positions: { part: 'record', fields: ['conditions', 'rationale'] },
  statements: { part: 'record', fields: ['quote', 'context', 'speakerDescription', 'sourceTitle'] },
  documents: { part: 'record', fields: ['title', 'titleKo'] },
  clauses: { part: 'clause', fields: ['textEn', 'textKo'] },
  clause_alternatives: { part: 'clause_alternative', fields: ['textEn', 'textKo'] },
  commitments: { part: 'record', fields: ['title', 'titleKo'] },
  projects: { part: 'record', fields: ['name', 'nameKo', 'description', 'statusNote'] },
  notes: { part: 'record', fields: ['body'] },
};
const TITLE_FIELDS = new Set<SearchField>(['name', 'nameKo', 'shortName', 'title', 'titleKo', 'code', 'quote']);

/** The note targets (and a position's issue), by type: the table and its title columns. */
const TARGETS: Record<NoteTarget, { table: string; title: string; titleKo: string }> = {
  working_group: { table: 'working_groups', title: 'name', titleKo: 'name_ko' },
  meeting: { table: 'meetings', title: 'title', titleKo: 'title_ko' },
  issue: { table: 'issues', title: 'title', titleKo: 'title_ko' },
  position: { table: 'positions', title: 'id', titleKo: 'id' },
  statement: { table: 'statements', title: 'quote', titleKo: 'quote' },
  document: { table: 'documents', title: 'title', titleKo: 'title_ko' },
  commitment: { table: 'commitments', title: 'title', titleKo: 'title_ko' },
  project: { table: 'projects', title: 'name', titleKo: 'name_ko' },
};

const LIKE_ESCAPE = /[\\%_]/g;
const likeArg = (t: string) => `%${t.replace(LIKE_ESCAPE, (c) => `\\${c}`)}%`;
/** An FTS5 phrase: the word in double quotes (a quote inside doubled); the trigram tokenizer finds it as a substring. */
const phrase = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** The rows of search_text holding every term. */
function matching(dialect: 'sqlite' | 'postgres', terms: string[]): RawBuilder<boolean> {
  if (dialect === 'postgres')
    return sql.join(
      terms.map((t) => sql`h.body ilike ${likeArg(t)} escape '\\'`),
      sql` and `,
    ) as RawBuilder<boolean>;
  const long = terms.filter((t) => charCount(t) >= 3);
  const short = terms.filter((t) => charCount(t) < 3);
  const parts: RawBuilder<unknown>[] = [];
  if (long.length) parts.push(sql`h.id in (select rowid from search_fts where search_fts match ${long.map(phrase).join(' AND ')})`);
  // SQLite's LIKE folds ASCII letters only; the trigram index folds the rest (Korean has no case).
  for (const t of short) parts.push(sql`h.body like ${likeArg(t)} escape '\\'`);
  return sql.join(parts, sql` and `) as RawBuilder<boolean>;
}

interface Hit {
  hit: number;
  kind: SearchKind;
  id: string;
  source: string;
  body: string;
  wg_id: string | null;
  scope: string;
  classification: number;
  owner_org_id: string;
  owner_party_id: string;
  title: string | null;
  title_ko: string | null;
  at: string | null;
  target_kind: NoteTarget | null;
  target_id: string | null;
}

/** One branch of the search per kind of record: its table, what it shows, and what else its visibility needs. */
function branches(actor: Actor, groupId: string | undefined): Record<SearchKind, RawBuilder<unknown>> {
  const inGroup = groupId === undefined ? sql`` : sql` and r.wg_id = ${groupId}`;
  const guard = sql`r.wg_id, r.scope, r.classification, r.owner_org_id, r.owner_party_id`;
  const hit = sql`h.id as hit, h.kind, h.record_id as id, h.source, h.body`;
  // `at`: the record's own date, shown; `sort_at`: that date or, for a record without one, its last change (the order hits are kept in).
  const plain = (table: string, title: string, titleKo: string, at: string) =>
    sql`select ${hit}, ${guard}, r.${sql.raw(title)} as title, r.${sql.raw(titleKo)} as title_ko, ${sql.raw(at)} as at, coalesce(${sql.raw(at)}, r.updated_at) as sort_at, null as target_kind, null as target_id
      from hits h join ${sql.table(table)} r on r.id = h.record_id
      where h.kind = ${KIND_OF[table]} and ${visibleTo(actor, 'r')}${inGroup}`;
  // A note is seen only with the record it is on (a position's only with its issue).
  const targetSeen = sql.join(
    (Object.keys(TARGETS) as NoteTarget[]).map((type) => {
      const t = TARGETS[type];
      const extra = type === 'position' ? sql` and ${onVisibleIssue(actor, 't')}` : sql``;
      return sql`(r.entity_type = ${type} and exists (select 1 from ${sql.table(t.table)} t where t.id = r.entity_id and ${visibleTo(actor, 't')}${extra}))`;
    }),
    sql` or `,
  );
  const targetTitle = (col: 'title' | 'titleKo') =>
    sql`case r.entity_type ${sql.join(
      (Object.keys(TARGETS) as NoteTarget[]).map((type) =>
        type === 'position'
          ? sql`when 'position' then (select i.${sql.raw(col === 'title' ? 'title' : 'title_ko')} from positions t join issues i on i.id = t.issue_id where t.id = r.entity_id)`
          : sql`when ${type} then (select t.${sql.raw(TARGETS[type][col])} from ${sql.table(TARGETS[type].table)} t where t.id = r.entity_id)`,
      ),
      sql` `,
    )} end`;
  return {
    working_group: plain('working_groups', 'name', 'name_ko', 'r.established_on'),
    meeting: plain('meetings', 'title', 'title_ko', 'r.starts_at'),
    issue: plain('issues', 'title', 'title_ko', 'r.occurred_on'),
    statement: plain('statements', 'quote', 'quote', 'r.said_on'),
    document: plain('documents', 'title', 'title_ko', 'r.released_on'),
    commitment: plain('commitments', 'title', 'title_ko', 'r.due_on'),
    project: plain('projects', 'name', 'name_ko', 'r.planned_on'),
    position: sql`select ${hit}, ${guard}, i.title as title, i.title_ko as title_ko, r.valid_from as at, r.valid_from as sort_at, 'issue' as target_kind, r.issue_id as target_id
      from hits h join positions r on r.id = h.record_id join issues i on i.id = r.issue_id
      where h.kind = 'position' and ${visibleTo(actor, 'r')} and ${visibleTo(actor, 'i')}${inGroup}`,
    note: sql`select ${hit}, ${guard}, ${targetTitle('title')} as title, ${targetTitle('titleKo')} as title_ko, r.created_at as at, r.created_at as sort_at, r.entity_type as target_kind, r.entity_id as target_id
      from hits h join notes r on r.id = h.record_id
      where h.kind = 'note' and ${visibleTo(actor, 'r')} and (${targetSeen})${inGroup}`,
  };
}

const KIND_OF: Record<string, SearchKind> = {
  working_groups: 'working_group',
  meetings: 'meeting',
  issues: 'issue',
  statements: 'statement',
  documents: 'document',
  commitments: 'commitment',
  projects: 'project',
};

/** Where in a hit the terms are: the first field holding all of them (else the first holding one), and its snippet. */
function locate(h: Hit, terms: string[]): { part: SearchPart; field: SearchField; text: string; inTitle: boolean } {
  const spec = FIELDS[h.source] ?? { part: 'record' as const, fields: [] };
  const values = h.body.split('\u001f');
  let at = values.findIndex((v) => v && hasAll(v, terms));
  if (at < 0) at = values.findIndex((v) => v && terms.some((t) => fold(v).includes(fold(t))));
  if (at < 0) at = values.findIndex((v) => v);
  if (at < 0) at = 0;
  const field = spec.fields[at] ?? spec.fields[0] ?? 'body';
  return { part: spec.part, field, text: values[at] ?? '', inTitle: spec.part === 'record' && TITLE_FIELDS.has(field) && hasAll(values[at] ?? '', terms) };
}

/** The search: the reader's visible matches, ranked, one result per record, a page of them. */
export async function search(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', actor: Actor, p: SearchParams): Promise<SearchResponse> {
  const terms = searchTerms(p.q);
  const limit = p.limit ?? 20;
  const offset = p.cursor ? Number(p.cursor) : 0;
  if (!terms.length) return { items: [], nextCursor: null, truncated: false };
  const all = branches(actor, p.groupId);
  // The kinds of record the words occur in at all (before visibility, which the next statement
  // applies): only their branches are planned and run, and a query found nowhere stops here.
  const kindFilter = p.kind ? sql` and h.kind = ${p.kind}` : sql``;
  const present = await sql<{ kind: SearchKind }>`select distinct h.kind from search_text h where ${matching(dialect, terms)}${kindFilter}`.execute(db);
  const kinds = (Object.keys(all) as SearchKind[]).filter((k) => present.rows.some((r) => r.kind === k));
  if (!kinds.length) return { items: [], nextCursor: null, truncated: false };
  const union = sql.join(
    kinds.map((k) => all[k]),
    sql` union all `,
  );
  const { rows } = await sql<Hit>`with hits as materialized (select h.id, h.kind, h.record_id, h.source, h.body from search_text h where ${matching(dialect, terms)}${kindFilter})
    select * from (${union}) found order by sort_at desc, hit desc limit ${CANDIDATES + 1}`.execute(db);
  const truncated = rows.length > CANDIDATES;

  // One result per record: its best hit (in its own title before elsewhere; the record's own row before its parts).
  const best = new Map<string, { h: Hit; loc: ReturnType<typeof locate>; order: number }>();
  rows.slice(0, CANDIDATES).forEach((h, order) => {
    const loc = locate(h, terms);
    const key = `${h.kind}\u0000${h.id}`;
    const had = best.get(key);
    const rank = (x: { loc: ReturnType<typeof locate> }) => (x.loc.inTitle ? 0 : x.loc.part === 'record' ? 1 : 2);
    if (!had || rank({ loc }) < rank(had)) best.set(key, { h, loc, order: had?.order ?? order });
  });
  const ranked = [...best.values()].sort((a, b) => Number(b.loc.inTitle) - Number(a.loc.inTitle) || a.order - b.order);
  const page = ranked.slice(offset, offset + limit);

  // A group is named only when the reader may see it.
  const wgIds = [...new Set(page.map((x) => x.h.wg_id).filter((id): id is string => !!id))];
  const groups = new Map<string, { id: string; name: string; nameKo: string | null }>();
  if (wgIds.length) {
    const g = await db.selectFrom('working_groups').select(['id', 'name', 'name_ko']).where('id', 'in', wgIds).where(visibleTo(actor, 'working_groups')).execute();
    for (const r of g) groups.set(r.id, { id: r.id, name: r.name, nameKo: r.name_ko });
  }
  // A meeting is dated by its day at the venue, as everywhere else (not by the reader's time zone).
  const meetingIds = page.filter((x) => x.h.kind === 'meeting').map((x) => x.h.id);
  const zones = new Map<string, string>();
  if (meetingIds.length) for (const r of await db.selectFrom('meetings').select(['id', 'timezone']).where('id', 'in', meetingIds).execute()) zones.set(r.id, r.timezone);
  const items: SearchResult[] = page.map(({ h, loc }) => ({
    kind: h.kind,
    id: h.id,
    title: h.title ?? '',
    titleKo: h.title_ko && h.title_ko !== h.title ? h.title_ko : null,
    at: h.kind === 'meeting' && h.at && zones.has(h.id) ? dayInZone(h.at, zones.get(h.id) as string) : h.at,
    group: h.wg_id ? (groups.get(h.wg_id) ?? null) : null,
    target: h.target_kind && h.target_id ? { kind: h.target_kind, id: h.target_id } : null,
    part: loc.part,
    field: loc.field,
    snippet: snippetOf(loc.text, terms),
    access: presentAccess(h),
  }));
  return { items, nextCursor: offset + limit < ranked.length && offset + limit <= 9999 ? String(offset + limit) : null, truncated };
}
