/**
 * The demo scenario: the ROK–US Working Group (2018–2021), the Dec 2025 ROK–US consultation on the
 * Joint Fact Sheet, and the MOU–MOFA consultation of 2026, assembled from the topic files under
 * scenario/. Only facts marked verified in the project's world-facts reference are used; entries
 * that exist only to demonstrate a feature (internal notes, progress reports, users) say so.
 */
import type { DemoScenario } from './types.ts';
import { organisations, parties } from './scenario/reference.ts';
import { people, person_aliases, person_roles } from './scenario/people.ts';
import { tracks, wg_leads, wg_members, wg_parties, working_groups } from './scenario/groups.ts';
import { issues } from './scenario/issues.ts';
import { notes, users } from './scenario/users.ts';
import { meeting_leads, meetings } from './scenario/meetings.ts';
import { agenda_items, attendance } from './scenario/agenda.ts';
import { statementIssues2018, statements2018 } from './scenario/statements-2018.ts';
import { statementIssues2025, statements2025 } from './scenario/statements-2025.ts';
import { positions } from './scenario/positions.ts';
import { clause_alternatives, clauses, document_versions, documents, signoffs } from './scenario/documents.ts';
import { commitments, progress_reports } from './scenario/commitments.ts';
import { project_date_changes, project_stage_events, projects } from './scenario/projects.ts';

export const demoScenario: DemoScenario = {
  parties,
  organisations,
  people,
  person_aliases,
  person_roles,
  users,
  working_groups,
  wg_parties,
  wg_members,
  wg_leads,
  tracks,
  meetings,
  meeting_leads,
  issues,
  agenda_items,
  attendance,
  positions,
  statements: [...statements2018, ...statements2025],
  statement_issues: [...statementIssues2018, ...statementIssues2025],
  documents,
  document_versions,
  clauses,
  clause_alternatives,
  signoffs,
  commitments,
  progress_reports,
  projects,
  project_stage_events,
  project_date_changes,
  notes,
};

/**
 * The demo's people without its record: parties, organisations, people (with their aliases and
 * dated roles) and the demo users, holding no role in any group (there is none). What a new
 * installation looks like once its administrators have made the accounts: a party's
 * administrators speak for it and found its first groups. `concord demo --users-only` and
 * `concord serve --users-only-if-empty` load it.
 */
export function usersOnlyScenario(): DemoScenario {
  const empty = Object.fromEntries(Object.keys(demoScenario).map((k) => [k, []])) as unknown as DemoScenario;
  return {
    ...empty,
    parties,
    organisations,
    people,
    person_aliases,
    person_roles,
    users: users.map((u) => ({ ...u, roles: [] })),
  };
}
