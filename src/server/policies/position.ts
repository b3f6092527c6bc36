import type { Actor } from '../auth/actor.ts';
import type { PositionRow } from '../db/tables.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import type { POSITION_ABILITIES } from '../../core/api/positions.ts';

export type PositionAbilities = Record<(typeof POSITION_ABILITIES)[number], boolean>;

/**
 * Positions are append-only: nobody edits or deletes one. To change a stance, a member appends
 * a new position with a later validFrom; `append` says whether the actor may.
 */
export const positionAbilities = (actor: Actor, p: Pick<PositionRow, 'wg_id'>): PositionAbilities => ({ append: canContribute(actor, p.wg_id) });

/**
 * Who may record whose stance: members (and above) record their own organisation's and their
 * own government's; the chair and secretariat, who keep the group's record, may record any
 * party's or organisation's stance as stated in the group.
 */
export function positionRecordingRefusal(actor: Actor, wgId: string, partyId: string, organisationId: string | null): string | undefined {
  if (!canContribute(actor, wgId)) return 'Only members, the secretariat or the chair of the working group may record positions';
  if (canManageGroup(actor, wgId)) return undefined;
  if (partyId !== actor.partyId) return "Only the chair or secretariat may record another party's position";
  if (organisationId && organisationId !== actor.orgId) return "Only the chair or secretariat may record another organisation's position";
  return undefined;
}
