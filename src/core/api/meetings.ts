import { Type, type Static } from 'typebox';
import { ATTENDANCE_STATUSES, MEETING_FORMATS, MEETING_LEVELS, MEETING_STATUSES } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, DateOrDateTime, Id, IsoDateTime, Nullable, Limit, Offset, Position, named } from './common.ts';

export const ATTENDANCE_ABILITIES = ['reply'] as const;
export const MEETING_ABILITIES = ['update', 'postpone', 'cancel', 'markHeld', 'manageAgenda', 'manageAttendance', 'respond', 'addConsultation'] as const;

export const MeetingCreateBody = Type.Object(
  {
    wgId: Id,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    titleKo: Type.Optional(Type.String({ maxLength: 500 })),
    level: Enum(MEETING_LEVELS),
    format: Enum(MEETING_FORMATS),
    place: Type.Optional(Type.String({ maxLength: 500 })),
    startsAt: IsoDateTime,
    endsAt: Type.Optional(IsoDateTime),
    timezone: Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone of the venue, e.g. Asia/Seoul' }),
    besideMeetingId: Type.Optional(Id),
    invite: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true, description: 'Organisations to invite' })),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const MeetingUpdateBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    titleKo: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    level: Type.Optional(Enum(MEETING_LEVELS)),
    format: Type.Optional(Enum(MEETING_FORMATS)),
    place: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    startsAt: Type.Optional(IsoDateTime),
    endsAt: Type.Optional(IsoDateTime),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    outcome: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    outcomeKo: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    minutes: Type.Optional(Nullable(Type.String({ maxLength: 200000 }))),
  },
  { additionalProperties: false },
);

export const PostponeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), newStartsAt: Type.Optional(IsoDateTime) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const HoldBody = Type.Object({ outcome: Type.Optional(Type.String({ maxLength: 20000 })) }, { additionalProperties: false });

export const AttendanceBody = Type.Object(
  {
    organisationId: Id,
    status: Enum(ATTENDANCE_STATUSES),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required when declining' })),
  },
  { additionalProperties: false },
);

export const AgendaItemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    titleKo: Type.Optional(Type.String({ maxLength: 1000 })),
    trackId: Type.Optional(Id),
    issueId: Type.Optional(Id),
    leadOrgId: Type.Optional(Id),
    position: Type.Optional(Position),
    notes: Type.Optional(Type.String({ maxLength: 20000 })),
    outcome: Type.Optional(Type.String({ maxLength: 20000 })),
  },
  { additionalProperties: false },
);
export const AgendaItemPatch = Type.Partial(AgendaItemBody, { additionalProperties: false });

export const AgendaItemSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  position: Type.Integer(),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  trackId: Nullable(Type.String()),
  trackName: Nullable(Type.String()),
  issueId: Nullable(Type.String({ description: 'Shown only when the caller may see the issue' })),
  leadOrgId: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
});

export const AttendanceSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  partyId: Type.String(),
  status: Enum(ATTENDANCE_STATUSES),
  reason: Nullable(Type.String()),
  respondedAt: Nullable(Type.String()),
  abilities: Abilities(ATTENDANCE_ABILITIES),
});

export const MeetingSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Type.String(),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  level: Enum(MEETING_LEVELS),
  format: Enum(MEETING_FORMATS),
  place: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  timezone: Type.String(),
  status: Enum(MEETING_STATUSES),
  statusReason: Nullable(Type.String()),
  postponedTo: Nullable(Type.String()),
  besideMeetingId: Nullable(Type.String({ description: 'Shown only when the caller may see that meeting' })),
  seriesId: Nullable(Type.String({ description: 'The series this meeting is an occurrence of' })),
  recurrenceId: Nullable(Type.String({ description: 'In a series: the instant its rule gives this occurrence (UTC)' })),
  access: AccessSchema,
  abilities: Abilities(MEETING_ABILITIES),
});

export const MeetingSchema = Type.Object({
  ...MeetingSummarySchema.properties,
  outcome: Nullable(Type.String()),
  outcomeKo: Nullable(Type.String()),
  minutes: Nullable(Type.String()),
  leads: Type.Array(Type.Object({ personId: Type.String(), name: Type.String() })),
  agenda: Type.Array(AgendaItemSchema),
  attendance: Type.Array(AttendanceSchema),
  consultations: Type.Array(MeetingSummarySchema, { description: 'Separate consultations recorded beside this meeting' }),
});

export const MeetingListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    from: Type.Optional(DateOrDateTime('Start on or after (date or date-time)')),
    to: Type.Optional(DateOrDateTime('Start before (date or date-time)')),
    status: Type.Optional(Enum(MEETING_STATUSES)),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
    after: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "The last meeting of the previous page (its id): the page continues after it in the list's order (keyset paging: as fast on the last page as on the first); offset then counts from there",
      }),
    ),
  },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type AgendaItem = Static<typeof AgendaItemSchema>;
export type Attendance = Static<typeof AttendanceSchema>;
export type MeetingSummary = Static<typeof MeetingSummarySchema>;
export type Meeting = Static<typeof MeetingSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('MeetingCreate', MeetingCreateBody);
named('MeetingUpdate', MeetingUpdateBody);
named('Postpone', PostponeBody);
named('Reason', ReasonBody);
named('Hold', HoldBody);
named('Attendance', AttendanceBody);
named('AgendaItem', AgendaItemBody);
named('MeetingSummary', MeetingSummarySchema);
named('Meeting', MeetingSchema);
