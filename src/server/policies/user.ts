import type { Actor } from '../auth/actor.ts';
import { USER_ABILITIES } from '../../core/api/users.ts';

export type UserAbilities = Record<(typeof USER_ABILITIES)[number], boolean>;

export const administersParty = (actor: Actor, partyId: string): boolean => actor.isAdmin && actor.partyId === partyId;

export function userAbilities(actor: Actor, user: { id: string; party_id: string }): UserAbilities {
  const manages = administersParty(actor, user.party_id);
  return { update: manages, changeClearance: manages && user.id !== actor.userId };
}

/** Whether an actor may approve or reject a request to raise a user's clearance. */
export const canDecideClearance = (actor: Actor, r: { user_id: string; requested_by: string; party_id: string }): boolean =>
  administersParty(actor, r.party_id) && actor.userId !== r.requested_by && actor.userId !== r.user_id;
