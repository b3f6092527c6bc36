/**
 * The outbox's deliverer: claims due notifications (a lease), sends each as an e-mail through
 * SMTP (nodemailer; SMTP_URL), and settles it. A crash between the SMTP server's acceptance and the
 * settling leaves the row leased; once the lease runs out it is sent again with the same
 * Message-ID (`<row id@domain>`) and X-Concord-Notification header, so at most the mails in flight
 * at the crash arrive twice, recognisably the same (mail clients collapse equal Message-IDs).
 * Nothing committed is lost: the rows were written with the change. A temporary refusal (4xx, a
 * dropped connection) is retried after a backoff (commands/notifications.ts); a permanent one
 * (5xx) fails the row at once.
 *
 * Its loop also runs the scheduled pass (notify/schedule.ts: commitments due and overdue, the
 * daily digests) at most once a `scheduleMs`; without a transport (no SMTP_URL) it runs the pass
 * alone, so the reminders still reach the app.
 */
import nodemailer from 'nodemailer';
import type { Store } from '../db/database.ts';
import type { CommandContext, CommandWriter } from '../commands/run.ts';
import type { NotificationRow } from '../db/tables.ts';
import { claimNotifications, composeDigests, remindCommitments, settleNotification } from '../commands/index.ts';
import { mailFrom } from './enqueue.ts';
import { renderHtml } from './html.ts';
import { localeOf } from './messages.ts';

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  icalEvent?: { method: string; content: string; filename: string };
}
export interface MailTransport {
  sendMail(mail: Mail): Promise<unknown>;
  close?(): void;
}

export function smtpTransport(url: string): MailTransport {
  const t = nodemailer.createTransport(url);
  return { sendMail: (m) => t.sendMail(m), close: () => t.close() };
}

export interface DelivererOptions {
  store: Store;
  writer?: CommandWriter;
  /** Where mail goes; none: the loop runs the scheduled pass only. */
  transport: MailTransport | null;
  /** How often the scheduled pass runs (reminders, digests); 0: never. */
  scheduleMs?: number;
  /** Notifications claimed at once. */
  batch?: number;
  /** How long a claim holds before another deliverer may take the row. */
  leaseMs?: number;
  /** Older notifications are not mailed (kept in the app). */
  maxAgeHours?: number;
  onError?: (e: unknown) => void;
}

const methodOf = (ical: string): string => /^METHOD:(\w+)/m.exec(ical)?.[1] ?? 'REQUEST';

export class Deliverer {
  readonly #o: Required<Omit<DelivererOptions, 'writer' | 'onError'>> & Pick<DelivererOptions, 'writer' | 'onError'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #lastPass = Number.NEGATIVE_INFINITY;
  constructor(o: DelivererOptions) {
    this.#o = { batch: 20, leaseMs: 120_000, maxAgeHours: 72, scheduleMs: 60_000, ...o };
  }

  get #ctx(): CommandContext {
    return { store: this.#o.store, actor: null, requestId: null, writer: this.#o.writer };
  }

  /**
   * The scheduled pass: the reminders of the day (UTC) and the digests whose hour has come. Keyed
   * writes only, so it may run as often as anyone likes, in as many processes.
   */
  async schedule(now = new Date()): Promise<{ reminded: number; digests: number }> {
    const reminded = await remindCommitments(this.#ctx, now.toISOString().slice(0, 10));
    const digests = await composeDigests(this.#ctx, now.toISOString());
    return { reminded, digests };
  }

  /** One round: the scheduled pass when its time has come, then what is due is claimed and sent, one mail at a time. */
  async runOnce(now = () => new Date()): Promise<{ sent: number; failed: number }> {
    const at = now();
    if (this.#o.scheduleMs > 0 && at.getTime() - this.#lastPass >= this.#o.scheduleMs) {
      this.#lastPass = at.getTime();
      await this.schedule(at);
    }
    const transport = this.#o.transport;
    if (!transport) return { sent: 0, failed: 0 };
    const ctx = this.#ctx;
    const rows = await claimNotifications(ctx, now().toISOString(), this.#o.leaseMs, this.#o.batch, this.#o.maxAgeHours);
    let sent = 0;
    let failed = 0;
    const users = rows.length
      ? await this.#o.store.db
          .selectFrom('users')
          .select(['id', 'email', 'display_name', 'disabled'])
          .where('id', 'in', [...new Set(rows.map((r) => r.user_id))])
          .execute()
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const row of rows) {
      const to = byId.get(row.user_id);
      if (!to || to.disabled) {
        await settleNotification(ctx, row.id, now().toISOString(), { sent: false, error: 'the account is disabled', permanent: true });
        failed++;
        continue;
      }
      try {
        await transport.sendMail(mailOf(row, to));
        await settleNotification(ctx, row.id, now().toISOString(), { sent: true });
        sent++;
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        await settleNotification(ctx, row.id, now().toISOString(), { sent: false, error: (e as Error).message ?? String(e), permanent: typeof code === 'number' && code >= 500 });
        failed++;
      }
    }
    return { sent, failed };
  }

  /**
   * Runs a round every `everyMs` (never two at once) until stop(). Inside a server the timer does
   * not hold the process open (the server does); `holdProcess` makes it, for `concord notify`,
   * which has nothing else to wait on.
   */
  start(everyMs: number, opts: { holdProcess?: boolean } = {}): void {
    const tick = () => {
      if (this.#running) return;
      this.#running = this.runOnce()
        .catch((e) => this.#o.onError?.(e))
        .finally(() => {
          this.#running = undefined;
        });
    };
    this.#timer = setInterval(tick, everyMs);
    if (!opts.holdProcess) this.#timer.unref?.();
    tick();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
    this.#o.transport?.close?.();
  }
}

/** The e-mail of one notification: text and HTML in the recipient's language, and the iTIP message for a calendar client. */
export function mailOf(row: NotificationRow, to: { email: string; display_name: string }): Mail {
  const from = mailFrom();
  const domain = from.split('@')[1]?.replace(/>.*$/, '') || 'concord.invalid';
  return {
    from: `Concord <${from}>`,
    to: `"${to.display_name.replace(/["\r\n]/g, '')}" <${to.email}>`,
    subject: row.subject,
    text: row.body,
    // Rows written before migration 026 have no HTML of their own: their text in the same layout.
    html: row.html ?? renderHtml({ subject: row.subject, group: null, lead: row.body, title: null, fields: [], link: row.link, linkLabel: 'Concord', footer: '', locale: localeOf(row.locale) }),
    messageId: `<${row.id}@${domain}>`,
    headers: { 'X-Concord-Notification': row.dedupe_key, 'X-Concord-Kind': row.kind, 'Content-Language': row.locale, 'Auto-Submitted': 'auto-generated' },
    ...(row.ical ? { icalEvent: { method: methodOf(row.ical), content: row.ical, filename: 'invite.ics' } } : {}),
  };
}
