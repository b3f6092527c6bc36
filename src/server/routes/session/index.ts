import { Type } from 'typebox';
import { normaliseEmail } from '../../auth/email.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { unknownUserHash, verifyPassword } from '../../auth/password.ts';
import { SESSION_COOKIE, SESSION_DAYS } from '../../auth/sessions.ts';
import { loadActor, type Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { createApiToken, revokeApiToken, signIn, signOut } from '../../commands/index.ts';
import { Id, Items } from '../../../core/api/common.ts';
import { NewTokenSchema, SessionSchema, SignInBody, TokenCreateBody, TokenSchema } from '../../../core/api/session.ts';
import { commandContext, errorResponses, requireActor } from '../common.ts';
import { CLASSIFICATIONS, type TokenScope } from '../../../core/vocabulary.ts';
import { MemoryThrottle, TableThrottle, throttleKeys } from './throttle.ts';

const presentUser = (a: Actor) => ({
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

/**
 * The caller of a token route: a signed-in session only. app.ts already refuses every token on
 * /api/tokens; this says so again where the rule matters.
 */
function sessionActor(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (req.authVia !== 'cookie') throw new AppError('forbidden', 'Tokens are made, listed and revoked only from a signed-in session');
  return actor;
}

/** Sign-in, sign-out, the current user, and API tokens for scripts. */
export default async function sessionRoutes(fastify: FastifyInstance, opts: { signInPerMinute: number }) {
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
        response: { 200: SessionSchema, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
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
      const s = await signIn(commandContext(req, actor));
      reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: SESSION_DAYS * 86400, secure: req.protocol === 'https' });
      return { user: presentUser(actor), csrfToken: s.csrfToken };
    },
  );

  app.get(
    '/session',
    {
      schema: { tags: ['session'], summary: 'The signed-in user and the CSRF token for cookie writes', response: { 200: SessionSchema, ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      return { user: presentUser(actor), csrfToken: req.csrfToken };
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
