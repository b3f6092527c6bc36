import type { Actor } from '../auth/actor.ts';
import { isAdministrator } from './admin.ts';
import { canManageGroup } from './group-role.ts';

/**
 * Who may manage accounts. Administration is by party: an administrator manages the users of
 * their own government's organisations only, never another party's. Nobody changes their own
 * clearance. Raising anyone's clearance takes two administrators of the user's party: one asks,
 * another (neither the one who asked nor the user) approves. Lowering it is one administrator's
 * act. Administrators themselves are made on the server (`concord user add --admin`), not through
 * the API, so no administrator can make the second one their request needs. Nobody disables their
 * own account (an administrator would lock themselves out). Listing and reading accounts is for
 * administrators (`requireAdmin`), and shows their own party's accounts only.
 *
 * The actor is null when the server's holder acts from the command line (`concord user add`):
 * they may make administrators and give a clearance directly.
 */
import type { USER_ABILITIES } from '../../core/api/users.ts';

export type UserAbilities = Record<(typeof USER_ABILITIES)[number], boolean>;

/** Whether the actor administers the accounts of this party (their own party, as an administrator). */
export const administersParty = (actor: Actor, partyId: string): boolean => isAdministrator(actor) && actor.partyId === partyId;

const isSelf = (actor: Actor, userId: string): boolean => actor.userId === userId;

export function userAbilities(actor: Actor, user: { id: string; party_id: string }): UserAbilities {
  const manages = administersParty(actor, user.party_id);
  return { update: manages, changeClearance: manages && !isSelf(actor, user.id), disable: manages && !isSelf(actor, user.id), resetPassword: canIssuePasswordReset(actor, user) };
}

/** Whether an account is known to the actor at all: their own party's accounts (the command line: all). Another party's answers as missing. */
export const accountVisibleTo = (actor: Actor | null, user: { party_id: string }): boolean => actor === null || actor.partyId === user.party_id;

/**
 * Who may issue a one-time password reset link: an administrator of the user's party, for anyone
 * but themselves (they change their own password with the current one), or the server's holder
 * from the command line (null).
 */
export const canIssuePasswordReset = (actor: Actor | null, user: { id: string; party_id: string }): boolean => actor === null || (administersParty(actor, user.party_id) && !isSelf(actor, user.id));

/** Whether the actor may add an account to an organisation of this party (null: the command line). */
export const canAddUserTo = (actor: Actor | null, partyId: string): boolean => actor === null || administersParty(actor, partyId);

/** Administrators are made on the server (the command line), never through the API. */
export const canMakeAdministrator = (actor: Actor | null): boolean => actor === null;

/**
 * Whether a clearance above unclassified given by this actor waits for a second administrator:
 * always through the API; the command line sets it directly.
 */
export const clearanceRaiseNeedsApproval = (actor: Actor | null): actor is Actor => actor !== null;

/**
 * Whether the actor may set or remove this user's role in a working group: the group's chair or
 * secretariat for the users of their own party (another party's roles are that party's
 * secretariat's to set), or an administrator for their own party's users. (Who may set roles in
 * the group at all is `workingGroupAbilities(...).manageRoles`.)
 */
export const canSetRoleFor = (actor: Actor, wgId: string, user: { party_id: string }): boolean =>
  (canManageGroup(actor, wgId) && user.party_id === actor.partyId) || administersParty(actor, user.party_id);

/** Whether an actor may approve or reject a request to raise a user's clearance. */
export const canDecideClearance = (actor: Actor, r: { user_id: string; requested_by: string; party_id: string }): boolean =>
  administersParty(actor, r.party_id) && !isSelf(actor, r.requested_by) && !isSelf(actor, r.user_id);
