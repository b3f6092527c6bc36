import type { Actor } from '../auth/actor.ts';
import type { WorkingGroupRow } from '../db/tables.ts';
import { isAdministrator } from './admin.ts';
import { canCreateArticle } from './article.ts';
import { canCreateCommitment } from './commitment.ts';
import { canCreateDocument } from './document.ts';
import { canProposeProject } from './project.ts';
import { canCreateStatement } from './statement.ts';
import { canContribute, canManageGroup, hasAnyRole, roleIn } from './group-role.ts';
import type { PARTICIPATIONS, WORKING_GROUP_ABILITIES } from '../../core/api/working-groups.ts';

export type Participation = (typeof PARTICIPATIONS)[number];

export type WorkingGroupAbilities = Record<(typeof WORKING_GROUP_ABILITIES)[number], boolean>;

/**
 * What an actor may do with a working group they can see. Its chair and secretariat run it
 * (mandate, lifecycle, cadence, tracks, members); a system administrator may too. Roles are set
 * by the chair or an administrator. The group's settings (label scale, message-discipline rules)
 * are its chair's and secretariat's alone (`canChangeGroupSettings`). Members record their
 * positions, propose projects, record statements filed under the group (and so link its issues)
 * and add articles for extraction; the chair and secretariat also draft its documents and
 * record its commitments (each by the resource's own policy, reported here so that the web app
 * offers only what the server will allow); anyone with a role, or the owning organisation, may
 * keep internal notes on it.
 */
export function workingGroupAbilities(actor: Actor, wg: Pick<WorkingGroupRow, 'id' | 'owner_org_id'>): WorkingGroupAbilities {
  const manage = isAdministrator(actor) || canManageGroup(actor, wg.id);
  return {
    update: manage,
    manageTracks: manage,
    manageMembers: manage,
    manageRoles: isAdministrator(actor) || isChair(actor, wg.id),
    changeSettings: canChangeGroupSettings(actor, wg.id),
    scheduleMeeting: canManageGroup(actor, wg.id),
    createIssue: canManageGroup(actor, wg.id),
    createDocument: canCreateDocument(actor, wg.id),
    createCommitment: canCreateCommitment(actor, wg.id),
    proposeProject: canProposeProject(actor, wg.id),
    createStatement: canCreateStatement(actor, wg.id),
    recordPosition: canContribute(actor, wg.id),
    addNote: hasAnyRole(actor, wg.id) || wg.owner_org_id === actor.orgId,
    addArticle: canCreateArticle(actor, wg.id),
  };
}

/** Whether the actor is the group's chair (who, besides an administrator, sets roles in it). */
export const isChair = (actor: Actor, wgId: string): boolean => roleIn(actor, wgId) === 'chair';

/**
 * Who may change a group's settings: its label scale (how alignment figures are named) and its
 * message-discipline rules. These decide how the group's own record is read, so they are the
 * business of those who run that record — the chair and the secretariat — and of nobody else. A
 * system administrator may not: administrators keep reference data and accounts, and being one
 * grants no say in a group's record (README, "Security model").
 */
export const canChangeGroupSettings = (actor: Actor, wgId: string): boolean => canManageGroup(actor, wgId);

/** Only system administrators found new working groups. */
export const canCreateWorkingGroup = (actor: Actor): boolean => isAdministrator(actor);
