import type { FastifySchema, RouteOptions } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { ErrorSchema, namedSchemas } from '../../core/api/common.ts';
import { OPERATIONS, TAGS } from './operations.ts';

/*
 * The OpenAPI document as a client generator needs it, built from the routes' schemas (the
 * contract in core/api) by @fastify/swagger with two hooks:
 *
 * - per operation (`transformOperation`): its operationId (operations.ts), the If-Match and
 *   X-CSRF-Token headers it takes, and only the error statuses it can return, each with the error
 *   body;
 * - on the whole document (`transformDocument`): every named schema of the contract (`named` in
 *   core/api/common.ts) written once under components.schemas and referenced with `$ref`;
 *   `servers`; the tags with their descriptions.
 *
 * Neither changes how a request is validated or an answer serialised: the routes keep their
 * schemas (errors are serialised through the error body whatever the document lists).
 */

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const IfMatch = (required: boolean) =>
  Type.String({
    maxLength: 20,
    description: required
      ? 'The version of the record you are changing (`3`, `"3"` or `W/"3"`, as its ETag). Without it: 428 precondition_required; an older one: 409 stale_version'
      : 'The version of the record you are changing, when you want the change refused (409 stale_version) if it moved',
  });
const CsrfToken = Type.String({
  maxLength: 200,
  description: "The session's CSRF token (from POST or GET /api/session). Required on every write made with the session cookie; not used with a bearer token",
});

const STATUS_TEXT: Record<number, string> = {
  400: 'A field is not valid (`field` names it)',
  401: 'Not signed in, or the token is not valid',
  403: 'Signed in, but not allowed (or a cookie write without X-CSRF-Token)',
  404: 'No such record, or one the caller may not see',
  409: 'A conflict: the record changed since you loaded it (stale_version, with the current version), or a duplicate',
  413: 'The body is larger than the route accepts',
  415: 'The body is not JSON',
  422: 'The request is too broad to answer at once (too_broad): narrow it',
  428: 'If-Match is missing (precondition_required)',
  429: 'Too many attempts (rate_limited): wait the seconds in Retry-After',
  503: 'The store is unavailable for a moment (store_unavailable), or the server is busy with heavy work (busy): retry after Retry-After',
};

const pathOf = (url: string) => url.replace(/:(\w+)/g, '{$1}');

type Schema = FastifySchema & { security?: unknown[]; hide?: boolean; response?: Record<string, unknown> };

/** The statuses an error can have on this operation, from what it takes and does. */
function errorStatuses(method: string, schema: Schema, doc: { ifMatch?: string; forbidden?: true }): number[] {
  const declared = Object.keys(schema.response ?? {}).map(Number);
  const write = WRITES.has(method);
  const authenticated = !(Array.isArray(schema.security) && schema.security.length === 0);
  const s = new Set<number>([503]);
  if (schema.body || schema.querystring || schema.params || doc.ifMatch) s.add(400);
  if (authenticated || declared.includes(401)) s.add(401);
  if (write || doc.forbidden) s.add(403);
  // A record named in the path, the query or a write's body may not exist (or be invisible).
  if (schema.params || schema.querystring || (write && schema.body)) s.add(404);
  if (write) s.add(409);
  if (schema.body) {
    s.add(413);
    s.add(415);
  }
  if (declared.includes(422)) s.add(422);
  if (doc.ifMatch === 'required') s.add(428);
  if (declared.includes(429)) s.add(429);
  return [...s].sort((a, b) => a - b);
}

/** @fastify/swagger's `transform`: one operation. */
export function transformOperation({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): { schema: FastifySchema; url: string } {
  const s = (schema ?? {}) as Schema;
  if (s.hide) return { schema, url };
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) as string;
  const key = `${method} ${pathOf(url)}`;
  const doc = OPERATIONS[key];
  if (!doc) throw new Error(`No operationId for ${key}: add it to server/http/operations.ts`);
  const response: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(s.response ?? {})) {
    if (r !== ErrorSchema && !(Number(status) >= 400 && (r as { title?: string }).title === 'Error')) response[status] = r;
  }
  for (const status of errorStatuses(method, s, doc)) {
    if (response[status] === undefined) response[status] = { ...ErrorSchema, description: STATUS_TEXT[status] };
  }
  const headers: Record<string, TSchema> = {};
  if (doc.ifMatch) headers['If-Match'] = doc.ifMatch === 'required' ? IfMatch(true) : Type.Optional(IfMatch(false));
  if (WRITES.has(method)) headers['X-CSRF-Token'] = Type.Optional(CsrfToken);
  const out: Schema = { ...s, operationId: doc.operationId, response } as Schema;
  if (Object.keys(headers).length) out.headers = Type.Object(headers);
  return { schema: out, url };
}

/** The outline of a schema: its type, its properties' names and the required ones (what `Type.Partial`, `Pick` or `Omit` would change). */
function outline(v: unknown): string {
  const o = (v ?? {}) as { type?: unknown; properties?: object; required?: unknown[]; enum?: unknown[] };
  return JSON.stringify([o.type, Object.keys(o.properties ?? {}).sort(), [...(o.required ?? [])].sort(), o.enum ?? null]);
}

interface Document {
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
  tags?: unknown[];
  servers?: unknown[];
  [k: string]: unknown;
}

/** @fastify/swagger's `transformObject`: named schemas to components, servers and tags. */
export function transformDocument(document: Document, servers: { url: string; description: string }[]): Document {
  const named = new Map<string, { outline: string; description: unknown }>();
  for (const [name, schema] of namedSchemas()) named.set(name, { outline: outline(schema), description: (schema as { description?: unknown }).description });
  const schemas: Record<string, unknown> = {};
  // A named schema is written where it is first met in the document as @fastify/swagger wrote it
  // (which turns TypeBox's patternProperties into additionalProperties), and referenced everywhere.
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    const n = typeof o.title === 'string' ? named.get(o.title) : undefined;
    if (n && n.outline === outline(o)) {
      const name = o.title as string;
      const { description, ...rest } = o;
      const own = description !== undefined && description !== n.description;
      if (!(name in schemas)) {
        schemas[name] = null; // (a named schema inside itself is referenced)
        schemas[name] = visitProperties(own ? rest : o);
      }
      return own ? { $ref: `#/components/schemas/${name}`, description } : { $ref: `#/components/schemas/${name}` };
    }
    return visitProperties(o);
  };
  const visitProperties = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, visit(v)]));
  const paths = visit(document.paths) as Record<string, unknown>;
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );
  return {
    ...document,
    servers,
    tags: TAGS,
    paths,
    components: { ...document.components, schemas: { ...document.components?.schemas, ...sorted } },
  };
}
