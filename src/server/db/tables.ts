/**
 * Row types of every table, as Kysely sees them. Kept by hand beside the migrations; the
 * export/import round-trip test fails when the two drift apart.
 */

import type {
  AttendanceStatus,
  ClauseStatus,
  DocumentKind,
  GroupRole,
  MeetingFormat,
  MeetingLevel,
  MeetingStatus,
  ProgressStatus,
  ProjectStage,
  RecordedVia,
  Scope,
  SourceKind,
  Stance,
  StatementMedium,
  WorkingGroupKind,
  WorkingGroupStatus,
} from '../../core/vocabulary.ts';
import type { CANDIDATE_KINDS, CANDIDATE_STATUSES } from '../../core/api/articles.ts';
import type { FEED_LANGUAGES, FEED_STATUSES } from '../../core/api/feeds.ts';
import type { NOTE_TARGETS } from '../../core/api/notes.ts';
import type { PARTICIPATIONS } from '../../core/api/working-groups.ts';
import type { AUDIT_ACTIONS } from '../../core/api/audit.ts';
import type { PROPOSAL_KINDS, PROPOSAL_STATUSES } from '../../core/api/proposals.ts';
import type { Delivery, EmailState, NotificationKind } from '../../core/api/notifications.ts';

export interface Stamped {
  version: number;
  created_at: string;
  updated_at: string;
}

/** The guard columns: who owns the record and who may see it. */
export interface Guarded {
  owner_org_id: string;
  owner_party_id: string;
  scope: Scope;
  classification: number;
}

export interface PartyRow extends Stamped {
  id: string;
  code: string;
  name: string;
  name_ko: string | null;
  kind: string;
}
export interface OrganisationRow extends Stamped {
  id: string;
  party_id: string;
  parent_id: string | null;
  acronym: string | null;
  name: string;
  name_ko: string | null;
  kind: string;
}
export interface PersonRow extends Stamped {
  id: string;
  name: string;
  name_ko: string | null;
  party_id: string | null;
}
export interface PersonAliasRow {
  id: string;
  person_id: string;
  alias: string;
  kind: string;
}
export interface PersonRoleRow {
  id: string;
  person_id: string;
  organisation_id: string;
  title: string;
  title_ko: string | null;
  valid_from: string | null;
  valid_to: string | null;
}
export interface UserRow extends Stamped {
  id: string;
  email: string;
  display_name: string;
  organisation_id: string;
  password_hash: string;
  clearance: number;
  is_admin: number;
  locale: string;
  disabled: number;
  /** When the password was last set by its owner or through a reset (null: not since the account was made). */
  password_changed_at?: string | null;
}
/**
 * A browser session; `id` is the SHA-256 of the cookie's secret. It ends at `expires_at` (the
 * absolute lifetime), when idle past the instance's timeout since `last_seen_at` (kept to the
 * minute; null: not seen since `created_at`), or when revoked.
 */
