import { Type, type Static } from 'typebox';
import { GROUP_ROLES, PROJECT_STAGES, WG_KINDS, WG_STATUSES } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, Id, IsoDate, Nullable, Position, named } from './common.ts';
import { MeetingSummarySchema } from './meetings.ts';

/** How an organisation takes part in a working group. Only `member` opens group-scoped records to it. */
export const PARTICIPATIONS = ['member', 'observer', 'non_participant'] as const;
export const WORKING_GROUP_ABILITIES = [
  'update',
  'manageTracks',
  'manageMembers',
  'manageRoles',
  'changeSettings',
  'scheduleMeeting',
  'createIssue',
  'createDocument',
  'createCommitment',
  'proposeProject',
  'createStatement',
  'recordPosition',
  'addNote',
  'addArticle',
] as const;

const Name = Type.String({ minLength: 1, maxLength: 500 });
const Text = (maxLength: number) => Type.String({ maxLength });
const Rrule = Type.String({ minLength: 1, maxLength: 500, description: 'RFC 5545 RRULE of the usual cadence, e.g. FREQ=MONTHLY;BYDAY=3TU' });
const TimeZone = Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone, e.g. Asia/Seoul' });

export const MemberInput = Type.Object(
  {
    organisationId: Id,
    participation: Enum(PARTICIPATIONS),
    note: Type.Optional(Nullable(Text(2000))),
  },
  { additionalProperties: false },
);
export const LeadInput = Type.Object(
  {
    personId: Id,
    role: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. co_chair, head_of_delegation' }),
    partyId: Id,
  },
  { additionalProperties: false },
);

export const WorkingGroupCreateBody = Type.Object(
  {
    name: Name,
    nameKo: Type.Optional(Text(500)),
    shortName: Type.Optional(Text(100)),
    mandate: Type.Optional(Text(20000)),
    mandateKo: Type.Optional(Text(20000)),
    kind: Enum(WG_KINDS),
    status: Type.Optional(Enum(WG_STATUSES, 'A group of one party: default established (a historical group may be recorded as ended). A group of several parties starts proposed: leave it out')),
    establishedOn: Type.Optional(IsoDate),
    terminationAgreedOn: Type.Optional(IsoDate),
    endedOn: Type.Optional(IsoDate),
    cadenceRrule: Type.Optional(Rrule),
    cadenceNote: Type.Optional(Text(2000)),
    timezone: TimeZone,
    predecessorId: Type.Optional(Id),
    partyIds: Type.Array(Id, { minItems: 1, maxItems: 50, description: 'The parties to the group' }),
    members: Type.Optional(Type.Array(MemberInput, { maxItems: 200 })),
    leads: Type.Optional(Type.Array(LeadInput, { maxItems: 50 })),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const WorkingGroupUpdateBody = Type.Object(
  {
    name: Type.Optional(Name),
    nameKo: Type.Optional(Nullable(Text(500))),
    shortName: Type.Optional(Nullable(Text(100))),
    mandate: Type.Optional(Nullable(Text(20000))),
    mandateKo: Type.Optional(Nullable(Text(20000))),
    kind: Type.Optional(Enum(WG_KINDS)),
    status: Type.Optional(Enum(WG_STATUSES, 'Moves forward only: established → termination_agreed → ended (proposed and declined are set by proposals)')),
    establishedOn: Type.Optional(Nullable(IsoDate)),
    terminationAgreedOn: Type.Optional(Nullable(IsoDate)),
    endedOn: Type.Optional(Nullable(IsoDate)),
    cadenceRrule: Type.Optional(Nullable(Rrule)),
    cadenceNote: Type.Optional(Nullable(Text(2000))),
    timezone: Type.Optional(TimeZone),
    predecessorId: Type.Optional(Nullable(Id)),
    partyIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 50, description: 'Replaces the parties' })),
    leads: Type.Optional(Type.Array(LeadInput, { maxItems: 50, description: 'Replaces the leads' })),
  },
  { additionalProperties: false },
);

export const TrackCreateBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9][a-z0-9_-]*$' }),
    name: Name,
    nameKo: Type.Optional(Text(500)),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);
export const TrackUpdateBody = Type.Object(
  {
    code: Type.Optional(TrackCreateBody.properties.code),
    name: Type.Optional(Name),
    nameKo: Type.Optional(Nullable(Text(500))),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);

export const MemberBody = Type.Object(
  {
    participation: Enum(PARTICIPATIONS),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: "Why, e.g. a ministry's reason for not taking part" }))),
  },
  { additionalProperties: false },
);

const PartyRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), nameKo: Nullable(Type.String()) });
const GroupRef = Type.Object({ id: Type.String(), name: Type.String(), nameKo: Nullable(Type.String()), status: Enum(WG_STATUSES) });

export const TrackSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  position: Type.Integer(),
});

export const MemberSchema = Type.Object({
  organisationId: Type.String(),
  acronym: Nullable(Type.String()),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  partyId: Type.String(),
  participation: Enum(PARTICIPATIONS),
  note: Nullable(Type.String()),
});

