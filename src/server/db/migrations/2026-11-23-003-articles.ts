import type { Kysely } from 'kysely';

/**
 * From articles to statements: pasted or uploaded articles, the candidate statements Concord
 * extracts from them (nothing becomes a statement until a person confirms it), the link from a
 * confirmed statement back to its exact passage, and each working group's message-discipline
 * rules. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wg_id', 'text', (c) => c.references('working_groups.id'))
    .addColumn('title', 'text')
    .addColumn('source_url', 'text')
    .addColumn('published_on', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('owner_party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('classification', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('statement_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('sentence', 'text')
    .addColumn('span_start', 'integer', (c) => c.notNull())
    .addColumn('span_end', 'integer', (c) => c.notNull())
    .addColumn('cue', 'text')
    .addColumn('confidence', 'text')
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('speaker_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('speaker_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('suggested_issues', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('statement_id', 'text', (c) => c.references('statements.id'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statement_candidates_article').on('statement_candidates').column('article_id').execute();

  await db.schema.alterTable('statements').addColumn('article_id', 'text').execute();
  await db.schema.alterTable('statements').addColumn('passage_start', 'integer').execute();
  await db.schema.alterTable('statements').addColumn('passage_end', 'integer').execute();
  await db.schema.alterTable('working_groups').addColumn('discipline_rules', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('working_groups').dropColumn('discipline_rules').execute();
  for (const c of ['passage_end', 'passage_start', 'article_id']) await db.schema.alterTable('statements').dropColumn(c).execute();
  await db.schema.dropTable('statement_candidates').execute();
  await db.schema.dropTable('articles').execute();
}
