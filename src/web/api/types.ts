/**
 * Response shapes of the Concord API as the web app uses them. Meetings, session and audit follow
 * the server's TypeBox schemas exactly; the other resources follow the same conventions
 * (camelCase columns, `access`, `abilities`, `version`) and are checked against
 * /api/openapi.json as their routes land. Fields the app can live without are optional.
 */
import type {
  AttendanceStatus, Classification, MeetingFormat, MeetingLevel, MeetingStatus, ProgressStatus, ProjectStage, Scope, Stance,
} from '../../core/vocabulary.ts';

export interface Access {
  scope: Scope;
  classification: Classification;
  ownerOrgId: string;
  ownerPartyId: string;
}
export type Abilities<K extends string> = Partial<Record<K, boolean>>;
export interface List<T> {
  items: T[];
  nextBefore?: number | null;
  total?: number;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  partyId: string;
  clearance: Classification;
  isAdmin: boolean;
  locale: string;
  roles: Record<string, string>;
}
export interface Session {
  user: SessionUser;
  csrfToken?: string;
}

export interface Party {
  id: string;
  code: string;
  name: string;
  nameKo: string | null;
  kind?: string;
}
export interface Organisation {
  id: string;
  partyId: string;
  parentId?: string | null;
  acronym: string | null;
  name: string;
  nameKo: string | null;
  kind?: string;
}
export interface PersonRole {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationAcronym: string | null;
  partyId: string;
  title: string;
  titleKo: string | null;
  from: string | null;
  to: string | null;
}
export interface Person {
  id: string;
  name: string;
  nameKo: string | null;
  partyId?: string | null;
  aliases?: { id: string; alias: string; kind: string }[];
  roles?: PersonRole[];
}
export interface Track {
  id: string;
  version?: number;
  code: string;
  name: string;
  nameKo: string | null;
  position: number;
}

export interface PartyRef {
  id: string;
  code: string;
  name: string;
  nameKo: string | null;
}
export interface GroupMember {
  organisationId: string;
  acronym: string | null;
  name: string;
  nameKo: string | null;
  partyId: string;
  participation: 'member' | 'observer' | 'non_participant';
  note: string | null;
}
export const WORKING_GROUP_ABILITY_NAMES = [
  'update', 'manageTracks', 'manageMembers', 'manageRoles', 'changeSettings', 'scheduleMeeting', 'createIssue', 'recordPosition', 'addNote', 'addArticle',
] as const;
export interface WorkingGroupSummary {
  id: string;
  version: number;
  name: string;
  nameKo: string | null;
  shortName: string | null;
  kind: string;
  status: string;
  establishedOn: string | null;
  terminationAgreedOn: string | null;
  endedOn: string | null;
  cadenceRrule: string | null;
  cadenceNote: string | null;
  timezone: string;
  parties: PartyRef[];
  myRole: string | null;
  access: Access;
  abilities: Abilities<(typeof WORKING_GROUP_ABILITY_NAMES)[number]>;
}
export interface WorkingGroup extends WorkingGroupSummary {
  mandate: string | null;
  mandateKo: string | null;
  members: GroupMember[];
  leads: { id: string; personId: string; name: string; nameKo: string | null; role: string; partyId: string }[];
  tracks: Track[];
  predecessor: { id: string; name: string; nameKo: string | null; status: string } | null;
  successors: { id: string; name: string; nameKo: string | null; status: string }[];
}

export interface Dashboard {
  wgId: string;
  generatedAt: string;
  nextMeetings: MeetingSummary[];
  commitments: { total: number; open: number; disputed: number };
  projects: { stage: ProjectStage; count: number; items: { id: string; name: string; nameKo: string | null; since: string; daysInStage: number }[] }[];
  recentStatements: {
    id: string;
    saidOn: string;
    partyId: string | null;
    speakerName: string | null;
    speakerOrgId: string | null;
    speakerDescription: string | null;
    medium: string;
    language: string;
    quote: string;
    sourceUrl: string | null;
    access: Access;
  }[];
}

