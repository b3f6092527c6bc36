import { Type, type Static } from 'typebox';
import { AccessSchema, Enum, Id, Limit, Nullable, named } from './common.ts';
import { NoteTargetSchema } from './notes.ts';

/** The kinds of record a search finds, in the order the results page groups them. */
export const SEARCH_KINDS = ['working_group', 'meeting', 'issue', 'position', 'statement', 'document', 'commitment', 'project', 'note'] as const;
export const SearchKindSchema = Enum(SEARCH_KINDS, 'The kind of record');

/** Where in the record the words were found: the record itself, or one of its agenda items, clauses or bracketed alternatives. */
export const SEARCH_PARTS = ['record', 'agenda_item', 'clause', 'clause_alternative'] as const;

/** The fields searched, by their names in the API (a record's own, or its part's). */
export const SEARCH_FIELDS = [
  'name',
  'nameKo',
  'shortName',
  'mandate',
  'mandateKo',
  'title',
  'titleKo',
  'place',
  'outcome',
  'outcomeKo',
  'minutes',
  'statusReason',
  'notes',
  'code',
  'description',
  'conditions',
  'rationale',
  'quote',
  'context',
  'speakerDescription',
  'sourceTitle',
  'textEn',
  'textKo',
  'statusNote',
  'body',
] as const;

/** A cursor is the place in the ranked results where the next page starts. */
const Cursor = Type.String({ pattern: '^[0-9]{1,4}$', description: 'nextCursor of the previous page' });

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      description: 'Words to find, in English or Korean (case-insensitive; every word must occur in one field; words of one or two characters too)',
    }),
    groupId: Type.Optional(Id),
    kind: Type.Optional(SearchKindSchema),
    limit: Type.Optional(Limit(200, 20)),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

/** A character range of the snippet's text, in UTF-16 code units as JavaScript strings count them: [start, end). */
export const SearchRangeSchema = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });

export const SearchSnippetSchema = Type.Object({
  text: Type.String({ description: 'The field that matched, or a window of it around the first match (with … where cut)' }),
  ranges: Type.Array(SearchRangeSchema, { description: 'Where the words occur in text, in order, not overlapping' }),
});

export const SearchResultSchema = Type.Object({
  kind: SearchKindSchema,
  id: Type.String({ description: "The record's id" }),
  title: Type.String({ description: "The record's title (a position's: its issue's; a note's: the record it is on)" }),
  titleKo: Nullable(Type.String()),
  at: Nullable(Type.String({ description: "The record's date: a meeting's day at its venue (YYYY-MM-DD), a statement's day, a position's valid-from …" })),
  group: Nullable(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      nameKo: Nullable(Type.String()),
    }),
  ),
  target: Nullable(Type.Object({ kind: NoteTargetSchema, id: Type.String() }, { description: 'A note: the record it is on; a position: its issue' })),
  part: Enum(SEARCH_PARTS, 'Where the words were found'),
  field: Enum(SEARCH_FIELDS, 'The field the snippet is from'),
  snippet: SearchSnippetSchema,
  access: AccessSchema,
});

export const SearchResponseSchema = Type.Object({
  items: Type.Array(SearchResultSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last' })),
  truncated: Type.Boolean({ description: 'More records matched than a search ranks (the most recent are kept): narrow it with more words, a group or a kind' }),
});

export type SearchKind = Static<typeof SearchKindSchema>;
export type SearchPart = (typeof SEARCH_PARTS)[number];
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchParams = Static<typeof SearchQuery>;
export type SearchResult = Static<typeof SearchResultSchema>;
export type SearchResponse = Static<typeof SearchResponseSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('SearchKind', SearchKindSchema);
named('SearchSnippet', SearchSnippetSchema);
named('SearchResult', SearchResultSchema);
named('SearchResponse', SearchResponseSchema);
