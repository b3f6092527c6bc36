import { Type, type Static } from 'typebox';
import { PROJECT_STAGES } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, Id, IsoDate, Nullable, Limit, Offset, named } from './common.ts';

export const PROJECT_ABILITIES = ['update', 'changeStage', 'reschedule'] as const;

const Stage = Enum(PROJECT_STAGES);
const TimeZone = Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone whose calendar the date is in, e.g. America/New_York' });
const Reason = Type.String({ minLength: 1, maxLength: 5000 });

export const ProjectCreateBody = Type.Object(
  {
    wgId: Id,
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    nameKo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    trackId: Type.Optional(Nullable(Id)),
    proponentOrgId: Type.Optional(Id),
    plannedOn: Type.Optional(Nullable(IsoDate)),
    proposedOn: Type.Optional(IsoDate),
    timezone: Type.Optional(TimeZone),
    reason: Type.Optional(Reason),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const ProjectUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    nameKo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    trackId: Type.Optional(Nullable(Id)),
    proponentOrgId: Type.Optional(Nullable(Id)),
    statusNote: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  { additionalProperties: false },
);

export const StageChangeBody = Type.Object(
  {
    stage: Stage,
    occurredOn: IsoDate,
    timezone: Type.Optional(TimeZone),
    reason: Reason,
    authorityOrgId: Type.Optional(Id),
    meetingId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const RescheduleBody = Type.Object({ newDate: Nullable(IsoDate), reason: Reason }, { additionalProperties: false, description: 'newDate null: the new date is not yet known' });

export const StageEventSchema = Type.Object({
  stage: Stage,
  occurredOn: Type.String(),
  timezone: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  authorityOrgId: Nullable(Type.String()),
  authorityOrgName: Nullable(Type.String()),
  meetingId: Nullable(Type.String({ description: 'Shown only when the caller may see the meeting' })),
  recordedBy: Nullable(Type.String()),
  recordedAt: Type.String(),
});

export const DateChangeSchema = Type.Object({
  oldDate: Nullable(Type.String()),
  newDate: Nullable(Type.String()),
  reason: Type.String(),
  changedOn: Type.String(),
  recordedBy: Nullable(Type.String()),
  recordedAt: Type.String(),
});

export const StagePeriodSchema = Type.Object({
  stage: Stage,
  enteredOn: Type.String(),
  leftOn: Nullable(Type.String({ description: 'The next stage event; null while ongoing or for a terminal stage' })),
  days: Nullable(Type.Integer({ description: 'Calendar days in the stage; null for a terminal stage' })),
  ongoing: Type.Boolean({ description: 'The current, non-terminal stage: counted up to asOf' }),
});

const Timing = {
  daysByStage: Type.Record(Type.String(), Type.Integer(), { description: 'Days spent in each stage (summed when a stage was entered more than once)' }),
  daysFromReviewToExemption: Nullable(Type.Integer({ description: 'Days from the first group_review to the first exemption decision after it; null when either is missing' })),
  exemptionOutcome: Nullable(Enum(['exemption_granted', 'exemption_denied'] as const)),
};

export const ProjectSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Type.String(),
  trackId: Nullable(Type.String()),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  description: Nullable(Type.String()),
  proponentOrgId: Nullable(Type.String()),
  proponentOrgName: Nullable(Type.String()),
  stage: Stage,
  plannedOn: Nullable(Type.String()),
  statusNote: Nullable(Type.String()),
  access: AccessSchema,
  abilities: Abilities(PROJECT_ABILITIES),
});

export const ProjectSchema = Type.Object({
  ...ProjectSummarySchema.properties,
  allowedNextStages: Type.Array(Stage, { description: 'Stages the caller may move the project to now' }),
  stageHistory: Type.Array(StageEventSchema),
  dateChanges: Type.Array(DateChangeSchema),
  stageTimes: Type.Array(StagePeriodSchema),
  ...Timing,
  asOf: Type.String({ description: 'The day an ongoing stage is counted up to' }),
});

export const StageTimesSchema = Type.Object({
  asOf: Type.String(),
  items: Type.Array(
    Type.Object({
      projectId: Type.String(),
      wgId: Type.String(),
      name: Type.String(),
      nameKo: Nullable(Type.String()),
      stage: Stage,
      groupReviewOn: Nullable(Type.String()),
      exemptionDecidedOn: Nullable(Type.String()),
      ...Timing,
    }),
  ),
});

export const ProjectListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    stage: Type.Optional(Stage),
    trackId: Type.Optional(Id),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });
export const StageTimesQuery = Type.Object({ wgId: Type.Optional(Id), asOf: Type.Optional(IsoDate) }, { additionalProperties: false });

/* The shapes as TypeScript types, for the server and the web app alike. */
export type StageEvent = Static<typeof StageEventSchema>;
export type DateChange = Static<typeof DateChangeSchema>;
export type StagePeriod = Static<typeof StagePeriodSchema>;
export type ProjectSummary = Static<typeof ProjectSummarySchema>;
export type Project = Static<typeof ProjectSchema>;
export type StageTimes = Static<typeof StageTimesSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('ProjectCreate', ProjectCreateBody);
named('ProjectUpdate', ProjectUpdateBody);
named('StageChange', StageChangeBody);
named('Reschedule', RescheduleBody);
named('StageEvent', StageEventSchema);
named('DateChange', DateChangeSchema);
named('StagePeriod', StagePeriodSchema);
named('ProjectSummary', ProjectSummarySchema);
named('Project', ProjectSchema);
named('StageTimes', StageTimesSchema);
