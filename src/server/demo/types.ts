import type * as R from '../db/tables.ts';

type NoStamp<T> = Omit<T, 'version' | 'created_at' | 'updated_at'>;

/**
 * The demo scenario as plain rows. The loader stamps versions and times, hashes passwords and
 * document versions, and appends one audit event per record, all in one transaction.
 */
export interface DemoScenario {
  parties: NoStamp<R.PartyRow>[];
  organisations: NoStamp<R.OrganisationRow>[];
  people: NoStamp<R.PersonRow>[];
  person_aliases: R.PersonAliasRow[];
  person_roles: R.PersonRoleRow[];
  users: (Omit<NoStamp<R.UserRow>, 'password_hash'> & { password: string; roles: { wg_id: string; role: string }[]; note: string })[];
  working_groups: NoStamp<R.WorkingGroupRow>[];
  wg_parties: R.WgPartyRow[];
  wg_members: R.WgMemberRow[];
  wg_leads: R.WgLeadRow[];
  tracks: NoStamp<R.TrackRow>[];
  meetings: NoStamp<R.MeetingRow>[];
  meeting_leads: R.MeetingLeadRow[];
  issues: NoStamp<R.IssueRow>[];
  agenda_items: NoStamp<R.AgendaItemRow>[];
  attendance: NoStamp<R.AttendanceRow>[];
  positions: Omit<R.PositionRow, 'created_at' | 'recorded_by'>[];
  statements: NoStamp<R.StatementRow>[];
  statement_issues: R.StatementIssueRow[];
  documents: NoStamp<R.DocumentRow>[];
  /** content_hash is computed by the loader from the version's clauses. */
  document_versions: Omit<R.DocumentVersionRow, 'content_hash' | 'created_by'>[];
  clauses: R.ClauseRow[];
  clause_alternatives: R.ClauseAlternativeRow[];
  /** content_hash is taken from the signed version by the loader. */
  signoffs: Omit<R.SignoffRow, 'content_hash' | 'signed_by'>[];
  commitments: NoStamp<R.CommitmentRow>[];
  progress_reports: Omit<R.ProgressReportRow, 'created_at' | 'reported_by'>[];
  projects: NoStamp<R.ProjectRow>[];
  project_stage_events: Omit<R.ProjectStageEventRow, 'created_at' | 'recorded_by'>[];
  project_date_changes: Omit<R.ProjectDateChangeRow, 'created_at' | 'recorded_by'>[];
  notes: Omit<NoStamp<R.NoteRow>, 'created_by'>[];
}
