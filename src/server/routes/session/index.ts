import { Type } from 'typebox';
import { normaliseEmail } from '../../auth/email.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { unknownUserHash, verifyPassword } from '../../auth/password.ts';
import { SESSION_COOKIE, sessionEnds, type SessionLimits } from '../../auth/sessions.ts';
import { loadActor, type Actor } from '../../auth/actor.ts';
import { AppError, forbidden } from '../../errors.ts';
import { changePassword, createApiToken, resetPassword, revokeApiToken, revokeSession, signIn, signOut } from '../../commands/index.ts';
import { Id, Items } from '../../../core/api/common.ts';
import { NewTokenSchema, PasswordChangeBody, PasswordResetBody, SessionInfoSchema, SessionLimitsSchema, SessionSchema, SignInBody, TokenCreateBody, TokenSchema } from '../../../core/api/session.ts';
import { commandContext, errorResponses, requireActor } from '../common.ts';
import { CLASSIFICATIONS, type TokenScope } from '../../../core/vocabulary.ts';
import { MemoryThrottle, TableThrottle, throttleKeys } from './throttle.ts';
import { SignInStepSchema } from '../../../core/api/passkeys.ts';
import { afterPassword } from '../passkeys/steps.ts';

export const presentUser = (a: Actor) => ({
  id: a.userId,
  email: a.email,
  displayName: a.displayName,
  organisationId: a.orgId,
  partyId: a.partyId,
  clearance: CLASSIFICATIONS[a.clearance] ?? 'secret',
  isAdmin: a.isAdmin,
  locale: a.locale,
  roles: a.roles,
});

/** Sets the session cookie for a new session (here, and after a sign-in through an identity provider). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: req.server.sessionLimits.maxHours * 3600,
    secure: req.protocol === 'https',
  });
}

/**
 * The caller of a token route: a signed-in session only. app.ts already refuses every token on
 * /api/tokens; this says so again where the rule matters.
 */
export function sessionActor(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (req.authVia !== 'cookie') throw new AppError('forbidden', 'Tokens are made, listed and revoked only from a signed-in session');
  return actor;
}

/** Where a session is opened from, for its owner's list of sessions. */
export const sessionOrigin = (req: FastifyRequest) => ({ userAgent: req.headers['user-agent'] ?? null, ip: req.ip ?? null });

