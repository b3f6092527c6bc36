import { Type, type Static } from 'typebox';
import { RECORDED_VIA, STANCES } from '../vocabulary.ts';
import { Enum, IsoDate, Nullable, named } from './common.ts';
import { CHECKS, GRADES, OTHER_VOICE_REASONS } from './discipline-rules.ts';

const Stance = Enum(STANCES);
const Counts = { consistent: Type.Integer(), nuance: Type.Integer(), contradiction: Type.Integer() };

export const FindingSideSchema = Type.Object({
  kind: Enum(['statement', 'position', 'clause'] as const),
  id: Type.String(),
  date: Type.String({ description: 'Said on (statement), valid from (position), in force from (agreed clause)' }),
  stance: Stance,
  partyId: Nullable(Type.String()),
  partyName: Nullable(Type.String()),
  organisationId: Nullable(Type.String()),
  organisationName: Nullable(Type.String()),
  who: Type.String(),
  text: Type.String({ description: "The passage: the words as printed, the position's rationale, or the clause" }),
  quote: Nullable(Type.String()),
  sourceUrl: Nullable(Type.String()),
  sourceTitle: Nullable(Type.String()),
  articleId: Nullable(Type.String({ description: 'The article the statement was taken from; shown only when the caller may see it' })),
  passageStart: Nullable(Type.Integer()),
  passageEnd: Nullable(Type.Integer()),
  documentId: Nullable(Type.String()),
  clauseKey: Nullable(Type.String()),
  basis: Nullable(Type.String({ description: 'How the stance or date of this side was established' })),
  recordedBy: Nullable(
    Type.Object(
      { orgId: Type.String(), orgName: Type.String(), orgNameKo: Nullable(Type.String()), orgAcronym: Nullable(Type.String()), via: Enum(RECORDED_VIA) },
      { description: 'A statement side: the organisation that recorded it and how it came in (entry, article, import); null for positions and clauses' },
    ),
  ),
});

export const FindingSchema = Type.Object({
  id: Type.String(),
  check: Enum(CHECKS, 'own_position, agreed_line, counterpart_statement, same_party_statement'),
  relation: Enum(['intra_party', 'cross_party', 'agreed_line'] as const),
  grade: Enum(GRADES),
  distance: Type.Integer({ minimum: 0, maximum: 4, description: 'Steps apart on the five-point stance scale' }),
  issue: Type.Object({ id: Type.String(), title: Type.String(), titleKo: Nullable(Type.String()), wgId: Type.String() }),
  subject: FindingSideSchema,
  against: FindingSideSchema,
  explanation: Type.String(),
});

export const OtherVoiceSchema = Type.Object(
  {
    statementId: Type.String(),
    date: Type.String({ description: 'Said on' }),
    who: Type.String(),
    partyId: Nullable(Type.String()),
    partyName: Nullable(Type.String()),
    text: Type.String({ description: 'The words as printed (the passage, else the quote)' }),
    quote: Type.String(),
    sourceUrl: Nullable(Type.String()),
    sourceTitle: Nullable(Type.String()),
    articleId: Nullable(Type.String({ description: 'The article the statement was taken from; shown only when the caller may see it' })),
    passageStart: Nullable(Type.Integer()),
    passageEnd: Nullable(Type.Integer()),
    reason: Enum(
      OTHER_VOICE_REASONS,
      'former_official: held an office of the government before, not on that date; no_office: no office of the government on that date; ' +
        'unattributed: no person and no organisation; not_government: speaks for a body that is not part of a government',
    ),
    office: Nullable(
      Type.Object(
        {
          organisationId: Type.String(),
          organisationName: Type.String(),
          organisationNameKo: Nullable(Type.String()),
          title: Nullable(Type.String()),
          titleKo: Nullable(Type.String()),
          until: Nullable(Type.String({ description: 'The last day of the office, as recorded (a year, a month or a day)' })),
        },
        { description: 'The office a former official held (or the non-government body spoken for)' },
      ),
    ),
    issues: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), titleKo: Nullable(Type.String()), stance: Stance })),
  },
  { description: "A statement that is not its party's voice on the day it was said: shown apart, never graded as the government contradicting itself" },
);

