import { sql, type Kysely } from 'kysely';

/**
 * Meeting series: a group's recurring meeting as one record (title, venue, zone, first start,
 * duration, an RFC 5545 rule without its end, and the end as a last day or a count), guarded like
 * a meeting. Its occurrences are meeting rows (`meetings.series_id`), each keeping the instant the
 * rule gave it (`meetings.recurrence_id`, UTC), so a moved occurrence still knows which one it is
 * and a cancelled one is an exception of the rule. `invite` holds the organisations each new
 * occurrence invites (a JSON list of ids). Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_ko', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('rrule', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text')
    .addColumn('count', 'integer')
    .addColumn('invite', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('owner_party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('classification', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_series_wg_starts').on('meeting_series').columns(['wg_id', 'starts_at', 'id']).execute();
  await db.schema.alterTable('meetings').addColumn('series_id', 'text', (c) => c.references('meeting_series.id')).execute();
  await db.schema.alterTable('meetings').addColumn('recurrence_id', 'text').execute();
  await db.schema.createIndex('meetings_series_occurrence').unique().on('meetings').columns(['series_id', 'recurrence_id']).where(sql.ref('series_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_series_occurrence').ifExists().execute();
  await db.schema.alterTable('meetings').dropColumn('recurrence_id').execute();
  await db.schema.alterTable('meetings').dropColumn('series_id').execute();
  await db.schema.dropTable('meeting_series').execute();
}
