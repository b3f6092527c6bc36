/** The closed list of audit actions. A write whose action is not here does not compile. */
export const AUDIT_ACTIONS = [
  'session.sign_in', 'session.sign_out', 'token.create', 'token.revoke',
  'user.create', 'user.update', 'user.clearance_request', 'user.clearance_approve', 'user.clearance_reject',
  'party.create', 'party.update', 'organisation.create', 'organisation.update', 'person.create', 'person.update',
  'working_group.create', 'working_group.update', 'working_group.member_set', 'working_group.role_set',
  'track.create', 'track.update',
  'meeting.create', 'meeting.update', 'meeting.postpone', 'meeting.cancel', 'meeting.hold',
  'agenda_item.create', 'agenda_item.update', 'agenda_item.delete',
  'attendance.set', 'attendance.decline',
  'issue.create', 'issue.update',
  'position.record',
  'statement.create', 'statement.update',
  'document.create', 'document.update', 'document.version_create', 'document.sign_off', 'document.adopt',
  'commitment.create', 'commitment.update', 'commitment.report',
  'project.create', 'project.update', 'project.stage_change', 'project.reschedule',
  'note.create', 'note.update',
  'store.import', 'store.demo_load',
  'article.create', 'candidate.update', 'candidate.confirm', 'candidate.reject',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
