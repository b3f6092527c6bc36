import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction as HookDone } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Store } from './db/database.ts';
import type { CommandWriter } from './commands/run.ts';
import { recordSessionUse, recordTokenUse } from './commands/index.ts';
import { inPlaceRunner, type HeavyRunner } from './heavy/runner.ts';
import { loadActor, type Actor } from './auth/actor.ts';
import { limitedSessionAllows, NO_PASSKEY_SETTINGS, type PasskeySettings } from './auth/passkeys.ts';
import { DEFAULT_SESSION_LIMITS, SESSION_SEEN_EVERY_MS, findApiToken, findSession, SESSION_COOKIE, sha256, tokenAllows, TokenUse, type SessionLimits } from './auth/sessions.ts';
import { AppError, isStoreUnavailable } from './errors.ts';
import { IdentityProviders } from './auth/oidc.ts';
import { DEFAULT_SIGN_IN, type SignInSettings } from './auth/oidc-config.ts';
import { registerRoutes } from './routes/index.ts';
import { validatorCompiler } from './http/validation.ts';
import { transformDocument, transformOperation } from './http/openapi.ts';
import { MarkerCache } from './read-cache.ts';
import { DOCS_CSP, registerSecurityHeaders } from './security-headers.ts';
import { createLogger, redactUrl, requestId } from './logging.ts';
import type { Logger } from 'pino';
import { Type } from 'typebox';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** The write thread, when commands run on one. */
    writer?: CommandWriter;
    /** Where the heavy reads (alignment, message discipline) run: the analysis thread under `concord serve`, else in place. */
    heavy: HeavyRunner;
    /** The API tokens' last-used times, written at most once a minute per token (auth/sessions.ts). */
    tokenUse: TokenUse;
    /** The sessions' last requests, written at most once a minute per session: the idle timeout counts from them. */
    sessionUse: TokenUse;
    /** How long sessions last on this server. */
    sessionLimits: SessionLimits;
    /** Who must use a passkey, and the address passkeys are bound to (auth/passkeys.ts). */
    passkeys: PasskeySettings;
  }
  interface FastifyRequest {
    actor?: Actor;
    authVia?: 'cookie' | 'token';
    /** The bearer token's scope and group, when the caller came with one. */
    apiToken?: ApiTokenAuth;
    csrfToken?: string;
    /** The session behind the cookie (the SHA-256 of its secret), when the caller came with one. */
    sessionId?: string;
    /** `passkey_enrolment`: the session may only enrol a passkey (auth/passkeys.ts). */
    sessionLimitedTo?: string;
    /** Set when this GET may be answered from, and stored in, the read cache. */
    cacheKey?: string;
    marker?: string;
  }
}

export interface AppOptions {
  store: Store;
  /** The log (logging.ts): a logger, `true` for one at LOG_LEVEL, or off (the default, for tests). */
  logger?: boolean | Logger;
  /** Serve the built web app from this folder (default: dist/web when it exists). */
  webRoot?: string | false;
  /**
   * Failed sign-ins a client address may make before it backs off exponentially (default 10; an
   * account may take three times as many from all addresses: routes/session/throttle.ts).
   */
  signInPerMinute?: number;
  /** How long browser sessions last (default: an hour idle, twelve hours at most; auth/sessions.ts). */
  sessionLimits?: SessionLimits;
  /** Who must use a passkey, and the server's public address (default: nobody, none; auth/passkeys.ts). */
  passkeys?: PasskeySettings;
  /**
   * The reverse proxies to trust for X-Forwarded-For/-Proto/-Host (Fastify's trustProxy: `true`,
   * addresses and CIDRs, or a hop count): the client's address and protocol are then the
   * original ones (sign-in throttling, the session cookie's Secure flag, HSTS). Default: none.
   */
  trustProxy?: boolean | string | string[] | number;
  /** Cache reads per user and URL until the next write (default: on for SQLite, off for PostgreSQL). */
  readCache?: boolean;
  /** Megabytes the read cache may hold (default 64; CONCORD_READ_CACHE_MB under `concord serve`). */
  readCacheMB?: number;
  /** Run the API's commands on this write thread (see commands/write-thread.ts). */
  writer?: CommandWriter;
  /** Run the heavy reads here (see heavy/thread.ts; default: in place). */
  heavy?: HeavyRunner;
  /** How people sign in: identity providers, password sign-in on or off (auth/oidc-config.ts; default: passwords, no providers). */
  signIn?: SignInSettings;
}

