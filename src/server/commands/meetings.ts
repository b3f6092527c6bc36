import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { AttendanceRow, MeetingRow } from '../db/tables.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { canCreateMeeting, canReplyFor, isOwnOrganisation, meetingAbilities } from '../policies/meeting.ts';
import { getVisible, visibleId } from '../queries/visible.ts';
import { insertRow } from '../db/prepared.ts';
import { guardOf, newGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type CommandContext } from './run.ts';
import { checkTimeZone, pick } from './values.ts';
import type { MeetingCreateBody, MeetingUpdateBody, AttendanceBody, AgendaItemBody } from '../../core/api/meetings.ts';

const utc = (iso: string, field: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw badRequest(field, 'is not a valid date-time', 'not_a_date');
  return d.toISOString();
};

async function loadManaged(ctx: CommandContext, actor: Actor, id: string, ability: keyof ReturnType<typeof meetingAbilities>) {
  const m = await getVisible(ctx.store.db, actor, 'meetings', id, 'Meeting');
  if (!meetingAbilities(actor, m)[ability]) throw forbidden(`You may not ${ability} this meeting`, 'not_permitted');
  return m;
}

/** Creates a meeting, with its agenda and invitations, in a group the actor manages. */
export async function createMeeting(ctx: ActingContext, body: Static<typeof MeetingCreateBody>): Promise<string> {
  const { actor } = ctx;
  const wgId = await visibleId(ctx.store.db, actor, 'working_groups', body.wgId);
  if (!wgId) throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
  if (body.besideMeetingId) {
    // A separate consultation beside a group meeting (an organisation that declined the main
    // meeting holding its own) may be recorded by anyone who can see the meeting it stands beside.
    const beside = await getVisible(ctx.store.db, actor, 'meetings', body.besideMeetingId, 'Meeting').catch(() => {
      throw badRequest('body.besideMeetingId', 'names no meeting you can see', 'unknown_record');
    });
    if (beside.wg_id !== wgId) throw badRequest('body.besideMeetingId', 'belongs to another working group', 'other_working_group');
  } else if (!canCreateMeeting(actor, wgId)) {
    throw forbidden('Only the chair or secretariat of the working group may schedule its meetings', 'not_permitted');
  }
  checkTimeZone(body.timezone, 'body.timezone');
  const startsAt = utc(body.startsAt, 'body.startsAt');
  const endsAt = utc(body.endsAt ?? body.startsAt, 'body.endsAt');
  if (endsAt < startsAt) throw badRequest('body.endsAt', 'is before startsAt', 'date_order');
  const guard = newGuard(actor, wgId, body);
  const id = newId();
  const t = now();
  const row: MeetingRow = {
    id,
    wg_id: wgId,
    title: body.title,
    title_ko: body.titleKo ?? null,
    level: body.level,
    format: body.format,
    place: body.place ?? null,
    starts_at: startsAt,
    ends_at: endsAt,
    timezone: body.timezone,
    status: 'planned',
    status_reason: null,
    postponed_to: null,
    beside_meeting_id: body.besideMeetingId ?? null,
    outcome: null,
    outcome_ko: null,
    minutes: null,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(
    ctx,
    async (tx, audit) => {
      await insertRow(tx, 'meetings', row);
      for (const orgId of body.invite ?? []) {
        await insertRow(tx, 'attendance', { id: newId(), meeting_id: id, organisation_id: orgId, status: 'invited', reason: null, responded_at: null, version: 1, created_at: t, updated_at: t });
      }
      audit({ action: 'meeting.create', entityType: 'meeting', entityId: id, after: { ...row, invite: body.invite ?? [] }, guard: guardOf(row) });
    },
    { 'attendance.organisation_id': 'body.invite' },
  );
  return id;
}

export async function updateMeeting(ctx: ActingContext, id: string, version: number, body: Static<typeof MeetingUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const m = await loadManaged(ctx, actor, id, 'update');
  const patch: Partial<MeetingRow> = {};
  if (body.title !== undefined) patch.title = body.title;
  if (body.titleKo !== undefined) patch.title_ko = body.titleKo;
  if (body.level !== undefined) patch.level = body.level;
  if (body.format !== undefined) patch.format = body.format;
  if (body.place !== undefined) patch.place = body.place;
  if (body.timezone !== undefined) {
    checkTimeZone(body.timezone, 'body.timezone');
    patch.timezone = body.timezone;
  }
  if (body.startsAt !== undefined) patch.starts_at = utc(body.startsAt, 'body.startsAt');
  if (body.endsAt !== undefined) patch.ends_at = utc(body.endsAt, 'body.endsAt');
  if ((patch.ends_at ?? m.ends_at) < (patch.starts_at ?? m.starts_at)) throw badRequest('body.endsAt', 'is before startsAt', 'date_order');
  if (body.outcome !== undefined) patch.outcome = body.outcome;
  if (body.outcomeKo !== undefined) patch.outcome_ko = body.outcomeKo;
  if (body.minutes !== undefined) patch.minutes = body.minutes;
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'meetings', id, version, patch);
    audit({ action: 'meeting.update', entityType: 'meeting', entityId: id, before: pick(m, Object.keys(patch)), after: patch, guard: guardOf(m) });
  });
}

