import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomToken, sha256, type SessionLimits } from '../../auth/sessions.ts';
import { readClaims, type IdentityProviders } from '../../auth/oidc.ts';
import type { IdentityProviderConfig } from '../../auth/oidc-config.ts';
import { AppError, notFound } from '../../errors.ts';
import { approveAccessRequest, beginProviderSignIn, completeProviderSignIn, refuseAccessRequest, takeProviderSignIn } from '../../commands/index.ts';
import { SIGN_IN_MINUTES } from '../../commands/identities.ts';
import type { CommandContext } from '../../commands/run.ts';
import { accessRequestAbilities, canReviewAccessRequests } from '../../policies/identity.ts';
import { findAccessRequests } from '../../queries/identities.ts';
import { Id } from '../../../core/api/common.ts';
import { LANGUAGES } from '../../../core/vocabulary.ts';
import {
  AccessRequestApproveBody,
  AccessRequestApprovedSchema,
  AccessRequestListSchema,
  ProviderCallbackQuery,
  ProviderId,
  ProviderStartQuery,
  SignInOptionsSchema,
  type SsoOutcome,
} from '../../../core/api/identity.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { sessionOrigin, setSessionCookie } from '../session/index.ts';

/** The cookie that ties a sign-in under way to the browser that began it (its SHA-256 is kept with the sign-in). */
const BROWSER_COOKIE = 'concord_sso';
const COOKIE_PATH = '/api/auth/oidc';

const Redirect = (description: string) => Type.Null({ description: `Redirect (Location): ${description}` });

/** A path of this app to return to: local, absolute, not the sign-in page itself; '/' otherwise. */
export const safeReturnPath = (n: string | undefined): string =>
  n && n.length <= 2000 && n.startsWith('/') && !n.startsWith('//') && !n.startsWith('/\\') && !n.startsWith('/sign-in') && !n.startsWith('/api/') ? n : '/';

/**
 * Why openid-client refused a callback, for the log: the innermost error's sentence and code
 * (oauth4webapi's: `unexpected JWT "aud" (audience) claim value`, OAUTH_JWT_CLAIM_COMPARISON_FAILED)
 * and the claim it was about (aud, exp, iss, nonce …). Never the token or its claims.
 */
function refusalOf(e: unknown): { reason: string; code?: string; claim?: string } {
  let out: { reason: string; code?: string; claim?: string } = { reason: String((e as Error)?.message ?? e) };
  for (let x = e as { message?: unknown; code?: unknown; claim?: unknown; cause?: unknown } | undefined, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    if (typeof x.claim === 'string') out = { ...out, claim: x.claim };
    if (x instanceof Error) {
      const code = (x as { code?: unknown }).code;
      out = { ...out, reason: x.message, ...(typeof code === 'string' ? { code } : {}) };
    }
    x = x.cause as typeof x;
  }
  return out;
}

/**
 * Sign-in through the instance's identity providers (OpenID Connect; auth/oidc.ts) and the access
 * requests that first sign-ins leave for a party's administrators.
 */
