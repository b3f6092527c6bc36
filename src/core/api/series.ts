/** Meeting series: a recurring meeting, its occurrences (meetings), and moving or cancelling one of them. */
import { Type, type Static } from 'typebox';
import { MEETING_FORMATS, MEETING_LEVELS, MEETING_STATUSES } from '../vocabulary.ts';
import { MAX_OCCURRENCES } from '../series.ts';
import { Abilities, AccessInput, AccessSchema, DateOn, Enum, Id, IsoDateTime, Limit, Nullable, Offset, RecordDate, named } from './common.ts';

export const SERIES_ABILITIES = ['update', 'moveOccurrence', 'cancelOccurrence'] as const;

const Rrule = Type.String({
  minLength: 6,
  maxLength: 500,
  description: 'RFC 5545 RRULE without DTSTART, UNTIL or COUNT (the first start, `until` and `count` say those), e.g. FREQ=MONTHLY;BYDAY=2TU',
});
const Duration = Type.Integer({ minimum: 5, maximum: 1440, description: 'Minutes each occurrence lasts' });
const Count = Type.Integer({ minimum: 1, maximum: MAX_OCCURRENCES, description: `How many occurrences (at most ${MAX_OCCURRENCES})` });
const Until = DateOn("The last day an occurrence may fall on, in the venue's zone (YYYY-MM-DD)");

export const SeriesCreateBody = Type.Object(
  {
    wgId: Id,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    titleKo: Type.Optional(Type.String({ maxLength: 500 })),
    level: Enum(MEETING_LEVELS),
    format: Enum(MEETING_FORMATS),
    place: Type.Optional(Type.String({ maxLength: 500 })),
    timezone: Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone of the venue: every occurrence keeps the first one’s local time there' }),
    startsAt: RecordDate('date-time', 'The first occurrence: ISO 8601 date and time with offset'),
    durationMinutes: Duration,
    rrule: Rrule,
    until: Type.Optional(Until),
    count: Type.Optional(Count),
    invite: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true, description: 'Organisations every occurrence invites' })),
    ...AccessInput,
  },
  { additionalProperties: false, description: 'A series ends: give `until` or `count` (or both; the earlier end wins)' },
);

export const SeriesUpdateBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    titleKo: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    level: Type.Optional(Enum(MEETING_LEVELS)),
    format: Type.Optional(Enum(MEETING_FORMATS)),
    place: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    startsAt: Type.Optional(IsoDateTime),
    durationMinutes: Type.Optional(Duration),
    rrule: Type.Optional(Rrule),
    until: Type.Optional(Nullable(Until)),
    count: Type.Optional(Nullable(Count)),
  },
  {
    additionalProperties: false,
    description:
      'Changes the series and its planned occurrences that were not moved one by one; occurrences the new rule no longer gives leave the series (cancelled when still planned), new ones are scheduled',
  },
);

export const OccurrenceMoveBody = Type.Object(
  {
    startsAt: IsoDateTime,
    endsAt: Type.Optional(IsoDateTime),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const OccurrenceCancelBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const OccurrenceSchema = Type.Object({
  meetingId: Type.String(),
  version: Type.Integer(),
  recurrenceId: Type.String({ description: 'The instant the rule gives this occurrence (UTC), whether or not it was moved' }),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Enum(MEETING_STATUSES),
  statusReason: Nullable(Type.String()),
  moved: Type.Boolean({ description: 'Starts elsewhere than its rule says' }),
});

export const SeriesSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Type.String(),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  level: Enum(MEETING_LEVELS),
  format: Enum(MEETING_FORMATS),
  place: Nullable(Type.String()),
  timezone: Type.String(),
  startsAt: Type.String(),
  durationMinutes: Type.Integer(),
  rrule: Type.String(),
  until: Nullable(Type.String()),
  count: Nullable(Type.Integer()),
  invite: Type.Array(Type.String()),
  access: AccessSchema,
  abilities: Abilities(SERIES_ABILITIES),
});

export const SeriesSchema = Type.Object({
  ...SeriesSummarySchema.properties,
  occurrences: Type.Array(OccurrenceSchema, { description: 'Every occurrence, in the order of the rule' }),
});

export const SeriesListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

export type Occurrence = Static<typeof OccurrenceSchema>;
export type SeriesSummary = Static<typeof SeriesSummarySchema>;
export type Series = Static<typeof SeriesSchema>;

named('SeriesCreate', SeriesCreateBody);
named('SeriesUpdate', SeriesUpdateBody);
named('OccurrenceMove', OccurrenceMoveBody);
named('OccurrenceCancel', OccurrenceCancelBody);
named('Occurrence', OccurrenceSchema);
named('SeriesSummary', SeriesSummarySchema);
named('Series', SeriesSchema);
