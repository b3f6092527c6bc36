import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import { commitmentAbilities } from '../policies/commitment.ts';
import type { CommitmentView, ReportView } from '../queries/commitments.ts';
import { presentAccess } from './access.ts';
import type { CommitmentSchema, CommitmentSummarySchema, ReportSchema } from '../../core/api/commitments.ts';

export function presentReport(r: ReportView): Static<typeof ReportSchema> {
  return {
    id: r.id,
    partyId: r.party_id,
    organisationId: r.organisation_id,
    organisationName: r.org_name,
    status: r.status,
    percent: r.percent === null ? null : Number(r.percent),
    note: r.note,
    evidenceUrl: r.evidence_url,
    reportedOn: r.reported_on,
    reportedBy: r.reported_by,
    createdAt: r.created_at,
  };
}

export function presentCommitmentSummary(actor: Actor, c: CommitmentView, groupPartyIds: readonly string[]): Static<typeof CommitmentSummarySchema> {
  return {
    id: c.id,
    version: Number(c.version),
    wgId: c.wg_id,
    documentId: c.document_id,
    clauseKey: c.clause_key,
    meetingId: c.meeting_id,
    meeting: c.meeting_id && c.meeting_title !== null && c.meeting_day !== null ? { id: c.meeting_id, title: c.meeting_title, titleKo: c.meeting_title_ko, day: c.meeting_day } : null,
    track: c.track,
    title: c.title,
    titleKo: c.title_ko,
    responsiblePartyId: c.responsible_party_id,
    responsibleOrgId: c.responsible_org_id,
    dueOn: c.due_on,
    ...c.flags,
    latestByParty: c.latest.map((r) => ({ partyId: r.party_id, report: presentReport(r) })),
    access: presentAccess(c),
    abilities: commitmentAbilities(actor, c, groupPartyIds),
  };
}

export function presentCommitment(actor: Actor, c: CommitmentView, groupPartyIds: readonly string[]): Static<typeof CommitmentSchema> {
  return { ...presentCommitmentSummary(actor, c, groupPartyIds), reports: c.reports.map(presentReport) };
}
