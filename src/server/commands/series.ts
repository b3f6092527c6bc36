import type { Static } from 'typebox';
import type { AttendanceRow, MeetingRow, MeetingSeriesRow } from '../db/tables.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { insertRow, insertRows } from '../db/prepared.ts';
import { meetingAbilities } from '../policies/meeting.ts';
import { canCreateSeries, seriesAbilities } from '../policies/series.ts';
import { getVisible, visibleId } from '../queries/visible.ts';
import { guardOf, newGuard } from './guard.ts';
import { cancelMeeting } from './meetings.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type Tx } from './run.ts';
import { checkRrule, checkTimeZone, pick } from './values.ts';
import type { AuditEntry } from '../audit/chain.ts';
import type { OccurrenceMoveBody, SeriesCreateBody, SeriesUpdateBody } from '../../core/api/series.ts';
import { inRecordYears } from '../../core/api/common.ts';
import { MAX_OCCURRENCES, RESERVED_RULE_PARTS, expandSeries, wallParts } from '../../core/series.ts';

/**
 * Meeting series. Occurrences are materialised as meeting rows, all of them, when the series is
 * scheduled or changed (a series must end: `until` or `count`, at most MAX_OCCURRENCES), so that
 * agendas, attendance and minutes attach to an occurrence as to any meeting, visibility and every
 * list, dashboard and feed read them as meetings, and the series' occurrence list is exactly its
 * rows (see ARCHITECTURE.md, "Meeting series").
 */

const utc = (iso: string, field: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw badRequest(field, 'is not a valid date-time', 'not_a_date');
  return d.toISOString();
};

/** The rule as stored: checked by checkRrule (the rrule library), without the parts the record holds itself. */
function checkSeriesRule(value: string, field: string): string {
  const text = checkRrule(value, field);
  for (const part of text.split(';')) {
    const key = part.split('=')[0].toUpperCase();
    if ((RESERVED_RULE_PARTS as readonly string[]).includes(key)) throw badRequest(field, `must not carry ${key}: the series' first start, until and count say that`, 'invalid_rule');
  }
  return text;
}

/** The series' occurrences, checked: it ends, it has some, not too many, within the record's years, and its start is the first. */
function occurrencesOf(s: Pick<MeetingSeriesRow, 'starts_at' | 'timezone' | 'rrule' | 'until_date' | 'count'>): string[] {
  if (s.until_date === null && s.count === null) throw badRequest('body.until', 'or body.count is required: a series ends (an open cadence is the group’s cadenceRrule)', 'required_here');
  let instants: string[];
  try {
    instants = expandSeries({ startsAt: s.starts_at, timezone: s.timezone, rrule: s.rrule, until: s.until_date, count: s.count }, MAX_OCCURRENCES + 1);
  } catch (e) {
    throw badRequest('body.rrule', `is not a valid RRULE (${e instanceof Error ? e.message : String(e)})`, 'invalid_rule');
  }
  if (instants.length === 0) throw badRequest('body.until', 'is before the first occurrence', 'date_order');
  if (instants.length > MAX_OCCURRENCES)
    throw badRequest(s.count !== null && s.until_date === null ? 'body.count' : 'body.until', `gives more than ${MAX_OCCURRENCES} occurrences`, 'too_many_occurrences');
  if (instants[0] !== s.starts_at) {
    throw badRequest('body.startsAt', `is not an occurrence of the rule (the first would be ${instants[0]}): start the series on a day the rule gives`, 'not_an_occurrence');
  }
  const late = instants.find((i) => !inRecordYears(i));
  if (late) throw badRequest(s.count !== null ? 'body.count' : 'body.until', `reaches past the record's years (${late.slice(0, 10)})`, 'outside_record_years');
  return instants;
}

const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const inviteOf = (s: MeetingSeriesRow): string[] => JSON.parse(s.invite) as string[];

/** The meeting row of one occurrence, as the series describes it. */
function occurrenceRow(s: MeetingSeriesRow, instant: string, t: string): MeetingRow {
  return {
    id: newId(),
    wg_id: s.wg_id,
    title: s.title,
    title_ko: s.title_ko,
    level: s.level,
    format: s.format,
    place: s.place,
    starts_at: instant,
    ends_at: addMinutes(instant, Number(s.duration_minutes)),
    timezone: s.timezone,
    status: 'planned',
    status_reason: null,
    postponed_to: null,
    beside_meeting_id: null,
    outcome: null,
    outcome_ko: null,
    minutes: null,
    series_id: s.id,
    recurrence_id: instant,
    owner_org_id: s.owner_org_id,
    owner_party_id: s.owner_party_id,
    scope: s.scope,
    classification: s.classification,
    version: 1,
    created_at: t,
    updated_at: t,
  };
}

/** Rows per insert statement: a series writes its occurrences and their invitations in batches. */
const BATCH = 25;
async function insertBatched<T extends 'meetings' | 'attendance'>(tx: Tx, table: T, rows: (T extends 'meetings' ? MeetingRow : AttendanceRow)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insertRows(tx, table, rows.slice(i, i + BATCH) as never);
}