export const SummarySchema = Type.Object({
  totals: Type.Object({ ...Counts, total: Type.Integer() }),
  byCheck: Type.Array(Type.Object({ check: Enum(CHECKS), ...Counts })),
  byParty: Type.Array(Type.Object({ partyId: Nullable(Type.String()), partyName: Nullable(Type.String()), ...Counts })),
  byOrganisation: Type.Array(Type.Object({ organisationId: Nullable(Type.String()), organisationName: Nullable(Type.String()), partyId: Nullable(Type.String()), ...Counts })),
  trend: Type.Array(Type.Object({ month: Type.String(), ...Counts, divergence: Nullable(Type.Number({ description: 'Share of comparisons graded nuance or contradiction' })) })),
});

export const RulesSchema = Type.Object({
  counterpartWindowDays: Type.Integer({ minimum: 0, maximum: 366 }),
  samePartyWindowDays: Type.Integer({ minimum: 0, maximum: 366 }),
  positionGraceDays: Type.Integer({ minimum: 0, maximum: 366 }),
  nuanceAt: Type.Integer({ minimum: 1, maximum: 5 }),
  contradictionAt: Type.Integer({ minimum: 1, maximum: 5 }),
  oppositeSidesContradict: Type.Boolean(),
  checks: Type.Object(Object.fromEntries(CHECKS.map((c) => [c, Type.Boolean()]))),
  agreedLineKinds: Type.Array(Type.String()),
  agreedLineStance: Stance,
  clauseMatchMinScore: Type.Number(),
});

export const DisciplineQuery = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    includeConsistent: Type.Optional(Type.Boolean({ default: false, description: 'List consistent comparisons too (they are always counted in the summary)' })),
  },
  { additionalProperties: false },
);

export const DisciplineReport = Type.Object({
  wgId: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  rules: RulesSchema,
  ruleWarnings: Type.Array(Type.String()),
  findings: Type.Array(FindingSchema),
  otherVoices: Type.Array(OtherVoiceSchema, {
    description: 'Statements said in the period by former officials, people with no government office on that date, unattributed speakers or non-government bodies',
  }),
  summary: SummarySchema,
});

export const StatementFindings = Type.Object({
  statementId: Type.String(),
  findings: Type.Array(FindingSchema),
  otherVoices: Type.Array(OtherVoiceSchema, { description: "The statement itself when it is not its party's voice on the day (then it has no findings)" }),
  summary: SummarySchema,
});

export const RulesView = Type.Object({
  wgId: Type.String(),
  version: Type.Integer({ description: "The working group's version (send it as If-Match to change the rules)" }),
  rules: RulesSchema,
  defaults: RulesSchema,
  overrides: Nullable(Type.Record(Type.String(), Type.Unknown())),
  warnings: Type.Array(Type.String()),
});

export const RulesBody = Type.Object(
  { overrides: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'Rules that differ from the defaults; null restores the defaults' })) },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type FindingSide = Static<typeof FindingSideSchema>;
export type Finding = Static<typeof FindingSchema>;
export type OtherVoice = Static<typeof OtherVoiceSchema>;
export type Summary = Static<typeof SummarySchema>;
export type Rules = Static<typeof RulesSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('FindingSide', FindingSideSchema);
named('Finding', FindingSchema);
named('OtherVoice', OtherVoiceSchema);
named('DisciplineSummary', SummarySchema);
named('DisciplineRules', RulesSchema);
named('DisciplineReport', DisciplineReport);
named('StatementFindings', StatementFindings);
named('DisciplineRulesView', RulesView);
named('DisciplineRulesBody', RulesBody);
