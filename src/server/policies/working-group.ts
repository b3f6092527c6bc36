import type { Actor } from '../auth/actor.ts';
import type { WorkingGroupRow } from '../db/tables.ts';
import { isAdministrator } from './admin.ts';
import { canCreateArticle } from './article.ts';
import { canCreateCommitment } from './commitment.ts';
import { canCreateDocument } from './document.ts';
import { canProposeProject } from './project.ts';
import { canCreateStatement } from './statement.ts';
import { canContribute, canManageGroup, hasAnyRole, roleIn } from './group-role.ts';
import { speaksForParty } from './proposal.ts';
import type { PARTICIPATIONS, WORKING_GROUP_ABILITIES } from '../../core/api/working-groups.ts';

export type Participation = (typeof PARTICIPATIONS)[number];

export type WorkingGroupAbilities = Record<(typeof WORKING_GROUP_ABILITIES)[number], boolean>;

/**
 * What an actor may do with a working group they can see. Its chair and secretariat run it
 * (mandate, lifecycle, cadence, tracks, members); a system administrator may too. A group still
 * proposed (or declined) does not change its details, parties or members: the other parties are
 * accepting it as proposed. In a group of
 * several parties, a change of its parties or of another party's organisation is a proposal the
 * other parties approve (`proposal.ts`); `manageMembers` says the actor may set or propose one.
 * Roles are set by the chair or secretariat for the users of their own party (`canSetRoleFor`),
 * or by an administrator of the user's party. The group's settings (label scale, message-discipline rules)
 * are its chair's and secretariat's alone (`canChangeGroupSettings`). Members record their
 * positions, propose projects, record statements filed under the group (and so link its issues)
 * and add articles for extraction; the chair and secretariat also draft its documents and
 * record its commitments (each by the resource's own policy, reported here so that the web app
 * offers only what the server will allow); anyone with a role, or the owning organisation, may
 * keep internal notes on it.
 */
export function workingGroupAbilities(actor: Actor, wg: Pick<WorkingGroupRow, 'id' | 'owner_org_id'> & Partial<Pick<WorkingGroupRow, 'status'>>): WorkingGroupAbilities {
  const manage = isAdministrator(actor) || canManageGroup(actor, wg.id);
  // A group being founded (or never founded) keeps the record its parties are accepting.
  const founded = wg.status !== 'proposed' && wg.status !== 'declined';
  return {
    update: manage && founded,
    manageTracks: manage,
    manageMembers: manage && founded,
    manageRoles: isAdministrator(actor) || canManageGroup(actor, wg.id),
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

/**
 * Who may found (propose) a working group: someone who speaks for their party — the chair or
 * secretariat of one of its groups, or an administrator (`speaksForParty`). A group of one party
 * is established at once; a group of several is proposed until every other party accepts.
 */
export const canCreateWorkingGroup = (actor: Actor): boolean => speaksForParty(actor);
