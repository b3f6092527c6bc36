/**
 * Who is told of a change, and what they are told: written in the change's own transaction, one
 * row per recipient, so a change commits with its notifications or not at all (the outbox). The
 * recipients are chosen in SQL by the visibility rule (policies/visibility.ts visibleToUsers): a
 * notification never reaches a user who could not open its record. Everyone told holds a role in
 * the record's working group; the one who made the change is not told of it.
 *
 * What notifies, and whom:
 * - a meeting scheduled, changed, postponed or cancelled: everyone with a role in its group who may
 *   see it, with the iTIP message a calendar client takes; an organisation's decline with its
 *   reason: the group's chairs and secretariats who may see the meeting;
 * - a document version with no bracketed clause (ready for sign-off): the group's chairs and
 *   secretariats, who sign off for their governments; a document adopted: everyone in the group;
 * - a bracket opened (a clause bracketed that was not in the version before, or in a new
 *   document): the organisations that own the clause — the document's owner, and the organisation
 *   responsible for a commitment made on that clause;
 * - a progress report that makes a commitment disputed (the parties' latest statuses came to
 *   differ): the group's chairs and secretariats and the organisations that reported on it or are
 *   responsible for it;
 * - a new statement that gives a message-discipline finding (a nuance or a contradiction) for a
 *   party: that party's people in the issue's group, each told only of a finding computed over
 *   what they may see (discipline/check.ts with their visibility);
 * - commitments due within 7 days and overdue: notify/schedule.ts, by the same means.
 *
 * Each recipient's choices apply as the row is written: a kind they turned off is not written; a
 * kind they take as a digest waits for it (`email_state` digest); a group they muted is listed in
 * the app but not mailed (`muted`); otherwise the mail leaves at once (`pending`).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditDraft, AuditEventRow, Database, NotificationRow } from '../db/tables.ts';
import type { AuditAction } from '../audit/events.ts';
import type { GroupRole } from '../../core/vocabulary.ts';
import { DEFAULT_DELIVERY, notificationPath, type EmailState, type NotificationKind } from '../../core/api/notifications.ts';
import { visibleToUsers } from '../policies/visibility.ts';
import { loadActor } from '../auth/actor.ts';
import { checkDiscipline, type Finding } from '../discipline/check.ts';
import { latestByParty } from '../queries/commitments.ts';
import { commitmentFlags } from '../policies/commitment.ts';
import { newId } from '../ids.ts';
import { itip } from './itip.ts';
import { localeOf, render, type FactsOf, type Locale, type Rendered } from './messages.ts';

type Db = Kysely<Database>;

/** The server's address for links in notifications (CONCORD_PUBLIC_URL), or none. */
export const publicUrl = (): string | null => process.env.CONCORD_PUBLIC_URL?.replace(/\/+$/, '') || null;
/** The sender of Concord's mail (SMTP_FROM), also the ORGANIZER of its iTIP messages. */
export const mailFrom = (): string => process.env.SMTP_FROM || 'concord@localhost';
/** The full address of a page of the app, when the server knows its own address. */
export const linkTo = (path: string | null): string | null => (path && publicUrl() ? `${publicUrl()}${path}` : null);
/** A new outbox row's delivery columns, made at `at`: due at once, never tried, unread, in no digest. */
export const newDelivery = (at: string) => ({
  created_at: at,
  attempts: 0,
  next_attempt_at: at,
  lease_until: null,
  sent_at: null,
  last_error: null,
  read_at: null,
  digest_id: null,
});

export interface Recipient {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  organisation_id: string;
  party_id: string;
  clearance: number;
}

/** Who among the group's role holders is told: anyone matching one of these (none given: all of them). */
export interface Audience {
  roles?: readonly GroupRole[];
  orgIds?: readonly string[];
  partyIds?: readonly string[];
}

type GuardedTable = 'meetings' | 'documents' | 'commitments' | 'statements';

/**
 * The users holding a role in `wgId` who may see the record (`table`, `id`) by the visibility
 * rule, in SQL, narrowed to the audience; enabled accounts only; never `exclude` (who made the change).
 */
