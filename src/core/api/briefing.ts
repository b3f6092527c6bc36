import { Type, type Static } from 'typebox';
import { Id, Nullable, named } from './common.ts';
import { MeetingSummarySchema } from './meetings.ts';
import { PositionSchema } from './positions.ts';
import { CommitmentSummarySchema } from './commitments.ts';
import { StatementSchema } from './statements.ts';
import { MethodSchema, ParticipantSchema } from './alignment.ts';

/** Days before the meeting whose statements the briefing book lists. */
export const BRIEFING_STATEMENT_DAYS = 30;

export const BriefingParams = Type.Object({ id: Id });

const BriefingAgendaItem = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  trackName: Nullable(Type.String()),
  trackNameKo: Nullable(Type.String()),
  leadOrgId: Nullable(Type.String({ description: 'The organisation leading the item' })),
  issue: Nullable(Type.Object({ id: Type.String(), title: Type.String(), titleKo: Nullable(Type.String()) }, { description: "The item's issue; null when it has none or the caller may not see it" })),
  positions: Type.Array(PositionSchema, {
    description: "On the item's issue, each party's (and organisation's) latest position the caller may see, in force on the meeting's date",
  }),
});

const BriefingPair = Type.Object({
  a: ParticipantSchema,
  b: ParticipantSchema,
  method: MethodSchema,
  n: Type.Integer({ minimum: 0, description: 'Issues scored (both sides took a position the caller may see)' }),
  value: Nullable(Type.Number({ description: 'null when undefined or when n is below the scale’s minimum (too few): never a value beside "too few"' })),
  tooFew: Type.Boolean({ description: "n is below the label scale's minimum" }),
  label: Nullable(Type.String({ description: "The reading on the group's scale" })),
});

export const BriefingSchema = named(
  'Briefing',
  Type.Object({
    meeting: MeetingSummarySchema,
    asOf: Type.String({ description: "The meeting's date in its venue's time zone: positions and alignment are those in force on it" }),
    statementsFrom: Type.String({ description: `First day of the statements listed (${BRIEFING_STATEMENT_DAYS} days before the meeting)` }),
    agenda: Type.Array(BriefingAgendaItem),
    commitments: Type.Array(CommitmentSummarySchema, { description: "The group's open commitments (disputed ones included), as they stand today" }),
    statements: Type.Array(StatementSchema, { description: `The group's statements of the ${BRIEFING_STATEMENT_DAYS} days up to the meeting, newest first` }),
    alignment: Type.Object(
      {
        available: Type.Boolean({ description: 'false when the group has too many participants to list every pair' }),
        method: MethodSchema,
        scaleId: Type.String(),
        minN: Type.Integer(),
        basis: Type.Object({ issues: Type.Integer(), positions: Type.Integer() }, { description: 'Issues and positions visible to the caller that the figures count' }),
        pairs: Type.Array(BriefingPair, { description: 'Each pair of parties' }),
      },
      { description: 'Alignment of the parties on the meeting’s date, over only what the caller may see' },
    ),
  }),
);
export type Briefing = Static<typeof BriefingSchema>;
export type BriefingPair = Static<typeof BriefingPair>;
