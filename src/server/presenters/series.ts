import type { Actor } from '../auth/actor.ts';
import type { MeetingRow, MeetingSeriesRow } from '../db/tables.ts';
import { seriesAbilities } from '../policies/series.ts';
import { presentAccess } from './access.ts';
import type { Occurrence, Series, SeriesSummary } from '../../core/api/series.ts';

export function presentSeriesSummary(actor: Actor, s: MeetingSeriesRow): SeriesSummary {
  return {
    id: s.id,
    version: Number(s.version),
    wgId: s.wg_id,
    title: s.title,
    titleKo: s.title_ko,
    level: s.level,
    format: s.format,
    place: s.place,
    timezone: s.timezone,
    startsAt: s.starts_at,
    durationMinutes: Number(s.duration_minutes),
    rrule: s.rrule,
    until: s.until_date,
    count: s.count === null ? null : Number(s.count),
    invite: JSON.parse(s.invite) as string[],
    access: presentAccess(s),
    abilities: seriesAbilities(actor, s),
  };
}

export const presentOccurrence = (m: MeetingRow): Occurrence => ({
  meetingId: m.id,
  version: Number(m.version),
  recurrenceId: m.recurrence_id!,
  startsAt: m.starts_at,
  endsAt: m.ends_at,
  status: m.status,
  statusReason: m.status_reason,
  moved: m.starts_at !== m.recurrence_id,
});

export const presentSeries = (actor: Actor, s: MeetingSeriesRow, occurrences: MeetingRow[]): Series => ({ ...presentSeriesSummary(actor, s), occurrences: occurrences.map(presentOccurrence) });
