import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, MeetingRow, MeetingSeriesRow, WorkingGroupRow } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible } from './visible.ts';
import type { WorkingGroupStatus } from '../../core/vocabulary.ts';

export interface WorkingGroupFilter {
  status?: WorkingGroupStatus;
  /** Only the groups in which the actor's organisation takes part (member or observer) or the actor holds a role. */
  mine?: boolean;
}

/** Working groups the actor may see, by name; visibility is applied in SQL. */
export async function findWorkingGroups(db: Kysely<Database>, actor: Actor, f: WorkingGroupFilter): Promise<WorkingGroupRow[]> {
  let q = db.selectFrom('working_groups').selectAll().where(visibleTo(actor, 'working_groups'));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.mine) {
    q = q.where((eb) =>
      eb.or([
        eb(
          'working_groups.id',
          'in',
          eb.selectFrom('wg_members').select('wg_members.wg_id').where('wg_members.organisation_id', '=', actor.orgId).where('wg_members.participation', 'in', ['member', 'observer']),
        ),
        eb('working_groups.id', 'in', eb.selectFrom('wg_user_roles').select('wg_user_roles.wg_id').where('wg_user_roles.user_id', '=', actor.userId)),
      ]),
    );
  }
  return q.orderBy('name').orderBy('id').execute();
}

/** The parties of each of the given groups. */
export async function partiesOf(db: Kysely<Database>, wgIds: string[]) {
  if (wgIds.length === 0) return new Map<string, { id: string; code: string; name: string; name_ko: string | null }[]>();
  const rows = await db
    .selectFrom('wg_parties')
    .innerJoin('parties', 'parties.id', 'wg_parties.party_id')
    .select(['wg_parties.wg_id', 'parties.id', 'parties.code', 'parties.name', 'parties.name_ko'])
    .where('wg_parties.wg_id', 'in', wgIds)
    .orderBy('parties.code')
    .execute();
  const m = new Map<string, { id: string; code: string; name: string; name_ko: string | null }[]>();
  for (const r of rows) m.set(r.wg_id, [...(m.get(r.wg_id) ?? []), { id: r.id, code: r.code, name: r.name, name_ko: r.name_ko }]);
  return m;
}

/**
 * One group with its parties, member organisations (with how they take part and why), leads,
 * tracks, and the predecessor and successors the actor may see.
 */
export async function getWorkingGroupDetail(db: Kysely<Database>, actor: Actor, id: string) {
  const wg = await getVisible(db, actor, 'working_groups', id, 'Working group');
  const [parties, members, leads, tracks, predecessor, successors] = await Promise.all([
    partiesOf(db, [id]).then((m) => m.get(id) ?? []),
    db
      .selectFrom('wg_members')
      .innerJoin('organisations', 'organisations.id', 'wg_members.organisation_id')
      .select(['wg_members.organisation_id', 'wg_members.participation', 'wg_members.note', 'organisations.acronym', 'organisations.name', 'organisations.name_ko', 'organisations.party_id'])
      .where('wg_members.wg_id', '=', id)
      .orderBy('organisations.party_id')
      .orderBy('organisations.name')
      .execute(),
    db
      .selectFrom('wg_leads')
      .innerJoin('people', 'people.id', 'wg_leads.person_id')
      .select(['wg_leads.id', 'wg_leads.person_id', 'wg_leads.role', 'wg_leads.party_id', 'people.name', 'people.name_ko'])
      .where('wg_leads.wg_id', '=', id)
      .orderBy('wg_leads.party_id')
      .orderBy('people.name')
      .execute(),
    db.selectFrom('tracks').selectAll().where('wg_id', '=', id).orderBy('position').orderBy('code').execute(),
    wg.predecessor_id
      ? db.selectFrom('working_groups').select(['id', 'name', 'name_ko', 'status']).where('id', '=', wg.predecessor_id).where(visibleTo(actor, 'working_groups')).executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('working_groups')
      .select(['id', 'name', 'name_ko', 'status'])
      .where('predecessor_id', '=', id)
      .where(visibleTo(actor, 'working_groups'))
      .orderBy('established_on')
      .orderBy('id')
      .execute(),
  ]);
  return { wg, parties, members, leads, tracks, predecessor: predecessor ?? null, successors };
}

