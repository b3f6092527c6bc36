import type { Actor } from '../auth/actor.ts';

/**
 * Who may manage accounts. Administration is by party: an administrator manages the users of
 * their own government's organisations only, never another party's. Nobody changes their own
 * clearance. Raising anyone's clearance takes two administrators of the user's party: one asks,
 * another (neither the one who asked nor the user) approves. Lowering it is one administrator's
 * act. Administrators themselves are made on the server (`concord user add --admin`), not through
 * the API, so no administrator can make the second one their request needs.
 */
export const USER_ABILITIES = ['update', 'changeClearance'] as const;
export type UserAbilities = Record<(typeof USER_ABILITIES)[number], boolean>;

export const administersParty = (actor: Actor, partyId: string): boolean => actor.isAdmin && actor.partyId === partyId;

export function userAbilities(actor: Actor, user: { id: string; party_id: string }): UserAbilities {
  const manages = administersParty(actor, user.party_id);
  return { update: manages, changeClearance: manages && user.id !== actor.userId };
}

/** Whether an actor may approve or reject a request to raise a user's clearance. */
export const canDecideClearance = (actor: Actor, r: { user_id: string; requested_by: string; party_id: string }): boolean =>
  administersParty(actor, r.party_id) && actor.userId !== r.requested_by && actor.userId !== r.user_id;