export default async function identityRoutes(fastify: FastifyInstance, opts: { providers: IdentityProviders; sessionLimits: SessionLimits }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { providers } = opts;
  const tags = ['session'];
  const anonymous = (req: FastifyRequest): CommandContext => ({ store: req.server.store, actor: null, requestId: req.id, writer: req.server.writer });
  const provider = (id: string): IdentityProviderConfig => {
    const p = providers.byId(id);
    if (!p) throw notFound('Identity provider');
    return p;
  };
  const cookieOptions = (req: FastifyRequest) => ({ httpOnly: true, sameSite: 'lax' as const, path: COOKIE_PATH, secure: req.protocol === 'https' });
  /** Back to the sign-in page with what happened, which it says in the user's language. */
  const toSignIn = (reply: FastifyReply, outcome: SsoOutcome) => reply.redirect(`/sign-in?sso=${outcome}`, 302);

  app.get(
    '/auth/providers',
    {
      schema: {
        tags,
        summary: 'How to sign in here: whether e-mail and password sign-in is on, and the identity providers (a button each)',
        security: [],
        response: { 200: SignInOptionsSchema, ...errorResponses },
      },
    },
    async () => ({
      passwordSignIn: providers.settings.passwordSignIn,
      providers: providers.list.map((p) => ({ id: p.id, label: p.label, startUrl: `/api/auth/oidc/${p.id}/start` })),
    }),
  );

  app.get(
    '/auth/oidc/:provider/start',
    {
      schema: {
        tags,
        summary: "Begin signing in through an identity provider: redirects the browser to the provider's sign-in (authorization code flow with PKCE, state and nonce)",
        security: [],
        params: Type.Object({ provider: ProviderId }),
        querystring: ProviderStartQuery,
        response: { 302: Redirect("the provider's authorization endpoint, or the sign-in page when the provider cannot be reached"), ...errorResponses },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const p = provider(req.params.provider);
      let started: Awaited<ReturnType<IdentityProviders['start']>>;
      try {
        started = await providers.start(p);
      } catch (e) {
        req.log.warn({ err: e, provider: p.id }, `identity provider ${p.id}: discovery failed`);
        return toSignIn(reply, 'provider_error');
      }
      // One binding per browser, kept across sign-ins begun in several tabs.
      const browser = req.cookies[BROWSER_COOKIE] && /^[\w-]{43}$/.test(req.cookies[BROWSER_COOKIE]) ? req.cookies[BROWSER_COOKIE] : randomToken();
      await beginProviderSignIn(anonymous(req), {
        stateHash: sha256(started.checks.state),
        providerId: p.id,
        nonce: started.checks.nonce,
        codeVerifier: started.checks.codeVerifier,
        browserHash: sha256(browser),
        returnTo: safeReturnPath(req.query.next),
      });
      reply.setCookie(BROWSER_COOKIE, browser, { ...cookieOptions(req), maxAge: SIGN_IN_MINUTES * 60 });
      return reply.redirect(started.url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/:provider/callback',
    {
      schema: {
        tags,
        summary:
          'Where the identity provider sends the browser back (the redirect URI). Redirects to the page the sign-in began on with a session, or to the sign-in page saying why not (sso=pending, refused, unmatched, expired, provider_error)',
        security: [],
        params: Type.Object({ provider: ProviderId }),
        querystring: ProviderCallbackQuery,
        response: { 302: Redirect('the app (signed in) or the sign-in page (sso=…)'), ...errorResponses },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const p = provider(req.params.provider);
      const browser = req.cookies[BROWSER_COOKIE];
      const taken = req.query.state && browser ? await takeProviderSignIn(anonymous(req), sha256(req.query.state), sha256(browser), p.id) : undefined;
      // Spent or not, this sign-in is over: a replay of this address finds nothing.
      if (!taken) {
        req.log.warn(
          { provider: p.id, state: Boolean(req.query.state), cookie: Boolean(browser) },
          `identity provider ${p.id}: callback with no sign-in under way in this browser (replayed, expired, or begun elsewhere)`,
        );
        return toSignIn(reply, 'expired');
      }
      if (req.query.error) {
        req.log.warn({ provider: p.id, error: req.query.error, description: req.query.error_description }, `identity provider ${p.id} answered ${req.query.error}`);
        return toSignIn(reply, 'provider_error');
      }
      const search = new URL(req.url, 'http://x').search;
      let claims: Record<string, unknown>;
      try {
        claims = await providers.finish(p, new URL(`${providers.redirectUri(p)}${search}`), { state: req.query.state!, nonce: taken.nonce, codeVerifier: taken.codeVerifier });
      } catch (e) {
        const why = refusalOf(e);
        req.log.warn({ provider: p.id, ...why }, `identity provider ${p.id}: sign-in refused: ${why.reason}`);
        return toSignIn(reply, 'provider_error');
      }
      const who = readClaims(p, claims, req.headers['accept-language']);
      let done: Awaited<ReturnType<typeof completeProviderSignIn>>;
      try {
        done = await completeProviderSignIn(anonymous(req), who, { maxHours: opts.sessionLimits.maxHours, origin: sessionOrigin(req) });
      } catch (e) {
        // Two first sign-ins of one person at once: the other made the request.
        if (e instanceof AppError && e.code === 'conflict') done = { outcome: 'pending' };
        else throw e;
      }
      req.log.info({ provider: p.id, outcome: done.outcome, user: done.outcome === 'signed_in' ? done.userId : undefined }, `identity provider ${p.id}: ${done.outcome}`);
      if (done.outcome !== 'signed_in') return toSignIn(reply, done.outcome);
      reply.clearCookie(BROWSER_COOKIE, cookieOptions(req));
      setSessionCookie(req, reply, done.token);
      return reply.redirect(taken.returnTo, 302);
    },
  );

  app.get(
    '/access-requests',
    {
      schema: {
        tags: ['users'],
        summary: "First sign-ins through an identity provider waiting for an administrator of the caller's party (empty, canReview false, for others)",
        response: { 200: AccessRequestListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!canReviewAccessRequests(actor)) return { items: [], canReview: false };
      const rows = await findAccessRequests(req.server.store.db, actor.partyId);
      return {
        canReview: true,
        items: rows.map((r) => ({
          id: r.id,
          version: Number(r.version),
          providerId: r.provider_id,
          email: r.email,
          emailVerified: Boolean(Number(r.email_verified)),
          displayName: r.display_name,
          organisationClaim: r.organisation_claim,
          organisationId: r.organisation_id,
          locale: (LANGUAGES as readonly string[]).includes(r.locale) ? (r.locale as (typeof LANGUAGES)[number]) : 'en',
          existingUserId: r.existing_user_id ?? null,
          createdAt: r.created_at,
          abilities: accessRequestAbilities(actor, r),
        })),
      };
    },
  );

  app.post(
    '/access-requests/:id/approve',
    {
      schema: {
        tags: ['users'],
        summary: "Approve a first sign-in (an administrator of its party; If-Match: version): the account is made as chosen, or the sign-in linked to the party's account with its e-mail",
        params: Type.Object({ id: Id }),
        body: AccessRequestApproveBody,
        response: { 200: AccessRequestApprovedSchema, ...errorResponses },
      },
    },
    async (req) => approveAccessRequest(commandContext(req), req.params.id, expectedVersion(req), req.body),
  );

  app.post(
    '/access-requests/:id/refuse',
    {
      schema: {
        tags: ['users'],
        summary: "Refuse a first sign-in (an administrator of its party; If-Match: version): the person's sign-ins through that provider stay refused",
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await refuseAccessRequest(commandContext(req), req.params.id, expectedVersion(req));
      return reply.status(204).send(null);
    },
  );
}
