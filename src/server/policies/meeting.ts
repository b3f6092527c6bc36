import type { Actor } from '../auth/actor.ts';
import type { MeetingRow } from '../db/tables.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import { MEETING_ABILITIES } from '../../core/api/meetings.ts';

export type MeetingAbilities = Record<(typeof MEETING_ABILITIES)[number], boolean>;

/**
 * What an actor may do with a meeting they can see. Chairs and secretariats of the group run it;
 * members reply for their own organisation (attend, observe, decline with a reason) and may
 * record a separate consultation beside it. A cancelled meeting is closed to change.
 */
export function meetingAbilities(actor: Actor, m: Pick<MeetingRow, 'wg_id' | 'status' | 'owner_org_id'>): MeetingAbilities {
  const manage = canManageGroup(actor, m.wg_id) && m.status !== 'cancelled';
  const contribute = canContribute(actor, m.wg_id);
  return {
    update: manage,
    postpone: manage && m.status !== 'held',
    cancel: manage && m.status !== 'held',
    markHeld: manage && m.status !== 'held',
    manageAgenda: manage,
    manageAttendance: manage,
    respond: contribute && m.status !== 'cancelled',
    addConsultation: contribute,
  };
}

/** A user may create a meeting in a group they manage. */
export const canCreateMeeting = (actor: Actor, wgId: string): boolean => canManageGroup(actor, wgId);
