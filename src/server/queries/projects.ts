import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, ProjectDateChangeRow, ProjectRow, ProjectStageEventRow } from '../db/tables.ts';
import { TERMINAL_STAGES } from '../policies/project.ts';
import { visibleTo } from '../policies/visibility.ts';
import { notFound } from '../errors.ts';
import type { ProjectStage } from '../../core/vocabulary.ts';

type Db = Kysely<Database>;

export interface ProjectView extends ProjectRow {
  proponent_org_name: string | null;
}

export interface StageEventView extends ProjectStageEventRow {
  authority_org_name: string | null;
}

export interface StagePeriod {
  stage: ProjectStage;
  enteredOn: string;
  leftOn: string | null;
  days: number | null;
  ongoing: boolean;
}

export interface StageTiming {
  periods: StagePeriod[];
  daysByStage: Record<string, number>;
  daysFromReviewToExemption: number | null;
  exemptionOutcome: 'exemption_granted' | 'exemption_denied' | null;
  groupReviewOn: string | null;
  exemptionDecidedOn: string | null;
}

const DAY = 86_400_000;
const utcDay = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
/** Calendar days from one YYYY-MM-DD date to another (dates as written, whatever their time zone). */
export const daysBetween = (from: string, to: string): number => Math.round((utcDay(to) - utcDay(from)) / DAY);
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Stage events in the order they happened: by date, then by when they were recorded. */
export const eventOrder = (a: ProjectStageEventRow, b: ProjectStageEventRow) => a.occurred_on.localeCompare(b.occurred_on) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

/**
 * Time in each stage from consecutive stage events: a stage lasts from its event to the next
 * one. The current stage counts up to `asOf` (never below zero) unless it is terminal (done,
 * cancelled), where the count ends: a finished project stops accruing time. `daysByStage` sums
 * the periods of each stage (a stage re-entered after a stall counts every stay).
 * `daysFromReviewToExemption` is the days from the first group_review event to the first
 * exemption decision (exemption_granted or exemption_denied) at or after it; null when either
 * is missing.
 */
export function stageTiming(events: Pick<ProjectStageEventRow, 'stage' | 'occurred_on'>[], asOf: string): StageTiming {
  const periods: StagePeriod[] = events.map((e, i) => {
    const stage = e.stage as ProjectStage;
    const next = events[i + 1];
    if (next) return { stage, enteredOn: e.occurred_on, leftOn: next.occurred_on, days: daysBetween(e.occurred_on, next.occurred_on), ongoing: false };
    if (TERMINAL_STAGES.includes(stage)) return { stage, enteredOn: e.occurred_on, leftOn: null, days: null, ongoing: false };
    return { stage, enteredOn: e.occurred_on, leftOn: null, days: Math.max(0, daysBetween(e.occurred_on, asOf)), ongoing: true };
  });
  const daysByStage: Record<string, number> = {};
  for (const p of periods) if (p.days !== null) daysByStage[p.stage] = (daysByStage[p.stage] ?? 0) + p.days;
  const reviewAt = events.findIndex((e) => e.stage === 'group_review');
  const decision = reviewAt < 0 ? undefined : events.slice(reviewAt).find((e) => e.stage === 'exemption_granted' || e.stage === 'exemption_denied');
  const review = reviewAt < 0 ? undefined : events[reviewAt];
  return {
    periods,
    daysByStage,
    daysFromReviewToExemption: review && decision ? daysBetween(review.occurred_on, decision.occurred_on) : null,
    exemptionOutcome: (decision?.stage as StageTiming['exemptionOutcome']) ?? null,
    groupReviewOn: review?.occurred_on ?? null,
    exemptionDecidedOn: decision?.occurred_on ?? null,
  };
}

function projectQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('projects')
    .leftJoin('organisations', 'organisations.id', 'projects.proponent_org_id')
    .selectAll('projects')
    .select('organisations.name as proponent_org_name')
    .where(visibleTo(actor, 'projects'));
}

/** Cooperation projects the actor may see, by name. */
export async function findProjects(db: Db, actor: Actor, f: { wgId?: string; stage?: ProjectStage; trackId?: string; limit?: number; offset?: number }): Promise<ProjectView[]> {
  let q = projectQuery(db, actor);
  if (f.wgId) q = q.where('projects.wg_id', '=', f.wgId);
  if (f.stage) q = q.where('projects.stage', '=', f.stage);
  if (f.trackId) q = q.where('projects.track_id', '=', f.trackId);
  return q
    .orderBy('projects.name')
    .orderBy('projects.id')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
}

/** The stage events of some projects, each project's in the order they happened. */
export async function stageEvents(db: Db, projectIds: string[]): Promise<StageEventView[]> {
  if (projectIds.length === 0) return [];
  const out: StageEventView[] = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('project_stage_events')
        .leftJoin('organisations', 'organisations.id', 'project_stage_events.authority_org_id')
        .selectAll('project_stage_events')
        .select('organisations.name as authority_org_name')
        .where('project_stage_events.project_id', 'in', projectIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out.sort(eventOrder);
}

/** One project the actor may see, with its stage history, date changes and the meetings among them the actor may see. */
export async function getProjectDetail(db: Db, actor: Actor, id: string) {
  const project = await projectQuery(db, actor).where('projects.id', '=', id).executeTakeFirst();
  if (!project) throw notFound('Project');
  const [events, dateChanges] = await Promise.all([
    stageEvents(db, [id]),
    db.selectFrom('project_date_changes').selectAll().where('project_id', '=', id).orderBy('created_at').orderBy('id').execute() as Promise<ProjectDateChangeRow[]>,
  ]);
  const meetingIds = [...new Set(events.flatMap((e) => (e.meeting_id ? [e.meeting_id] : [])))];
  const visibleMeetings = new Set(meetingIds.length ? (await db.selectFrom('meetings').select('id').where('id', 'in', meetingIds).where(visibleTo(actor, 'meetings')).execute()).map((m) => m.id) : []);
  return { project, events, dateChanges, visibleMeetings };
}

/** Stage timing of every project the actor may see (optionally in one group), by name. */
export async function projectStageTimes(db: Db, actor: Actor, f: { wgId?: string }, asOf: string) {
  let q = projectQuery(db, actor);
  if (f.wgId) q = q.where('projects.wg_id', '=', f.wgId);
  const projects = await q.orderBy('projects.name').orderBy('projects.id').execute();
  const events = await stageEvents(
    db,
    projects.map((p) => p.id),
  );
  return projects.map((p) => ({
    project: p,
    timing: stageTiming(
      events.filter((e) => e.project_id === p.id),
      asOf,
    ),
  }));
}
