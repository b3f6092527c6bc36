import type { Static } from 'typebox';
import { CLASSIFICATIONS } from '../../core/vocabulary.ts';
import type { Actor } from '../auth/actor.ts';
import { userAbilities } from '../policies/user.ts';
import type { UserListRow } from '../queries/users.ts';
import type { UserSchema } from '../../core/api/users.ts';

export const presentUser = (actor: Actor, u: UserListRow): Static<typeof UserSchema> => ({
  id: u.id,
  version: Number(u.version),
  email: u.email,
  displayName: u.display_name,
  organisationId: u.organisation_id,
  partyId: u.party_id,
  clearance: CLASSIFICATIONS[Number(u.clearance)] ?? 'secret',
  isAdmin: Boolean(Number(u.is_admin)),
  locale: u.locale,
  disabled: Boolean(Number(u.disabled)),
  roles: u.roles,
  createdAt: u.created_at,
  pendingClearance: u.pending ? { requestId: u.pending.id, clearance: CLASSIFICATIONS[u.pending.clearance] ?? 'secret', requestedBy: u.pending.requested_by, requestedAt: u.pending.created_at } : null,
  abilities: userAbilities(actor, u),
});
