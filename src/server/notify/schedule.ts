/**
 * The time-driven notifications, written by a pass that runs in the deliverer's loop (under
 * `concord serve`, and `concord notify`), as often as it likes: every write is keyed, so two passes
 * or two processes never write one twice.
 *
 * - Reminders: a commitment not done that falls due within 7 days (`commitment_due`) or whose due
 *   date has passed (`commitment_overdue`, for due dates up to 30 days back: older ones were
 *   overdue before anyone could be reminded) — told to the responsible organisation (or party)
 *   and the group's chairs and secretariats who may see it. The idempotency key is a row of
 *   `commitment_reminders` (commitment × kind × due date), inserted in the transaction that writes
 *   the notifications: the second pass's insert finds it (on PostgreSQL, waits for the first to
 *   commit, then finds it) and writes nothing. A new due date is a new key.
 * - Digests: one mail a day per user, at their hour in their time zone, carrying every
 *   notification that waited for it (`email_state` digest); the digest is itself a row of the
 *   outbox (kind `digest`, key user × local date), written in the transaction that marks what it
 *   carries `digested`, so nothing waits forever and nothing is carried twice.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { CommandContext } from '../commands/run.ts';
import { DEFAULT_DIGEST } from '../../core/api/notifications.ts';
import { addDays, daysBetween } from '../../core/api/discipline-rules.ts';
import { commitmentFlags } from '../policies/commitment.ts';
import { latestByParty } from '../queries/commitments.ts';
import { newId } from '../ids.ts';
import { commitmentFacts, linkTo, newDelivery, recipients, writeNotice, type Notice } from './enqueue.ts';
import { localeOf, render, renderDigest } from './messages.ts';

type Db = Kysely<Database>;

/** Days ahead a commitment's due date is announced. */
export const DUE_AHEAD_DAYS = 7;
/** Days back an overdue commitment is still announced. */
export const OVERDUE_BACK_DAYS = 30;

type ReminderKind = 'commitment_due' | 'commitment_overdue';

/** Writes the reminders due on `today` (UTC date) that no pass has written yet. Returns the notifications written. */
export async function remindCommitments(ctx: CommandContext, today: string): Promise<number> {
  const db = ctx.store.db;
  const candidates = await db
    .selectFrom('commitments as c')
    .select(['c.id', 'c.wg_id', 'c.title', 'c.title_ko', 'c.due_on', 'c.responsible_org_id', 'c.responsible_party_id'])
    .where('c.due_on', '>=', addDays(today, -OVERDUE_BACK_DAYS))
    .where('c.due_on', '<=', addDays(today, DUE_AHEAD_DAYS))
    .where('c.wg_id', 'is not', null)
    .where(
      sql<boolean>`not exists (select 1 from commitment_reminders cr where cr.commitment_id = c.id and cr.due_on = c.due_on
        and cr.kind = case when c.due_on < ${today} then 'commitment_overdue' else 'commitment_due' end)`,
    )
    .orderBy('c.due_on')
    .orderBy('c.id')
    .execute();
  const reports = candidates.length
    ? await db
        .selectFrom('progress_reports')
        .selectAll()
        .where(
          'commitment_id',
          'in',
          candidates.map((c) => c.id),
        )
        .execute()
    : [];
  let written = 0;
  for (const c of candidates) {
    const dueOn = c.due_on!;
    const kind: ReminderKind = dueOn < today ? 'commitment_overdue' : 'commitment_due';
    const mine = reports.filter((r) => r.commitment_id === c.id);
    if (
      !commitmentFlags(
        latestByParty(mine).map((r) => r.status),
        dueOn,
        today,
      ).open
    )
      continue;
    written += await ctx.store.transaction(async (tx) => {
      const key = await tx
        .insertInto('commitment_reminders')
        .values({ commitment_id: c.id, kind, due_on: dueOn, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['commitment_id', 'kind', 'due_on']).doNothing())
        .executeTakeFirst();
      if (Number(key.numInsertedOrUpdatedRows ?? 0) !== 1) return 0;
      return writeNotice(tx, await reminder(tx, { ...c, wg_id: c.wg_id!, due_on: dueOn }, kind, today), new Date().toISOString(), 0, (userId) => `${kind}:${c.id}:${dueOn}:${userId}`);
    });
  }
  return written;
}

async function reminder(
  tx: Db,
  c: { id: string; wg_id: string; title: string; title_ko: string | null; due_on: string; responsible_org_id: string | null; responsible_party_id: string | null },
  kind: ReminderKind,
  today: string,
): Promise<Notice> {
  const audience = c.responsible_org_id ? { orgIds: [c.responsible_org_id] } : c.responsible_party_id ? { partyIds: [c.responsible_party_id] } : {};
  const to = await recipients(tx, 'commitments', c.id, c.wg_id, { roles: ['chair', 'secretariat'], ...audience });
  const facts = { ...(await commitmentFacts(tx, c)), days: daysBetween(today, c.due_on) };
  return { kind, entityType: 'commitment', entityId: c.id, wgId: c.wg_id, recipients: to, render: (locale, link) => render(kind, locale, facts, link) };
}

/** The local date and hour of an instant in a time zone (a zone the runtime does not know: UTC). */
export function localTime(at: Date, timeZone: string): { day: string; hour: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    return localTime(at, 'UTC');
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/**
 * Writes the digest of every user whose hour has come in their zone and who has notifications
 * waiting for it (none waiting: no digest). Returns the digests written.
 */
export async function composeDigests(ctx: CommandContext, at: string): Promise<number> {
  const db = ctx.store.db;
  const waiting = await db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('notification_settings as s', 's.id', 'n.user_id')
    .select(['n.user_id', 'u.locale', 's.timezone', 's.digest_hour'])
    .distinct()
    .where('n.email_state', '=', 'digest')
    .where('u.disabled', '=', 0)
    .orderBy('n.user_id')
    .execute();
  let written = 0;
  for (const w of waiting) {
    const { day, hour } = localTime(new Date(at), w.timezone ?? DEFAULT_DIGEST.timezone);
    if (hour < Number(w.digest_hour ?? DEFAULT_DIGEST.hour)) continue;
    written += await ctx.store.transaction(async (tx) => {
      const items = await tx
        .selectFrom('notifications')
        .select(['id', 'subject', 'body', 'link'])
        .where('user_id', '=', w.user_id)
        .where('email_state', '=', 'digest')
        .where('created_at', '<=', at)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      if (!items.length) return 0;
      const locale = localeOf(w.locale);
      const { subject, body, html } = renderDigest(locale, day, items, linkTo('/notifications'));
      const id = newId();
      const r = await tx
        .insertInto('notifications')
        .values({
          id,
          dedupe_key: `digest:${w.user_id}:${day}`,
          user_id: w.user_id,
          kind: 'digest',
          entity_type: 'digest',
          entity_id: day,
          wg_id: null,
          audit_seq: 0,
          locale,
          subject,
          body,
          html,
          link: linkTo('/notifications'),
          ical: null,
          email_state: 'pending',
          ...newDelivery(at),
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      // Today's digest is already written (by another pass or process): what waits goes tomorrow.
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return 0;
      await tx
        .updateTable('notifications')
        .set({ email_state: 'digested', digest_id: id })
        .where(
          'id',
          'in',
          items.map((i) => i.id),
        )
        .where('email_state', '=', 'digest')
        .execute();
      return 1;
    });
  }
  return written;
}
