import type { Static } from 'typebox';
import { CLASSIFICATIONS } from '../../core/vocabulary.ts';
import type { UserListRow } from '../queries/users.ts';
import type { UserSchema } from '../routes/users/schema.ts';

export const presentUser = (u: UserListRow): Static<typeof UserSchema> => ({
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
  roles: u.roles as never,
  createdAt: u.created_at,
});