/** Postpones a meeting: keeps the reason and the new date, and moves the meeting to it. */
export async function postponeMeeting(ctx: ActingContext, id: string, version: number, reason: string, newStartsAt?: string): Promise<void> {
  const { actor } = ctx;
  const m = await loadManaged(ctx, actor, id, 'postpone');
  const patch: Partial<MeetingRow> = { status: 'postponed', status_reason: reason, postponed_to: null };
  if (newStartsAt) {
    const starts = utc(newStartsAt, 'body.newStartsAt');
    const duration = new Date(m.ends_at).getTime() - new Date(m.starts_at).getTime();
    patch.postponed_to = starts;
    patch.starts_at = starts;
    patch.ends_at = new Date(new Date(starts).getTime() + duration).toISOString();
  }
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'meetings', id, version, patch);
    audit({ action: 'meeting.postpone', entityType: 'meeting', entityId: id, before: { status: m.status, starts_at: m.starts_at }, after: patch, guard: guardOf(m) });
  });
}

export async function cancelMeeting(ctx: ActingContext, id: string, version: number, reason: string): Promise<void> {
  const { actor } = ctx;
  const m = await loadManaged(ctx, actor, id, 'cancel');
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'meetings', id, version, { status: 'cancelled', status_reason: reason });
    audit({ action: 'meeting.cancel', entityType: 'meeting', entityId: id, before: { status: m.status }, after: { status: 'cancelled', status_reason: reason }, guard: guardOf(m) });
  });
}

export async function markMeetingHeld(ctx: ActingContext, id: string, version: number, outcome?: string): Promise<void> {
  const { actor } = ctx;
  const m = await loadManaged(ctx, actor, id, 'markHeld');
  const patch: Partial<MeetingRow> = { status: 'held', status_reason: null };
  if (outcome !== undefined) patch.outcome = outcome;
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'meetings', id, version, patch);
    audit({ action: 'meeting.hold', entityType: 'meeting', entityId: id, before: { status: m.status }, after: patch, guard: guardOf(m) });
  });
}

/**
 * Sets an organisation's attendance. The chair or secretariat may invite any organisation and
 * set any reply; a member replies only for their own organisation. Declining needs a reason:
 * the reason is the record (the Unification Ministry's 2025 decline is the founding case).
 */