export async function recipients(tx: Db, table: GuardedTable, id: string, wgId: string, audience: Audience = {}, exclude: string | null = null): Promise<Recipient[]> {
  let q = tx
    .selectFrom('users as u')
    .innerJoin('organisations as uo', 'uo.id', 'u.organisation_id')
    .innerJoin('wg_user_roles as r', (j) => j.onRef('r.user_id', '=', 'u.id').on('r.wg_id', '=', wgId))
    .select(['u.id', 'u.email', 'u.display_name', 'u.locale', 'u.organisation_id', 'uo.party_id', 'u.clearance'])
    .where('u.disabled', '=', 0)
    .where(sql<boolean>`exists (select 1 from ${sql.table(table)} rec where rec.id = ${id} and ${visibleToUsers('rec')})`);
  const { roles, orgIds, partyIds } = audience;
  if (roles?.length || orgIds?.length || partyIds?.length) {
    q = q.where((eb) =>
      eb.or([
        ...(roles?.length ? [eb('r.role', 'in', [...roles])] : []),
        ...(orgIds?.length ? [eb('u.organisation_id', 'in', [...orgIds])] : []),
        ...(partyIds?.length ? [eb('uo.party_id', 'in', [...partyIds])] : []),
      ]),
    );
  }
  if (exclude) q = q.where('u.id', '<>', exclude);
  return (await q.orderBy('u.id').execute()).map((u) => ({ ...u, clearance: Number(u.clearance) }));
}

/** One kind of notification about one record, to its recipients, each worded in their language. */
export interface Notice {
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  wgId: string;
  recipients: readonly Recipient[];
  /** The message in one language: the same for every recipient reading it, so made once per language. */
  render(locale: Locale, link: string | null): Rendered;
  /** A meeting's iTIP message for one recipient (its ATTENDEE), with the message's words. */
  ical?(locale: Locale, to: Recipient, message: Rendered): string | null;
}

/** How each recipient takes this kind from this group: the e-mail's first state, or null (off: nothing written). */
async function deliveries(tx: Db, userIds: readonly string[], kind: NotificationKind, wgId: string): Promise<Map<string, EmailState | null>> {
  const out = new Map<string, EmailState | null>();
  if (!userIds.length) return out;
  const [prefs, mutes] = await Promise.all([
    tx
      .selectFrom('notification_preferences')
      .select(['user_id', 'delivery'])
      .where('kind', '=', kind)
      .where('user_id', 'in', [...userIds])
      .execute(),
    tx
      .selectFrom('notification_mutes')
      .select('user_id')
      .where('wg_id', '=', wgId)
      .where('user_id', 'in', [...userIds])
      .execute(),
  ]);
  const chosen = new Map(prefs.map((p) => [p.user_id, p.delivery]));
  const muted = new Set(mutes.map((m) => m.user_id));
  for (const id of userIds) {
    const d = chosen.get(id) ?? DEFAULT_DELIVERY[kind];
    out.set(id, d === 'off' ? null : muted.has(id) ? 'muted' : d === 'digest' ? 'digest' : 'pending');
  }
  return out;
}

/** Rows per insert: well under SQLite's and PostgreSQL's limits on bound parameters. */
const NOTICE_ROWS_PER_INSERT = 200;

type NoticeRow = Insertable<NotificationRow>;
/** A notice's row before its audit event has its place in the chain: the key and the sequence come then. */
type UnkeyedRow = Omit<NoticeRow, 'dedupe_key' | 'audit_seq'> & { user_id: string };

/** A notice's rows, each recipient's choices applied (a kind they turned off gives no row), worded in their language. */
async function noticeRows(tx: Db, n: Notice, at: string): Promise<UnkeyedRow[]> {
  const states = await deliveries(
    tx,
    n.recipients.map((r) => r.id),
    n.kind,
    n.wgId,
  );
  const path = notificationPath(n.entityType, n.wgId, n.entityId);
  const link = linkTo(path);
  const rows: UnkeyedRow[] = [];
  // Rendering a message (React to HTML) is the costliest step of a write that notifies: once per language.
  const messages = new Map<Locale, Rendered>();
  for (const u of n.recipients) {
    const state = states.get(u.id);
    if (!state) continue;
    const locale = localeOf(u.locale);
    let message = messages.get(locale);
    if (!message) {
      message = n.render(locale, link);
      messages.set(locale, message);
    }
    const { subject, body, html } = message;
    const ical = n.ical?.(locale, u, message);
    rows.push({
      id: newId(),
      user_id: u.id,
      kind: n.kind,
      entity_type: n.entityType,
      entity_id: n.entityId,
      wg_id: n.wgId,
      locale,
      subject,
      body,
      html,
      link,
      ical: ical ?? null,
      email_state: state,
      ...newDelivery(at),
    });
  }
  return rows;
}

