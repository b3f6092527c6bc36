/**
 * The outbox's own bookkeeping: a deliverer claims due notifications, then settles each as sent
 * or failed. Not use cases: nobody changes a record, so nothing is audited (like a token's last
 * use); they run where commands run, as under `concord serve` the write thread alone may write.
 * A claim is a lease: a deliverer that dies leaves its rows to be claimed again once the lease
 * runs out. On PostgreSQL, deliverers in several processes skip each other's rows (FOR UPDATE
 * SKIP LOCKED); on SQLite one writer serialises the claims.
 */
import type { NotificationRow } from '../db/tables.ts';
import type { CommandContext } from './run.ts';

/** Attempts before a notification's e-mail is given up (failed). */
export const MAX_ATTEMPTS = 8;
/** The wait before attempt n+1: 30 s, 1 min, 2 min … at most an hour. */
export const backoffMs = (attempts: number): number => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export async function claimNotifications(ctx: CommandContext, at: string, leaseMs: number, limit: number, maxAgeHours: number): Promise<NotificationRow[]> {
  return ctx.store.transaction(async (tx) => {
    // Too old to be worth a mail (the server had no SMTP for a while): kept in the app, not mailed.
    const tooOld = new Date(Date.parse(at) - maxAgeHours * 3600_000).toISOString();
    await tx.updateTable('notifications').set({ email_state: 'skipped', lease_until: null }).where('email_state', 'in', ['pending', 'sending']).where('created_at', '<', tooOld).execute();
    let q = tx
      .selectFrom('notifications')
      .select('id')
      .where('email_state', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit);
    if (ctx.store.dialect === 'postgres') q = q.forUpdate().skipLocked();
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const leaseUntil = new Date(Date.parse(at) + leaseMs).toISOString();
    await tx
      .updateTable('notifications')
      .set((eb) => ({ email_state: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .execute();
    return tx.selectFrom('notifications').selectAll().where('id', 'in', ids).orderBy('next_attempt_at').orderBy('id').execute();
  });
}

/** Settles one claimed notification: sent, or a failure to retry after the backoff (failed after the last attempt). */
export async function settleNotification(ctx: CommandContext, id: string, at: string, outcome: { sent: true } | { sent: false; error: string; permanent?: boolean }): Promise<void> {
  if (outcome.sent) {
    await ctx.store.db.updateTable('notifications').set({ email_state: 'sent', sent_at: at, lease_until: null, last_error: null }).where('id', '=', id).execute();
    return;
  }
  const row = await ctx.store.db.selectFrom('notifications').select('attempts').where('id', '=', id).executeTakeFirst();
  const attempts = Number(row?.attempts ?? MAX_ATTEMPTS);
  const last = outcome.permanent || attempts >= MAX_ATTEMPTS;
  await ctx.store.db
    .updateTable('notifications')
    .set({
      email_state: last ? 'failed' : 'pending',
      lease_until: null,
      last_error: outcome.error.slice(0, 1000),
      next_attempt_at: new Date(Date.parse(at) + backoffMs(attempts)).toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks one of the user's own notifications read in the app (not audited: a reading, not a change). */
export async function markNotificationRead(ctx: CommandContext & { actor: { userId: string } }, id: string, at: string): Promise<boolean> {
  const r = await ctx.store.db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', ctx.actor.userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
