/**
 * A meeting's briefing book: its agenda with each party's latest position on each agenda issue
 * (in force on the meeting's date), the group's open and disputed commitments and its statements
 * of the 30 days up to the meeting. Every part is read with visibility in SQL, through the same
 * queries as the lists it summarises; the alignment figures come from the analysis jobs (route).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, MeetingRow, PositionRow } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getMeetingDetail } from './meetings.ts';
import { findPositionsAsOf } from './positions.ts';
import { findCommitments, type CommitmentView } from './commitments.ts';
import { findStatements, type StatementView } from './statements.ts';
import { BRIEFING_STATEMENT_DAYS } from '../../core/api/briefing.ts';
import { dayInZone } from './day-in-zone.ts';

type Db = Kysely<Database>;

/** `day` minus `days` calendar days. */
export const daysBefore = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export interface BriefingAgendaView {
  id: string;
  position: number;
  title: string;
  title_ko: string | null;
  track_name: string | null;
  track_name_ko: string | null;
  lead_org_id: string | null;
  issue: { id: string; title: string; title_ko: string | null } | null;
  positions: PositionRow[];
}

export interface BriefingView {
  meeting: MeetingRow;
  asOf: string;
  statementsFrom: string;
  agenda: BriefingAgendaView[];
  commitments: CommitmentView[];
  statements: StatementView[];
}

/** The most statements a briefing lists (the newest). */
const MAX_STATEMENTS = 200;

/** Everything of the briefing book but the alignment figures; 404 when the meeting is not visible. */
export async function getBriefing(db: Db, actor: Actor, meetingId: string): Promise<BriefingView> {
  const d = await getMeetingDetail(db, actor, meetingId);
  const m = d.meeting;
  const asOf = dayInZone(m.starts_at, m.timezone);
  const statementsFrom = daysBefore(asOf, BRIEFING_STATEMENT_DAYS);
  // The agenda's issues: getMeetingDetail has already nulled the ids of those the reader may not see.
  const issueIds = [...new Set(d.agenda.flatMap((a) => (a.issue_id ? [a.issue_id] : [])))];
  const trackIds = [...new Set(d.agenda.flatMap((a) => (a.track_id ? [a.track_id] : [])))];
  const [issues, tracks, commitments, statements] = await Promise.all([
    issueIds.length ? db.selectFrom('issues').select(['id', 'title', 'title_ko']).where('id', 'in', issueIds).where(visibleTo(actor, 'issues')).execute() : [],
    trackIds.length ? db.selectFrom('tracks').select(['id', 'name_ko']).where('id', 'in', trackIds).execute() : [],
    findCommitments(db, actor, { wgId: m.wg_id, state: 'open', limit: 1000 }),
    findStatements(db, actor, { wgId: m.wg_id, from: statementsFrom, to: asOf, limit: MAX_STATEMENTS }),
  ]);
  const issueById = new Map(issues.map((i) => [i.id, i]));
  const trackKo = new Map(tracks.map((t) => [t.id, t.name_ko]));
  const positionsByIssue = new Map<string, PositionRow[]>();
  for (const id of issueIds) positionsByIssue.set(id, await findPositionsAsOf(db, actor, asOf, { wgId: m.wg_id, issueId: id }));
  const agenda = d.agenda.map((a): BriefingAgendaView => {
    const issue = a.issue_id ? issueById.get(a.issue_id) : undefined;
    return {
      id: a.id,
      position: Number(a.position),
      title: a.title,
      title_ko: a.title_ko,
      track_name: a.track_name ?? null,
      track_name_ko: a.track_id ? (trackKo.get(a.track_id) ?? null) : null,
      lead_org_id: a.lead_org_id,
      issue: issue ? { id: issue.id, title: issue.title, title_ko: issue.title_ko } : null,
      positions: issue ? (positionsByIssue.get(issue.id) ?? []) : [],
    };
  });
  return { meeting: m, asOf, statementsFrom, agenda, commitments, statements };
}
