import type { Actor } from '../auth/actor.ts';
import { isAdministrator } from './admin.ts';
import { administersParty } from './user.ts';
import type { ACCESS_REQUEST_ABILITIES } from '../../core/api/identity.ts';

/**
 * Who decides a first sign-in through an identity provider that no rule admitted: an
 * administrator of the party whose organisation the sign-in's claims map to (the provider's
 * default organisation otherwise). They see only their own party's requests, and approve one
 * (making the account within what they may grant: their party's organisations, a clearance above
 * unclassified waiting for a second administrator as on any account) or refuse it.
 */
export type AccessRequestAbilities = Record<(typeof ACCESS_REQUEST_ABILITIES)[number], boolean>;

/** Whether the actor reviews access requests at all (an administrator; of their own party's only). */
export const canReviewAccessRequests = (actor: Actor): boolean => isAdministrator(actor);

/** Whether an access request is known to the actor: one of their own party's (another's answers as missing). */
export const accessRequestVisibleTo = (actor: Actor, r: { party_id: string }): boolean => administersParty(actor, r.party_id);

export function accessRequestAbilities(actor: Actor, r: { party_id: string; status: string }): AccessRequestAbilities {
  const decides = administersParty(actor, r.party_id) && r.status === 'pending';
  return { approve: decides, refuse: decides };
}
