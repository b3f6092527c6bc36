/**
 * A user's own passkeys, and signing in with one. The credential checks (auth/passkeys.ts) run in
 * the route before these commands; what a command writes is what was checked. The WebAuthn
 * challenges are operational state, like a token's last use: issued and spent here (on the write
 * thread under `concord serve`), not audited; what they let through is (a sign-in, a passkey added
 * or removed).
 */
import { verifyPassword } from '../auth/password.ts';
import { createSession, type SessionOrigin } from '../auth/sessions.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { removalNeedsConfirmation } from '../policies/passkey.ts';
import { PASSKEY_CHALLENGE_MINUTES } from '../../core/api/passkeys.ts';
import type { PasskeyRow } from '../db/tables.ts';
import { userGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type CommandContext, type Tx } from './run.ts';

/** What answering a challenge does: add a passkey, finish a sign-in after the password, sign in without one, confirm a change. */
export type ChallengePurpose = 'register' | 'second_factor' | 'passwordless' | 'confirm';

/**
 * Keeps a challenge the server has just put in a browser's options, for PASSKEY_CHALLENGE_MINUTES;
 * those past their time go. Not audited (see above). Returns its id, which the browser sends back.
 */
export async function keepChallenge(ctx: CommandContext, c: { purpose: ChallengePurpose; userId: string | null; challenge: string }): Promise<string> {
  const id = newId();
  const at = now();
  const db = ctx.store.db;
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', at).execute();
  await db
    .insertInto('webauthn_challenges')
    .values({ id, challenge: c.challenge, purpose: c.purpose, user_id: c.userId, created_at: at, expires_at: new Date(Date.parse(at) + PASSKEY_CHALLENGE_MINUTES * 60_000).toISOString() })
    .execute();
  return id;
}

/**
 * Spends a challenge: it is gone whatever follows, so each is answered at most once. Refused alike
 * when unknown, spent, expired, issued for another purpose, or another user's (`userId`, when the
 * caller is known). The challenge and whose it is.
 */
export async function spendChallenge(
  ctx: CommandContext,
  id: string,
  purposes: readonly ChallengePurpose[],
  userId: string | null,
): Promise<{ challenge: string; purpose: ChallengePurpose; userId: string | null }> {
  const row = await ctx.store.db.deleteFrom('webauthn_challenges').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row || row.expires_at <= now() || !purposes.includes(row.purpose as ChallengePurpose) || (userId !== null && row.user_id !== userId)) {
    throw badRequest('body.challengeId', 'this passkey challenge was used, has expired or is unknown: ask for a new one', 'passkey_challenge_invalid');
  }
  return { challenge: row.challenge, purpose: row.purpose as ChallengePurpose, userId: row.user_id };
}

/** A passkey's use, checked: which one, its counter as it was read, and the counter its assertion gave. */
export interface PasskeyUse {
  passkeyId: string;
  counter: number;
  newCounter: number;
}

/**
 * Stores a use: the new counter and the time, only if the counter is still the one checked, so
 * that of two uses of one assertion (or two assertions checked against one counter) one wins.
 */
async function recordUse(tx: Tx, use: PasskeyUse, at: string): Promise<void> {
  const r = await tx.updateTable('passkeys').set({ counter: use.newCounter, last_used_at: at }).where('id', '=', use.passkeyId).where('counter', '=', use.counter).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw badRequest('body.credential', 'this passkey was used again meanwhile; try once more', 'passkey_not_recognised');
}

/** A new passkey, as checked from the browser's credential. */
export interface NewPasskey {
  name: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
}

/**
 * Adds a passkey to the actor's account. When the caller's session was limited to enrolling one
 * (`sessionId`), it becomes a full session in the same transaction.
 */