export const DEFAULT_READ_CACHE_MB = 64;

/** Reads never cached: they carry per-session secrets or stream. */
const UNCACHED = /^\/api\/(session|tokens|passkeys|notifications|auth\/|openapi\.json|docs)/;

export interface ApiTokenAuth {
  id: string;
  scope: string;
  wgId: string | null;
}

interface CachedAuth {
  actor: Actor | undefined;
  csrfToken?: string;
  sessionId?: string;
  sessionLimitedTo?: string;
  expiresAt?: string;
  token?: ApiTokenAuth;
}
interface CachedReply {
  /** The body's bytes (see cachedBody). */
  payload: Buffer;
  bytes: number;
  type: string;
  etag?: string;
}

/** Seconds a client is asked to wait after a 503 for an unreachable database. */
const STORE_RETRY_AFTER_S = 2;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A serialized body as the read cache keeps it: as bytes, off the JavaScript heap, counted
 * exactly. (The serializer's string is a rope of thousands of pieces that takes several times its
 * length; kept as it is, a bound in bytes would not hold.)
 */
function cachedBody(payload: string): { payload: Buffer; bytes: number } {
  const b = Buffer.from(payload);
  return { payload: b, bytes: b.length };
}

/** Today's UTC date (YYYY-MM-DD), worked out at most once a second. */
let dayAt = -1;
let day = '';
function utcDay(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dayAt) {
    dayAt = second;
    day = new Date(second * 1000).toISOString().slice(0, 10);
  }
  return day;
}

