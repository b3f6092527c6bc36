/**
 * Joint decisions of a working group: proposals and their approvals by party. A proposal founds a
 * group of several parties (`found`), changes its parties (`parties`), or changes how an
 * organisation of another party takes part (`member`); it takes effect when every party whose
 * approval it needs has approved (server/policies/proposal.ts holds the rule).
 */
import { Type, type Static } from 'typebox';
import { WG_STATUSES } from '../vocabulary.ts';
import { AccessSchema, Abilities, Enum, Id, Items, named, Nullable } from './common.ts';
import { PARTICIPATIONS } from './working-groups.ts';

export const PROPOSAL_KINDS = ['found', 'parties', 'member'] as const;
export const PROPOSAL_STATUSES = ['open', 'applied', 'declined', 'withdrawn'] as const;
export const PROPOSAL_ABILITIES = ['approve', 'decline', 'withdraw'] as const;

export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const ProposalListQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    status: Type.Optional(Enum(PROPOSAL_STATUSES)),
  },
  { additionalProperties: false },
);

export const ProposalDeclineBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Why the party declines; shown to the other parties' }) },
  { additionalProperties: false },
);

const PartyApproval = Type.Object({
  partyId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameKo: Nullable(Type.String()),
  invited: Type.Boolean({ description: 'Not yet in the group: approves last, once every party in the group has' }),
  approvedAt: Nullable(Type.String()),
  approvedBy: Nullable(Type.String({ description: 'The display name of the user who approved for the party' })),
});

export const ProposalSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  wgId: Type.String(),
  wgName: Type.String(),
  wgNameKo: Nullable(Type.String()),
  wgStatus: Enum(WG_STATUSES),
  kind: Enum(PROPOSAL_KINDS),
  status: Enum(PROPOSAL_STATUSES),
  parties: Type.Object(
    {
      before: Type.Array(Type.String()),
      after: Type.Array(Type.String()),
    },
    { description: 'kind parties: the party ids before and after' },
  ),
  member: Nullable(
    Type.Object(
      {
        organisationId: Type.String(),
        name: Type.String(),
        nameKo: Nullable(Type.String()),
        acronym: Nullable(Type.String()),
        partyId: Type.String(),
        before: Nullable(Enum(PARTICIPATIONS)),
        participation: Enum(PARTICIPATIONS),
        note: Nullable(Type.String()),
      },
      { description: 'kind member: the organisation and how it would take part' },
    ),
  ),
  proposedBy: Type.Object({ userId: Type.String(), name: Type.String(), organisationId: Type.String(), partyId: Type.String() }),
  approvals: Type.Array(PartyApproval, { description: 'Every party whose approval the proposal needs, with its approval if given' }),
  reason: Nullable(Type.String({ description: 'Why it was declined' })),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  access: AccessSchema,
  abilities: Abilities(PROPOSAL_ABILITIES),
});

export const ProposalListSchema = Items(ProposalSchema);

/** What a write that needs the other parties answers (202): the proposal it opened. */
export const ProposalAcceptedSchema = Type.Object({ proposal: ProposalSchema });

export type Proposal = Static<typeof ProposalSchema>;

named('GroupProposal', ProposalSchema);
named('GroupProposalDecline', ProposalDeclineBody);
