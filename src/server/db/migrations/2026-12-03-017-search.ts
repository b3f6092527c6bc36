import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Search: `search_text` holds, for every row that carries searchable text, that text in one
 * `body` (its fields joined by U+001F, in the order listed below), with the guarded record it
 * belongs to (`kind`, `record_id`) and the row it came from (`source`, `source_id`). It is
 * derived: triggers on every source table keep it current in the writing transaction (so every
 * write path — commands, the demo loader, the UN import, a bundle import — updates it), the
 * migration fills it from the rows already there, and the bundle export leaves it out (an import
 * rebuilds it through the same triggers). It holds no guard: the search joins each hit to its
 * record and applies the visibility rule there.
 *
 * SQLite: an FTS5 table with the trigram tokenizer over `body` (external content: `search_text`),
 * kept by two more triggers. PostgreSQL: pg_trgm and a GIN trigram index on `body`, which
 * answers ILIKE. Queries shorter than three characters use LIKE on `body` on both.
 * Frozen in time: imports no app code.
 */

interface Source {
  table: string;
  kind: string;
  /** The guarded record's id, as an expression over the row (`r.` is replaced by NEW./OLD./the table). */
  record: string;
  fields: string[];
  /** Columns besides the fields whose change moves the row to another record. */
  refs?: string[];
}

const SOURCES: Source[] = [
  { table: 'working_groups', kind: 'working_group', record: 'r.id', fields: ['name', 'name_ko', 'short_name', 'mandate', 'mandate_ko'] },
  { table: 'meetings', kind: 'meeting', record: 'r.id', fields: ['title', 'title_ko', 'place', 'outcome', 'outcome_ko', 'minutes', 'status_reason'] },
  { table: 'agenda_items', kind: 'meeting', record: 'r.meeting_id', fields: ['title', 'title_ko', 'notes', 'outcome'], refs: ['meeting_id'] },
  { table: 'issues', kind: 'issue', record: 'r.id', fields: ['title', 'title_ko', 'code', 'description'] },
  { table: 'positions', kind: 'position', record: 'r.id', fields: ['conditions', 'rationale'] },
  { table: 'statements', kind: 'statement', record: 'r.id', fields: ['quote', 'context', 'speaker_description', 'source_title'] },
  { table: 'documents', kind: 'document', record: 'r.id', fields: ['title', 'title_ko'] },
  {
    table: 'clauses',
    kind: 'document',
    record: '(select dv.document_id from document_versions dv where dv.id = r.version_id)',
    fields: ['text_en', 'text_ko'],
    refs: ['version_id'],
  },
  {
    table: 'clause_alternatives',
    kind: 'document',
    record: '(select dv.document_id from clauses c join document_versions dv on dv.id = c.version_id where c.id = r.clause_id)',
    fields: ['text_en', 'text_ko'],
    refs: ['clause_id'],
  },
  { table: 'commitments', kind: 'commitment', record: 'r.id', fields: ['title', 'title_ko'] },
  { table: 'projects', kind: 'project', record: 'r.id', fields: ['name', 'name_ko', 'description', 'status_note'] },
  { table: 'notes', kind: 'note', record: 'r.id', fields: ['body'] },
];

/** The record's id over a row; '' (which names no record) should a parent be missing. */
const on = (expr: string, row: string) => `coalesce(${expr.replace(/\br\./g, `${row}.`)}, '')`;
const any = (s: Source, row: string) => `(${s.fields.map((f) => `${row}.${f} is not null`).join(' or ')})`;
const body = (s: Source, row: string, sep: string) => s.fields.map((f) => `coalesce(${row}.${f}, '')`).join(` || ${sep} || `);

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const sep = pg ? 'chr(31)' : 'char(31)';
  await db.schema
    .createTable('search_text')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_text_source').unique().on('search_text').columns(['source', 'source_id']).execute();
  await db.schema.createIndex('search_text_record').on('search_text').columns(['record_id']).execute();

  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index search_text_trgm on search_text using gin (body gin_trgm_ops)`.execute(db);
    for (const s of SOURCES) {
      const fn = sql.raw(`search_sync_${s.table}`);
      await sql`create function ${fn}() returns trigger language plpgsql as ${sql.raw(`$$
begin
  if tg_op <> 'INSERT' then
    delete from search_text where source = '${s.table}' and source_id = old.id;
  end if;
  if tg_op <> 'DELETE' and ${any(s, 'new')} then
    insert into search_text (kind, record_id, source, source_id, body)
    values ('${s.kind}', ${on(s.record, 'new')}, '${s.table}', new.id, ${body(s, 'new', sep)});
  end if;
  return null;
end$$`)}`.execute(db);
      const cols = [...s.fields, ...(s.refs ?? [])].join(', ');
      // A row without text (most UN votes) costs its insert no call.
      await sql`create trigger ${sql.raw(`search_${s.table}_insert`)} after insert on ${sql.table(s.table)} for each row when (${sql.raw(any(s, 'new'))}) execute function ${fn}()`.execute(db);
      await sql`create trigger ${sql.raw(`search_${s.table}_update`)} after update of ${sql.raw(cols)} on ${sql.table(s.table)} for each row execute function ${fn}()`.execute(db);
      await sql`create trigger ${sql.raw(`search_${s.table}_delete`)} after delete on ${sql.table(s.table)} for each row execute function ${fn}()`.execute(db);
    }
  } else {
    await sql`create virtual table search_fts using fts5(body, content='search_text', content_rowid='id', tokenize='trigram')`.execute(db);
    await sql`create trigger search_text_insert after insert on search_text begin insert into search_fts (rowid, body) values (new.id, new.body); end`.execute(db);
    await sql`create trigger search_text_delete after delete on search_text begin insert into search_fts (search_fts, rowid, body) values ('delete', old.id, old.body); end`.execute(db);
    for (const s of SOURCES) {
      const insert = (row: string) =>
        `insert into search_text (kind, record_id, source, source_id, body) select '${s.kind}', ${on(s.record, row)}, '${s.table}', ${row}.id, ${body(s, row, sep)} where ${any(s, row)};`;
      const remove = `delete from search_text where source = '${s.table}' and source_id = old.id;`;
      const cols = [...s.fields, ...(s.refs ?? [])].join(', ');
      await sql.raw(`create trigger search_${s.table}_insert after insert on ${s.table} when ${any(s, 'new')} begin ${insert('new')} end`).execute(db);
      await sql.raw(`create trigger search_${s.table}_update after update of ${cols} on ${s.table} begin ${remove} ${insert('new')} end`).execute(db);
      await sql.raw(`create trigger search_${s.table}_delete after delete on ${s.table} begin ${remove} end`).execute(db);
    }
  }

  // The rows already there.
  for (const s of SOURCES) {
    await sql
      .raw(
        `insert into search_text (kind, record_id, source, source_id, body) select '${s.kind}', ${on(s.record, s.table)}, '${s.table}', ${s.table}.id, ${body(s, s.table, sep)} from ${s.table} where ${any(s, s.table)}`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const s of SOURCES) {
    for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists search_${s.table}_${t}${pg ? ` on ${s.table}` : ''}`).execute(db);
    if (pg) await sql.raw(`drop function if exists search_sync_${s.table}()`).execute(db);
  }
  if (!pg) await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_text').ifExists().execute();
}
