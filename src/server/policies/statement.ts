import type { Actor } from '../auth/actor.ts';
import type { StatementRow } from '../db/tables.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import type { STATEMENT_ABILITIES } from '../../core/api/statements.ts';

export type StatementAbilities = Record<(typeof STATEMENT_ABILITIES)[number], boolean>;

/** Holds a contributing role (member, secretariat or chair) in at least one working group. */
const contributesSomewhere = (actor: Actor): boolean => Object.values(actor.roles).some((r) => r !== 'observer');

/**
 * Who may record a statement. Statements are usually public records of what someone said, so
 * any signed-in user may record one that belongs to no working group; one filed under a group
 * needs a contributing role (member or above) in it.
 */
export const canCreateStatement = (actor: Actor, wgId: string | null): boolean => (wgId ? canContribute(actor, wgId) : true);

/**
 * Who may link a statement to a working group's issue. The link puts the statement into that
 * group's message-discipline findings as the words of its party, so it needs a contributing role
 * in that group, wherever the statement itself is filed: nobody puts words in a party's mouth
 * from outside the group.
 */
export const canLinkToGroupIssue = (actor: Actor, issueWgId: string | null): boolean => (issueWgId ? canContribute(actor, issueWgId) : true);

/**
 * What an actor may do with a statement they can see. The owning organisation's users correct
 * their own entries when they hold a contributing role (in the statement's group, or — for a
 * statement filed under no group — in any group); the group's chair and secretariat may correct
 * any statement filed under it. Observers never write.
 */
export function statementAbilities(actor: Actor, s: Pick<StatementRow, 'wg_id' | 'owner_org_id'>): StatementAbilities {
  const ownOrg = s.owner_org_id === actor.orgId && (s.wg_id ? canContribute(actor, s.wg_id) : contributesSomewhere(actor));
  return { update: ownOrg || canManageGroup(actor, s.wg_id) };
}
