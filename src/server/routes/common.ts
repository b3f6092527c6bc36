import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';
import Format from 'typebox/format';
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { CLASSIFICATIONS, SCOPES } from '../../core/vocabulary.ts';
import { AppError, badRequest } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { ActingContext } from '../commands/run.ts';

/*
 * Request values, checked in the schema so that nothing malformed reaches a command or a query:
 * every date is a calendar date, every date-time one that parses, every number has a range and
 * every string a length. A failed check is a 400 naming the field (`query.from`, `body.startsAt`).
 */

/** In UTC still a four-digit year (9999-12-31T23:00:00-05:00 is not: it would be stored as +010000-…). */
const fourDigitYear = (ms: number): boolean => {
  const y = new Date(ms).getUTCFullYear();
  return y >= 0 && y <= 9999;
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
// `date`: TypeBox's own check is a calendar one (2026-02-30 and 2026-13-45 fail). `date-time`:
// RFC 3339 with a calendar date and a clock time, and the text must parse as a Date (TypeBox alone
// accepts a leap second or an RFC 9557 suffix such as `[Asia/Seoul]`, which Date cannot read).
Format.Set('date-time', (v: string) => {
  if (!DATE_TIME.test(v) || !Format.IsDateTime(v)) return false;
  const ms = Date.parse(v);
  return !Number.isNaN(ms) && fourDigitYear(ms);
});

/** Integers in a URL: digits only (TypeBox's conversion alone reads 1.5 as 1 and 1e3 as 1000). */
const URL_INTEGER = /^-?\d{1,15}$/;
const isInteger = (s: TSchema | undefined): boolean =>
  !!s && ((s as { type?: unknown }).type === 'integer' || ((s as { anyOf?: TSchema[] }).anyOf ?? []).some(isInteger));

/**
 * The JSON pointer of the first string in `value` that no store keeps as sent: one with a NUL
 * character (PostgreSQL cannot store one) or a lone surrogate (both stores write UTF-8, and the
 * audit trail's canonical JSON, RFC 8785, has no form for one).
 */
function badStringAt(value: unknown, at: string): { at: string; message: string } | undefined {
  if (typeof value === 'string') return badString(value, at);
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const key = badString(k, at);
    if (key) return key;
    const found = badStringAt(v, `${at}/${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function badString(s: string, at: string): { at: string; message: string } | undefined {
  if (s.includes('\u0000')) return { at, message: 'must not contain a NUL character' };
  if (!s.isWellFormed()) return { at, message: 'must not contain a lone surrogate' };
  return undefined;
}

/**
 * The app's validator: TypeBox's, converting the text of params, query and headers to the schema's
 * types, after two stricter looks: integers there are digits only, and no string anywhere
 * carries a NUL character or a lone surrogate.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const check = TypeBoxValidatorCompiler(route);
  const integers = route.httpPart === 'body' ? [] : Object.entries((route.schema as { properties?: Record<string, TSchema> }).properties ?? {}).filter(([, s]) => isInteger(s));
  return (value) => {
    const bad = badStringAt(value, '');
    if (bad !== undefined) return { error: [{ keyword: 'pattern', instancePath: bad.at, schemaPath: '#', params: {}, message: bad.message }] };
    const v = value as Record<string, unknown> | null;
    for (const [name] of integers) {
      const raw = v?.[name];
      if (typeof raw === 'string' && !URL_INTEGER.test(raw)) {
        return { error: [{ keyword: 'type', instancePath: `/${name}`, schemaPath: `#/properties/${name}/type`, params: { type: 'integer' }, message: 'must be an integer (digits only)' }] };
      }
    }
    return check(value);
  };
};

export const Id = Type.String({ minLength: 1, maxLength: 200 });
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = Type.String({ format: 'date', maxLength: 10, description: 'YYYY-MM-DD' });
/** A calendar date with its own description. */
export const DateOn = (description: string) => Type.String({ format: 'date', maxLength: 10, description });
export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 date and time with offset' });
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
 * are not a single typed schema keep `anyOf`.
 */
export const Nullable = <T extends TSchema>(t: T): TUnsafe<Static<T> | null> => {
  const s = t as unknown as { type?: unknown; enum?: unknown[]; anyOf?: unknown; const?: unknown };
  if (typeof s.type !== 'string' || s.anyOf !== undefined || s.const !== undefined) {
    return Type.Unsafe<Static<T> | null>(Type.Union([t, Type.Null()]));
  }
  const nullable: Record<string, unknown> = { ...(t as object), type: [s.type, 'null'] };
  if (Array.isArray(s.enum)) nullable.enum = [...s.enum, null];
  return Type.Unsafe<Static<T> | null>(nullable);
};
/** A closed list of strings, as JSON Schema `enum` (one OpenAPI entry, one validator, one type). */
export const Enum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const ScopeSchema = Enum(SCOPES, 'Who may see the record');
export const ClassificationSchema = Enum(CLASSIFICATIONS, 'Classification marking');

