/**
 * Concord's closed vocabularies: the words every layer (database, API, CLI, web app) shares.
 * Isomorphic: imports nothing from server/, web/ or cli/.
 */

/**
 * A stored word read back as one of its vocabulary's: the word itself when it is one, else null.
 * Rows keep some vocabularies as plain text (a word added later, an imported store); this is how
 * a presenter narrows them without a cast.
 */
export function wordOf<T extends string>(vocabulary: readonly T[], word: string | null | undefined): T | null {
  return word != null && (vocabulary as readonly string[]).includes(word) ? (word as T) : null;
}

/** Who may see a record, widest last. */
export const SCOPES = ['organisation', 'party', 'group', 'public'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What an API token may do: `read` (GETs only), `write` (reads and writes) or `calendar` (the
 * iCalendar feed of one working group, nothing else). No token may make, list or revoke tokens.
 */
export const TOKEN_SCOPES = ['read', 'write', 'calendar'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
/** Days an API token lasts unless its maker asks otherwise, and the most they may ask for. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

/**
 * Classification markings, lowest first. A user sees a record only when their clearance is at
 * least the record's classification (and the scope allows it).
 */
export const CLASSIFICATIONS = ['unclassified', 'restricted', 'confidential', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const classificationLevel = (c: Classification): number => CLASSIFICATIONS.indexOf(c);

/** Roles a user holds in one working group. The system administrator is a user flag. */
export const GROUP_ROLES = ['chair', 'secretariat', 'member', 'observer'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** Concord's five-point stance scale, plus "no position" (stored as null stance). */
export const STANCES = ['strongly_oppose', 'oppose', 'neutral', 'support', 'strongly_support'] as const;
export type Stance = (typeof STANCES)[number];
/** Numeric value of a stance, -2 … +2. */
export const stanceValue = (s: Stance): number => STANCES.indexOf(s) - 2;
/**
 * The stance scale mapped onto the UN-style ordinal vote (1 = yes, 2 = abstain, 3 = no), so the
 * alignment measures of the literature run on Concord's positions.
 */
export const stanceToVote = (s: Stance): 1 | 2 | 3 => (s === 'support' || s === 'strongly_support' ? 1 : s === 'neutral' ? 2 : 3);

/**
 * A group's status. A group of several parties starts `proposed` and is `established` when every
 * other party has accepted, or `declined` when one refuses; from then on its life moves
 * established → termination agreed → ended (`WG_LIFECYCLE`).
 */
export const WG_STATUSES = ['proposed', 'established', 'termination_agreed', 'ended', 'declined'] as const;
export type WorkingGroupStatus = (typeof WG_STATUSES)[number];
/** The statuses a group's own lifecycle moves through, in order (set by the group, not by proposals). */
export const WG_LIFECYCLE = ['established', 'termination_agreed', 'ended'] as const satisfies readonly WorkingGroupStatus[];
export type WorkingGroupLifecycle = (typeof WG_LIFECYCLE)[number];

export const WG_KINDS = ['bilateral', 'multilateral', 'interagency'] as const;
export type WorkingGroupKind = (typeof WG_KINDS)[number];

export const MEETING_LEVELS = ['principal', 'working', 'technical'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

export const MEETING_FORMATS = ['in_person', 'video', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const MEETING_STATUSES = ['planned', 'held', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['invited', 'attending', 'observer', 'declined'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const SOURCE_KINDS = ['meeting', 'statement', 'document', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const STATEMENT_MEDIA = ['press_briefing', 'press_release', 'interview', 'speech', 'remarks', 'social_media', 'report', 'other'] as const;
export type StatementMedium = (typeof STATEMENT_MEDIA)[number];

/** How a statement came into the record: entered by hand, confirmed from an article in the review queue, or loaded by the server (demo, import). */
export const RECORDED_VIA = ['entry', 'article', 'import'] as const;
export type RecordedVia = (typeof RECORDED_VIA)[number];

export const DOCUMENT_KINDS = ['joint_fact_sheet', 'joint_statement', 'minutes', 'press_guidance', 'memorandum', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const CLAUSE_STATUSES = ['agreed', 'bracketed'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

export const PROGRESS_STATUSES = ['not_started', 'in_progress', 'at_risk', 'blocked', 'done'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Cooperation-project stages, in pipeline order. The last four are terminal or paused states. */
export const PROJECT_STAGES = [
  'proposed',
  'group_review',
  'supported',
  'objected',
  'exemption_requested',
  'exemption_granted',
  'exemption_denied',
  'implementation',
  'done',
  'stalled',
  'cancelled',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text kept per language: `{ en: "...", ko: "..." }`; English is required where text exists. */
export type LocalizedText = { en: string; ko?: string };

/** What the sign-in page is told when a sign-in through a provider ends without a session (`/sign-in?sso=…`). */
export const SSO_OUTCOMES = ['pending', 'refused', 'unmatched', 'expired', 'provider_error'] as const;
export type SsoOutcome = (typeof SSO_OUTCOMES)[number];