/**
 * Builds the Concord HTTP app. Every request goes the same way: authenticate (session cookie or
 * bearer token) → CSRF check for cookie writes → schema validation → route (load with visibility
 * in SQL → authorize → command in a transaction with its audit event → present through the
 * response schema) → one error handler.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const logger = opts.logger === true ? createLogger() : opts.logger || undefined;
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    // One line per request, written when it ends (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // An incoming X-Request-Id is kept (a proxy's or a client's), else a new one; echoed back.
    requestIdHeader: false,
    genReqId: requestId,
    trustProxy: (opts.trustProxy ?? false) as boolean, // (any of the forms; the cast only picks Fastify's HTTP/1 overload)
    // Longer than any id the schemas accept (200), so an over-long id is a 400 naming the field.
    routerOptions: { maxParamLength: 1000 },
    ajv: { customOptions: { coerceTypes: false } },
    // A path that is not valid percent-encoding (/api/notes/%E0%A4%A) is the API's 400 too, in its error shape.
    frameworkErrors: (err, req, reply) => void (reply as unknown as FastifyReply).status(400).send({ error: 'bad_request', message: err.message, requestId: req.id }),
  })
    .setValidatorCompiler(validatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('store', opts.store);
  app.decorate('writer', opts.writer);
  app.decorate('heavy', opts.heavy ?? inPlaceRunner(opts.store));
  app.decorateRequest('actor', undefined);
  app.decorate(
    'tokenUse',
    new TokenUse(
      (id, at, before) => recordTokenUse({ store: opts.store, actor: null, requestId: null, writer: opts.writer }, id, at, before),
      (e) => app.log.warn({ err: e }, "could not record a token's last use"),
    ),
  );
  const sessionLimits = opts.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  app.decorate('sessionLimits', sessionLimits);
  app.decorate('passkeys', opts.passkeys ?? NO_PASSKEY_SETTINGS);
  app.decorate(
    'sessionUse',
    new TokenUse(
      (id, at, before) => recordSessionUse({ store: opts.store, actor: null, requestId: null, writer: opts.writer }, id, at, before),
      (e) => app.log.warn({ err: e }, "could not record a session's last request"),
      SESSION_SEEN_EVERY_MS,
    ),
  );

  await app.register(cookie);
  const webRoot = opts.webRoot === false ? undefined : resolve(opts.webRoot ?? 'dist/web');
  await registerSecurityHeaders(app, webRoot);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Concord API',
        version: '0.1.0',
        description: 'Working-group records, access-controlled and audited.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    // operationIds, headers, error statuses, named schemas as $ref, servers and tags (http/openapi.ts).
    transform: transformOperation,
    transformObject: (d) => transformDocument(('openapiObject' in d ? d.openapiObject : d) as never, [{ url: '/', description: 'This Concord instance (paths start with /api)' }]) as never,
  });
  // Sections start folded: with some 140 operations, Swagger UI rendering them all at once stopped after the first section.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP, uiConfig: { docExpansion: 'none' } });

  const store = opts.store;
  const useReadCache = opts.readCache ?? store.dialect === 'sqlite';
  const authCache = new MarkerCache<CachedAuth>(10_000);
  // Bounded in bytes (CONCORD_READ_CACHE_MB, default 64): whole answers are cached, and a few
  // hundred large ones would otherwise take gigabytes.
  const replyCache = new MarkerCache<CachedReply>({ maxBytes: (opts.readCacheMB ?? DEFAULT_READ_CACHE_MB) * 1024 * 1024, sizeOf: (r) => r.bytes + 64 });

  // Callback hooks, not async ones: they run on every request, and most of the time nothing in
  // them waits (the markers, the caller and the answer all come from memory).
  app.addHook('onRequest', (req, reply, done) => {
    // The health checks answer without the store's markers or a caller: /healthz must answer
    // whatever state the store is in, and /readyz says what that state is.
    if (req.url === '/healthz' || req.url === '/readyz') return done();
    const now = store.markersNow();
    if (now) authenticate(req, reply, done, now.change, now.auth);
    else store.markers().then((m) => authenticate(req, reply, done, m.change, m.auth), done);
  });

  function authenticate(req: FastifyRequest, reply: FastifyReply, done: HookDone, changeM: string, authM: string): void {
    // The UTC date is part of the marker: answers such as "overdue" or "days in stage" change at
    // midnight even when nothing was written.
    const day = utcDay();
    const marker = `${changeM}:${day}`;
    const authMarker = `${authM}:${day}`;
    req.marker = marker;
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ?? false;
    const token = bearer ? auth!.slice(7).trim() : req.cookies[SESSION_COOKIE];
    // A bearer header always names a token (an empty one is refused); an empty cookie is none.
    if (token === undefined || (!bearer && !token)) {
      admit(req, reply, done, marker, undefined, false);
      return;
    }
    const key = `${bearer ? 't' : 's'}:${sha256(token)}`;
    const hit = authCache.get(key, authMarker);
    if (hit && !(hit.expiresAt && hit.expiresAt < new Date().toISOString())) {
      admit(req, reply, done, marker, hit, bearer);
      return;
    }
    loadAuth(token, bearer).then((fresh) => {
      authCache.set(key, authMarker, fresh);
      admit(req, reply, done, marker, fresh, bearer);
    }, done);
  }

  /** Who a bearer token or a session cookie belongs to, from the store (the cache missed). */
  async function loadAuth(token: string, bearer: boolean): Promise<CachedAuth> {
    if (bearer) {
      const t = await findApiToken(store.db, token);
      if (!t) throw new AppError('unauthenticated', 'The bearer token is not valid');
      // Kept in the cache until it expires (the expiry is checked on each hit, above).
      return { actor: await loadActor(store.db, t.user_id), expiresAt: t.expires_at!, token: { id: t.id, scope: t.scope, wgId: t.wg_id } };
    }
    // Kept in the cache until the session would end unless used (checked on each hit, above); by
    // then its last request has been written, and the store tells whether it is still live.
    const s = await findSession(store.db, token, sessionLimits.idleMinutes);
    return s ? { actor: await loadActor(store.db, s.user_id), csrfToken: s.csrf_token, expiresAt: s.ends, sessionId: s.id, sessionLimitedTo: s.limited_to ?? undefined } : { actor: undefined };
  }

  /** Sets the caller (or refuses), then answers from the read cache or lets the route run. */
  function admit(req: FastifyRequest, reply: FastifyReply, done: HookDone, marker: string, hit: CachedAuth | undefined, bearer: boolean): void {
    try {
      if (hit && bearer) {
        if (!hit.actor || !hit.token) throw new AppError('unauthenticated', 'The bearer token is not valid or belongs to a disabled user');
        // A token opens what its scope allows, and never the tokens themselves (auth/sessions.ts).
        const allowed = tokenAllows(hit.token.scope, hit.token.wgId, req.method, req.url);
        if (allowed === 'unauthenticated') throw new AppError('unauthenticated', "This token opens only its working group's calendar feed");
        if (allowed === 'forbidden') {
          throw new AppError(
            'forbidden',
            req.url.startsWith('/api/tokens') ? 'Tokens are made, listed and revoked only from a signed-in session' : `A ${hit.token.scope} token cannot make this request`,
          );
        }
        req.actor = hit.actor;
        req.authVia = 'token';
        req.apiToken = hit.token;
      } else if (hit?.actor) {
        req.actor = hit.actor;
        req.authVia = 'cookie';
        req.csrfToken = hit.csrfToken;
        req.sessionId = hit.sessionId;
        req.sessionLimitedTo = hit.sessionLimitedTo;
        // A session limited to enrolling a passkey reaches nothing else until one is added.
        if (hit.sessionLimitedTo && !limitedSessionAllows(req.method, req.url)) {
          throw new AppError('forbidden', 'Add a passkey first: this server requires one of you, and this session may only enrol it', { reason: 'passkey_enrolment_required' });
        }
        // Cookie-authenticated writes must echo the session's CSRF token in a header that a
        // cross-site form cannot set.
        if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== hit.csrfToken) {
          throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header', { field: 'headers.x-csrf-token' });
        }
      }
      if (useReadCache && req.actor && req.method === 'GET' && req.url.startsWith('/api/') && !UNCACHED.test(req.url)) {
        req.cacheKey = `${req.actor.userId} ${req.url}`;
        const cached = replyCache.get(req.cacheKey, marker);
        if (cached) {
          reply.header('content-type', cached.type).header('x-concord-cache', 'hit');
          if (cached.etag) reply.header('etag', cached.etag);
          reply.send(cached.payload); // answered here: the route does not run
          return;
        }
      }
    } catch (e) {
      done(e as Error);
      return;
    }
    done();
  }

  // A callback hook, not an async one: it runs on every answer and waits for nothing, but for the
  // one answer a minute per token that records the token's last use.
  app.addHook('onSend', (req, reply, payload, done) => {
    // A token's last use, when it answered and its time is a minute old (auth/sessions.ts TokenUse).
    // A session's last request likewise: the idle timeout counts from it.
    const used = req.apiToken && reply.statusCode < 400 ? app.tokenUse.note(req.apiToken.id) : req.sessionId && reply.statusCode < 400 ? app.sessionUse.note(req.sessionId) : undefined;
    if (used) used.then(() => sent(req, reply, payload, done), done);
    else sent(req, reply, payload, done);
  });

  function sent(req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void): void {
    reply.header('x-request-id', req.id);
    if (req.cacheKey && reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload)) && !reply.getHeader('x-concord-cache')) {
      const etag = reply.getHeader('etag');
      const body = Buffer.isBuffer(payload) ? { payload, bytes: payload.length } : cachedBody(payload);
      replyCache.set(req.cacheKey, req.marker!, { ...body, type: String(reply.getHeader('content-type') ?? 'application/json'), etag: etag === undefined ? undefined : String(etag) });
      done(null, body.payload); // the same bytes go out: the body is encoded once
      return;
    }
    done(null, payload);
  }

  if (logger) {
    app.addHook('onResponse', (req, reply, done) => {
      const status = reply.statusCode;
      const line = { method: req.method, url: redactUrl(req.url), status, ms: Math.round(reply.elapsedTime * 10) / 10, user: req.actor?.userId, ip: req.ip };
      if (status >= 500) req.log.error(line, 'request failed');
      else req.log.info(line, 'request');
      done();
    });
  }

  app.setErrorHandler((err: FastifyError & Partial<AppError>, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: err.code, message: err.message, field: err.field, reason: err.reason, details: err.details, requestId: req.id });
    }
    if (err.validation) {
      const first = err.validation[0] as { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> } | undefined;
      const ctx = err.validationContext ?? 'body';
      let path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const missing = first?.params?.requiredProperties ?? first?.params?.missingProperty ?? first?.params?.additionalProperties;
      if (missing) path = [path, Array.isArray(missing) ? missing[0] : missing].filter(Boolean).join('.');
      const field = path ? `${ctx}.${path}` : ctx;
      // The rule the value broke and its limit, so a client can say it in its user's language.
      const details = validationDetails(first);
      return reply.status(400).send({ error: 'bad_request', message: `${field}: ${first?.message ?? 'is not valid'}`, field, reason: 'invalid_request', details, requestId: req.id });
    }
    if (err.statusCode === 429) return reply.status(429).send({ error: 'rate_limited', message: err.message, requestId: req.id });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: 'bad_request', message: err.message, requestId: req.id });
    }
    // The store cannot be written (disk full, read-only, I/O error: db/failures.ts): a clear 503
    // that asks the client to come back, a log line for the operator, and /readyz failing.
    const unwritable = store.noteFailure(err);
    if (unwritable) {
      req.log.error({ err, reqId: req.id, method: req.method, url: redactUrl(req.url) }, `store cannot be written: ${unwritable}`);
      return reply
        .status(503)
        .header('retry-after', String(UNWRITABLE_RETRY_AFTER_S))
        .send({ error: 'store_unavailable', message: `The store cannot be written (${unwritable}); the request changed nothing. Try again later`, requestId: req.id });
    }
    if (isStoreUnavailable(err)) {
      // The database is restarting, failing over or unreachable: the pool opens new connections
      // by itself, so tell the client to try again shortly rather than report a server bug.
      req.log.warn({ err }, 'store unavailable');
      return reply
        .status(503)
        .header('retry-after', String(STORE_RETRY_AFTER_S))
        .send({ error: 'store_unavailable', message: 'The database is unavailable for a moment; try again shortly', requestId: req.id });
    }
    req.log.error({ err, reqId: req.id, method: req.method, url: redactUrl(req.url) }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'Something went wrong on the server; the request changed nothing', requestId: req.id });
  });

  const providers = new IdentityProviders(opts.signIn ?? DEFAULT_SIGN_IN);
  await app.register(async (api) => registerRoutes(api, { signInPerMinute: opts.signInPerMinute ?? 10, sessionLimits, providers }), { prefix: '/api' });

  // The document is built and written once, when the app is ready: building it takes ~60 ms of
  // event loop, which a first visitor to /api/docs would otherwise take from every other request.
  let openapi = '';
  app.addHook('onReady', async () => {
    openapi = JSON.stringify(app.swagger());
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));
  registerHealth(app, opts);

  if (webRoot && existsSync(resolve(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      // Vite names every built asset by its content hash: a returning browser need not ask again.
      // The page itself is always revalidated, so a new build is picked up at once.
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
      return reply.status(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}`, requestId: req.id });
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}`, requestId: req.id }));
  }
  return app;
}

