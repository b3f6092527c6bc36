import { createSession, randomToken, sha256 } from '../auth/sessions.ts';
import { notFound } from '../errors.ts';
import { userGuard } from './guard.ts';
import { newId, now, runCommand, type ActingContext } from './run.ts';

/** Opens a browser session for a user whose password was checked, with its audit event. */
export async function signIn(ctx: ActingContext): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const { actor } = ctx;
  return runCommand(ctx, async (tx, audit) => {
    const s = await createSession(tx, actor.userId);
    audit({ action: 'session.sign_in', entityType: 'user', entityId: actor.userId, after: { via: 'password' }, guard: userGuard(actor.orgId, actor.partyId) });
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

/** Creates an API token for the actor; the secret is returned once and only its hash is kept. */
export async function createApiToken(ctx: ActingContext, name: string): Promise<{ id: string; token: string }> {
  const { actor } = ctx;
  const token = `cct_${randomToken()}`;
  const id = newId();
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('api_tokens').values({ id, user_id: actor.userId, name, token_hash: sha256(token), created_at: now(), revoked_at: null }).execute();
    audit({ action: 'token.create', entityType: 'api_token', entityId: id, after: { name }, guard: userGuard(actor.orgId, actor.partyId) });
  });
  return { id, token };
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
