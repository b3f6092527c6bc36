import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import { proposalAbilities } from '../policies/proposal.ts';
import type { ProposalDetail, ProposalNames } from '../queries/proposals.ts';
import type { ProposalSchema } from '../../core/api/proposals.ts';
import type { PARTICIPATIONS } from '../../core/api/working-groups.ts';
import { presentAccess } from './access.ts';

type Participation = (typeof PARTICIPATIONS)[number];

/** What a proposal changes, as stored (commands/proposals.ts writes it). */
export interface ProposalPayload {
  before?: string[];
  after?: string[];
  organisationId?: string;
  partyId?: string;
  from?: Participation | null;
  participation?: Participation;
  note?: string | null;
}

export function presentProposal(actor: Actor, d: ProposalDetail, names: ProposalNames): Static<typeof ProposalSchema> {
  const r = d.row;
  const payload = JSON.parse(r.payload) as ProposalPayload;
  const approvedPartyIds = d.approvals.map((a) => a.party_id);
  const org = payload.organisationId ? names.organisations.get(payload.organisationId) : undefined;
  return {
    id: r.id,
    version: Number(r.version),
    wgId: r.wg_id,
    wgName: r.wg_name,
    wgNameKo: r.wg_name_ko,
    wgStatus: r.wg_status,
    kind: r.kind,
    status: r.status,
    parties: { before: payload.before ?? [], after: payload.after ?? [] },
    member:
      r.kind === 'member' && payload.organisationId && payload.participation
        ? {
            organisationId: payload.organisationId,
            name: org?.name ?? payload.organisationId,
            nameKo: org?.name_ko ?? null,
            acronym: org?.acronym ?? null,
            partyId: payload.partyId ?? org?.party_id ?? '',
            before: payload.from ?? null,
            participation: payload.participation,
            note: payload.note ?? null,
          }
        : null,
    proposedBy: { userId: r.proposed_by, name: r.proposer_name, organisationId: r.proposer_org_id, partyId: r.owner_party_id },
    approvals: d.requiredPartyIds.map((partyId) => {
      const p = names.parties.get(partyId);
      const a = d.approvals.find((x) => x.party_id === partyId);
      return {
        partyId,
        code: p?.code ?? partyId,
        name: p?.name ?? partyId,
        nameKo: p?.name_ko ?? null,
        invited: r.invited_party_id === partyId,
        approvedAt: a?.approved_at ?? null,
        approvedBy: a?.display_name ?? null,
      };
    }),
    reason: r.reason,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    access: presentAccess(r),
    abilities: proposalAbilities(actor, { ...r, invitation_open: Number(r.invitation_open), requiredPartyIds: d.requiredPartyIds, approvedPartyIds }),
  };
}