/** The access block every guarded record carries in a response. */
export const AccessSchema = Type.Object({
  scope: ScopeSchema,
  classification: ClassificationSchema,
  ownerOrgId: Type.String(),
  ownerPartyId: Type.String(),
});

/** Fields a client may set on a guarded record when creating it. */
export const AccessInput = {
  scope: Type.Optional(ScopeSchema),
  classification: Type.Optional(ClassificationSchema),
};

export const ErrorSchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  requestId: Type.Optional(Type.String()),
});

/** Standard error responses, so every route documents them in OpenAPI. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  /** A body over the route's size limit (1 MiB; 8 MiB for articles). */
  413: ErrorSchema,
  /** A body that is not JSON. */
  415: ErrorSchema,
  428: ErrorSchema,
};

/** Routes whose work can be large: 422 `too_broad` (narrow the request), 503 `busy` (retry after Retry-After seconds). */
export const heavyResponses = {
  ...errorResponses,
  422: ErrorSchema,
  503: ErrorSchema,
};

export const Abilities = (names: readonly string[]) =>
  Type.Object(Object.fromEntries(names.map((n) => [n, Type.Boolean()])), { description: 'What the caller may do with this record' });

export const presentAccess = (r: { scope: string; classification: number; owner_org_id: string; owner_party_id: string }): Static<typeof AccessSchema> => ({
  scope: r.scope as Static<typeof ScopeSchema>,
  classification: CLASSIFICATIONS[Number(r.classification)] ?? 'secret',
  ownerOrgId: r.owner_org_id,
  ownerPartyId: r.owner_party_id,
});

/** The signed-in actor, or 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in first (session cookie or bearer token)');
  return req.actor;
}

/**
 * The context a route hands to a command: the store, the caller (a request without one is
 * refused, as requireActor does; sign-in names the user signing in), the request id and the
 * server's write thread. The caller travels to the command in it, once.
 */
export function commandContext(req: FastifyRequest, actor: Actor = requireActor(req)): ActingContext {
  return { store: req.server.store, actor, requestId: req.id, writer: req.server.writer };
}

/**
 * The version an update names, from If-Match (`3`, `"3"` or `W/"3"`). Updates without one get
 * 428: Concord never lets a write silently overwrite a change the writer has not seen.
 */
export function expectedVersion(req: FastifyRequest): number {
  const h = req.headers['if-match'];
  if (!h) throw new AppError('precondition_required', 'Send If-Match with the version you are changing', { field: 'headers.if-match' });
  // Up to nine digits: a version is an integer column on both stores.
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(h).trim());
  if (!m) throw badRequest('headers.if-match', 'must be a record version such as "3"');
  return Number(m[1]);
}

export const classificationLevel = (name: string | undefined, fallback = 0): number => {
  if (name === undefined) return fallback;
  return CLASSIFICATIONS.indexOf(name as (typeof CLASSIFICATIONS)[number]);
};

/** System administrators only (user management, chain verification, reference data). */
export function forbiddenUnlessAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new AppError('forbidden', 'Only a system administrator may do this');
}

/** Rows presented and written between two turns of the event loop in `sendItems`. */
const ITEMS_PER_TURN = 100;

/**
 * Answers `{ "items": [...] }` for a long list, presenting and writing `ITEMS_PER_TURN` rows at a
 * time and yielding to the event loop between them, so that 1,000 issues of the UN group (500 kB)
 * do not hold every other request (and /healthz) for the whole serialisation. Each item is written
 * by the serialiser compiled from `itemSchema`, exactly as the route's response schema would.
 */
export async function sendItems<Row, Item>(reply: FastifyReply, itemSchema: TSchema, rows: readonly Row[], present: (row: Row) => Item): Promise<FastifyReply> {
  const write = reply.compileSerializationSchema(itemSchema as unknown as Record<string, unknown>) as (item: Item) => string;
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ITEMS_PER_TURN === 0) await new Promise((res) => setImmediate(res));
    parts.push(write(present(rows[i])));
  }
  return reply.type('application/json; charset=utf-8').send(Buffer.from(`{"items":[${parts.join(',')}]}`));
}
