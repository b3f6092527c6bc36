import type { Actor } from '../auth/actor.ts';
import type { WgProposalRow } from '../db/tables.ts';
import type { PROPOSAL_ABILITIES } from '../../core/api/proposals.ts';
import { isAdministrator } from './admin.ts';
import { canManageGroup } from './group-role.ts';

export type ProposalAbilities = Record<(typeof PROPOSAL_ABILITIES)[number], boolean>;

/**
 * Joint decisions. A working group of several parties is theirs together: which parties are in it
 * and which organisations take part decide who reads its group-scoped records, so one party may
 * not change them alone. Such a change is a proposal that takes effect only when the chair or
 * secretariat of every party already in the group has approved it (and, for a party coming in,
 * someone who speaks for that party, once the others have: until then it sees nothing). A party
 * acts alone on its OWN organisations' participation: adding or removing one of its ministries
 * hides nothing from the other party and opens nothing of theirs to anyone they have not agreed
 * to. Within a group of one party (one government's agencies) its chair or secretariat decides
 * alone. A proposal is declined by any party whose approval it needs (with a reason the others
 * read), and withdrawn by its proposer's party.
 */

/**
 * Who speaks for their party in founding groups: a user who is chair or secretariat of some
 * working group (every role is held in a group the user's own organisation takes part in, so in a
 * group of their party), or an administrator (who founded groups before proposals existed and
 * keeps their party's accounts). They propose new groups and accept, for their party, groups other
 * parties propose. A desk officer or an observer does not commit their government to a group.
 */
export const speaksForParty = (actor: Actor): boolean => isAdministrator(actor) || Object.values(actor.roles).some((r) => r === 'chair' || r === 'secretariat');

/**
 * Whether a change of a group's parties from `current` to `next` needs the other parties: always
 * in a group of several parties, and whenever a party comes in (it has to agree to join).
 */
export const partiesChangeNeedsApproval = (current: readonly string[], next: readonly string[]): boolean => current.length > 1 || next.some((p) => !current.includes(p));

/**
 * Whether setting how an organisation takes part needs the other parties: in a group of several
 * parties, when the organisation belongs to a party other than the actor's own.
 */
export const memberChangeNeedsApproval = (actor: Actor, groupPartyIds: readonly string[], orgPartyId: string): boolean => groupPartyIds.length > 1 && orgPartyId !== actor.partyId;

/**
 * Whether a proposal the actor opens for the parties `required` (`invited` among them, not yet in
 * the group) is at once open to the invited party: when the actor's party is the only one in the
 * group whose approval it needs (a group of one party bringing in a second).
 */
export const invitationOpensAtOnce = (actor: Actor, required: readonly string[], invited: string | null): boolean =>
  invited !== null && required.filter((p) => p !== invited).every((p) => p === actor.partyId);

/** The proposer's own organisation, which becomes a member of the group they found (they become its secretariat). */
export const isProposersOrganisation = (actor: Actor, organisationId: string): boolean => organisationId === actor.orgId;

type ProposalFacts = Pick<WgProposalRow, 'wg_id' | 'kind' | 'status' | 'invited_party_id' | 'invitation_open' | 'proposed_by' | 'owner_party_id'> & {
  requiredPartyIds: readonly string[];
  approvedPartyIds: readonly string[];
};

/**
 * Whether the actor may approve (or decline) the proposal for their party: it is open, needs their
 * party and their party has not yet approved; and they are the chair or secretariat of the group
 * for their party, or — for a group still being founded, or a party invited in, which hold no role
 * in it yet — someone who speaks for their party (`speaksForParty`). The invited party decides
 * last, once the parties in the group have all approved.
 */
export function canDecideProposal(actor: Actor, p: ProposalFacts): boolean {
  if (p.status !== 'open') return false;
  if (!p.requiredPartyIds.includes(actor.partyId) || p.approvedPartyIds.includes(actor.partyId)) return false;
  if (p.invited_party_id === actor.partyId) return p.invitation_open === 1 && speaksForParty(actor);
  if (p.kind === 'found') return speaksForParty(actor);
  return canManageGroup(actor, p.wg_id);
}

/** The proposer's party takes its own proposal back: the proposer, or its chair or secretariat in the group. */
export const canWithdrawProposal = (actor: Actor, p: ProposalFacts): boolean =>
  p.status === 'open' && p.owner_party_id === actor.partyId && (p.proposed_by === actor.userId || canManageGroup(actor, p.wg_id));

export function proposalAbilities(actor: Actor, p: ProposalFacts): ProposalAbilities {
  const decide = canDecideProposal(actor, p);
  return { approve: decide, decline: decide, withdraw: canWithdrawProposal(actor, p) };
}
