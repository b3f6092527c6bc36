import { Type, type Static, type TSchema } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { CLASSIFICATIONS, SCOPES } from '../../core/vocabulary.ts';
import { AppError, badRequest } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { CommandContext } from '../commands/run.ts';

export const Id = Type.String({ minLength: 1, maxLength: 200 });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date and time with offset' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
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

export function commandContext(req: FastifyRequest): CommandContext {
  return { store: req.server.store, actor: req.actor ?? null, requestId: req.id, writer: req.server.writer };
}

/**
 * The version an update names, from If-Match (`3`, `"3"` or `W/"3"`). Updates without one get
 * 428: Concord never lets a write silently overwrite a change the writer has not seen.
 */
export function expectedVersion(req: FastifyRequest): number {
  const h = req.headers['if-match'];
  if (!h) throw new AppError('precondition_required', 'Send If-Match with the version you are changing', { field: 'headers.if-match' });
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(h).trim());
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