export const MEETING_ABILITY_NAMES = ['update', 'postpone', 'cancel', 'markHeld', 'manageAgenda', 'manageAttendance', 'respond', 'addConsultation'] as const;
export interface MeetingSummary {
  id: string;
  version: number;
  wgId: string;
  title: string;
  titleKo: string | null;
  level: MeetingLevel;
  format: MeetingFormat;
  place: string | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: MeetingStatus;
  statusReason: string | null;
  postponedTo: string | null;
  besideMeetingId: string | null;
  access: Access;
  abilities: Abilities<(typeof MEETING_ABILITY_NAMES)[number]>;
}
export interface AgendaItem {
  id: string;
  version: number;
  position: number;
  title: string;
  titleKo: string | null;
  trackId: string | null;
  trackName: string | null;
  issueId: string | null;
  leadOrgId: string | null;
  notes: string | null;
  outcome: string | null;
}
export interface Attendance {
  id: string;
  version: number;
  organisationId: string;
  organisationName: string;
  partyId: string;
  status: AttendanceStatus;
  reason: string | null;
  respondedAt: string | null;
  /** reply: the caller may set this organisation's reply (theirs as a member; any as chair or secretariat). */
  abilities: Abilities<'reply'>;
}
export interface Meeting extends MeetingSummary {
  outcome: string | null;
  outcomeKo: string | null;
  minutes: string | null;
  leads: { personId: string; name: string }[];
  agenda: AgendaItem[];
  attendance: Attendance[];
  consultations: MeetingSummary[];
}

export interface Issue {
  id: string;
  version: number;
  wgId: string;
  trackId: string | null;
  trackName: string | null;
  code: string | null;
  title: string;
  titleKo: string | null;
  description: string | null;
  keywords: string[];
  access: Access;
  abilities: Abilities<'update' | 'recordPosition' | 'addNote'>;
}

export interface Position {
  id: string;
  wgId: string;
  issueId: string;
  partyId: string;
  organisationId: string | null;
  stance: Stance | null;
  stanceValue: number | null;
  conditions: string | null;
  rationale: string | null;
  sourceKind: string | null;
  sourceRef: string | null;
  validFrom: string;
  recordedBy: string | null;
  createdAt: string;
  access: Access;
  abilities: Abilities<'append'>;
}

export interface Speaker {
  kind: 'person' | 'organisation' | 'anonymous';
  personId: string | null;
  personName: string | null;
  personNameKo: string | null;
  orgId: string | null;
  orgName: string | null;
  orgNameKo: string | null;
  description: string | null;
  display: string;
}
export interface Statement {
  id: string;
  version: number;
  wgId: string | null;
  partyId: string | null;
  speaker: Speaker;
  saidOn: string;
  medium: string;
  language: string;
  quote: string;
  context: string | null;
  sourceUrl: string | null;
  sourceTitle: string | null;
  passage: string | null;
  issues: { issueId: string; title: string; titleKo: string | null; stance: Stance | null }[];
  createdAt: string;
  updatedAt: string;
  access: Access;
  abilities: Abilities<'update' | 'delete'>;
}

export interface ClauseAlternative {
  partyId: string;
  textEn: string;
  textKo: string | null;
}
export interface Clause {
  key: string;
  position: number;
  trackId: string | null;
  status: 'agreed' | 'bracketed';
  textEn: string;
  textKo: string | null;
  alternatives: ClauseAlternative[];
}
export interface SignOff {
  id: string;
  partyId: string;
  versionNumber: number;
  contentHash: string;
  signedBy: string | null;
  signedAt: string;
  voidedAt: string | null;
  voidedReason: string | null;
}
export interface DocumentVersionSummary {
  number: number;
  contentHash: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  bracketedClauses: number;
}
export interface DocumentVersion extends DocumentVersionSummary {
  documentId: string;
  latest: boolean;
  clauses: Clause[];
  signOffs: SignOff[];
}
export const DOCUMENT_ABILITY_NAMES = ['update', 'createVersion', 'signOff'] as const;
export interface DocumentSummary {
  id: string;
  version: number;
  wgId: string | null;
  kind: string;
  title: string;
  titleKo: string | null;
  releasedOn: string | null;
  latestVersion: number | null;
  adopted: boolean;
  adoptedVersion: number | null;
  access: Access;
  abilities: Abilities<(typeof DOCUMENT_ABILITY_NAMES)[number]>;
}
export interface PartySignOff {
  partyId: string;
  partyName: string;
  signed: boolean;
  signOff: SignOff | null;
}
export interface JointDocument extends DocumentSummary {
  current: DocumentVersion | null;
  versions: DocumentVersionSummary[];
  signOffs: PartySignOff[];
  signOffHistory: SignOff[];
}
interface Change<T> {
  before: T;
  after: T;
  changed: boolean;
}
export interface ChangedClause {
  key: string;
  changes: ('textEn' | 'textKo' | 'status' | 'alternatives' | 'position' | 'trackId')[];
  textEn: Change<string>;
  textKo: Change<string | null>;
  status: Change<string>;
  position: Change<number>;
  trackId: Change<string | null>;
  alternatives: Change<ClauseAlternative[]>;
}
export interface DocumentDiff {
  documentId: string;
  from: { number: number; contentHash: string };
  to: { number: number; contentHash: string };
  added: Clause[];
  removed: Clause[];
  changed: ChangedClause[];
  unchanged: string[];
}