/**
 * Inserts notification rows; a row whose key was written before is left out (a second write of the
 * same key does nothing). One statement for many recipients: on PostgreSQL the chain's lock is
 * held until the commit, so each round trip here would hold up every other writer. Returns how
 * many rows it wrote.
 */
async function insertNotices(tx: Db, rows: readonly NoticeRow[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += NOTICE_ROWS_PER_INSERT) {
    const r = await tx
      .insertInto('notifications')
      .values(rows.slice(i, i + NOTICE_ROWS_PER_INSERT))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    written += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

/** Writes a notice's rows under `key`, each made once only. Returns how many rows it wrote. */
export async function writeNotice(tx: Db, n: Notice, at: string, auditSeq: number, key: (userId: string) => string): Promise<number> {
  const rows = await noticeRows(tx, n, at);
  return insertNotices(
    tx,
    rows.map((r) => ({ ...r, audit_seq: auditSeq, dedupe_key: key(r.user_id) })),
  );
}

/** A group's names, for the words of its notifications. */
async function groupNames(tx: Db, wgId: string): Promise<{ groupName: string; groupNameKo: string | null }> {
  const g = await tx.selectFrom('working_groups').select(['name', 'name_ko']).where('id', '=', wgId).executeTakeFirstOrThrow();
  return { groupName: g.name, groupNameKo: g.name_ko };
}

/** The notices one audit event gives (none for most). */
type Producer = (tx: Db, e: AuditDraft) => Promise<Notice[]>;

/** A notice whose words are the same facts for every recipient. */
const plain = <K extends NotificationKind>(kind: K, entityType: string, entityId: string, wgId: string, to: Recipient[], facts: FactsOf[K]): Notice => ({
  kind,
  entityType,
  entityId,
  wgId,
  recipients: to,
  render: (locale, link) => render(kind, locale, facts, link),
});

const MEETING_KIND = {
  'meeting.create': 'meeting_invitation',
  'meeting.update': 'meeting_changed',
  'meeting.postpone': 'meeting_changed',
  'meeting.cancel': 'meeting_cancelled',
  'attendance.decline': 'attendance_declined',
} as const satisfies Partial<Record<AuditAction, NotificationKind>>;

const meetingNotices: Producer = async (tx, e) => {
  const kind = MEETING_KIND[e.action as keyof typeof MEETING_KIND];
  const meetingId = e.entity_type === 'meeting' ? e.entity_id : (await tx.selectFrom('attendance').select('meeting_id').where('id', '=', e.entity_id).executeTakeFirst())?.meeting_id;
  if (!meetingId) return [];
  const m = await tx
    .selectFrom('meetings')
    .select(['id', 'wg_id', 'title', 'title_ko', 'starts_at', 'ends_at', 'timezone', 'place', 'status_reason', 'version', 'updated_at'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!m) return [];
  let reason: string | null = kind === 'meeting_cancelled' || kind === 'meeting_changed' ? m.status_reason : null;
  let organisation: { name: string; name_ko: string | null } | undefined;
  if (kind === 'attendance_declined') {
    const a = await tx
      .selectFrom('attendance')
      .innerJoin('organisations as o', 'o.id', 'attendance.organisation_id')
      .select(['attendance.reason', 'o.name', 'o.name_ko'])
      .where('attendance.id', '=', e.entity_id)
      .executeTakeFirst();
    reason = a?.reason ?? null;
    organisation = a;
  }
  const to = await recipients(tx, 'meetings', m.id, m.wg_id, kind === 'attendance_declined' ? { roles: ['chair', 'secretariat'] } : {}, e.actor_user_id);
  const facts = {
    ...(await groupNames(tx, m.wg_id)),
    title: m.title,
    titleKo: m.title_ko,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    timezone: m.timezone,
    place: m.place,
    reason,
    organisation: organisation?.name ?? null,
    organisationKo: organisation?.name_ko ?? null,
  };
  return [
    {
      kind,
      entityType: 'meeting',
      entityId: m.id,
      wgId: m.wg_id,
      recipients: to,
      render: (locale, link) => render(kind, locale, facts, link),
      ical:
        kind === 'attendance_declined'
          ? undefined
          : (locale, u, r) =>
              itip(
                kind === 'meeting_cancelled' ? 'CANCEL' : 'REQUEST',
                {
                  id: m.id,
                  version: m.version,
                  updatedAt: m.updated_at,
                  title: locale === 'ko' && m.title_ko ? m.title_ko : m.title,
                  startsAt: m.starts_at,
                  endsAt: m.ends_at,
                  place: m.place,
                  description: r.body,
                },
                mailFrom(),
                { email: u.email, name: u.display_name },
              ),
    },
  ];
};

/**
 * A document's new text: ready for sign-off when no clause is bracketed; otherwise, for the
 * clauses bracketed now that were not in the version before, the organisations owning them are told.
 */
const documentTextNotices: Producer = async (tx, e) => {
  const doc = await tx.selectFrom('documents').select(['id', 'wg_id', 'title', 'title_ko', 'owner_org_id']).where('id', '=', e.entity_id).executeTakeFirst();
  if (!doc?.wg_id) return [];
  const versions = await tx.selectFrom('document_versions').select(['id', 'number']).where('document_id', '=', doc.id).orderBy('number', 'desc').limit(2).execute();
  const [latest, previous] = versions;
  if (!latest) return [];
  const clausesOf = (versionId: string) => tx.selectFrom('clauses').select(['clause_key', 'status', 'text_en', 'text_ko']).where('version_id', '=', versionId).orderBy('position').execute();
  const now = await clausesOf(latest.id);
  const before = new Map((previous ? await clausesOf(previous.id) : []).map((c) => [c.clause_key, c.status]));
  const base = { ...(await groupNames(tx, doc.wg_id)), title: doc.title, titleKo: doc.title_ko, versionNumber: Number(latest.number) };
  if (!now.some((c) => c.status === 'bracketed')) {
    const to = await recipients(tx, 'documents', doc.id, doc.wg_id, { roles: ['chair', 'secretariat'] }, e.actor_user_id);
    return [plain('document_ready', 'document', doc.id, doc.wg_id, to, base)];
  }
  const opened = now.filter((c) => c.status === 'bracketed' && before.get(c.clause_key) !== 'bracketed');
  if (!opened.length) return [];
  const keys = opened.map((c) => c.clause_key);
  const responsible = await tx
    .selectFrom('commitments')
    .select('responsible_org_id')
    .where('document_id', '=', doc.id)
    .where('clause_key', 'in', keys)
    .where('responsible_org_id', 'is not', null)
    .execute();
  const owners = [...new Set([doc.owner_org_id, ...responsible.map((r) => r.responsible_org_id!)])];
  const to = await recipients(tx, 'documents', doc.id, doc.wg_id, { orgIds: owners }, e.actor_user_id);
  return [plain('clause_bracketed', 'document', doc.id, doc.wg_id, to, { ...base, clauses: opened.map((c) => ({ key: c.clause_key, text: c.text_en, textKo: c.text_ko })) })];
};

const documentAdoptedNotices: Producer = async (tx, e) => {
  const doc = await tx.selectFrom('documents').select(['id', 'wg_id', 'title', 'title_ko', 'adopted_version_id']).where('id', '=', e.entity_id).executeTakeFirst();
  if (!doc?.wg_id || !doc.adopted_version_id) return [];
  const v = await tx.selectFrom('document_versions').select('number').where('id', '=', doc.adopted_version_id).executeTakeFirstOrThrow();
  const to = await recipients(tx, 'documents', doc.id, doc.wg_id, {}, e.actor_user_id);
  return [plain('document_adopted', 'document', doc.id, doc.wg_id, to, { ...(await groupNames(tx, doc.wg_id)), title: doc.title, titleKo: doc.title_ko, versionNumber: Number(v.number) })];
};

/** The facts of a commitment's notifications: its title, due date, who answers for it, and each party's latest report. */
export async function commitmentFacts(
  tx: Db,
  c: { id: string; wg_id: string; title: string; title_ko: string | null; due_on: string | null; responsible_org_id: string | null; responsible_party_id: string | null },
) {
  const [org, party] = await Promise.all([
    c.responsible_org_id ? tx.selectFrom('organisations').select(['name', 'name_ko']).where('id', '=', c.responsible_org_id).executeTakeFirst() : undefined,
    c.responsible_party_id ? tx.selectFrom('parties').select(['name', 'name_ko']).where('id', '=', c.responsible_party_id).executeTakeFirst() : undefined,
  ]);
  const who = org ?? party;
  return { ...(await groupNames(tx, c.wg_id)), title: c.title, titleKo: c.title_ko, dueOn: c.due_on, responsible: who?.name ?? null, responsibleKo: who?.name_ko ?? null };
}

const COMMITMENT_COLUMNS = ['id', 'wg_id', 'title', 'title_ko', 'due_on', 'responsible_org_id', 'responsible_party_id'] as const;

/** A progress report after which the parties' latest statuses differ, where before it they did not. */
const disputedNotices: Producer = async (tx, e) => {
  const c = await tx.selectFrom('commitments').select(COMMITMENT_COLUMNS).where('id', '=', e.entity_id).executeTakeFirst();
  if (!c?.wg_id) return [];
  const reportId = (JSON.parse(e.after ?? '{}') as { id?: string }).id;
  const reports = await tx.selectFrom('progress_reports').selectAll().where('commitment_id', '=', c.id).execute();
  const statuses = (rs: typeof reports) => latestByParty(rs).map((r) => r.status);
  const now = commitmentFlags(statuses(reports), c.due_on, '');
  const before = commitmentFlags(statuses(reports.filter((r) => r.id !== reportId)), c.due_on, '');
  if (!now.disputed || before.disputed) return [];
  const wgId = c.wg_id;
  const to = await recipients(
    tx,
    'commitments',
    c.id,
    wgId,
    { roles: ['chair', 'secretariat'], orgIds: [...new Set([...reports.map((r) => r.organisation_id), ...(c.responsible_org_id ? [c.responsible_org_id] : [])])] },
    e.actor_user_id,
  );
  const parties = await tx.selectFrom('parties').select(['id', 'name', 'name_ko']).execute();
  const partyById = new Map(parties.map((p) => [p.id, p]));
  const latest = latestByParty(reports).map((r) => ({ party: partyById.get(r.party_id)?.name ?? r.party_id, partyKo: partyById.get(r.party_id)?.name_ko ?? null, status: r.status }));
  return [plain('commitment_disputed', 'commitment', c.id, wgId, to, { ...(await commitmentFacts(tx, { ...c, wg_id: wgId })), reports: latest })];
};

const SEVERITY: Record<string, number> = { contradiction: 2, nuance: 1, consistent: 0 };

/**
 * A new statement's message-discipline findings (nuance or contradiction), each told to the people
 * of the party whose statement is the one checked, in the issue's group. Findings are computed per
 * visibility (clearance, organisation, government) with one of its users as the viewer, so a
 * finding, and what it names, is only ever what that reader may see.
 */
const findingNotices: Producer = async (tx, e) => {
  const s = await tx.selectFrom('statements').select(['id', 'said_on']).where('id', '=', e.entity_id).executeTakeFirst();
  if (!s) return [];
  const groups = await tx
    .selectFrom('statement_issues as si')
    .innerJoin('issues as i', 'i.id', 'si.issue_id')
    .select('i.wg_id')
    .distinct()
    .where('si.statement_id', '=', s.id)
    .where('si.stance', 'is not', null)
    .execute();
  const notices: Notice[] = [];
  for (const { wg_id: wgId } of groups) {
    const candidates = await recipients(tx, 'statements', s.id, wgId, {}, e.actor_user_id);
    const classes = new Map<string, Recipient[]>();
    for (const u of candidates) {
      const k = `${u.clearance}|${u.organisation_id}|${u.party_id}`;
      classes.set(k, [...(classes.get(k) ?? []), u]);
    }
    const names = await groupNames(tx, wgId);
    for (const members of classes.values()) {
      const viewer = await loadActor(tx, members[0].id);
      if (!viewer) continue;
      const found = (await checkDiscipline(tx, viewer, { statementId: s.id })).findings.filter((f) => f.grade !== 'consistent' && f.issue.wgId === wgId && f.subject.partyId === viewer.partyId);
      if (!found.length) continue;
      const worst: Finding = found.reduce((a, b) => (SEVERITY[b.grade] > SEVERITY[a.grade] ? b : a));
      notices.push(
        plain('discipline_finding', 'statement', worst.subject.id, wgId, members, {
          ...names,
          issue: worst.issue.title,
          issueKo: worst.issue.titleKo,
          speaker: worst.subject.who,
          saidOn: worst.subject.date,
          quote: worst.subject.quote ?? worst.subject.text,
          grade: worst.grade,
          against: worst.against.who,
          againstDate: worst.against.date,
        }),
      );
    }
  }
  return notices;
};

const PRODUCERS: Partial<Record<AuditAction, Producer>> = {
  'meeting.create': meetingNotices,
  'meeting.update': meetingNotices,
  'meeting.postpone': meetingNotices,
  'meeting.cancel': meetingNotices,
  'attendance.decline': meetingNotices,
  'document.create': documentTextNotices,
  'document.version_create': documentTextNotices,
  'document.adopt': documentAdoptedNotices,
  'commitment.report': disputedNotices,
  'statement.create': findingNotices,
};

/** Whether any of these audit events may notify anyone (cheap: most writes stop here). */
export const notifies = (events: readonly Pick<AuditEventRow, 'action'>[]): boolean => events.some((e) => PRODUCERS[e.action] !== undefined);

/** A change's notifications, chosen and worded: for which of its events, and the rows. */
export interface PlannedNotices {
  /** The event's place among the change's drafted events. */
  event: number;
  rows: UnkeyedRow[];
}

/**
 * Chooses and words the notifications of a change's drafted audit events, in its transaction,
 * before the events have their place in the chain (so, on PostgreSQL, before the chain's lock is
 * taken: these reads and the rendering hold up no other writer). writePlanned inserts them once
 * the events are sealed.
 */
export async function planNotifications(tx: Db, drafts: readonly AuditDraft[]): Promise<PlannedNotices[]> {
  const planned: PlannedNotices[] = [];
  for (const [i, e] of drafts.entries()) {
    const produce = PRODUCERS[e.action];
    if (!produce) continue;
    for (const n of await produce(tx, e)) planned.push({ event: i, rows: await noticeRows(tx, n, e.at) });
  }
  return planned;
}

/**
 * PostgreSQL: inserts planned notifications before their events are sealed, in the same
 * transaction, each under a key of its own (`pending:<id>`, sequence 0); the seal gives them their
 * event's sequence and their real key under the chain's lock (concord_seal_keyed, migration 029),
 * so the insert itself holds up no other writer. A second row for the same event and user is left
 * out, as the unique key would leave it out (writePlanned). Returns the staged ids with the place
 * of each one's event among the change's events.
 */
export async function stagePlanned(tx: Db, planned: readonly PlannedNotices[]): Promise<{ ids: string[]; events: number[] }> {
  const seen = new Set<string>();
  const rows: NoticeRow[] = [];
  const events: number[] = [];
  for (const { event, rows: each } of planned) {
    for (const r of each) {
      const key = `${event}:${r.user_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ ...r, audit_seq: 0, dedupe_key: `pending:${r.id}` });
      events.push(event);
    }
  }
  if (rows.length) await insertNotices(tx, rows);
  return { ids: rows.map((r) => r.id), events };
}

/** Inserts planned notifications, each under its sealed event's sequence. Returns how many rows it wrote. */
export async function writePlanned(tx: Db, planned: readonly PlannedNotices[], events: readonly AuditEventRow[]): Promise<number> {
  const rows = planned.flatMap(({ event, rows }) => {
    const seq = Number(events[event].seq);
    return rows.map((r) => ({ ...r, audit_seq: seq, dedupe_key: `${seq}:${r.user_id}` }));
  });
  return rows.length ? insertNotices(tx, rows) : 0;
}