/**
 * The group's meetings and series the actor may see, for the calendar feed: each meeting's agenda
 * items with their track names and its replies with the organisations' names (child rows, read
 * through the visible meetings), and the names of the organisations the series invite.
 */
export async function findCalendarMeetings(db: Kysely<Database>, actor: Actor, wgId: string) {
  const [meetings, series]: [MeetingRow[], MeetingSeriesRow[]] = await Promise.all([
    db.selectFrom('meetings').selectAll().where('wg_id', '=', wgId).where(visibleTo(actor, 'meetings')).orderBy('starts_at').orderBy('id').limit(5000).execute(),
    db.selectFrom('meeting_series').selectAll().where('wg_id', '=', wgId).where(visibleTo(actor, 'meeting_series')).orderBy('starts_at').orderBy('id').limit(500).execute(),
  ]);
  const ids = meetings.map((m) => m.id);
  const [agenda, attendance] = ids.length
    ? await Promise.all([
        db
          .selectFrom('agenda_items')
          .leftJoin('tracks', 'tracks.id', 'agenda_items.track_id')
          .select([
            'agenda_items.meeting_id',
            'agenda_items.title',
            'agenda_items.title_ko',
            'agenda_items.position',
            'agenda_items.track_id',
            'tracks.name as track_name',
            'tracks.position as track_position',
          ])
          .where('agenda_items.meeting_id', 'in', ids)
          .orderBy('agenda_items.position')
          .execute(),
        db
          .selectFrom('attendance')
          .innerJoin('organisations', 'organisations.id', 'attendance.organisation_id')
          .select(['attendance.meeting_id', 'attendance.organisation_id', 'organisations.name as org_name', 'attendance.status', 'attendance.reason'])
          .where('attendance.meeting_id', 'in', ids)
          .orderBy('organisations.party_id')
          .orderBy('organisations.name')
          .orderBy('attendance.organisation_id')
          .execute(),
      ])
    : [[], []];
  const invited = [...new Set(series.flatMap((s) => JSON.parse(s.invite) as string[]))];
  const orgs = invited.length ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', invited).execute() : [];
  return { meetings, series, agenda, attendance, organisations: new Map(orgs.map((o) => [o.id, o.name])) };
}

export type CalendarAgendaItem = Awaited<ReturnType<typeof findCalendarMeetings>>['agenda'][number];
export type CalendarAttendance = Awaited<ReturnType<typeof findCalendarMeetings>>['attendance'][number];

const days = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000));

/**
 * What the group's dashboard shows, in one call, every part filtered by visibility in SQL:
 * the next planned meetings, open and disputed commitments, projects by stage with the days
 * each has waited in its stage, and the latest public statements.
 *
 * A commitment is disputed when the latest progress reports of the parties carry different
 * statuses, and open unless every reporting party's latest report is `done`.
 */
