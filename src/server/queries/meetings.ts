import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, MeetingRow } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible, visibleIdsAmong } from './visible.ts';
import { badRequest } from '../errors.ts';
import type { MeetingStatus } from '../../core/vocabulary.ts';

/** The meeting a consultation was held beside, named only when the reader may see it (else null). */
async function besideVisible(db: Kysely<Database>, actor: Actor, rows: MeetingRow[]): Promise<MeetingRow[]> {
  const named = rows.flatMap((m) => (m.beside_meeting_id ? [m.beside_meeting_id] : []));
  if (!named.length) return rows;
  const seen = await visibleIdsAmong(db, actor, 'meetings', named);
  return rows.map((m) => (m.beside_meeting_id && !seen.has(m.beside_meeting_id) ? { ...m, beside_meeting_id: null } : m));
}

export interface MeetingFilter {
  wgId?: string;
  from?: string;
  to?: string;
  status?: MeetingStatus;
  limit?: number;
  offset?: number;
  /** Keyset paging: the id of the last meeting of the previous page (one the reader may see). */
  after?: string;
}

/** Meetings the actor may see, soonest first; visibility is applied in SQL. */
export async function findMeetings(db: Kysely<Database>, actor: Actor, f: MeetingFilter): Promise<MeetingRow[]> {
  let q = db.selectFrom('meetings').selectAll().where(visibleTo(actor, 'meetings'));
  if (f.wgId) q = q.where('wg_id', '=', f.wgId);
  if (f.from) q = q.where('starts_at', '>=', f.from);
  if (f.to) q = q.where('starts_at', '<', f.to);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.after) {
    // Keyset paging: the page starts after the named meeting in the list's order (starts_at, id),
    // read from the index at that point, however deep the page (an offset reads every row before it).
    const a = await db.selectFrom('meetings').select(['starts_at', 'id']).where('id', '=', f.after).where(visibleTo(actor, 'meetings')).executeTakeFirst();
    if (!a) throw badRequest('querystring.after', 'names no meeting you can see', 'unknown_record');
    q = q.where('starts_at', '>=', a.starts_at).where((eb) => eb.or([eb('starts_at', '>', a.starts_at), eb('id', '>', a.id)]));
  }
  return besideVisible(
    db,
    actor,
    await q
      .orderBy('starts_at')
      .orderBy('id')
      .limit(f.limit ?? 100)
      .offset(f.offset ?? 0)
      .execute(),
  );
}

/** One meeting with its agenda, attendance, leads and the consultations beside it. */
export async function getMeetingDetail(db: Kysely<Database>, actor: Actor, id: string) {
  const [m] = await besideVisible(db, actor, [await getVisible(db, actor, 'meetings', id, 'Meeting')]);
  const [agendaRows, attendance, leads, consultations] = await Promise.all([
    db
      .selectFrom('agenda_items')
      .leftJoin('tracks', 'tracks.id', 'agenda_items.track_id')
      .selectAll('agenda_items')
      .select('tracks.name as track_name')
      .where('meeting_id', '=', id)
      .orderBy('agenda_items.position')
      .execute(),
    db
      .selectFrom('attendance')
      .innerJoin('organisations', 'organisations.id', 'attendance.organisation_id')
      .selectAll('attendance')
      .select(['organisations.name as org_name', 'organisations.party_id'])
      .where('meeting_id', '=', id)
      .orderBy('organisations.party_id')
      .orderBy('organisations.name')
      .execute(),
    db.selectFrom('meeting_leads').innerJoin('people', 'people.id', 'meeting_leads.person_id').select(['people.id', 'people.name']).where('meeting_id', '=', id).orderBy('people.name').execute(),
    db.selectFrom('meetings').selectAll().where('beside_meeting_id', '=', id).where(visibleTo(actor, 'meetings')).orderBy('starts_at').execute(),
  ]);
  // An agenda item keeps its title when its issue is hidden from the reader, but not the issue's id.
  const issues = await visibleIdsAmong(
    db,
    actor,
    'issues',
    agendaRows.map((a) => a.issue_id),
  );
  const agenda = agendaRows.map((a) => (a.issue_id && !issues.has(a.issue_id) ? { ...a, issue_id: null } : a));
  return { meeting: m, agenda, attendance, leads, consultations };
}
