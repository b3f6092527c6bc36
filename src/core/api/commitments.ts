import { Type, type Static } from 'typebox';
import { PROGRESS_STATUSES } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, Id, IsoDate, Nullable, Limit, Offset, named } from './common.ts';
import { HttpUrl } from './statements.ts';

export const COMMITMENT_ABILITIES = ['update', 'report'] as const;
export const COMMITMENT_STATES = ['open', 'disputed', 'overdue', 'done'] as const;

const editable = {
  track: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'Free-text track label, e.g. "Sanctions implementation"' }))),
  titleKo: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  responsiblePartyId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'The party that must act; null: both (all) parties' }))),
  responsibleOrgId: Type.Optional(Nullable(Id)),
  dueOn: Type.Optional(Nullable(IsoDate)),
};

export const CommitmentCreateBody = Type.Object(
  {
    documentId: Type.Optional(Id),
    clauseKey: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The clause of the document the commitment comes from' })),
    meetingId: Type.Optional(Id),
    title: Type.String({ minLength: 1, maxLength: 2000 }),
    ...editable,
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const CommitmentUpdateBody = Type.Object({ title: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })), ...editable }, { additionalProperties: false });

export const ReportBody = Type.Object(
  {
    status: Enum(PROGRESS_STATUSES),
    percent: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    evidenceUrl: Type.Optional(Nullable(HttpUrl)),
    reportedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const ReportSchema = Type.Object({
  id: Type.String(),
  partyId: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  status: Enum(PROGRESS_STATUSES),
  percent: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  evidenceUrl: Nullable(Type.String()),
  reportedOn: Type.String(),
  reportedBy: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const CommitmentSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Nullable(Type.String()),
  documentId: Nullable(Type.String({ description: 'Shown only when the caller may see the document' })),
  clauseKey: Nullable(Type.String({ description: "The clause of the document; null with the document's id" })),
  meetingId: Nullable(Type.String({ description: 'Shown only when the caller may see the meeting' })),
  meeting: Nullable(
    Type.Object(
      { id: Type.String(), title: Type.String(), titleKo: Nullable(Type.String()), day: Type.String({ description: "The meeting's day at its venue (YYYY-MM-DD)" }) },
      { description: 'The meeting the commitment came from, when the caller may see it' },
    ),
  ),
  track: Nullable(Type.String()),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  responsiblePartyId: Nullable(Type.String({ description: 'null: both (all) parties' })),
  responsibleOrgId: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  state: Enum(COMMITMENT_STATES),
  open: Type.Boolean({ description: 'Not done by every reporting party (or nobody has reported)' }),
  done: Type.Boolean({ description: 'Every reporting party says done in its latest report' }),
  disputed: Type.Boolean({ description: 'Two or more parties have reported and their latest statuses differ' }),
  overdue: Type.Boolean({ description: 'Open and due before today' }),
  latestByParty: Type.Array(Type.Object({ partyId: Type.String(), report: ReportSchema }), { description: "Each reporting party's latest report" }),
  access: AccessSchema,
  abilities: Abilities(COMMITMENT_ABILITIES),
});

export const CommitmentSchema = Type.Object({
  ...CommitmentSummarySchema.properties,
  reports: Type.Array(ReportSchema, { description: 'Every progress report, newest first' }),
});

export const CommitmentListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    documentId: Type.Optional(Id),
    responsiblePartyId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "That party's commitments, including those of both (all) parties" })),
    state: Type.Optional(Enum(['open', 'disputed', 'done', 'overdue'] as const, 'open includes the disputed and overdue ones')),
    dueBefore: Type.Optional(IsoDate),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Report = Static<typeof ReportSchema>;
export type CommitmentSummary = Static<typeof CommitmentSummarySchema>;
export type Commitment = Static<typeof CommitmentSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('CommitmentCreate', CommitmentCreateBody);
named('CommitmentUpdate', CommitmentUpdateBody);
named('Report', ReportBody);
named('ProgressReport', ReportSchema);
named('CommitmentSummary', CommitmentSummarySchema);
named('Commitment', CommitmentSchema);
