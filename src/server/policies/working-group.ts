import type { Actor } from '../auth/actor.ts';
import type { WorkingGroupRow } from '../db/tables.ts';
import { canContribute, canManageGroup, hasAnyRole, roleIn } from './group-role.ts';
import { PARTICIPATIONS, WORKING_GROUP_ABILITIES } from '../../core/api/working-groups.ts';

export type Participation = (typeof PARTICIPATIONS)[number];

export type WorkingGroupAbilities = Record<(typeof WORKING_GROUP_ABILITIES)[number], boolean>;

/**
 * What an actor may do with a working group they can see. Its chair and secretariat run it
 * (mandate, lifecycle, cadence, tracks, members); a system administrator may too. Roles are set
 * by the chair or an administrator. Members record their positions; anyone with a role, or the
 * owning organisation, may keep internal notes on it.
 */
export function workingGroupAbilities(actor: Actor, wg: Pick<WorkingGroupRow, 'id' | 'owner_org_id'>): WorkingGroupAbilities {
  const manage = actor.isAdmin || canManageGroup(actor, wg.id);
  return {
    update: manage,
    manageTracks: manage,
    manageMembers: manage,
    manageRoles: actor.isAdmin || roleIn(actor, wg.id) === 'chair',
    scheduleMeeting: canManageGroup(actor, wg.id),
    createIssue: canManageGroup(actor, wg.id),
    recordPosition: canContribute(actor, wg.id),
    addNote: hasAnyRole(actor, wg.id) || wg.owner_org_id === actor.orgId,
  };
}

/** Only system administrators found new working groups. */
export const canCreateWorkingGroup = (actor: Actor): boolean => actor.isAdmin;