export interface ProgressReport {
  id: string;
  partyId: string;
  organisationId: string;
  organisationName: string;
  status: ProgressStatus;
  percent: number | null;
  note: string | null;
  evidenceUrl: string | null;
  reportedOn: string;
  reportedBy: string | null;
  createdAt: string;
}
export type CommitmentState = 'open' | 'disputed' | 'overdue' | 'done';
export interface CommitmentSummary {
  id: string;
  version: number;
  wgId: string | null;
  documentId: string | null;
  clauseKey: string | null;
  meetingId: string | null;
  track: string | null;
  title: string;
  titleKo: string | null;
  responsiblePartyId: string | null;
  responsibleOrgId: string | null;
  dueOn: string | null;
  state: CommitmentState;
  open: boolean;
  done: boolean;
  disputed: boolean;
  overdue: boolean;
  latestByParty: { partyId: string; report: ProgressReport }[];
  access: Access;
  abilities: Abilities<'update' | 'report'>;
}
export interface Commitment extends CommitmentSummary {
  reports: ProgressReport[];
}

export interface StageEvent {
  stage: ProjectStage;
  occurredOn: string;
  timezone: string | null;
  reason: string | null;
  authorityOrgId: string | null;
  authorityOrgName: string | null;
  meetingId: string | null;
  recordedBy: string | null;
  recordedAt: string;
}
export interface DateChange {
  oldDate: string | null;
  newDate: string | null;
  reason: string;
  changedOn: string;
  recordedBy: string | null;
  recordedAt: string;
}
export interface StagePeriod {
  stage: ProjectStage;
  enteredOn: string;
  leftOn: string | null;
  days: number | null;
  ongoing: boolean;
}
export interface ProjectSummary {
  id: string;
  version: number;
  wgId: string;
  trackId: string | null;
  name: string;
  nameKo: string | null;
  description: string | null;
  proponentOrgId: string | null;
  proponentOrgName: string | null;
  stage: ProjectStage;
  plannedOn: string | null;
  statusNote: string | null;
  access: Access;
  abilities: Abilities<'update' | 'changeStage' | 'reschedule'>;
}
export interface Project extends ProjectSummary {
  allowedNextStages: ProjectStage[];
  stageHistory: StageEvent[];
  dateChanges: DateChange[];
  stageTimes: StagePeriod[];
  daysByStage: Record<string, number>;
  daysFromReviewToExemption: number | null;
  exemptionOutcome: 'exemption_granted' | 'exemption_denied' | null;
  asOf: string;
}
export interface StageTimes {
  asOf: string;
  items: {
    projectId: string;
    wgId: string;
    name: string;
    nameKo: string | null;
    stage: ProjectStage;
    groupReviewOn: string | null;
    exemptionDecidedOn: string | null;
    daysByStage: Record<string, number>;
    daysFromReviewToExemption: number | null;
    exemptionOutcome: 'exemption_granted' | 'exemption_denied' | null;
  }[];
}

export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  wgId: string | null;
  access: Access;
  hash: string;
}
