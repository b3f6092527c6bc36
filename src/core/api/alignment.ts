import { Type, type Static } from 'typebox';
import { METHOD_IDS } from '../analytics/index.ts';
import { Enum, Id, IsoDate, Nullable, DateOn, named } from './common.ts';

export const MethodSchema = Enum(METHOD_IDS, 'Alignment measure (see analytics-methods): agree, State Dept. variants, Voeten, Signorino–Ritter S, Cohen κ, Scott π');

const PartyText = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

/** Filters shared by /alignment/agreement, /matrix and /bridging (the CLI's flags). */
const Filters = {
  group: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Working group id (default: unga, the imported UN General Assembly roll calls)' })),
  basis: Type.Optional(Type.String({ maxLength: 200_000, pattern: '^[\\w.:/-]+(,[\\w.:/-]+)*$', description: "Only these source keys (UN: rcids), comma-separated: the CLI's --basis-file" })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Issues with this category code (UN: me, nu, di, hr, co, ec)' })),
  important: Type.Optional(Type.Boolean({ description: 'Important votes only (UN importantvote = 1)' })),
  asOf: Type.Optional(DateOn('Positions in force on this date (YYYY-MM-DD); default: all recorded')),
};

export const GroupAlignmentParams = Type.Object({ id: Id });
export const GroupAlignmentQuery = Type.Object(
  {
    method: Type.Optional(MethodSchema),
    asOf: Type.Optional(DateOn('Positions in force on this date (YYYY-MM-DD); default today')),
    a: Type.Optional(PartyText('One side of a single pair: party code, name, or organisation (acronym, CODE/ACRONYM, id)')),
    b: Type.Optional(PartyText('The other side of the pair')),
  },
  { additionalProperties: false },
);

export const AgreementQuery = Type.Object(
  {
    a: PartyText('Party code (US, KR), name, or organisation; the reference for State Dept. methods'),
    b: PartyText('The other party or organisation'),
    method: MethodSchema,
    by: Type.Optional(Enum(['year', 'session'] as const, 'One figure per calendar year or UNGA session (default: one over everything)')),
    ...Filters,
  },
  { additionalProperties: false },
);

export const MatrixQuery = Type.Object({ method: MethodSchema, ...Filters }, { additionalProperties: false });

export const BridgingQuery = Type.Object(
  {
    groupA: Type.String({ minLength: 1, maxLength: 2000, description: 'Side A: parties, comma-separated (e.g. US,GB,FR)' }),
    groupB: Type.String({ minLength: 1, maxLength: 2000, description: 'Side B: parties, comma-separated' }),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Length of each list (default 10)' })),
    ...Filters,
  },
  { additionalProperties: false },
);

export const ParticipantSchema = Type.Object({
  key: Type.String({ description: 'party:<id> or org:<id>' }),
  kind: Enum(['party', 'organisation'] as const),
  id: Type.String(),
  code: Type.String({ description: "Party code (for an organisation: its party's)" }),
  label: Type.String({ description: 'CODE, or CODE/ACRONYM for an organisation' }),
  name: Type.String(),
});

const Count = Type.Integer({ minimum: 0 });

export const FigureSchema = Type.Object({
  method: MethodSchema,
  value: Nullable(Type.Number({ description: 'null when undefined (n = 0, or no chance variation for κ/π)' })),
  n: Type.Integer({ minimum: 0, description: 'Scored issues (both took a position, for symmetric methods)' }),
  same: Count,
  opposite: Count,
  partial: Count,
  absent: Count,
  absentA: Count,
  absentB: Count,
  denominator: Count,
  marginalsA: Type.Array(Count, { description: "a's support/neutral/oppose counts over the scored issues" }),
  marginalsB: Type.Array(Count),
});

export const LabelScaleSchema = Type.Object({
  id: Type.String(),
  method: MethodSchema,
  minN: Type.Integer(),
  bands: Type.Array(Type.Object({ label: Type.String(), min: Nullable(Type.Number({ description: 'null: no lower bound' })) })),
});

const LabelSchema = Type.Object({
  label: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  n: Type.Integer(),
  method: MethodSchema,
  scaleId: Type.String(),
  reason: Type.Optional(Type.String()),
});

const TrendSchema = Type.Object({
  by: Enum(['meeting', 'year'] as const, "Windows: the group's held meetings (stances in force on each date), or calendar years"),
  method: MethodSchema,
  slope: Nullable(Type.Number({ description: 'Least-squares slope per year' })),
  intercept: Nullable(Type.Number()),
  nWindows: Type.Integer(),
  threshold: Type.Number(),
  direction: Enum(['converging', 'diverging', 'stable'] as const),
  note: Type.Optional(Type.String({ description: 'Why there is no direction, in English (the web app words it from nWindows and minWindows)' })),
  minWindows: Type.Optional(Type.Integer({ description: 'With the note: the windows with a value a trend needs; nWindows has fewer' })),
  points: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Nullable(Type.String()),
      date: Nullable(Type.String()),
      x: Type.Number(),
      value: Nullable(Type.Number()),
      n: Type.Integer(),
      used: Type.Boolean(),
    }),
  ),
});

