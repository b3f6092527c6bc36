import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { CLASSIFICATIONS } from '../../core/vocabulary.ts';
import { ErrorSchema } from '../../core/api/common.ts';
import { AppError, badRequest } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { ActingContext } from '../commands/run.ts';

/*
 * What the route modules share beyond the contract (core/api): the error answers every route
 * declares, the caller, the command context, If-Match, and long lists written between turns.
 */

/** Standard error responses (serialised through the error body); the OpenAPI document lists only the statuses an operation can return (server/http/openapi.ts). */
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
  if (!m) throw badRequest('headers.if-match', 'must be a record version such as "3"', 'invalid_request');
  return Number(m[1]);
}

export const classificationLevel = (name: string | undefined, fallback = 0): number => {
  if (name === undefined) return fallback;
  return CLASSIFICATIONS.indexOf(name as (typeof CLASSIFICATIONS)[number]);
};

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
