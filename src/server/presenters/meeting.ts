import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { MeetingRow } from '../db/tables.ts';
import { meetingAbilities } from '../policies/meeting.ts';
import { presentAccess } from './access.ts';
import type { MeetingSummarySchema } from '../../core/api/meetings.ts';

export function presentMeetingSummary(actor: Actor, m: MeetingRow): Static<typeof MeetingSummarySchema> {
  return {
    id: m.id,
    version: Number(m.version),
    wgId: m.wg_id,
    title: m.title,
    titleKo: m.title_ko,
    level: m.level,
    format: m.format,
    place: m.place,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    timezone: m.timezone,
    status: m.status,
    statusReason: m.status_reason,
    postponedTo: m.postponed_to,
    besideMeetingId: m.beside_meeting_id,
    seriesId: m.series_id ?? null,
    recurrenceId: m.recurrence_id ?? null,
    access: presentAccess(m),
    abilities: meetingAbilities(actor, m),
  };
}
