import type { Actor } from '../auth/actor.ts';
import type { MeetingRow } from '../db/tables.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import type { ATTENDANCE_ABILITIES, MEETING_ABILITIES } from '../../core/api/meetings.ts';

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

export type AttendanceAbilities = Record<(typeof ATTENDANCE_ABILITIES)[number], boolean>;

/**
 * Whether an actor may set an organisation's reply to a meeting's invitation: the chair or
 * secretariat for the organisations of their own government (recording a ministry's reply it sent
 * by letter, say); a member for their own organisation only. Another government's reply, and its
 * reason, are that government's own: no one of another party changes them.
 */
export const canReplyFor = (actor: Actor, m: Pick<MeetingRow, 'wg_id' | 'status' | 'owner_org_id'>, organisation: { id: string; party_id: string }): boolean => {
  const ab = meetingAbilities(actor, m);
  return (ab.manageAttendance && organisation.party_id === actor.partyId) || (isOwnOrganisation(actor, organisation.id) && ab.respond);
};

/** Whether the organisation is the actor's own (replies and their timestamps are the organisation's own act). */
export const isOwnOrganisation = (actor: Actor, organisationId: string): boolean => organisationId === actor.orgId;

/** What an actor may do with one organisation's reply to a meeting: change it (`reply`). */
export const attendanceAbilities = (actor: Actor, m: Pick<MeetingRow, 'wg_id' | 'status' | 'owner_org_id'>, organisation: { id: string; party_id: string }): AttendanceAbilities => ({
  reply: canReplyFor(actor, m, organisation),
});

/** A user may create a meeting in a group they manage. */
export const canCreateMeeting = (actor: Actor, wgId: string): boolean => canManageGroup(actor, wgId);