export async function addPasskey(ctx: ActingContext, p: NewPasskey, sessionId: string | null): Promise<{ passkey: PasskeyRow; sessionCompleted: boolean }> {
  const { actor } = ctx;
  const name = passkeyName(p.name);
  const at = now();
  const row: PasskeyRow = {
    id: newId(),
    user_id: actor.userId,
    credential_id: p.credentialId,
    public_key: p.publicKey,
    counter: p.counter,
    transports: JSON.stringify(p.transports),
    device_type: p.deviceType,
    backed_up: p.backedUp ? 1 : 0,
    name,
    last_used_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  return runCommand(
    ctx,
    async (tx, audit) => {
      await tx.insertInto('passkeys').values(row).execute();
      let sessionCompleted = false;
      if (sessionId) {
        const r = await tx
          .updateTable('user_sessions')
          .set({ limited_to: null })
          .where('id', '=', sessionId)
          .where('user_id', '=', actor.userId)
          .where('limited_to', 'is not', null)
          .executeTakeFirst();
        sessionCompleted = Number(r.numUpdatedRows) === 1;
      }
      audit({
        action: 'passkey.add',
        entityType: 'passkey',
        entityId: row.id,
        after: { name: row.name, multiDevice: p.deviceType === 'multiDevice', ...(sessionCompleted ? { sessionCompleted } : {}) },
        guard: userGuard(actor.orgId, actor.partyId),
      });
      return { passkey: row, sessionCompleted };
    },
    { 'passkeys.credential_id': 'body.credential' },
  );
}

/** A passkey's name as given, trimmed; blank is refused. */
function passkeyName(name: string): string {
  const t = name.trim();
  if (!t) throw badRequest('body.name', 'must not be blank', 'too_short');
  return t;
}

/** One of the actor's own passkeys (another user's is not found). */
async function ownPasskey(ctx: ActingContext, id: string) {
  const p = await ctx.store.db.selectFrom('passkeys').selectAll().where('id', '=', id).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
  if (!p) throw notFound('Passkey');
  return p;
}

/** Renames one of the actor's passkeys (If-Match: its version). */
export async function renamePasskey(ctx: ActingContext, id: string, expected: number, name: string): Promise<PasskeyRow> {
  const { actor } = ctx;
  const p = await ownPasskey(ctx, id);
  const next = passkeyName(name);
  return runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'passkeys', id, expected, { name: next });
    audit({ action: 'passkey.rename', entityType: 'passkey', entityId: id, before: { name: p.name }, after: { name: next }, guard: userGuard(actor.orgId, actor.partyId) });
    return (await tx.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as PasskeyRow;
  });
}

/**
 * Removes one of the actor's passkeys. The last one (policies/passkey.ts) needs the owner to
 * confirm: the current password (a wrong one is refused at `body.currentPassword`), or an
 * assertion by one of their passkeys, checked in the route and stored here (`passkey`). Counted
 * again in the transaction, so two removals at once cannot each take one of the last two unconfirmed.
 */
export async function removePasskey(ctx: ActingContext, id: string, confirm: { currentPassword?: string; passkey?: PasskeyUse }): Promise<void> {
  const { actor } = ctx;
  const p = await ownPasskey(ctx, id);
  let confirmed = Boolean(confirm.passkey);
  if (!confirmed && confirm.currentPassword !== undefined) {
    const u = await ctx.store.db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(confirm.currentPassword, u.password_hash))) {
      throw new AppError('bad_request', 'body.currentPassword: is not your current password', { field: 'body.currentPassword', details: { rule: 'currentPassword' }, reason: 'wrong_password' });
    }
    confirmed = true;
  }
  await runCommand(ctx, async (tx, audit) => {
    const at = now();
    const left = await tx
      .selectFrom('passkeys')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (removalNeedsConfirmation(Number(left.n)) && !confirmed) {
      throw badRequest('body.currentPassword', 'removing your last passkey needs your current password, or a passkey to confirm', 'confirmation_required');
    }
    if (confirm.passkey) await recordUse(tx, confirm.passkey, at);
    const r = await tx.deleteFrom('passkeys').where('id', '=', p.id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw notFound('Passkey');
    audit({
      action: 'passkey.remove',
      entityType: 'passkey',
      entityId: p.id,
      before: { name: p.name },
      after: { confirmedBy: confirm.passkey ? 'passkey' : confirmed ? 'password' : null },
      guard: userGuard(actor.orgId, actor.partyId),
    });
  });
}

/**
 * Opens a session for a user whose passkey assertion was checked: after their password
 * (`password+passkey`) or without one (`passkey`). The passkey's counter moves in the same transaction.
 */
export async function signInWithPasskey(
  ctx: ActingContext,
  use: PasskeyUse,
  via: 'passkey' | 'password+passkey',
  session: { maxHours: number; origin: SessionOrigin },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const { actor } = ctx;
  return runCommand(ctx, async (tx, audit) => {
    await recordUse(tx, use, now());
    const s = await createSession(tx, actor.userId, session.maxHours, session.origin);
    audit({ action: 'session.sign_in', entityType: 'user', entityId: actor.userId, after: { via, passkeyId: use.passkeyId }, guard: userGuard(actor.orgId, actor.partyId) });
    return s;
  });
}