/** Schedules occurrences of a series at `instants`, each with the series' invitations, each audited as a meeting created. */
async function insertOccurrences(tx: Tx, audit: (e: AuditEntry) => void, s: MeetingSeriesRow, instants: string[], t: string): Promise<void> {
  const invite = inviteOf(s);
  const meetings = instants.map((i) => occurrenceRow(s, i, t));
  const attendance: AttendanceRow[] = meetings.flatMap((m) =>
    invite.map((orgId): AttendanceRow => ({ id: newId(), meeting_id: m.id, organisation_id: orgId, status: 'invited', reason: null, responded_at: null, version: 1, created_at: t, updated_at: t })),
  );
  await insertBatched(tx, 'meetings', meetings);
  await insertBatched(tx, 'attendance', attendance);
  for (const row of meetings) audit({ action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { ...row, invite }, guard: guardOf(row) });
}

/** Schedules a series and every one of its occurrences, in a group the actor manages. */
export async function createSeries(ctx: ActingContext, body: Static<typeof SeriesCreateBody>): Promise<string> {
  const { actor } = ctx;
  const wgId = await visibleId(ctx.store.db, actor, 'working_groups', body.wgId);
  if (!wgId) throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
  if (!canCreateSeries(actor, wgId)) throw forbidden('Only the chair or secretariat of the working group may schedule its meetings', 'not_permitted');
  checkTimeZone(body.timezone, 'body.timezone');
  const t = now();
  const series: MeetingSeriesRow = {
    id: newId(),
    wg_id: wgId,
    title: body.title,
    title_ko: body.titleKo ?? null,
    level: body.level,
    format: body.format,
    place: body.place ?? null,
    timezone: body.timezone,
    starts_at: utc(body.startsAt, 'body.startsAt'),
    duration_minutes: body.durationMinutes,
    rrule: checkSeriesRule(body.rrule, 'body.rrule'),
    until_date: body.until ?? null,
    count: body.count ?? null,
    invite: JSON.stringify(body.invite ?? []),
    ...newGuard(actor, wgId, body),
    version: 1,
    created_at: t,
    updated_at: t,
  };
  const instants = occurrencesOf(series);
  await runCommand(
    ctx,
    async (tx, audit) => {
      await insertRow(tx, 'meeting_series', series);
      audit({ action: 'series.create', entityType: 'meeting_series', entityId: series.id, after: { ...series, occurrences: instants.length }, guard: guardOf(series) });
      await insertOccurrences(tx, audit, series, instants, t);
    },
    { 'attendance.organisation_id': 'body.invite' },
  );
  return series.id;
}

