/** Feeds a working group follows: RSS or Atom addresses whose new items reach the review queue. */
import { Type, type Static } from 'typebox';
import { AccessInput, AccessSchema, Abilities, Enum, Id, Nullable, named } from './common.ts';
import { HttpUrl } from './statements.ts';

export const FEED_ABILITIES = ['update', 'unfollow'] as const;

/** The language a feed is read in: `auto` lets the extractor decide by script, item by item. */
export const FEED_LANGUAGES = ['auto', 'en', 'ko'] as const;

/**
 * What the last fetch of a feed came to. `pending`: not fetched yet; `ok`: fetched and read;
 * `not_modified`: the server answered 304 to the ETag / Last-Modified; the others are failures,
 * after which the feed is tried again later and later (backoff).
 */
export const FEED_STATUSES = ['pending', 'ok', 'not_modified', 'http_error', 'timeout', 'too_large', 'malformed', 'blocked', 'network', 'not_allowed'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

export const FeedSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Type.String(),
  url: Type.String(),
  title: Nullable(Type.String()),
  language: Enum(FEED_LANGUAGES),
  addedBy: Nullable(Type.String()),
  addedByName: Nullable(Type.String()),
  active: Type.Boolean({ description: 'False once unfollowed: nothing more is fetched; its articles stay' }),
  lastFetchedAt: Nullable(Type.String()),
  lastStatus: Enum(FEED_STATUSES),
  lastError: Nullable(Type.String({ description: 'The failure in detail (an HTTP status, the parser’s complaint); the status names it in words' })),
  failureCount: Type.Integer({ description: 'Failed fetches in a row; each doubles the wait before the next' }),
  nextFetchAt: Type.String(),
  itemCount: Type.Integer({ description: 'Items taken from it into the review queue' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  access: AccessSchema,
  abilities: Abilities(FEED_ABILITIES),
});

export const FeedListQuery = Type.Object(
  {
    wgId: Id,
    all: Type.Optional(Type.Boolean({ description: 'Also the feeds no longer followed' })),
  },
  { additionalProperties: false },
);

const FeedTitle = Type.String({ minLength: 1, maxLength: 300 });

export const FeedCreateBody = Type.Object(
  {
    wgId: Id,
    url: HttpUrl,
    title: Type.Optional(Nullable(FeedTitle)),
    language: Type.Optional(Enum(FEED_LANGUAGES, 'The language its items are in; auto (default) decides item by item')),
    ...AccessInput,
  },
  { additionalProperties: false },
);

export const FeedUpdateBody = Type.Object(
  {
    url: Type.Optional(HttpUrl),
    title: Type.Optional(Nullable(FeedTitle)),
    language: Type.Optional(Enum(FEED_LANGUAGES)),
  },
  { additionalProperties: false },
);

export const FeedListSchema = Type.Object({
  items: Type.Array(FeedSchema),
  abilities: Type.Object({ follow: Type.Boolean({ description: 'Whether the caller may follow a feed for the group' }) }),
});

/* The shapes as TypeScript types, for the server and the web app alike. */
export type Feed = Static<typeof FeedSchema>;
export type FeedCreate = Static<typeof FeedCreateBody>;
export type FeedUpdate = Static<typeof FeedUpdateBody>;
export type FeedList = Static<typeof FeedListSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('Feed', FeedSchema);
named('FeedCreate', FeedCreateBody);
named('FeedUpdate', FeedUpdateBody);
