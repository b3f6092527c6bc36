import { createSession, randomToken, sha256, type SessionOrigin } from '../auth/sessions.ts';
import { badRequest, notFound } from '../errors.ts';
import { visibleId } from '../queries/visible.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, type TokenScope } from '../../core/vocabulary.ts';
import { userGuard } from './guard.ts';
import { newId, now, runCommand, type ActingContext, type CommandContext } from './run.ts';

/**
 * Opens a browser session (for `maxHours` at most) for a user whose password was checked, with its
 * audit event; `limitedTo`: one that may only enrol a passkey (commands/passkeys.ts).
 */
export async function signIn(
  ctx: ActingContext,
  maxHours: number,
  origin: SessionOrigin = {},
  limitedTo: 'passkey_enrolment' | null = null,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const { actor } = ctx;
  return runCommand(ctx, async (tx, audit) => {
    const s = await createSession(tx, actor.userId, maxHours, origin, limitedTo);
    audit({
      action: 'session.sign_in',
      entityType: 'user',
      entityId: actor.userId,
      after: limitedTo ? { via: 'password', limitedTo } : { via: 'password' },
      guard: userGuard(actor.orgId, actor.partyId),
    });
    return s;
  });
}

/** Revokes the session behind a cookie (if any) and records the sign-out. */
export async function signOut(ctx: ActingContext, sessionToken: string | undefined): Promise<void> {
  const { actor } = ctx;
  await runCommand(ctx, async (tx, audit) => {
    if (sessionToken) await tx.updateTable('user_sessions').set({ revoked_at: now() }).where('id', '=', sha256(sessionToken)).execute();
    audit({ action: 'session.sign_out', entityType: 'user', entityId: actor.userId, guard: userGuard(actor.orgId, actor.partyId) });
  });
}

/** What a new token may do and for how long (see core/api/session.ts TokenCreateBody). */
export interface TokenOptions {
  name: string;
  scope?: TokenScope;
  wgId?: string;
  days?: number;
}

/**
 * Creates an API token for the actor; the secret is returned once and only its hash is kept. A
 * calendar token names a working group the actor sees (a hidden one and a missing one answer
 * alike); the others name none. Only a signed-in session reaches this (app.ts refuses tokens on
 * /api/tokens), so no token mints another.
 */
export async function createApiToken(ctx: ActingContext, o: TokenOptions): Promise<{ id: string; token: string; scope: TokenScope; wgId: string | null; expiresAt: string }> {
  const { actor } = ctx;
  const scope = o.scope ?? 'read';
  const days = o.days ?? TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) throw badRequest('body.days', `must be a whole number of days from 1 to ${TOKEN_MAX_DAYS}`, 'out_of_range');
  if (scope === 'calendar' && !o.wgId) throw badRequest('body.wgId', 'a calendar token names its working group', 'required_here');
  if (scope !== 'calendar' && o.wgId !== undefined) throw badRequest('body.wgId', 'only a calendar token names a working group', 'not_for_this_token');
  const token = `cct_${randomToken()}`;
  const id = newId();
  const created = now();
  const expiresAt = new Date(Date.parse(created) + days * 86400_000).toISOString();
  const wgId = scope === 'calendar' ? o.wgId! : null;
  await runCommand(ctx, async (tx, audit) => {
    if (wgId !== null && !(await visibleId(tx, actor, 'working_groups', wgId))) throw badRequest('body.wgId', 'no such working group', 'unknown_record');
    await tx
      .insertInto('api_tokens')
      .values({ id, user_id: actor.userId, name: o.name, token_hash: sha256(token), created_at: created, revoked_at: null, scope, wg_id: wgId, expires_at: expiresAt, last_used_at: null })
      .execute();
    audit({ action: 'token.create', entityType: 'api_token', entityId: id, after: { name: o.name, scope, wgId, expiresAt }, guard: userGuard(actor.orgId, actor.partyId) });
  });
  return { id, token, scope, wgId, expiresAt };
}

/** Revokes one of the actor's own API tokens (another user's token is not found). */
export async function revokeApiToken(ctx: ActingContext, id: string): Promise<void> {
  const { actor } = ctx;
  const t = await ctx.store.db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!t) throw notFound('API token');
  await runCommand(ctx, async (tx, audit) => {
    await tx.updateTable('api_tokens').set({ revoked_at: now() }).where('id', '=', t.id).execute();
    audit({ action: 'token.revoke', entityType: 'api_token', entityId: t.id, guard: userGuard(actor.orgId, actor.partyId) });
  });
}

/**
 * Records that a token was used at `at` (ISO time), unless another process did so in the last
 * minute. Not a use case: no one changes anything, so nothing is audited and no marker moves on
 * purpose (see auth/sessions.ts TokenUse, which calls it at most once a minute per token). It
 * runs where commands run, as the write thread alone may write under `concord serve`.
 */
export async function recordTokenUse(ctx: CommandContext, tokenId: string, at: string, before: string): Promise<void> {
  await ctx.store.db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)]))
    .execute();
}

/**
 * Records that a session made a request at `at`, unless another process did so in the last
 * minute: the idle timeout counts from it. Not audited, like a token's last use (auth/sessions.ts
 * TokenUse calls it at most once a minute per session).
 */
export async function recordSessionUse(ctx: CommandContext, sessionId: string, at: string, before: string): Promise<void> {
  await ctx.store.db
    .updateTable('user_sessions')
    .set({ last_seen_at: at })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', before)]))
    .execute();
}