export async function getDashboard(db: Kysely<Database>, actor: Actor, wgId: string, at: Date = new Date()) {
  const wg = await getVisible(db, actor, 'working_groups', wgId, 'Working group');
  const nowIso = at.toISOString();
  const today = nowIso.slice(0, 10);
  const [nextMeetings, commitments, projects, statements] = await Promise.all([
    db
      .selectFrom('meetings')
      .selectAll()
      .where('wg_id', '=', wg.id)
      .where('status', '=', 'planned')
      .where('starts_at', '>=', nowIso)
      .where(visibleTo(actor, 'meetings'))
      .orderBy('starts_at')
      .orderBy('id')
      .limit(5)
      .execute(),
    sql<{ total: number | string; open: number | string | null; disputed: number | string | null }>`
      with latest as (
        select pr.commitment_id, pr.party_id, pr.status,
          row_number() over (partition by pr.commitment_id, pr.party_id order by pr.reported_on desc, pr.created_at desc, pr.id desc) as rn
        from progress_reports pr
        where pr.commitment_id in (select id from commitments where wg_id = ${wg.id})
      ),
      per_commitment as (
        select commitment_id, count(*) as parties, count(distinct status) as statuses,
          sum(case when status <> 'done' then 1 else 0 end) as not_done
        from latest where rn = 1 group by commitment_id
      )
      select count(*) as total,
        sum(case when s.parties is null or s.not_done > 0 then 1 else 0 end) as open,
        sum(case when s.statuses > 1 then 1 else 0 end) as disputed
      from commitments c left join per_commitment s on s.commitment_id = c.id
      where c.wg_id = ${wg.id} and ${visibleTo(actor, 'c')}`.execute(db),
    db
      .selectFrom('projects')
      .select(['projects.id', 'projects.name', 'projects.name_ko', 'projects.stage', 'projects.created_at'])
      .select(sql<string | null>`(select max(e.occurred_on) from project_stage_events e where e.project_id = projects.id and e.stage = projects.stage)`.as('since'))
      .where('projects.wg_id', '=', wg.id)
      .where(visibleTo(actor, 'projects'))
      .orderBy('projects.name')
      .orderBy('projects.id')
      .execute(),
    db
      .selectFrom('statements')
      .leftJoin('people', 'people.id', 'statements.speaker_person_id')
      .selectAll('statements')
      .select('people.name as speaker_name')
      .where('statements.wg_id', '=', wg.id)
      .where(visibleTo(actor, 'statements'))
      .orderBy('statements.said_on', 'desc')
      .orderBy('statements.created_at', 'desc')
      .orderBy('statements.id')
      .limit(10)
      .execute(),
  ]);
  const c = commitments.rows[0];
  return {
    wg,
    nextMeetings,
    commitments: { total: Number(c?.total ?? 0), open: Number(c?.open ?? 0), disputed: Number(c?.disputed ?? 0) },
    projects: projects.map((p) => {
      const since = (p.since ?? p.created_at).slice(0, 10);
      return { ...p, since, daysInStage: days(since, today) };
    }),
    statements,
  };
}

/**
 * The people of a group's role list: every user holding a role in it and, for those who may set
 * roles (its chair and secretariat, an administrator), the users of their own party whose
 * organisation takes part (member or observer) and who hold none yet.
 */
export async function findGroupPeople(db: Kysely<Database>, actor: Actor, wg: Pick<WorkingGroupRow, 'id' | 'owner_org_id'>, withCandidates: boolean) {
  const holders = await db
    .selectFrom('wg_user_roles')
    .innerJoin('users', 'users.id', 'wg_user_roles.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.display_name', 'users.organisation_id', 'organisations.party_id', 'wg_user_roles.role'])
    .where('wg_user_roles.wg_id', '=', wg.id)
    .where('users.disabled', '=', 0)
    .orderBy('organisations.party_id')
    .orderBy('users.display_name')
    .execute();
  if (!withCandidates) return holders;
  const candidates = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .innerJoin('wg_members', (j) => j.onRef('wg_members.organisation_id', '=', 'users.organisation_id').on('wg_members.wg_id', '=', wg.id))
    .select(['users.id', 'users.display_name', 'users.organisation_id', 'organisations.party_id'])
    .where('organisations.party_id', '=', actor.partyId)
    .where('wg_members.participation', 'in', ['member', 'observer'])
    .where('users.disabled', '=', 0)
    .where('users.id', 'not in', (eb) => eb.selectFrom('wg_user_roles').select('wg_user_roles.user_id').where('wg_user_roles.wg_id', '=', wg.id))
    .orderBy('users.display_name')
    .limit(500)
    .execute();
  return [...holders, ...candidates.map((c) => ({ ...c, role: null }))];
}