/** The local date of an instant in the venue's zone, to match an occurrence across a change of its time of day. */
const localDate = (iso: string, tz: string): string => {
  const w = wallParts(Date.parse(iso), tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

/**
 * Changes a series and brings its occurrences to the new description: an occurrence the new rule
 * still gives (at the same instant, else on the same local day) keeps its row, agenda and replies,
 * and, while planned and not moved on its own, takes the new title, venue, zone, time and
 * duration; an occurrence the rule no longer gives leaves the series (cancelled if still planned:
 * a held one stays the record it is); a new one is scheduled.
 */
export async function updateSeries(ctx: ActingContext, id: string, version: number, body: Static<typeof SeriesUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const s = await getVisible(ctx.store.db, actor, 'meeting_series', id, 'Series');
  if (!seriesAbilities(actor, s).update) throw forbidden('Only the chair or secretariat of the working group may change its series', 'not_permitted');
  const patch: Partial<MeetingSeriesRow> = {};
  if (body.title !== undefined) patch.title = body.title;
  if (body.titleKo !== undefined) patch.title_ko = body.titleKo;
  if (body.level !== undefined) patch.level = body.level;
  if (body.format !== undefined) patch.format = body.format;
  if (body.place !== undefined) patch.place = body.place;
  if (body.timezone !== undefined) patch.timezone = checkTimeZone(body.timezone, 'body.timezone');
  if (body.startsAt !== undefined) patch.starts_at = utc(body.startsAt, 'body.startsAt');
  if (body.durationMinutes !== undefined) patch.duration_minutes = body.durationMinutes;
  if (body.rrule !== undefined) patch.rrule = checkSeriesRule(body.rrule, 'body.rrule');
  if (body.until !== undefined) patch.until_date = body.until;
  if (body.count !== undefined) patch.count = body.count;
  const next: MeetingSeriesRow = { ...s, ...patch };
  const instants = occurrencesOf(next);
  const rows: MeetingRow[] = await ctx.store.db.selectFrom('meetings').selectAll().where('series_id', '=', id).execute();
  const t = now();

  // Match the rows to the new instants: the same instant first, then the same local day.
  const byInstant = new Map(rows.map((r) => [r.recurrence_id!, r]));
  const match = new Map<string, MeetingRow>();
  const free = new Set(rows);
  for (const i of instants) {
    const r = byInstant.get(i);
    if (r) {
      match.set(i, r);
      free.delete(r);
    }
  }
  const byDay = new Map<string, MeetingRow>();
  for (const r of free) byDay.set(localDate(r.recurrence_id!, next.timezone), r);
  for (const i of instants) {
    if (match.has(i)) continue;
    const r = byDay.get(localDate(i, next.timezone));
    if (r && free.has(r)) {
      match.set(i, r);
      free.delete(r);
    }
  }

  await runCommand(
    ctx,
    async (tx, audit) => {
      await updateVersioned(tx, 'meeting_series', id, version, patch);
      audit({ action: 'series.update', entityType: 'meeting_series', entityId: id, before: pick(s, Object.keys(patch)), after: patch, guard: guardOf(s) });
      for (const r of free) {
        const leave: Partial<MeetingRow> = { series_id: null, recurrence_id: null };
        if (r.status === 'planned') Object.assign(leave, { status: 'cancelled', status_reason: 'No longer an occurrence of its series after the series changed' });
        await updateVersioned(tx, 'meetings', r.id, Number(r.version), leave);
        audit({ action: r.status === 'planned' ? 'meeting.cancel' : 'meeting.update', entityType: 'meeting', entityId: r.id, before: pick(r, Object.keys(leave)), after: leave, guard: guardOf(r) });
      }
      await insertOccurrences(
        tx,
        audit,
        next,
        instants.filter((i) => !match.has(i)),
        t,
      );
      for (const i of instants) {
        const r = match.get(i);
        if (!r) continue;
        const moved = r.starts_at !== r.recurrence_id;
        const change: Partial<MeetingRow> = {};
        if (r.recurrence_id !== i) change.recurrence_id = i;
        if (r.status === 'planned' && !moved) {
          const fresh = occurrenceRow(next, i, t);
          for (const k of ['title', 'title_ko', 'level', 'format', 'place', 'timezone', 'starts_at', 'ends_at'] as const) {
            if (r[k] !== fresh[k]) (change as Record<string, unknown>)[k] = fresh[k];
          }
        }
        if (Object.keys(change).length === 0) continue;
        await updateVersioned(tx, 'meetings', r.id, Number(r.version), change);
        audit({ action: 'meeting.update', entityType: 'meeting', entityId: r.id, before: pick(r, Object.keys(change)), after: change, guard: guardOf(r) });
      }
    },
    { 'attendance.organisation_id': 'body.invite' },
  );
}

/** One occurrence of a series the actor may see, and the series, checked for `ability`. */
async function loadOccurrence(ctx: ActingContext, seriesId: string, meetingId: string, ability: 'moveOccurrence' | 'cancelOccurrence') {
  const { actor } = ctx;
  const s = await getVisible(ctx.store.db, actor, 'meeting_series', seriesId, 'Series');
  const m = await getVisible(ctx.store.db, actor, 'meetings', meetingId, 'Occurrence');
  if (m.series_id !== s.id) throw notFound('Occurrence');
  if (!seriesAbilities(actor, s)[ability]) throw forbidden('Only the chair or secretariat of the working group may change its series', 'not_permitted');
  const ab = meetingAbilities(actor, m);
  if (!(ability === 'moveOccurrence' ? ab.postpone : ab.cancel)) throw forbidden(`A ${m.status} occurrence is not ${ability === 'moveOccurrence' ? 'moved' : 'cancelled'}`, 'not_in_this_state');
  return { s, m };
}

/** Moves one occurrence (its RECURRENCE-ID stays the instant its rule gives it). */
export async function moveOccurrence(ctx: ActingContext, seriesId: string, meetingId: string, version: number, body: Static<typeof OccurrenceMoveBody>): Promise<void> {
  const { m } = await loadOccurrence(ctx, seriesId, meetingId, 'moveOccurrence');
  const startsAt = utc(body.startsAt, 'body.startsAt');
  const endsAt = body.endsAt ? utc(body.endsAt, 'body.endsAt') : new Date(Date.parse(startsAt) + (Date.parse(m.ends_at) - Date.parse(m.starts_at))).toISOString();
  if (endsAt < startsAt) throw badRequest('body.endsAt', 'is before startsAt', 'date_order');
  const patch: Partial<MeetingRow> = { starts_at: startsAt, ends_at: endsAt, status: 'planned', postponed_to: null };
  if (body.reason !== undefined) patch.status_reason = body.reason || null;
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'meetings', meetingId, version, patch);
    audit({
      action: 'meeting.move',
      entityType: 'meeting',
      entityId: meetingId,
      before: pick(m, Object.keys(patch)),
      after: { ...patch, series_id: seriesId, recurrence_id: m.recurrence_id },
      guard: guardOf(m),
    });
  });
}

/** Cancels one occurrence with its reason (an EXDATE of the series in the calendar feed). */
export async function cancelOccurrence(ctx: ActingContext, seriesId: string, meetingId: string, version: number, reason: string): Promise<void> {
  await loadOccurrence(ctx, seriesId, meetingId, 'cancelOccurrence');
  await cancelMeeting(ctx, meetingId, version, reason);
}
