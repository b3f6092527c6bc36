import { Type, type Static } from 'typebox';
import { AccessInput, AccessSchema, Abilities, Id, Nullable, Limit, Offset, named } from './common.ts';

export const ISSUE_ABILITIES = ['update', 'recordPosition', 'addNote'] as const;

const Keywords = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'Search and extraction keywords, any language' });
const Code = Type.String({ minLength: 1, maxLength: 50 });

export const IssueCreateBody = Type.Object(
  {
    wgId: Id,
    trackId: Type.Optional(Id),
    code: Type.Optional(Code),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    titleKo: Type.Optional(Type.String({ maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    keywords: Type.Optional(Keywords),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const IssueUpdateBody = Type.Object(
  {
    trackId: Type.Optional(Nullable(Id)),
    code: Type.Optional(Nullable(Code)),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    titleKo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    keywords: Type.Optional(Keywords),
  },
  { additionalProperties: false },
);

export const IssueSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Type.String(),
  trackId: Nullable(Type.String()),
  trackName: Nullable(Type.String()),
  code: Nullable(Type.String()),
  title: Type.String(),
  titleKo: Nullable(Type.String()),
  description: Nullable(Type.String()),
  keywords: Type.Array(Type.String()),
  access: AccessSchema,
  abilities: Abilities(ISSUE_ABILITIES),
});

export const IssueListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    trackId: Type.Optional(Id),
    limit: Type.Optional(Limit(1000, 200)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Issue = Static<typeof IssueSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('IssueCreate', IssueCreateBody);
named('IssueUpdate', IssueUpdateBody);
named('Issue', IssueSchema);