export const WorkingGroupSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  shortName: Nullable(Type.String()),
  kind: Enum(WG_KINDS),
  status: Enum(WG_STATUSES),
  establishedOn: Nullable(Type.String()),
  terminationAgreedOn: Nullable(Type.String()),
  endedOn: Nullable(Type.String()),
  cadenceRrule: Nullable(Type.String()),
  cadenceNote: Nullable(Type.String()),
  timezone: Type.String(),
  parties: Type.Array(PartyRef),
  myRole: Nullable(Enum(GROUP_ROLES)),
  access: AccessSchema,
  abilities: Abilities(WORKING_GROUP_ABILITIES),
});

export const WorkingGroupSchema = Type.Object({
  ...WorkingGroupSummarySchema.properties,
  mandate: Nullable(Type.String()),
  mandateKo: Nullable(Type.String()),
  members: Type.Array(MemberSchema),
  leads: Type.Array(Type.Object({ id: Type.String(), personId: Type.String(), name: Type.String(), nameKo: Nullable(Type.String()), role: Type.String(), partyId: Type.String() })),
  tracks: Type.Array(TrackSchema),
  predecessor: Nullable(GroupRef),
  successors: Type.Array(GroupRef, { description: 'Groups that took over from this one' }),
});

export const WorkingGroupListQuery = Type.Object(
  {
    status: Type.Optional(Enum(WG_STATUSES)),
    mine: Type.Optional(Type.Boolean({ description: 'Only the groups in which my organisation takes part (member or observer) or I hold a role ("My working groups")' })),
  },
  { additionalProperties: false },
);

export const GROUP_PERSON_ABILITIES = ['setRole'] as const;
/** What the caller may do with working groups as a whole: found (propose) one. */
export const WORKING_GROUP_LIST_ABILITIES = ['create'] as const;

export const WorkingGroupListSchema = Type.Object({
  items: Type.Array(WorkingGroupSummarySchema),
  abilities: Abilities(WORKING_GROUP_LIST_ABILITIES),
});

/** A user as the group's role list shows them: no e-mail, only their name, organisation and role. */
export const GroupPersonSchema = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  organisationId: Type.String(),
  partyId: Type.String(),
  role: Nullable(Enum(GROUP_ROLES)),
  abilities: Abilities(GROUP_PERSON_ABILITIES),
});

export const CalendarQuery = Type.Object(
  {
    token: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'An API token, for calendar apps that cannot send headers. Accepted on this route only; use a dedicated token you can revoke, since URLs end up in logs',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DashboardSchema = Type.Object({
  wgId: Type.String(),
  generatedAt: Type.String(),
  nextMeetings: Type.Array(MeetingSummarySchema, { description: 'Planned meetings from now on, soonest first (up to 5)' }),
  commitments: Type.Object({
    total: Type.Integer(),
    open: Type.Integer({ description: "Not every reporting party's latest report is done (or nobody has reported)" }),
    disputed: Type.Integer({ description: "The parties' latest reports disagree on the status" }),
  }),
  projects: Type.Array(
    Type.Object({
      stage: Enum(PROJECT_STAGES),
      count: Type.Integer(),
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          nameKo: Nullable(Type.String()),
          since: Type.String({ description: 'Date the project entered this stage' }),
          daysInStage: Type.Integer(),
        }),
      ),
    }),
  ),
  recentStatements: Type.Array(
    Type.Object({
      id: Type.String(),
      saidOn: Type.String(),
      partyId: Nullable(Type.String()),
      speakerName: Nullable(Type.String()),
      speakerOrgId: Nullable(Type.String()),
      speakerDescription: Nullable(Type.String()),
      medium: Type.String(),
      language: Type.String(),
      quote: Type.String(),
      sourceUrl: Nullable(Type.String()),
      access: AccessSchema,
    }),
    { description: 'Newest first (up to 10)' },
  ),
});

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Track = Static<typeof TrackSchema>;
export type Member = Static<typeof MemberSchema>;
export type WorkingGroupSummary = Static<typeof WorkingGroupSummarySchema>;
export type WorkingGroup = Static<typeof WorkingGroupSchema>;
export type Dashboard = Static<typeof DashboardSchema>;
export type GroupPerson = Static<typeof GroupPersonSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('MemberInput', MemberInput);
named('LeadInput', LeadInput);
named('WorkingGroupCreate', WorkingGroupCreateBody);
named('WorkingGroupUpdate', WorkingGroupUpdateBody);
named('TrackCreate', TrackCreateBody);
named('TrackUpdate', TrackUpdateBody);
named('Member', MemberBody);
named('Track', TrackSchema);
named('GroupMember', MemberSchema);
named('WorkingGroupSummary', WorkingGroupSummarySchema);
named('WorkingGroup', WorkingGroupSchema);
named('Dashboard', DashboardSchema);
named('GroupPerson', GroupPersonSchema);
