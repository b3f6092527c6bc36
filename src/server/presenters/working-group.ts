import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import type { WorkingGroupRow } from '../db/tables.ts';
import { workingGroupAbilities } from '../policies/working-group.ts';
import { canSetRoleFor } from '../policies/user.ts';
import type { GroupRole } from '../../core/vocabulary.ts';
import { roleIn } from '../policies/group-role.ts';
import type { getDashboard, getWorkingGroupDetail } from '../queries/working-groups.ts';
import { presentAccess } from './access.ts';
import type { DashboardSchema, GroupPersonSchema, WorkingGroupSchema, WorkingGroupSummarySchema } from '../../core/api/working-groups.ts';
import { PROJECT_STAGES, type WorkingGroupStatus } from '../../core/vocabulary.ts';
import { presentMeetingSummary } from './meeting.ts';

type PartyRef = { id: string; code: string; name: string; name_ko: string | null };

export function presentWorkingGroupSummary(actor: Actor, wg: WorkingGroupRow, parties: PartyRef[]): Static<typeof WorkingGroupSummarySchema> {
  return {
    id: wg.id,
    version: Number(wg.version),
    name: wg.name,
    nameKo: wg.name_ko,
    shortName: wg.short_name,
    kind: wg.kind,
    status: wg.status,
    establishedOn: wg.established_on,
    terminationAgreedOn: wg.termination_agreed_on,
    endedOn: wg.ended_on,
    cadenceRrule: wg.cadence_rrule,
    cadenceNote: wg.cadence_note,
    timezone: wg.timezone,
    parties: parties.map((p) => ({ id: p.id, code: p.code, name: p.name, nameKo: p.name_ko })),
    myRole: roleIn(actor, wg.id) ?? null,
    access: presentAccess(wg),
    abilities: workingGroupAbilities(actor, wg),
  };
}

export function presentWorkingGroup(actor: Actor, d: Awaited<ReturnType<typeof getWorkingGroupDetail>>): Static<typeof WorkingGroupSchema> {
  const ref = (g: { id: string; name: string; name_ko: string | null; status: WorkingGroupStatus }) => ({ id: g.id, name: g.name, nameKo: g.name_ko, status: g.status });
  return {
    ...presentWorkingGroupSummary(actor, d.wg, d.parties),
    mandate: d.wg.mandate,
    mandateKo: d.wg.mandate_ko,
    members: d.members.map((m) => ({
      organisationId: m.organisation_id,
      acronym: m.acronym,
      name: m.name,
      nameKo: m.name_ko,
      partyId: m.party_id,
      participation: m.participation,
      note: m.note,
    })),
    leads: d.leads.map((l) => ({ id: l.id, personId: l.person_id, name: l.name, nameKo: l.name_ko, role: l.role, partyId: l.party_id })),
    tracks: d.tracks.map((t) => ({ id: t.id, version: Number(t.version), code: t.code, name: t.name, nameKo: t.name_ko, position: Number(t.position) })),
    predecessor: d.predecessor ? ref(d.predecessor) : null,
    successors: d.successors.map(ref),
  };
}

export function presentDashboard(actor: Actor, d: Awaited<ReturnType<typeof getDashboard>>, generatedAt: Date): Static<typeof DashboardSchema> {
  return {
    wgId: d.wg.id,
    generatedAt: generatedAt.toISOString(),
    nextMeetings: d.nextMeetings.map((m) => presentMeetingSummary(actor, m)),
    commitments: d.commitments,
    projects: PROJECT_STAGES.map((stage) => {
      const items = d.projects.filter((p) => p.stage === stage);
      return {
        stage,
        count: items.length,
        items: items.map((p) => ({ id: p.id, name: p.name, nameKo: p.name_ko, since: p.since, daysInStage: p.daysInStage })),
      };
    }),
    recentStatements: d.statements.map((s) => ({
      id: s.id,
      saidOn: s.said_on,
      partyId: s.party_id,
      speakerName: s.speaker_name ?? null,
      speakerOrgId: s.speaker_org_id,
      speakerDescription: s.speaker_description,
      medium: s.medium,
      language: s.language,
      quote: s.quote,
      sourceUrl: s.source_url,
      access: presentAccess(s),
    })),
  };
}

export function presentGroupPerson(
  actor: Actor,
  wg: WorkingGroupRow,
  p: { id: string; display_name: string; organisation_id: string; party_id: string; role: GroupRole | null },
): Static<typeof GroupPersonSchema> {
  return {
    userId: p.id,
    displayName: p.display_name,
    organisationId: p.organisation_id,
    partyId: p.party_id,
    role: p.role,
    abilities: { setRole: workingGroupAbilities(actor, wg).manageRoles && canSetRoleFor(actor, wg.id, p) },
  };
}
