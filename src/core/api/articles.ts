import { Type, type Static } from 'typebox';
import { STANCES, STATEMENT_MEDIA } from '../vocabulary.ts';
import { AccessInput, AccessSchema, Abilities, Enum, Id, IsoDate, Nullable, Limit, Offset, named } from './common.ts';
import { HttpUrl, StatementIssueInput } from './statements.ts';

export const ARTICLE_ABILITIES = ['review'] as const;

export const ARTICLE_FORMATS = ['auto', 'text', 'html', 'rss', 'atom'] as const;
export const CANDIDATE_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export const CANDIDATE_KINDS = ['direct', 'partial', 'indirect'] as const;

const ArticleText = Type.String({
  minLength: 1,
  maxLength: 4_000_000,
  description: 'The article as pasted or uploaded: plain text, HTML, or an RSS/Atom feed (each item becomes an article)',
});
const inputFields = {
  format: Type.Optional(Enum(ARTICLE_FORMATS, 'How to read `text`; auto (default) detects feeds and HTML')),
  sourceUrl: Type.Optional(Nullable(HttpUrl)),
  publishedOn: Type.Optional(Nullable(IsoDate)),
  title: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};

export const ArticleInput = Type.Object({ text: ArticleText, ...inputFields }, { additionalProperties: false });

export const ArticleCreateBody = Type.Object(
  {
    wgId: Type.Optional(Nullable(Id)),
    text: Type.Optional(ArticleText),
    articles: Type.Optional(
      Type.Array(ArticleInput, {
        minItems: 1,
        maxItems: 50,
        description: 'Several inputs at once instead of `text` (each may be a feed); publishedOn and sourceUrl at the top level apply to those that name none',
      }),
    ),
    ...inputFields,
    language: Type.Optional(Enum(['en'] as const, 'Language of the article; English is the language pack Concord ships')),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const SpeakerAsWrittenSchema = Type.Object({
  text: Type.String({ description: 'The speaker phrase exactly as written' }),
  name: Nullable(Type.String()),
  role: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  description: Nullable(Type.String()),
  isOrganisation: Type.Boolean(),
});

export const ProposalSchema = Type.Object(
  {
    kind: Enum(['person', 'organisation'] as const),
    name: Type.String(),
    aliases: Type.Array(Type.String()),
    roles: Type.Array(Type.Object({ title: Type.String(), organisationId: Nullable(Type.String()), organisationName: Nullable(Type.String()), from: Nullable(Type.String()) })),
    partyId: Nullable(Type.String()),
  },
  { description: 'A new person or organisation record to create when the speaker is not in the directory' },
);

export const ResolutionSchema = Type.Object({
  match: Enum(['exact', 'alias', 'romanisation', 'role', 'none'] as const, 'How the speaker was matched to the directory'),
  personId: Nullable(Type.String()),
  organisationId: Nullable(Type.String()),
  partyId: Nullable(Type.String()),
  role: Nullable(Type.String({ description: 'The title valid on the article date (or the one the text names)' })),
  office: Nullable(
    Enum(
      ['held', 'former', 'none'] as const,
      'For a person: held an office on the article date (organisationId is its organisation), had left it (a role ended, or the text says former), or none on record; a person without an office held speaks for no organisation',
    ),
  ),
  anonymous: Type.Boolean(),
  description: Nullable(Type.String()),
  proposal: Nullable(ProposalSchema),
});

export const CandidateIssueSchema = Type.Object({
  issueId: Type.String(),
  title: Type.String(),
  score: Nullable(Type.Number({ description: 'Suggestion score 0..1; null for an issue the reviewer added' })),
  matched: Type.Array(Type.String()),
  selected: Type.Boolean({ description: 'Chosen by a reviewer: confirming links the statement to it' }),
  stance: Nullable(Enum(STANCES)),
});

export const CandidateSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  articleId: Type.String(),
  position: Type.Integer(),
  status: Enum(CANDIDATE_STATUSES),
  kind: Enum(CANDIDATE_KINDS),
  quote: Type.String(),
  sentence: Nullable(Type.String()),
  passage: Type.Object({ start: Type.Integer(), end: Type.Integer() }, { description: 'Character span of the quote in the article text' }),
  cue: Nullable(Type.String()),
  confidence: Nullable(Type.Number()),
  speakerAsWritten: SpeakerAsWrittenSchema,
  resolution: ResolutionSchema,
  speakerPersonId: Nullable(Type.String()),
  speakerPersonName: Nullable(Type.String()),
  speakerOrgId: Nullable(Type.String()),
  speakerOrgName: Nullable(Type.String()),
  speakerDescription: Nullable(Type.String()),
  partyId: Nullable(Type.String()),
  issues: Type.Array(CandidateIssueSchema, { description: 'Suggested and chosen issues the caller may see' }),
  statementId: Nullable(Type.String({ description: 'The statement made from it; shown only when the caller may see it' })),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  article: Type.Object({
    id: Type.String(),
    wgId: Nullable(Type.String()),
    title: Nullable(Type.String()),
    sourceUrl: Nullable(Type.String()),
    publishedOn: Nullable(Type.String()),
    feedId: Type.Optional(Nullable(Type.String({ description: 'The feed the article was taken from; null when pasted, or when the caller may not see the feed' }))),
    feedName: Type.Optional(Nullable(Type.String({ description: "The feed's title, else its address" }))),
  }),
  abilities: Abilities(ARTICLE_ABILITIES),
});

