import { Type, type Static } from 'typebox';
import { RECORDED_VIA, STANCES, STATEMENT_MEDIA } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, Id, IsoDate, Nullable, Limit, Offset, named } from './common.ts';

export const STATEMENT_ABILITIES = ['update'] as const;

export const LanguageTag = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35, description: 'BCP 47 tag of the language the words were said in, e.g. en, ko' });
export const HttpUrl = Type.String({ pattern: '^https?://\\S+$', maxLength: 2000, description: 'An absolute http or https URL' });
const Text = (max: number) => Type.String({ maxLength: max });

export const StatementIssueInput = Type.Object(
  { issueId: Id, stance: Type.Optional(Nullable(Enum(STANCES, 'The stance the words express on the issue; null when none'))) },
  { additionalProperties: false },
);

const editable = {
  partyId: Type.Optional(Nullable(Id)),
  speakerPersonId: Type.Optional(Nullable(Id)),
  speakerOrgId: Type.Optional(Nullable(Id)),
  speakerDescription: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500, description: 'For an anonymous speaker, e.g. "a senior State Department official"' }))),
  context: Type.Optional(Nullable(Text(20000))),
  sourceUrl: Type.Optional(Nullable(HttpUrl)),
  sourceTitle: Type.Optional(Nullable(Text(1000))),
  passage: Type.Optional(Nullable(Text(2000))),
  issues: Type.Optional(Type.Array(StatementIssueInput, { maxItems: 100, description: 'Issues the statement speaks to, each with its stance' })),
};

export const StatementCreateBody = Type.Object(
  {
    wgId: Type.Optional(Nullable(Id)),
    saidOn: IsoDate,
    medium: Enum(STATEMENT_MEDIA),
    language: LanguageTag,
    quote: Type.String({ minLength: 1, maxLength: 50000, description: 'The words, verbatim, in the language they were said in' }),
    ...editable,
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const StatementUpdateBody = Type.Object(
  {
    saidOn: Type.Optional(IsoDate),
    medium: Type.Optional(Enum(STATEMENT_MEDIA)),
    language: Type.Optional(LanguageTag),
    quote: Type.Optional(Type.String({ minLength: 1, maxLength: 50000 })),
    ...editable,
  },
  { additionalProperties: false },
);

export const SpeakerSchema = Type.Object({
  kind: Enum(['person', 'organisation', 'anonymous'] as const),
  personId: Nullable(Type.String()),
  personName: Nullable(Type.String()),
  personNameKo: Nullable(Type.String()),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  orgNameKo: Nullable(Type.String()),
  description: Nullable(Type.String()),
  display: Type.String({ description: 'Who spoke, for display: the person, else the (anonymous speaker of the) organisation' }),
});

export const RecordedBySchema = Type.Object(
  {
    orgId: Type.String(),
    orgName: Type.String(),
    orgNameKo: Nullable(Type.String()),
    orgAcronym: Nullable(Type.String()),
    via: Enum(RECORDED_VIA, 'entered by hand, confirmed from an article in the review queue, or loaded by the server (demo, import)'),
  },
  { description: 'The organisation that recorded the statement, and how it came in' },
);

export const StatementSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Nullable(Type.String()),
  partyId: Nullable(Type.String()),
  speaker: SpeakerSchema,
  saidOn: Type.String(),
  medium: Enum(STATEMENT_MEDIA),
  language: Type.String(),
  quote: Type.String(),
  context: Nullable(Type.String()),
  sourceUrl: Nullable(Type.String()),
  sourceTitle: Nullable(Type.String()),
  passage: Nullable(Type.String()),
  articleId: Nullable(Type.String({ description: 'The article the statement was confirmed from, when it came from one' })),
  recordedBy: RecordedBySchema,
  issues: Type.Array(Type.Object({ issueId: Type.String(), title: Type.String(), titleKo: Nullable(Type.String()), stance: Nullable(Enum(STANCES)) }), {
    description: 'Linked issues the caller may see, with the stance expressed',
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  access: AccessSchema,
  abilities: Abilities(STATEMENT_ABILITIES),
});

export const StatementListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    partyId: Type.Optional(Id),
    speakerPersonId: Type.Optional(Id),
    speakerOrgId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The speaking organisation, or the organisation the speaking person held a role in when they spoke' })),
    issueId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words to find in the quote (case-insensitive)' })),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Speaker = Static<typeof SpeakerSchema>;
export type Statement = Static<typeof StatementSchema>;
export type RecordedBy = Static<typeof RecordedBySchema>;
/** The filters of the statement list, as the API takes them and the web app sends them. */
export type StatementFilter = Static<typeof StatementListQuery>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('StatementIssueInput', StatementIssueInput);
named('StatementCreate', StatementCreateBody);
named('StatementUpdate', StatementUpdateBody);
named('Speaker', SpeakerSchema);
named('RecordedBy', RecordedBySchema);
named('Statement', StatementSchema);