const VoteClassSchema = Enum(['support', 'neutral', 'oppose'] as const);

export const GroupAlignmentSchema = Type.Object({
  group: Type.Object({ id: Type.String(), name: Type.String() }),
  method: MethodSchema,
  asOf: Type.String(),
  labelScale: LabelScaleSchema,
  participants: Type.Array(ParticipantSchema),
  basis: Type.Object({ issues: Type.Integer(), positions: Type.Integer() }, { description: 'Issues and positions visible to the caller that the figures come from' }),
  pairs: Type.Array(
    Type.Object({
      a: ParticipantSchema,
      b: ParticipantSchema,
      kind: Enum(['parties', 'organisations', 'mixed'] as const),
      figure: FigureSchema,
      label: LabelSchema,
      trend: TrendSchema,
      dividing: Type.Array(
        Type.Object({
          issueId: Type.String(),
          title: Type.String(),
          date: Nullable(Type.String()),
          a: VoteClassSchema,
          b: VoteClassSchema,
          gap: Enum(['opposite', 'partial'] as const),
        }),
        { description: 'Issues on which the two differ, opposite stances first' },
      ),
    }),
  ),
});

export const AgreementSchema = Type.Object({
  group: Type.String(),
  method: MethodSchema,
  asOf: Nullable(Type.String()),
  by: Enum(['year', 'session', 'all'] as const),
  a: ParticipantSchema,
  b: ParticipantSchema,
  rows: Type.Array(
    Type.Object({
      method: MethodSchema,
      a: Type.String(),
      b: Type.String(),
      window: Type.Unsafe<number | 'all'>({ type: ['integer', 'string'], pattern: '^all$', description: "The window's index, or 'all' for the whole period" }),
      n: Count,
      same: Count,
      opposite: Count,
      partial: Count,
      absent: Count,
      value: Nullable(Type.Number()),
      items: Count,
    }),
  ),
  overall: FigureSchema,
});

export const MatrixSchema = Type.Object({
  group: Type.String(),
  method: MethodSchema,
  asOf: Nullable(Type.String()),
  items: Count,
  participants: Type.Array(ParticipantSchema),
  values: Type.Array(Type.Array(Nullable(Type.Number())), { description: 'values[i][j]: row i is a (the reference), column j is b' }),
  n: Type.Array(Type.Array(Count)),
});

const SideCounts = Type.Object({ agree: Count, disagree: Count, seen: Count });
const BridgeIssue = Type.Object({
  issueId: Type.String(),
  title: Type.String(),
  sourceKey: Nullable(Type.String()),
  date: Nullable(Type.String()),
  score: Type.Number(),
  pattern: Type.String(),
  sideA: SideCounts,
  sideB: SideCounts,
});

export const BridgingSchema = Type.Object({
  group: Type.String(),
  asOf: Nullable(Type.String()),
  items: Count,
  method: Type.Literal('polis-gac-bridging'),
  sideA: Type.Array(ParticipantSchema),
  sideB: Type.Array(ParticipantSchema),
  unite: Type.Array(BridgeIssue),
  divide: Type.Array(BridgeIssue),
});

export const LabelScaleBody = Type.Object(
  {
    method: MethodSchema,
    minN: Type.Integer({ minimum: 0, maximum: 10000, description: 'No label below this many shared issues' }),
    bands: Type.Array(
      Type.Object(
        {
          label: Type.String({ minLength: 1, maxLength: 100 }),
          min: Nullable(Type.Number({ minimum: -1, maximum: 1, description: 'The floor on the measure (every measure lies in -1 … 1); null: no lower bound (last band only)' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 12 },
    ),
  },
  { additionalProperties: false, description: 'Bands from the highest floor down; a figure takes the first band whose floor it reaches' },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Method = Static<typeof MethodSchema>;
export type Participant = Static<typeof ParticipantSchema>;
export type Figure = Static<typeof FigureSchema>;
export type LabelScale = Static<typeof LabelScaleSchema>;
export type GroupAlignment = Static<typeof GroupAlignmentSchema>;
export type Agreement = Static<typeof AgreementSchema>;
export type Matrix = Static<typeof MatrixSchema>;
export type Bridging = Static<typeof BridgingSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('AlignmentMethod', MethodSchema);
named('Participant', ParticipantSchema);
named('AlignmentFigure', FigureSchema);
named('LabelScale', LabelScaleSchema);
named('GroupAlignment', GroupAlignmentSchema);
named('Agreement', AgreementSchema);
named('AlignmentMatrix', MatrixSchema);
named('BridgingIssues', BridgingSchema);
named('LabelScaleInput', LabelScaleBody);
