import type { Project } from '../../../core/api/projects.ts';
import { PROJECT_STAGES, type ProjectStage } from '../../../core/vocabulary.ts';

export const STAGE_COLOR: Record<ProjectStage, string> = {
  proposed: 'gray',
  group_review: 'concord',
  supported: 'cyan',
  objected: 'red',
  exemption_requested: 'orange',
  exemption_granted: 'teal',
  exemption_denied: 'red',
  implementation: 'indigo',
  done: 'green',
  stalled: 'yellow',
  cancelled: 'gray',
};
/** Hex twins of STAGE_COLOR for charts. */
export const STAGE_HEX: Record<ProjectStage, string> = {
  proposed: '#868e96',
  group_review: '#2f5d92',
  supported: '#1098ad',
  objected: '#c92a2a',
  exemption_requested: '#e8590c',
  exemption_granted: '#0c8599',
  exemption_denied: '#a61e4d',
  implementation: '#4263eb',
  done: '#2b8a3e',
  stalled: '#f08c00',
  cancelled: '#adb5bd',
};

/** Pipeline columns, in order. */
export const PIPELINE: ProjectStage[] = [...PROJECT_STAGES];
export const TERMINAL = new Set<ProjectStage>(['done', 'cancelled', 'exemption_denied', 'objected']);

/** Days in the current (ongoing) stage, from the server's stage periods. */
export function daysInCurrentStage(p: Project): number | null {
  const cur = p.stageTimes.find((s) => s.ongoing) ?? p.stageTimes.filter((s) => s.stage === p.stage).at(-1);
  return cur?.days ?? null;
}