/** Sign-in, sign-out, the current user, one's sessions and password, and API tokens for scripts. */
export default async function sessionRoutes(fastify: FastifyInstance, opts: { signInPerMinute: number; sessionLimits: SessionLimits; passwordSignIn: boolean }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Failed sign-ins back off per client address and per account (see throttle.ts).
  const throttle = fastify.store.dialect === 'postgres' ? new TableThrottle(fastify.store) : new MemoryThrottle();
  void unknownUserHash(); // made now, so that the first unknown e-mail does not pay for it
  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail and password; sets an httpOnly session cookie',
        security: [],
        body: SignInBody,
        response: { 200: SessionSchema, 202: SignInStepSchema, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      // CONCORD_PASSWORD_SIGNIN=off: accounts sign in through the identity providers only.
      if (!opts.passwordSignIn) throw forbidden('Password sign-in is off on this server: sign in through your identity provider', 'password_sign_in_off');
      const db = req.server.store.db;
      const email = normaliseEmail(req.body.email);
      const keys = throttleKeys(req.ip, email, opts.signInPerMinute);
      const wait = await throttle.wait(keys, Date.now());
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${wait} s`, { details: { retryAfter: wait } });
      }
      const u = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('email', '=', email).executeTakeFirst();
      // Same answer, same work and so the same time for an unknown e-mail, a disabled account and a
      // wrong password, so sign-in does not reveal who has an account: an unknown e-mail is checked
      // against a hash of nothing (scrypt with the same parameters).
      const matches = await verifyPassword(req.body.password, u?.password_hash ?? (await unknownUserHash()));
      const ok = u && !u.disabled && matches;
      if (!u || !ok) {
        await throttle.failed(keys, Date.now());
        throw new AppError('unauthenticated', 'E-mail or password is wrong');
      }
      await throttle.succeeded(keys[1].key);
      const actor = (await loadActor(db, u.id))!;
      // A passkey next when the account has one; a session limited to enrolling one when required.
      const next = await afterPassword(req, actor);
      if ('step' in next) return reply.status(202).send(next.step);
      const s = await signIn(commandContext(req, actor), opts.sessionLimits.maxHours, sessionOrigin(req), next.limitedTo);
      setSessionCookie(req, reply, s.token);
      return { user: presentUser(actor), csrfToken: s.csrfToken, ...(next.limitedTo ? { limitedTo: next.limitedTo } : {}) };
    },
  );

  app.get(
    '/session',
    {
      schema: { tags: ['session'], summary: 'The signed-in user and the CSRF token for cookie writes', response: { 200: SessionSchema, ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      return { user: presentUser(actor), csrfToken: req.csrfToken, ...(req.sessionLimitedTo ? { limitedTo: req.sessionLimitedTo as 'passkey_enrolment' } : {}) };
    },
  );

  app.delete(
    '/session',
    {
      schema: { tags: ['session'], summary: 'Sign out: revokes the session', response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const ctx = commandContext(req);
      const token = req.cookies[SESSION_COOKIE];
      await signOut(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['session'],
        summary: 'My live browser sessions, newest first, and how long sessions last here (from a signed-in session only)',
        response: { 200: Type.Object({ items: Type.Array(SessionInfoSchema), limits: SessionLimitsSchema }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = sessionActor(req);
      const at = new Date().toISOString();
      const rows = await req.server.store.db
        .selectFrom('user_sessions')
        .selectAll()
        .where('user_id', '=', actor.userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(200)
        .execute();
      const items = rows
        .map((s) => ({ s, endsAt: sessionEnds(s, opts.sessionLimits.idleMinutes) }))
        .filter((x) => x.endsAt > at)
        .map(({ s, endsAt }) => ({
          id: s.id,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at ?? s.created_at,
          endsAt,
          userAgent: s.user_agent ?? null,
          ip: s.ip ?? null,
          current: s.id === req.sessionId,
        }));
      return { items, limits: opts.sessionLimits };
    },
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags: ['session'],
        summary: 'End one of my sessions (another browser, or this one); from a signed-in session only',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await revokeSession(commandContext(req, sessionActor(req)), req.params.id);
      if (req.params.id === req.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change my password (the current one required). Every session of the account ends; this browser gets a new one',
        body: PasswordChangeBody,
        response: { 200: Type.Object({ csrfToken: Type.String(), sessionsEnded: Type.Integer() }), ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const actor = sessionActor(req);
      // Guessing the current password through this form backs off like sign-in does.
      const keys = throttleKeys(req.ip, actor.email, opts.signInPerMinute);
      const wait = await throttle.wait(keys, Date.now());
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError('rate_limited', `Too many wrong passwords; try again in ${wait} s`, { details: { retryAfter: wait } });
      }
      try {
        const s = await changePassword(commandContext(req, actor), req.body, { maxHours: opts.sessionLimits.maxHours, origin: sessionOrigin(req) });
        setSessionCookie(req, reply, s.token);
        return { csrfToken: s.csrfToken, sessionsEnded: s.ended };
      } catch (e) {
        if (e instanceof AppError && e.field === 'body.currentPassword') await throttle.failed(keys, Date.now());
        throw e;
      }
    },
  );

  app.post(
    '/password-reset',
    {
      schema: {
        tags: ['session'],
        summary: 'Set a new password with a one-time reset link (no sign-in needed). Every session of the account ends; sign in afterwards',
        security: [],
        body: PasswordResetBody,
        response: { 200: Type.Object({ email: Type.String({ description: 'The account whose password was set, to sign in with' }) }), ...errorResponses, 429: errorResponses[400] },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => resetPassword({ store: req.server.store, actor: null, requestId: req.id, writer: req.server.writer }, req.body),
  );

  app.get(
    '/tokens',
    {
      schema: { tags: ['session'], summary: 'My API tokens (from a signed-in session only: a token answers 403)', response: { 200: Items(TokenSchema), ...errorResponses } },
    },
    async (req) => {
      const actor = sessionActor(req);
      const rows = await req.server.store.db.selectFrom('api_tokens').selectAll().where('user_id', '=', actor.userId).orderBy('created_at').orderBy('id').execute();
      return {
        items: rows.map((t) => ({
          id: t.id,
          name: t.name,
          scope: t.scope as TokenScope,
          wgId: t.wg_id,
          createdAt: t.created_at,
          expiresAt: t.expires_at ?? t.created_at,
          lastUsedAt: t.last_used_at,
          revokedAt: t.revoked_at,
        })),
      };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['session'],
        summary: "Create an API token (read, write, or calendar for one group's feed; default read, 90 days); the secret is shown once. From a signed-in session only",
        body: TokenCreateBody,
        response: { 201: NewTokenSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const made = await createApiToken(commandContext(req, sessionActor(req)), req.body);
      return reply.status(201).send({ name: req.body.name, ...made });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: { tags: ['session'], summary: 'Revoke one of my API tokens (from a signed-in session only)', params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await revokeApiToken(commandContext(req, sessionActor(req)), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
