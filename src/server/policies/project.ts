import type { Actor } from '../auth/actor.ts';
import type { ProjectRow } from '../db/tables.ts';
import { PROJECT_STAGES, type ProjectStage } from '../../core/vocabulary.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import type { PROJECT_ABILITIES } from '../../core/api/projects.ts';

export type ProjectAbilities = Record<(typeof PROJECT_ABILITIES)[number], boolean>;

/** Stages a project never leaves. Time is not counted in them: they are the end of the pipeline. */
export const TERMINAL_STAGES: readonly ProjectStage[] = ['done', 'cancelled'];

/** Stages in which work is under way, in pipeline order: where a stalled project may resume. */
export const ACTIVE_STAGES: readonly ProjectStage[] = ['proposed', 'group_review', 'supported', 'exemption_requested', 'exemption_granted', 'implementation'];

/**
 * The allowed stage transitions of a cooperation project:
 *
 * | from                | to                                                                   |
 * |---------------------|----------------------------------------------------------------------|
 * | proposed            | group_review                                                         |
 * | group_review        | supported, objected                                                  |
 * | supported           | exemption_requested (sanctions exemption needed), implementation (not)|
 * | objected            | group_review (resubmitted after revision)                            |
 * | exemption_requested | exemption_granted, exemption_denied (the external gate, e.g. the UN 1718 Committee) |
 * | exemption_granted   | implementation                                                       |
 * | exemption_denied    | exemption_requested (a revised request)                              |
 * | implementation      | done                                                                 |
 * | stalled             | resume: any active stage up to the one the project stalled in        |
 * | done, cancelled     | nothing (terminal)                                                   |
 *
 * and from every non-terminal stage also → stalled (except from stalled itself) and →
 * cancelled. "Up to the one it stalled in" is in pipeline order; a project that stalled after an
 * objection resumes at most at group_review, after a denial at most at exemption_requested —
 * it can never skip the decision that stopped it.
 */
export const PROJECT_TRANSITIONS: Readonly<Record<ProjectStage, readonly ProjectStage[]>> = {
  proposed: ['group_review'],
  // An exemption may be sought while the group's review is still open, and the group's final
  // go-ahead may come after the authority's exemption (the 2019 video reunions went this way).
  group_review: ['supported', 'objected', 'exemption_requested'],
  supported: ['exemption_requested', 'implementation'],
  objected: ['group_review'],
  exemption_requested: ['exemption_granted', 'exemption_denied'],
  exemption_granted: ['implementation', 'supported'],
  exemption_denied: ['exemption_requested'],
  implementation: ['done'],
  stalled: ACTIVE_STAGES,
  done: [],
  cancelled: [],
};

const RESUME_POINT: Partial<Record<ProjectStage, ProjectStage>> = { objected: 'group_review', exemption_denied: 'exemption_requested' };

/**
 * The stages a project in `from` may move to. For a stalled project, `stalledFrom` is the stage
 * it was in before it stalled (without it, every active stage is offered).
 */
export function nextStages(from: ProjectStage, stalledFrom?: ProjectStage): ProjectStage[] {
  if (TERMINAL_STAGES.includes(from)) return [];
  let out = [...PROJECT_TRANSITIONS[from]];
  if (from === 'stalled' && stalledFrom) {
    const limit = PROJECT_STAGES.indexOf(RESUME_POINT[stalledFrom] ?? stalledFrom);
    out = out.filter((s) => PROJECT_STAGES.indexOf(s) <= limit);
  }
  if (from !== 'stalled') out.push('stalled');
  out.push('cancelled');
  return out;
}

export const canTransition = (from: ProjectStage, to: ProjectStage, stalledFrom?: ProjectStage): boolean => nextStages(from, stalledFrom).includes(to);

/**
 * Members (and above) of a group may propose a cooperation project in it — a member for their
 * own organisation; the chair and secretariat for any.
 */
export const canProposeProject = (actor: Actor, wgId: string): boolean => canContribute(actor, wgId);
export const canProposeFor = (actor: Actor, wgId: string, proponentOrgId: string): boolean => canManageGroup(actor, wgId) || (canContribute(actor, wgId) && proponentOrgId === actor.orgId);

/** The group's chair and secretariat run the pipeline: stages, dates, details. */
export function projectAbilities(actor: Actor, p: Pick<ProjectRow, 'wg_id' | 'stage'>): ProjectAbilities {
  const manage = canManageGroup(actor, p.wg_id);
  const open = !TERMINAL_STAGES.includes(p.stage as ProjectStage);
  return { update: manage, changeStage: manage && open, reschedule: manage && open };
}
