/**
 * The pieces every resource of Concord's API contract shares: ids, dates, page sizes, nullable
 * fields, closed lists, the access block, abilities and the error body. Isomorphic: TypeBox
 * schemas and pure functions only (no I/O, nothing from server/, web/ or cli/). The server
 * validates and serialises with these schemas and builds its OpenAPI document from them; the web
 * app derives its types from them with `Static<>`.
 *
 * Request values are checked in the schema so that nothing malformed reaches a command or a query:
 * every date is a calendar date, every date-time one that parses (the server's `date-time` format:
 * server/http/validation.ts), every number has a range and every string a length.
 */
import { Type, type Static, type TBoolean, type TObject, type TSchema, type TUnsafe } from 'typebox';
import { CLASSIFICATIONS, SCOPES } from '../vocabulary.ts';
import { REFUSAL_REASON_LIST } from './refusals.ts';

export const Id = Type.String({ minLength: 1, maxLength: 200 });

/**
 * The years a date of the record may fall in: Concord records diplomacy from the post-war order
 * on, and plans no further than the end of the century. A date outside them is a typing mistake
 * (a meeting on 1 Jan 1900), refused with a 400 naming the field. Every date and date-time of the
 * contract is one of the schemas below (`RecordDate`), whose formats check the range (the
 * server's validator: server/http/validation.ts).
 */
export const RECORD_YEARS = { min: 1945, max: 2100 } as const;
/** Whether a YYYY-MM-DD… text's year is within RECORD_YEARS. */
export const inRecordYears = (text: string): boolean => {
  const y = Number(text.slice(0, 4));
  return Number.isInteger(y) && y >= RECORD_YEARS.min && y <= RECORD_YEARS.max;
};
/** The one schema helper for dates and date-times: the format, a length, and the range in the description. */
export const RecordDate = (format: 'date' | 'date-time', description: string) =>
  Type.String({ format, maxLength: format === 'date' ? 10 : 40, description: `${description}; years ${RECORD_YEARS.min}–${RECORD_YEARS.max}` });
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = RecordDate('date', 'YYYY-MM-DD');
/** A calendar date with its own description. */
export const DateOn = (description: string) => RecordDate('date', description);
export const IsoDateTime = RecordDate('date-time', 'ISO 8601 date and time with offset');
/** A date (the day from its start, UTC) or a date-time. */
export const DateOrDateTime = (description: string) => Type.Union([IsoDate, IsoDateTime], { description });
/** A page size: 1 … max. */
export const Limit = (max: number, fallback: number) => Type.Integer({ minimum: 1, maximum: max, default: fallback });
/** Rows to skip: 0 … 10 million (beyond any list Concord holds, and far from the stores' integer limits). */
export const Offset = Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 });
/** A document's version number. */
export const VersionNumber = (description: string) => Type.Integer({ minimum: 1, maximum: 1_000_000, description });
/** A position in an ordered list (agenda items, tracks). */
export const Position = Type.Integer({ minimum: 0, maximum: 100_000 });
/**
 * `T` or null, written as a type list (`"type": ["string", "null"]`) rather than `anyOf`: the
 * response serialiser writes a type list directly, while an `anyOf` makes it compile a validator
 * on the first response that uses it (≈ 0.2 s of blocked event loop on a cold route). Unions that
 * are not a single typed schema keep `anyOf`. A named schema (see `named`) made nullable is
 * written out in place, without its name.
 */
export const Nullable = <T extends TSchema>(t: T): TUnsafe<Static<T> | null> => {
  const s = t as unknown as { type?: unknown; enum?: unknown[]; anyOf?: unknown; const?: unknown };
  if (typeof s.type !== 'string' || s.anyOf !== undefined || s.const !== undefined) {
    return Type.Unsafe<Static<T> | null>(Type.Union([t, Type.Null()]));
  }
  const nullable: Record<string, unknown> = { ...(t as object), type: [s.type, 'null'] };
  if (Array.isArray(s.enum)) nullable.enum = [...s.enum, null];
  delete nullable.title;
  return Type.Unsafe<Static<T> | null>(nullable);
};
/** A closed list of strings, as JSON Schema `enum` (one OpenAPI entry, one validator, one type). */
export const Enum = <const T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

