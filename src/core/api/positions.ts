import { Type, type Static } from 'typebox';
import { SOURCE_KINDS, STANCES } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, DateOn, Enum, Id, Nullable, named } from './common.ts';

export const POSITION_ABILITIES = ['append'] as const;

export const PositionCreateBody = Type.Object(
  {
    issueId: Id,
    partyId: Type.Optional(Id),
    organisationId: Type.Optional(Nullable(Id)),
    stance: Nullable(Enum(STANCES, 'The stance, or null for "no position"')),
    conditions: Type.Optional(Type.String({ maxLength: 20000, description: 'Conditions and red lines' })),
    rationale: Type.Optional(Type.String({ maxLength: 20000 })),
    sourceKind: Type.Optional(Enum(SOURCE_KINDS)),
    sourceRef: Type.Optional(Type.String({ maxLength: 2000, description: 'The meeting, statement or document id, or a citation' })),
    validFrom: Type.Optional(DateOn('The date the stance holds from (YYYY-MM-DD); default today')),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const PositionSchema = Type.Object({
  id: Type.String(),
  wgId: Type.String(),
  issueId: Type.String(),
  partyId: Type.String(),
  organisationId: Nullable(Type.String()),
  stance: Nullable(Enum(STANCES)),
  stanceValue: Nullable(Type.Integer({ minimum: -2, maximum: 2 })),
  conditions: Nullable(Type.String()),
  rationale: Nullable(Type.String()),
  sourceKind: Nullable(Type.String()),
  sourceRef: Nullable(Type.String()),
  validFrom: Type.String(),
  recordedBy: Nullable(Type.String()),
  createdAt: Type.String(),
  access: AccessSchema,
  abilities: Abilities(POSITION_ABILITIES),
});

export const PositionListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    issueId: Type.Optional(Id),
    partyId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
    asOf: Type.Optional(DateOn('The stances in force on this date (YYYY-MM-DD); default today')),
  },
  { additionalProperties: false },
);

export const PositionHistoryQuery = Type.Object(
  {
    issueId: Id,
    partyId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Position = Static<typeof PositionSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('PositionCreate', PositionCreateBody);
named('Position', PositionSchema);
