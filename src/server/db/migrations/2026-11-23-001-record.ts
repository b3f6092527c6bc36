import type { Kysely, CreateTableBuilder } from 'kysely';

/**
 * The whole working-group record. Frozen in time: this file imports no application code, and
 * runs unchanged on SQLite and PostgreSQL (Kysely's schema builder, portable column types only).
 *
 * Conventions: text ids; timestamps as ISO-8601 UTC text; dates as YYYY-MM-DD text; booleans as
 * 0/1 integers; JSON as text. Access-guarded records carry the guard columns (owner organisation
 * and party, scope, classification level, working group) so visibility is one SQL predicate.
 */

type T = CreateTableBuilder<string, string>;

const stamps = (t: T) =>
  t
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

const guard = (t: T) =>
  t
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('owner_party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('classification', 'integer', (c) => c.notNull().defaultTo(0));

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;

  await stamps(
    s
      .createTable('parties')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_ko', 'text')
      .addColumn('kind', 'text', (c) => c.notNull()),
  ).execute();

  await stamps(
    s
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
      .addColumn('parent_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('acronym', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_ko', 'text')
      .addColumn('kind', 'text', (c) => c.notNull()),
  ).execute();

  await stamps(
    s
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_ko', 'text')
      .addColumn('party_id', 'text', (c) => c.references('parties.id')),
  ).execute();

  await s
    .createTable('person_aliases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('person_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_ko', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .execute();

  await stamps(
    s
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('clearance', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await s
    .createTable('user_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await s
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await stamps(
    guard(
      s
        .createTable('working_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_ko', 'text')
        .addColumn('short_name', 'text')
        .addColumn('mandate', 'text')
        .addColumn('mandate_ko', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('established_on', 'text')
        .addColumn('termination_agreed_on', 'text')
        .addColumn('ended_on', 'text')
        .addColumn('cadence_rrule', 'text')
        .addColumn('cadence_note', 'text')
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('predecessor_id', 'text', (c) => c.references('working_groups.id')),
    ),
  ).execute();

  await s
    .createTable('wg_parties')
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addPrimaryKeyConstraint('wg_parties_pk', ['wg_id', 'party_id'])
    .execute();

  await s
    .createTable('wg_members')
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('participation', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('wg_members_pk', ['wg_id', 'organisation_id'])
    .execute();

  await s
    .createTable('wg_leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .execute();

  await s
    .createTable('wg_user_roles')
    .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wg_user_roles_pk', ['wg_id', 'user_id'])
    .execute();

  await stamps(
    s
      .createTable('tracks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_ko', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await stamps(
    guard(
      s
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_ko', 'text')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('postponed_to', 'text')
        .addColumn('beside_meeting_id', 'text', (c) => c.references('meetings.id'))
        .addColumn('outcome', 'text')
        .addColumn('outcome_ko', 'text')
        .addColumn('minutes', 'text'),
    ),
  ).execute();
  await s.createIndex('meetings_wg_starts').on('meetings').columns(['wg_id', 'starts_at']).execute();

  await s
    .createTable('meeting_leads')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('meeting_leads_pk', ['meeting_id', 'person_id'])
    .execute();

  await stamps(
    guard(
      s
        .createTable('issues')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
        .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
        .addColumn('code', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_ko', 'text')
        .addColumn('description', 'text')
        .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]')),
    ),
  ).execute();

  await stamps(
    s
      .createTable('agenda_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
      .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
      .addColumn('issue_id', 'text', (c) => c.references('issues.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('title_ko', 'text')
      .addColumn('lead_org_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notes', 'text')
      .addColumn('outcome', 'text'),
  ).execute();

  await stamps(
    s
      .createTable('attendance')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('responded_at', 'text')
      .addUniqueConstraint('attendance_meeting_org', ['meeting_id', 'organisation_id']),
  ).execute();

  // Positions are append-only: "positions as of date D" is the latest valid_from <= D per
  // (issue, party, organisation). No version column, because no row is ever updated.
  await guard(
    s
      .createTable('positions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
      .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id'))
      .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('stance', 'text')
      .addColumn('conditions', 'text')
      .addColumn('rationale', 'text')
      .addColumn('source_kind', 'text')
      .addColumn('source_ref', 'text')
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();
  await s.createIndex('positions_issue_party').on('positions').columns(['issue_id', 'party_id', 'valid_from']).execute();

  await stamps(
    guard(
      s
        .createTable('statements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.references('working_groups.id'))
        .addColumn('party_id', 'text', (c) => c.references('parties.id'))
        .addColumn('speaker_person_id', 'text', (c) => c.references('people.id'))
        .addColumn('speaker_org_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('speaker_description', 'text')
        .addColumn('said_on', 'text', (c) => c.notNull())
        .addColumn('medium', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('context', 'text')
        .addColumn('source_url', 'text')
        .addColumn('source_title', 'text')
        .addColumn('passage', 'text'),
    ),
  ).execute();
  await s.createIndex('statements_said_on').on('statements').columns(['said_on']).execute();

  await s
    .createTable('statement_issues')
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id'))
    .addColumn('stance', 'text')
    .addPrimaryKeyConstraint('statement_issues_pk', ['statement_id', 'issue_id'])
    .execute();

  await stamps(
    guard(
      s
        .createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.references('working_groups.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_ko', 'text')
        .addColumn('released_on', 'text')
        .addColumn('adopted_version_id', 'text'),
    ),
  ).execute();

  await s
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_versions_number', ['document_id', 'number'])
    .execute();

  await s
    .createTable('clauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('document_versions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('clause_key', 'text', (c) => c.notNull())
    .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_ko', 'text')
    .execute();

  await s
    .createTable('clause_alternatives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clause_id', 'text', (c) => c.notNull().references('clauses.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_ko', 'text')
    .execute();

  await s
    .createTable('signoffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('document_versions.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('voided_reason', 'text')
    .execute();

  await stamps(
    guard(
      s
        .createTable('commitments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.references('working_groups.id'))
        .addColumn('document_id', 'text', (c) => c.references('documents.id'))
        .addColumn('clause_key', 'text')
        .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
        .addColumn('track', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_ko', 'text')
        .addColumn('responsible_party_id', 'text', (c) => c.references('parties.id'))
        .addColumn('responsible_org_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('due_on', 'text'),
    ),
  ).execute();

  await s
    .createTable('progress_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('note', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await stamps(
    guard(
      s
        .createTable('projects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.notNull().references('working_groups.id'))
        .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_ko', 'text')
        .addColumn('description', 'text')
        .addColumn('proponent_org_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('planned_on', 'text')
        .addColumn('status_note', 'text'),
    ),
  ).execute();

  await s
    .createTable('project_stage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('reason', 'text')
    .addColumn('authority_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('project_date_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('old_date', 'text')
    .addColumn('new_date', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Internal notes on any record (a ministry's own remarks on a meeting, an issue, a project).
  await stamps(
    guard(
      s
        .createTable('notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('wg_id', 'text', (c) => c.references('working_groups.id'))
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id')),
    ),
  ).execute();

  // The audit trail: append-only, hash-chained, and guarded like the record it describes.
  await s
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_org_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('request_id', 'text')
    .addColumn('wg_id', 'text')
    .addColumn('owner_org_id', 'text', (c) => c.notNull())
    .addColumn('owner_party_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('classification', 'integer', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('audit_entity').on('audit_events').columns(['entity_type', 'entity_id']).execute();

  for (const [table, col] of [
    ['organisations', 'party_id'],
    ['wg_members', 'organisation_id'],
    ['agenda_items', 'meeting_id'],
    ['attendance', 'meeting_id'],
    ['issues', 'wg_id'],
    ['statement_issues', 'issue_id'],
    ['clauses', 'version_id'],
    ['signoffs', 'document_id'],
    ['commitments', 'wg_id'],
    ['progress_reports', 'commitment_id'],
    ['projects', 'wg_id'],
    ['project_stage_events', 'project_id'],
    ['notes', 'entity_id'],
    ['user_sessions', 'user_id'],
  ] as const) {
    await s.createIndex(`${table}_${col}`).on(table).column(col).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_events', 'notes', 'project_date_changes', 'project_stage_events', 'projects', 'progress_reports',
    'commitments', 'signoffs', 'clause_alternatives', 'clauses', 'document_versions', 'documents',
    'statement_issues', 'statements', 'positions', 'attendance', 'agenda_items', 'issues', 'meeting_leads',
    'meetings', 'tracks', 'wg_user_roles', 'wg_leads', 'wg_members', 'wg_parties', 'working_groups',
    'api_tokens', 'user_sessions', 'users', 'person_roles', 'person_aliases', 'people', 'organisations', 'parties',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
