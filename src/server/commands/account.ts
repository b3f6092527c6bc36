/**
 * A user's own account: changing one's password, ending one's sessions, and the one-time reset
 * links an administrator of the user's party (or the server's holder) issues. Every change of
 * password ends every session of the account: whoever had a session with the old password loses it.
 */
import { verifyPassword, hashPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import { createSession, randomToken, sha256, type SessionOrigin } from '../auth/sessions.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { accountVisibleTo, canIssuePasswordReset } from '../policies/user.ts';
import { PASSWORD_RESET_HOURS } from '../../core/api/session.ts';
import type { Actor } from '../auth/actor.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { userGuard } from './guard.ts';
import { newId, now, runCommand, type ActingContext, type CommandContext } from './run.ts';

async function accountOf(db: Kysely<Database>, userId: string) {
  const u = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.password_hash', 'users.disabled', 'users.organisation_id', 'organisations.party_id'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!u) throw notFound('User');
  return u;
}

/** Ends every live session of a user; returns how many. */
async function endSessions(tx: Kysely<Database>, userId: string, at: string): Promise<number> {
  const r = await tx.updateTable('user_sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Changes the actor's own password: the current one must be right (a wrong one is a 400 naming
 * `body.currentPassword`, so an open session alone cannot take the account over); the new one
 * must pass the policy (auth/password-policy.ts). Every session ends, and a new one opens for the
 * caller, so the browser that changed it stays signed in.
 */
export async function changePassword(
  ctx: ActingContext,
  body: { currentPassword: string; newPassword: string },
  session: { maxHours: number; origin: SessionOrigin },
): Promise<{ token: string; csrfToken: string; expiresAt: string; ended: number }> {
  const { actor } = ctx;
  const u = await accountOf(ctx.store.db, actor.userId);
  if (!(await verifyPassword(body.currentPassword, u.password_hash))) {
    throw new AppError('bad_request', 'body.currentPassword: is not your current password', { field: 'body.currentPassword', details: { rule: 'currentPassword' }, reason: 'wrong_password' });
  }
  if (body.newPassword === body.currentPassword) {
    throw new AppError('bad_request', 'body.newPassword: must differ from the current password', { field: 'body.newPassword', details: { rule: 'samePassword' }, reason: 'same_password' });
  }
  await checkNewPassword('body.newPassword', body.newPassword, [u.email, u.display_name]);
  const hash = await hashPassword(body.newPassword);
  return runCommand(ctx, async (tx, audit) => {
    const at = now();
    await tx.updateTable('users').set({ password_hash: hash, password_changed_at: at }).where('id', '=', actor.userId).execute();
    const ended = await endSessions(tx, actor.userId, at);
    const s = await createSession(tx, actor.userId, session.maxHours, session.origin);
    audit({ action: 'user.password_change', entityType: 'user', entityId: actor.userId, after: { sessionsEnded: ended }, guard: userGuard(u.organisation_id, u.party_id) });
    return { ...s, ended };
  });
}

/** Ends one of the actor's own sessions (another user's session is not found). */
export async function revokeSession(ctx: ActingContext, sessionId: string): Promise<void> {
  const { actor } = ctx;
  const s = await ctx.store.db.selectFrom('user_sessions').select(['id', 'revoked_at']).where('id', '=', sessionId).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!s || s.revoked_at) throw notFound('Session');
  await runCommand(ctx, async (tx, audit) => {
    await tx.updateTable('user_sessions').set({ revoked_at: now() }).where('id', '=', s.id).execute();
    audit({ action: 'session.revoke', entityType: 'user', entityId: actor.userId, guard: userGuard(actor.orgId, actor.partyId) });
  });
}

/**
 * Issues a one-time reset link for a user: by an administrator of the user's party (not for
 * themselves: they change their own password), or by the server's holder from the command line
 * (`actor` null: `concord user reset-password`). Only the SHA-256 of the secret is kept; earlier
 * unused links of the user stop working; the link works for PASSWORD_RESET_HOURS.
 */
export async function issuePasswordReset(ctx: CommandContext & { actor: Actor | null }, userId: string): Promise<{ token: string; path: string; expiresAt: string }> {
  const { actor } = ctx;
  const u = await accountOf(ctx.store.db, userId);
  if (!canIssuePasswordReset(actor, { id: u.id, party_id: u.party_id })) {
    // Another party's account answers as a missing one; one's own, plainly.
    if (!accountVisibleTo(actor, u)) throw notFound('User');
    throw forbidden("Only an administrator of the account's party issues reset links, and not for their own account", 'not_permitted');
  }
  if (u.disabled) throw new AppError('conflict', 'The account is disabled; enable it before issuing a reset link', { details: { rule: 'accountDisabled' }, reason: 'account_disabled' });
  const token = randomToken();
  const created = now();
  const expiresAt = new Date(Date.parse(created) + PASSWORD_RESET_HOURS * 3600_000).toISOString();
  const id = newId();
  await runCommand(ctx as CommandContext, async (tx, audit) => {
    await tx.updateTable('password_resets').set({ used_at: created }).where('user_id', '=', u.id).where('used_at', 'is', null).execute();
    await tx
      .insertInto('password_resets')
      .values({ id, user_id: u.id, token_hash: sha256(token), issued_by: actor?.userId ?? null, created_at: created, expires_at: expiresAt, used_at: null })
      .execute();
    audit({ action: 'user.password_reset_issue', entityType: 'user', entityId: u.id, after: { expiresAt, via: actor ? 'api' : 'cli' }, guard: userGuard(u.organisation_id, u.party_id) });
  });
  return { token, path: `/reset-password#token=${token}`, expiresAt };
}

/**
 * Sets a new password with a reset link's secret: once, before it expires, for an account that is
 * not disabled. Every session of the account ends; the caller then signs in with the new password.
 * Any failure answers the same 400 naming `body.token` (a spent, expired, unknown or disabled link
 * are alike to whoever holds it).
 */
export async function resetPassword(ctx: CommandContext, body: { token: string; newPassword: string }): Promise<{ email: string }> {
  const at = now();
  const r = await ctx.store.db.selectFrom('password_resets').selectAll().where('token_hash', '=', sha256(body.token)).executeTakeFirst();
  const u = r ? await accountOf(ctx.store.db, r.user_id) : undefined;
  if (!r || !u || r.used_at || r.expires_at <= at || u.disabled) {
    throw new AppError('bad_request', 'body.token: this reset link is not valid (used, expired or unknown); ask an administrator for a new one', {
      field: 'body.token',
      details: { rule: 'resetLink' },
      reason: 'reset_link_invalid',
    });
  }
  await checkNewPassword('body.newPassword', body.newPassword, [u.email, u.display_name]);
  const hash = await hashPassword(body.newPassword);
  const self = { userId: u.id, orgId: u.organisation_id, partyId: u.party_id } as Actor;
  await runCommand({ ...ctx, actor: self } as ActingContext, async (tx, audit) => {
    // Spent in the same transaction, and only if still unspent: two uses at once, one wins.
    const spent = await tx.updateTable('password_resets').set({ used_at: at }).where('id', '=', r.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1)
      throw new AppError('bad_request', 'body.token: this reset link was just used', { field: 'body.token', details: { rule: 'resetLink' }, reason: 'reset_link_invalid' });
    await tx.updateTable('users').set({ password_hash: hash, password_changed_at: at }).where('id', '=', u.id).execute();
    const ended = await endSessions(tx, u.id, at);
    audit({ action: 'user.password_reset', entityType: 'user', entityId: u.id, after: { sessionsEnded: ended }, guard: userGuard(u.organisation_id, u.party_id) });
  });
  return { email: u.email };
}