/**
 * The named schemas of the contract: each becomes one entry of the OpenAPI document's
 * `components.schemas`, referenced with `$ref` wherever it appears (server/http/openapi.ts). The
 * name is the schema's `title` (an annotation: validators and serialisers ignore it).
 */
const NAMED = new Map<string, TSchema>();
export function named<T extends TSchema>(name: string, schema: T): T {
  if (NAMED.has(name)) throw new Error(`Two API schemas are named ${name}`);
  const s = Object.assign(schema, { title: name });
  NAMED.set(name, s);
  return s;
}
/** Every named schema of the contract, by name. */
export const namedSchemas = (): ReadonlyMap<string, TSchema> => NAMED;

export const ScopeSchema = named('Scope', Enum(SCOPES, 'Who may see the record'));
export const ClassificationSchema = named('Classification', Enum(CLASSIFICATIONS, 'Classification marking'));

/** The access block every guarded record carries in a response. */
export const AccessSchema = named(
  'Access',
  Type.Object({
    scope: ScopeSchema,
    classification: ClassificationSchema,
    ownerOrgId: Type.String(),
    ownerPartyId: Type.String(),
  }),
);
export type Access = Static<typeof AccessSchema>;

/** Fields a client may set on a guarded record when creating it. */
export const AccessInput = {
  scope: Type.Optional(ScopeSchema),
  classification: Type.Optional(ClassificationSchema),
};

/** What the caller may do with a record: one boolean per ability of the resource's policy. */
export const Abilities = <const T extends readonly string[]>(names: T): TObject<{ [K in T[number]]: TBoolean }> =>
  Type.Object(Object.fromEntries(names.map((n) => [n, Type.Boolean()])) as { [K in T[number]]: TBoolean }, { description: 'What the caller may do with this record' });

/** `{ "items": [...] }`, the shape of every list answer. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
/** The id of a record just created. */
export const CreatedSchema = named('Created', Type.Object({ id: Type.String() }));

/**
 * Every error code the API answers with, and its HTTP status: one closed list (the server's
 * AppError, server/errors.ts, takes its codes from here).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** A method the resource does not allow (positions are append-only). */
  method_not_allowed: 405,
  conflict: 409,
  stale_version: 409,
  precondition_required: 428,
  rate_limited: 429,
  /** A valid request whose answer would be too large to compute or send at once: narrow it (the message says how). */
  too_broad: 422,
  /** The server is busy with heavy work (analytics); retry after the seconds in Retry-After, or narrow the request. */
  busy: 503,
  internal: 500,
  store_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorSchema = named(
  'Error',
  Type.Object({
    error: Enum(
      ERROR_CODES,
      'What went wrong, from a closed list: bad_request 400, unauthenticated 401, forbidden 403, not_found 404, method_not_allowed 405, conflict and stale_version 409, too_broad 422, precondition_required 428, rate_limited 429, internal 500, busy and store_unavailable 503',
    ),
    message: Type.String({ description: 'For people: what went wrong and what to do' }),
    field: Type.Optional(Type.String({ description: 'The request field it is about, e.g. body.startsAt or headers.if-match' })),
    reason: Type.Optional(Enum(REFUSAL_REASON_LIST, "Why a command refused the request, from a closed list (core/api/refusals.ts): stable, for a client to word in its user's language")),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Extra facts, e.g. currentVersion on a stale write' })),
    requestId: Type.Optional(Type.String()),
  }),
);
export type ApiError = Static<typeof ErrorSchema>;

/** The type of a list answer (`Items(item)`). */
export type List<T> = { items: T[] };