const articleFields = {
  id: Type.String(),
  version: Type.Integer(),
  wgId: Nullable(Type.String()),
  title: Nullable(Type.String()),
  sourceUrl: Nullable(Type.String()),
  publishedOn: Nullable(Type.String()),
  language: Type.String(),
  format: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  access: AccessSchema,
  abilities: Abilities(ARTICLE_ABILITIES),
};

export const ArticleSummarySchema = Type.Object({
  ...articleFields,
  textLength: Type.Integer(),
  candidates: Type.Object({ pending: Type.Integer(), confirmed: Type.Integer(), rejected: Type.Integer() }),
});

export const ArticleSchema = Type.Object({
  ...articleFields,
  text: Type.String({ description: 'The article as plain text; candidate passages are spans into it' }),
  candidates: Type.Array(CandidateSchema),
});

export const ArticleListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

export const CandidateListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    articleId: Type.Optional(Id),
    status: Type.Optional(Enum(CANDIDATE_STATUSES)),
    limit: Type.Optional(Limit(500, 100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

export const CandidateUpdateBody = Type.Object(
  {
    quote: Type.Optional(Type.String({ minLength: 1, maxLength: 50000, description: 'Corrected words; the passage link follows them when they are found in the article' })),
    kind: Type.Optional(Enum(CANDIDATE_KINDS)),
    speakerPersonId: Type.Optional(Nullable(Id)),
    speakerOrgId: Type.Optional(Nullable(Id)),
    speakerDescription: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    partyId: Type.Optional(Nullable(Id)),
    issues: Type.Optional(Type.Array(StatementIssueInput, { maxItems: 100, description: 'The issues to link on confirmation, each with its stance (replaces the selection)' })),
  },
  { additionalProperties: false },
);

export const CandidateConfirmBody = Type.Object(
  {
    saidOn: Type.Optional(IsoDate),
    medium: Type.Optional(Enum(STATEMENT_MEDIA)),
    context: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    issues: Type.Optional(Type.Array(StatementIssueInput, { maxItems: 100, description: 'Issues to link (default: the selection on the candidate)' })),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const CandidateRejectBody = Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false });

/* The shapes as TypeScript types, for the server and the web app alike. */
export type SpeakerAsWritten = Static<typeof SpeakerAsWrittenSchema>;
export type Proposal = Static<typeof ProposalSchema>;
export type Resolution = Static<typeof ResolutionSchema>;
export type CandidateIssue = Static<typeof CandidateIssueSchema>;
export type Candidate = Static<typeof CandidateSchema>;
export type ArticleSummary = Static<typeof ArticleSummarySchema>;
export type Article = Static<typeof ArticleSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('ArticleInput', ArticleInput);
named('ArticleCreate', ArticleCreateBody);
named('SpeakerAsWritten', SpeakerAsWrittenSchema);
named('Proposal', ProposalSchema);
named('Resolution', ResolutionSchema);
named('CandidateIssue', CandidateIssueSchema);
named('Candidate', CandidateSchema);
named('ArticleSummary', ArticleSummarySchema);
named('Article', ArticleSchema);
named('CandidateUpdate', CandidateUpdateBody);
named('CandidateConfirm', CandidateConfirmBody);
named('CandidateReject', CandidateRejectBody);
