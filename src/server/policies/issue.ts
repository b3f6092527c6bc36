import type { Actor } from '../auth/actor.ts';
import type { IssueRow } from '../db/tables.ts';
import { canContribute, canManageGroup, hasAnyRole } from './group-role.ts';
import type { ISSUE_ABILITIES } from '../../core/api/issues.ts';

export type IssueAbilities = Record<(typeof ISSUE_ABILITIES)[number], boolean>;

/**
 * What an actor may do with an issue they can see: the group's chair and secretariat keep the
 * issue list; members (and above) record their positions on it; anyone with a role in the
 * group, or the owning organisation, may keep internal notes on it.
 */
export function issueAbilities(actor: Actor, i: Pick<IssueRow, 'wg_id' | 'owner_org_id'>): IssueAbilities {
  return {
    update: canManageGroup(actor, i.wg_id),
    recordPosition: canContribute(actor, i.wg_id),
    addNote: hasAnyRole(actor, i.wg_id) || i.owner_org_id === actor.orgId,
  };
}

export const canCreateIssue = (actor: Actor, wgId: string): boolean => canManageGroup(actor, wgId);