/** How long /readyz waits for the store before it says the store is not answering. */
const READY_TIMEOUT_MS = 2000;

/**
 * `/healthz`: the process is alive and its event loop turns (for a liveness probe; it touches
 * nothing else). `/readyz`: the store answers a query within two seconds and, on the embedded
 * store with the write thread, that thread is running (for a readiness probe or a load
 * balancer); 503 otherwise, with the reason.
 */
function registerHealth(app: FastifyInstance, opts: AppOptions): void {
  const Health = Type.Object({ ok: Type.Boolean(), reason: Type.Optional(Type.String()) });
  app.get(
    '/healthz',
    {
      schema: { tags: ['health'], summary: 'Liveness: the process answers', security: [], response: { 200: Health } },
    },
    (_req, reply) => {
      reply.header('cache-control', 'no-store').send({ ok: true });
    },
  );
  app.get(
    '/readyz',
    {
      schema: { tags: ['health'], summary: 'Readiness: the store answers a query (503 when it does not)', security: [], response: { 200: Health, 503: Health } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const reason = await storeProblem(opts);
      if (!reason) return { ok: true };
      req.log.warn({ reason }, 'not ready');
      return reply.status(503).send({ ok: false, reason });
    },
  );
}

/** Seconds a client is asked to wait after a 503 for a store that cannot be written. */
const UNWRITABLE_RETRY_AFTER_S = 30;

/** Why the store cannot serve requests now, or undefined when it can. */
async function storeProblem(opts: AppOptions): Promise<string | undefined> {
  if (opts.writer && !opts.writer.running) return 'The write thread is not running';
  // The last write failed because the store cannot be written (see Store.health).
  const health = await opts.store.health();
  if (!health.ok) return `The store cannot be written: ${health.reason}`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`The store did not answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      sql`select 1 as ok`.execute(opts.store.db).then(
        () => undefined,
        (e: unknown) => `The store does not answer: ${(e as Error).message}`,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A failed schema check as data: `rule` (the JSON Schema keyword: maxLength, minLength, maxItems,
 * minItems, minimum, maximum, format, pattern, required, enum, type …) and, where it has one, its
 * `limit` or `format`. Clients map these to their own words (the web app: error.rule.* in en/ko).
 */
function validationDetails(first: { keyword?: string; params?: Record<string, unknown> } | undefined): Record<string, unknown> | undefined {
  if (!first?.keyword) return undefined;
  const details: Record<string, unknown> = { rule: first.keyword === 'additionalProperties' ? 'unknownField' : first.keyword };
  if (typeof first.params?.limit === 'number') details.limit = first.params.limit;
  if (typeof first.params?.format === 'string') details.format = first.params.format;
  return details;
}
