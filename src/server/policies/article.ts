import type { Actor } from '../auth/actor.ts';
import type { ArticleRow } from '../db/tables.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import type { ARTICLE_ABILITIES } from '../../core/api/articles.ts';

export type ArticleAbilities = Record<(typeof ARTICLE_ABILITIES)[number], boolean>;

/** Holds a contributing role (member, secretariat or chair) in at least one working group. */
const contributesSomewhere = (actor: Actor): boolean => Object.values(actor.roles).some((r) => r !== 'observer');

/**
 * Who may add an article for extraction. Filed under a working group: its members, secretariat
 * and chair (the people who may record statements under it). Filed under no group: any user
 * who contributes somewhere — reading the press for the record is contributors' work, and
 * observers never write.
 */
export const canCreateArticle = (actor: Actor, wgId: string | null): boolean => (wgId ? canContribute(actor, wgId) : contributesSomewhere(actor));

/**
 * What an actor may do with an article they can see. `review` — edit, confirm and reject its
 * candidate statements — is for the owning organisation's contributors (in the article's group,
 * or anywhere for an article filed under no group) and for the group's chair and secretariat:
 * the same people who may correct the statements that confirmation creates. Candidates carry the
 * article's guard: whoever sees the article sees its candidates, and nobody else does.
 */
export function articleAbilities(actor: Actor, a: Pick<ArticleRow, 'wg_id' | 'owner_org_id'>): ArticleAbilities {
  const ownOrg = a.owner_org_id === actor.orgId && (a.wg_id ? canContribute(actor, a.wg_id) : contributesSomewhere(actor));
  return { review: ownOrg || canManageGroup(actor, a.wg_id) };
}