export interface UserSessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_seen_at?: string | null;
  user_agent?: string | null;
  ip?: string | null;
  /** `passkey_enrolment`: a session that may only enrol a passkey (migration 025); null: a full session. */
  limited_to?: string | null;
}
/** A user's passkey: a WebAuthn credential (migration 025; auth/passkeys.ts). */
export interface PasskeyRow extends Stamped {
  id: string;
  user_id: string;
  /** The credential id, base64url. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** The authenticator's signature counter at its last use (a bigint: PostgreSQL answers a string). */
  counter: number | string;
  /** The transports the browser reported, a JSON array. */
  transports: string;
  device_type: string;
  backed_up: number;
  name: string;
  last_used_at: string | null;
}
/** A WebAuthn challenge the server issued: used once, or expired (operational; not exported: not in TABLE_ORDER). */
export interface WebauthnChallengeRow {
  id: string;
  challenge: string;
  purpose: string;
  user_id: string | null;
  created_at: string;
  expires_at: string;
}
/** One notification to one user, and its e-mail's delivery (migration 023; notify/). */
export interface NotificationRow {
  id: string;
  dedupe_key: string;
  user_id: string;
  kind: string;
  entity_type: string;
  entity_id: string;
  wg_id: string | null;
  audit_seq: number;
  locale: string;
  subject: string;
  body: string;
  link: string | null;
  ical: string | null;
  created_at: string;
  email_state: EmailState;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  read_at: string | null;
  /** The e-mail's HTML part (migration 026; null for rows written before it: the text is wrapped then). */
  html?: string | null;
  /** The digest (a row of kind `digest`) that carried this notification. */
  digest_id?: string | null;
}
/** A user's saved notification choices (migration 026): `id` is the user's id. */
export interface NotificationSettingsRow {
  id: string;
  timezone: string;
  digest_hour: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface NotificationPreferenceRow {
  user_id: string;
  kind: NotificationKind;
  delivery: Delivery;
}
export interface NotificationMuteRow {
  user_id: string;
  wg_id: string;
}
/** The idempotency key of a time-driven reminder: one per commitment × kind × due date. */
export interface CommitmentReminderRow {
  commitment_id: string;
  kind: 'commitment_due' | 'commitment_overdue';
  due_on: string;
  created_at: string;
}
/** A one-time password reset link: only the SHA-256 of its secret is kept; spent once `used_at` is set. */
export interface PasswordResetRow {
  id: string;
  user_id: string;
  token_hash: string;
  issued_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
/**
 * An API token: `read` (GETs), `write` (reads and writes) or `calendar` (the feed of the group
 * `wg_id` only); refused once expired or revoked. `last_used_at` moves at most once a minute.
 */
export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  scope: string;
  wg_id: string | null;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface WorkingGroupRow extends Stamped, Guarded {
  id: string;
  wg_id: string | null;
  name: string;
  name_ko: string | null;
  short_name: string | null;
  mandate: string | null;
  mandate_ko: string | null;
  kind: WorkingGroupKind;
  status: WorkingGroupStatus;
  established_on: string | null;
  termination_agreed_on: string | null;
  ended_on: string | null;
  cadence_rrule: string | null;
  cadence_note: string | null;
  timezone: string;
  predecessor_id: string | null;
  /** The group's message-discipline rules as JSON (null: the documented defaults). */
  discipline_rules?: string | null;
  /** The group's label scale for alignment figures as JSON (null: the documented default). */
  label_scale?: string | null;
}
export interface WgPartyRow {
  wg_id: string;
  party_id: string;
}
export interface WgMemberRow {
  wg_id: string;
  organisation_id: string;
  participation: (typeof PARTICIPATIONS)[number];
  note: string | null;
}
export interface WgLeadRow {
  id: string;
  wg_id: string;
  person_id: string;
  role: string;
  party_id: string;
}
export interface WgUserRoleRow {
  wg_id: string;
  user_id: string;
  role: GroupRole;
}
export interface TrackRow extends Stamped {
  id: string;
  wg_id: string;
  code: string;
  name: string;
  name_ko: string | null;
  position: number;
}

export interface MeetingRow extends Stamped, Guarded {
  id: string;
  wg_id: string;
  title: string;
  title_ko: string | null;
  level: MeetingLevel;
  format: MeetingFormat;
  place: string | null;
  starts_at: string;
  ends_at: string;
  timezone: string;
  status: MeetingStatus;
  status_reason: string | null;
  postponed_to: string | null;
  beside_meeting_id: string | null;
  outcome: string | null;
  outcome_ko: string | null;
  minutes: string | null;
  /** The series the meeting is an occurrence of (migration 015), and the instant its rule gave it (UTC). */
  series_id?: string | null;
  recurrence_id?: string | null;
}
/** A recurring meeting: its occurrences are meeting rows with its id (migration 015). */
export interface MeetingSeriesRow extends Stamped, Guarded {
  id: string;
  wg_id: string;
  title: string;
  title_ko: string | null;
  level: MeetingLevel;
  format: MeetingFormat;
  place: string | null;
  timezone: string;
  starts_at: string;
  duration_minutes: number;
  rrule: string;
  until_date: string | null;
  count: number | null;
  /** JSON list of the organisation ids each new occurrence invites. */
  invite: string;
}
export interface MeetingLeadRow {
  meeting_id: string;
  person_id: string;
}
export interface AgendaItemRow extends Stamped {
  id: string;
  meeting_id: string;
  track_id: string | null;
  issue_id: string | null;
  title: string;
  title_ko: string | null;
  lead_org_id: string | null;
  position: number;
  notes: string | null;
  outcome: string | null;
}
export interface AttendanceRow extends Stamped {
  id: string;
  meeting_id: string;
  organisation_id: string;
  status: AttendanceStatus;
  reason: string | null;
  responded_at: string | null;
}
export interface IssueRow extends Stamped, Guarded {
  id: string;
  wg_id: string;
  track_id: string | null;
  code: string | null;
  title: string;
  title_ko: string | null;
  description: string | null;
  keywords: string;
  /** For issues that are recorded votes (e.g. a UN roll call): the source's key and metadata. */
  source_key?: string | null;
  session?: number | null;
  occurred_on?: string | null;
  resolution?: string | null;
  categories?: string;
  important?: number | null;
}
export interface PositionRow extends Guarded {
  id: string;
  wg_id: string;
  issue_id: string;
  party_id: string;
  organisation_id: string | null;
  stance: Stance | null;
  conditions: string | null;
  rationale: string | null;
  source_kind: SourceKind | null;
  source_ref: string | null;
  valid_from: string;
  recorded_by: string | null;
  created_at: string;
}
export interface StatementRow extends Stamped, Guarded {
  id: string;
  wg_id: string | null;
  party_id: string | null;
  speaker_person_id: string | null;
  speaker_org_id: string | null;
  speaker_description: string | null;
  said_on: string;
  medium: StatementMedium;
  language: string;
  quote: string;
  context: string | null;
  source_url: string | null;
  source_title: string | null;
  passage: string | null;
  /** The article and character span the statement was confirmed from, when it came from one. */
  article_id?: string | null;
  passage_start?: number | null;
  passage_end?: number | null;
  /** The organisation that recorded the statement, the user who did, and how it came in (migration 016). */
  recorded_org_id?: string | null;
  recorded_by?: string | null;
  recorded_via?: RecordedVia;
}
export interface StatementIssueRow {
  statement_id: string;
  issue_id: string;
  stance: Stance | null;
}
export interface DocumentRow extends Stamped, Guarded {
  id: string;
  wg_id: string | null;
  kind: DocumentKind;
  title: string;
  title_ko: string | null;
  released_on: string | null;
  adopted_version_id: string | null;
}
export interface DocumentVersionRow {
  id: string;
  document_id: string;
  number: number;
  content_hash: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}
export interface ClauseRow {
  id: string;
  version_id: string;
  position: number;
  clause_key: string;
  track_id: string | null;
  status: ClauseStatus;
  text_en: string;
  text_ko: string | null;
}
export interface ClauseAlternativeRow {
  id: string;
  clause_id: string;
  party_id: string;
  text_en: string;
  text_ko: string | null;
}
export interface SignoffRow {
  id: string;
  document_id: string;
  version_id: string;
  party_id: string;
  content_hash: string;
  signed_by: string | null;
  signed_at: string;
  voided_at: string | null;
  voided_reason: string | null;
  /** The party key's Ed25519 signature of the sign-off (base64), its key id and public key (PEM); null before migration 016. */
  signature?: string | null;
  key_id?: string | null;
  public_key?: string | null;
}
export interface CommitmentRow extends Stamped, Guarded {
  id: string;
  wg_id: string | null;
  document_id: string | null;
  clause_key: string | null;
  meeting_id: string | null;
  track: string | null;
  title: string;
  title_ko: string | null;
  responsible_party_id: string | null;
  responsible_org_id: string | null;
  due_on: string | null;
}
export interface ProgressReportRow {
  id: string;
  commitment_id: string;
  party_id: string;
  organisation_id: string;
  status: ProgressStatus;
  percent: number | null;
  note: string | null;
  evidence_url: string | null;
  reported_on: string;
  reported_by: string | null;
  created_at: string;
}
export interface ProjectRow extends Stamped, Guarded {
  id: string;
  wg_id: string;
  track_id: string | null;
  name: string;
  name_ko: string | null;
  description: string | null;
  proponent_org_id: string | null;
  stage: ProjectStage;
  planned_on: string | null;
  status_note: string | null;
}
export interface ProjectStageEventRow {
  id: string;
  project_id: string;
  stage: ProjectStage;
  occurred_on: string;
  timezone: string | null;
  reason: string | null;
  authority_org_id: string | null;
  meeting_id: string | null;
  recorded_by: string | null;
  created_at: string;
}
export interface ProjectDateChangeRow {
  id: string;
  project_id: string;
  old_date: string | null;
  new_date: string | null;
  reason: string;
  changed_on: string;
  recorded_by: string | null;
  created_at: string;
}
export interface NoteRow extends Stamped, Guarded {
  id: string;
  wg_id: string | null;
  entity_type: keyof typeof NOTE_TARGETS;
  entity_id: string;
  body: string;
  created_by: string | null;
}
export interface AuditEventRow {
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: (typeof AUDIT_ACTIONS)[number];
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
  wg_id: string | null;
  owner_org_id: string;
  owner_party_id: string;
  scope: string;
  classification: number;
  prev_hash: string;
  hash: string;
}
/** An event as a command made it, before the chain gives it its place: no sequence, no link, no hash (audit/chain.ts). */
export type AuditDraft = Omit<AuditEventRow, 'seq' | 'prev_hash' | 'hash'>;

export interface ArticleRow extends Stamped, Guarded {
  id: string;
  wg_id: string | null;
  title: string | null;
  source_url: string | null;
  published_on: string | null;
  language: string;
  format: string;
  text: string;
  created_by: string | null;
  /** The feed the article was taken from (migration 018); null for a pasted one. */
  feed_id?: string | null;
}
/** A feed a working group follows (migration 018); the fetcher's bookkeeping moves no version. */
export interface GroupFeedRow extends Stamped, Guarded {
  id: string;
  wg_id: string;
  url: string;
  title: string | null;
  language: (typeof FEED_LANGUAGES)[number];
  added_by: string | null;
  active: number;
  last_fetched_at: string | null;
  last_status: (typeof FEED_STATUSES)[number];
  last_error: string | null;
  etag: string | null;
  last_modified: string | null;
  failure_count: number;
  next_fetch_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  item_count: number;
}
/** An item taken from a feed: once per group by guid, address or content (migration 018). */
export interface GroupFeedItemRow {
  id: string;
  feed_id: string;
  wg_id: string;
  guid: string | null;
  url: string | null;
  content_hash: string;
  article_id: string | null;
  first_seen_at: string;
}
export interface StatementCandidateRow {
  id: string;
  article_id: string;
  position: number;
  status: (typeof CANDIDATE_STATUSES)[number];
  kind: (typeof CANDIDATE_KINDS)[number];
  quote: string;
  sentence: string | null;
  span_start: number;
  span_end: number;
  cue: string | null;
  confidence: string | null;
  /** The speaker as extracted (JSON: text, name, role, organisation, anonymous, description). */
  speaker: string;
  speaker_person_id: string | null;
  speaker_org_id: string | null;
  party_id: string | null;
  suggested_issues: string;
  statement_id: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A request to raise a user's clearance: `pending` until a second administrator approves or rejects it. */
/** A joint decision of a working group waiting for (or past) the approval of its parties (migration 014). */
export interface WgProposalRow extends Stamped, Guarded {
  id: string;
  wg_id: string;
  kind: (typeof PROPOSAL_KINDS)[number];
  /** JSON: what the proposal changes (see core/api/proposals.ts). */
  payload: string;
  /** JSON array: the parties whose approval the proposal needs. */
  required_party_ids: string;
  invited_party_id: string | null;
  invitation_open: number;
  proposed_by: string;
  status: (typeof PROPOSAL_STATUSES)[number];
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
}
export interface WgProposalApprovalRow {
  proposal_id: string;
  party_id: string;
  user_id: string;
  approved_at: string;
}

export interface ClearanceRequestRow extends Stamped {
  id: string;
  user_id: string;
  from_clearance: number;
  clearance: number;
  requested_by: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
}

export interface Database {
  parties: PartyRow;
  organisations: OrganisationRow;
  people: PersonRow;
  person_aliases: PersonAliasRow;
  person_roles: PersonRoleRow;
  users: UserRow;
  user_sessions: UserSessionRow;
  password_resets: PasswordResetRow;
  passkeys: PasskeyRow;
  /** WebAuthn challenges (operational; not exported: not in TABLE_ORDER). */
  webauthn_challenges: WebauthnChallengeRow;
  api_tokens: ApiTokenRow;
  working_groups: WorkingGroupRow;
  wg_parties: WgPartyRow;
  wg_members: WgMemberRow;
  wg_leads: WgLeadRow;
  wg_user_roles: WgUserRoleRow;
  tracks: TrackRow;
  meeting_series: MeetingSeriesRow;
  meetings: MeetingRow;
  meeting_leads: MeetingLeadRow;
  agenda_items: AgendaItemRow;
  attendance: AttendanceRow;
  issues: IssueRow;
  positions: PositionRow;
  statements: StatementRow;
  statement_issues: StatementIssueRow;
  documents: DocumentRow;
  document_versions: DocumentVersionRow;
  clauses: ClauseRow;
  clause_alternatives: ClauseAlternativeRow;
  signoffs: SignoffRow;
  commitments: CommitmentRow;
  progress_reports: ProgressReportRow;
  projects: ProjectRow;
  project_stage_events: ProjectStageEventRow;
  project_date_changes: ProjectDateChangeRow;
  notes: NoteRow;
  audit_events: AuditEventRow;
  articles: ArticleRow;
  statement_candidates: StatementCandidateRow;
  group_feeds: GroupFeedRow;
  group_feed_items: GroupFeedItemRow;
  /** Failed sign-ins per client and account (operational; not exported: not in TABLE_ORDER). */
  sign_in_throttle: SignInThrottleRow;
  clearance_requests: ClearanceRequestRow;
  wg_proposals: WgProposalRow;
  wg_proposal_approvals: WgProposalApprovalRow;
  /** Compact copies of groups' position logs for the analytics (derived; not exported: not in TABLE_ORDER; analytics/compact/). */
  analytics_logs: AnalyticsLogRow;
  notifications: NotificationRow;
  notification_settings: NotificationSettingsRow;
  notification_preferences: NotificationPreferenceRow;
  notification_mutes: NotificationMuteRow;
  commitment_reminders: CommitmentReminderRow;
  user_identities: UserIdentityRow;
  access_requests: AccessRequestRow;
  /** Sign-ins through an identity provider under way (operational; not exported: not in TABLE_ORDER). */
  oidc_sign_ins: OidcSignInRow;
}

/** An account at an identity provider (provider id + subject) linked to a user (migration 024). */
export interface UserIdentityRow {
  id: string;
  provider_id: string;
  subject: string;
  user_id: string;
  email: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

/**
 * A first sign-in through an identity provider that no rule admitted, waiting for an
 * administrator of `party_id` (the party of the organisation the claims map to): `pending`,
 * `approved` (`user_id` the account made or linked) or `refused`.
 */
export interface AccessRequestRow {
  id: string;
  provider_id: string;
  subject: string;
  email: string;
  email_verified: number;
  display_name: string;
  /** The organisation claim's value as the provider sent it (a list joined by commas). */
  organisation_claim: string | null;
  locale: string;
  organisation_id: string;
  party_id: string;
  status: string;
  user_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A sign-in under way: spent once (`used_at`), before `expires_at`, by the browser holding the binding cookie. */
export interface OidcSignInRow {
  state_hash: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  browser_hash: string;
  return_to: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AnalyticsLogRow {
  wg_id: string;
  /** The audit chain's newest relevant event (seq:hash) the copy was built at. */
  marker: string;
  format: number;
  built_at: string;
  /** The log, encoded (analytics/compact/codec.ts). */
  data: Uint8Array;
}

export interface SignInThrottleRow {
  key: string;
  failures: number;
  last_failure_ms: number;
  blocked_until_ms: number;
}

/** Every table in dependency order (parents first): export, import and reset walk this list. */
export const TABLE_ORDER: (keyof Database)[] = [
  'parties',
  'organisations',
  'people',
  'person_aliases',
  'person_roles',
  'users',
  'user_identities',
  'user_sessions',
  'password_resets',
  'passkeys',
  'api_tokens',
  'working_groups',
  'wg_parties',
  'wg_members',
  'wg_leads',
  'wg_user_roles',
  'tracks',
  'meeting_series',
  'meetings',
  'meeting_leads',
  'issues',
  'agenda_items',
  'attendance',
  'positions',
  'statements',
  'statement_issues',
  'documents',
  'document_versions',
  'clauses',
  'clause_alternatives',
  'signoffs',
  'commitments',
  'progress_reports',
  'projects',
  'project_stage_events',
  'project_date_changes',
  'notes',
  'group_feeds',
  'articles',
  'statement_candidates',
  'group_feed_items',
  'clearance_requests',
  'access_requests',
  'wg_proposals',
  'wg_proposal_approvals',
  'notifications',
  'notification_settings',
  'notification_preferences',
  'notification_mutes',
  'commitment_reminders',
  'audit_events',
];