export async function setAttendance(ctx: ActingContext, meetingId: string, body: Static<typeof AttendanceBody>, version?: number): Promise<string> {
  const { actor } = ctx;
  const m = await getVisible(ctx.store.db, actor, 'meetings', meetingId, 'Meeting');
  const own = isOwnOrganisation(actor, body.organisationId);
  const db = ctx.store.db;
  const org = await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', body.organisationId).executeTakeFirst();
  if (!org) throw badRequest('body.organisationId', 'names no organisation', 'unknown_record');
  if (!canReplyFor(actor, m, org)) {
    throw forbidden(own ? 'You may not reply for this meeting' : "You may reply only for your own organisation, or as the group's secretariat for your own government's", 'not_permitted');
  }
  if (body.status === 'declined' && !body.reason?.trim()) throw badRequest('body.reason', 'is required when declining', 'required_here');
  const existing = await db.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId).where('organisation_id', '=', body.organisationId).executeTakeFirst();
  const t = now();
  const action = body.status === 'declined' ? 'attendance.decline' : 'attendance.set';
  return runCommand(ctx, async (tx, audit) => {
    if (existing) {
      if (version === undefined) throw badRequest('headers.if-match', 'is required to change an existing reply', 'required_here');
      await updateVersioned(tx, 'attendance', existing.id, version, { status: body.status, reason: body.reason ?? null, responded_at: own ? t : existing.responded_at });
      audit({ action, entityType: 'attendance', entityId: existing.id, before: existing, after: { status: body.status, reason: body.reason ?? null }, guard: guardOf(m) });
      return existing.id;
    }
    const row: AttendanceRow = {
      id: newId(),
      meeting_id: meetingId,
      organisation_id: body.organisationId,
      status: body.status,
      reason: body.reason ?? null,
      responded_at: own ? t : null,
      version: 1,
      created_at: t,
      updated_at: t,
    };
    await tx.insertInto('attendance').values(row).execute();
    audit({ action, entityType: 'attendance', entityId: row.id, after: row, guard: guardOf(m) });
    return row.id;
  });
}

export async function addAgendaItem(ctx: ActingContext, meetingId: string, body: Static<typeof AgendaItemBody>): Promise<string> {
  const { actor } = ctx;
  const m = await loadManaged(ctx, actor, meetingId, 'manageAgenda');
  const db = ctx.store.db;
  if (body.trackId) {
    const tr = await db.selectFrom('tracks').select('id').where('id', '=', body.trackId).where('wg_id', '=', m.wg_id).executeTakeFirst();
    if (!tr) throw badRequest('body.trackId', 'names no track of this working group', 'unknown_record');
  }
  if (body.issueId) {
    await getVisible(db, actor, 'issues', body.issueId, 'Issue').catch(() => {
      throw badRequest('body.issueId', 'names no issue you can see', 'unknown_record');
    });
  }
  const t = now();
  const last = await db.selectFrom('agenda_items').select('position').where('meeting_id', '=', meetingId).orderBy('position', 'desc').executeTakeFirst();
  const row = {
    id: newId(),
    meeting_id: meetingId,
    track_id: body.trackId ?? null,
    issue_id: body.issueId ?? null,
    title: body.title,
    title_ko: body.titleKo ?? null,
    lead_org_id: body.leadOrgId ?? null,
    position: body.position ?? (last ? Number(last.position) + 1 : 1),
    notes: body.notes ?? null,
    outcome: body.outcome ?? null,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('agenda_items').values(row).execute();
    audit({ action: 'agenda_item.create', entityType: 'agenda_item', entityId: row.id, after: row, guard: guardOf(m) });
  });
  return row.id;
}

export async function updateAgendaItem(ctx: ActingContext, meetingId: string, itemId: string, version: number, body: Partial<Static<typeof AgendaItemBody>>): Promise<void> {
  const { actor } = ctx;
  const m = await loadManaged(ctx, actor, meetingId, 'manageAgenda');
  const item = await ctx.store.db.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!item) throw notFound('Agenda item');
  const patch: Record<string, unknown> = {};
  const map: Record<string, string> = {
    title: 'title',
    titleKo: 'title_ko',
    trackId: 'track_id',
    issueId: 'issue_id',
    leadOrgId: 'lead_org_id',
    position: 'position',
    notes: 'notes',
    outcome: 'outcome',
  };
  for (const [k, col] of Object.entries(map)) if ((body as Record<string, unknown>)[k] !== undefined) patch[col] = (body as Record<string, unknown>)[k];
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'agenda_items', itemId, version, patch);
    audit({ action: 'agenda_item.update', entityType: 'agenda_item', entityId: itemId, before: pick(item, Object.keys(patch)), after: patch, guard: guardOf(m) });
  });
}
