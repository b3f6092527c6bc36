import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { ProjectDateChangeRow } from '../db/tables.ts';
import type { ProjectStage } from '../../core/vocabulary.ts';
import { nextStages, projectAbilities } from '../policies/project.ts';
import type { ProjectView, StageEventView, StageTiming } from '../queries/projects.ts';
import { presentAccess } from './access.ts';
import type { ProjectSchema, ProjectSummarySchema, StageTimesSchema } from '../../core/api/projects.ts';

export function presentProjectSummary(actor: Actor, p: ProjectView): Static<typeof ProjectSummarySchema> {
  return {
    id: p.id,
    version: Number(p.version),
    wgId: p.wg_id,
    trackId: p.track_id,
    name: p.name,
    nameKo: p.name_ko,
    description: p.description,
    proponentOrgId: p.proponent_org_id,
    proponentOrgName: p.proponent_org_name,
    stage: p.stage,
    plannedOn: p.planned_on,
    statusNote: p.status_note,
    access: presentAccess(p),
    abilities: projectAbilities(actor, p),
  };
}

const timingFields = (t: StageTiming) => ({ daysByStage: t.daysByStage, daysFromReviewToExemption: t.daysFromReviewToExemption, exemptionOutcome: t.exemptionOutcome });

export function presentProject(
  actor: Actor,
  x: { project: ProjectView; events: StageEventView[]; dateChanges: ProjectDateChangeRow[]; visibleMeetings: ReadonlySet<string> },
  timing: StageTiming,
  asOf: string,
): Static<typeof ProjectSchema> {
  const summary = presentProjectSummary(actor, x.project);
  const stage = x.project.stage as ProjectStage;
  const stalledFrom = stage === 'stalled' ? (x.events.at(-2)?.stage as ProjectStage | undefined) : undefined;
  return {
    ...summary,
    allowedNextStages: summary.abilities.changeStage ? nextStages(stage, stalledFrom) : [],
    stageHistory: x.events.map((e) => ({
      stage: e.stage,
      occurredOn: e.occurred_on,
      timezone: e.timezone,
      reason: e.reason,
      authorityOrgId: e.authority_org_id,
      authorityOrgName: e.authority_org_name,
      meetingId: e.meeting_id && x.visibleMeetings.has(e.meeting_id) ? e.meeting_id : null,
      recordedBy: e.recorded_by,
      recordedAt: e.created_at,
    })),
    dateChanges: x.dateChanges.map((d) => ({ oldDate: d.old_date, newDate: d.new_date, reason: d.reason, changedOn: d.changed_on, recordedBy: d.recorded_by, recordedAt: d.created_at })),
    stageTimes: timing.periods,
    ...timingFields(timing),
    asOf,
  };
}

export function presentStageTimes(rows: { project: ProjectView; timing: StageTiming }[], asOf: string): Static<typeof StageTimesSchema> {
  return {
    asOf,
    items: rows.map(({ project: p, timing: t }) => ({
      projectId: p.id,
      wgId: p.wg_id,
      name: p.name,
      nameKo: p.name_ko,
      stage: p.stage,
      groupReviewOn: t.groupReviewOn,
      exemptionDecidedOn: t.exemptionDecidedOn,
      ...timingFields(t),
    })),
  };
}
