/** The audit trail in the API: its events, its query, and the chain's verification. */
import { Type, type Static } from 'typebox';
import { AccessSchema, Enum, Id, Items, named, Nullable } from './common.ts';

/** The closed list of audit actions. A write whose action is not here does not compile. */
export const AUDIT_ACTIONS = [
  'session.sign_in',
  'session.sign_out',
  'session.revoke',
  'token.create',
  'token.revoke',
  'user.create',
  'user.update',
  'user.clearance_request',
  'user.clearance_approve',
  'user.clearance_reject',
  'user.password_change',
  'user.password_reset_issue',
  'user.password_reset',
  'passkey.add',
  'passkey.rename',
  'passkey.remove',
  'user.notification_settings',
  'party.create',
  'party.update',
  'organisation.create',
  'organisation.update',
  'person.create',
  'person.update',
  'working_group.create',
  'working_group.update',
  'working_group.member_set',
  'working_group.role_set',
  'proposal.create',
  'proposal.approve',
  'proposal.apply',
  'proposal.decline',
  'proposal.withdraw',
  'track.create',
  'track.update',
  'meeting.create',
  'meeting.update',
  'meeting.postpone',
  'meeting.cancel',
  'meeting.hold',
  'meeting.move',
  'series.create',
  'series.update',
  'agenda_item.create',
  'agenda_item.update',
  'agenda_item.delete',
  'attendance.set',
  'attendance.decline',
  'issue.create',
  'issue.update',
  'position.record',
  'statement.create',
  'statement.update',
  'document.create',
  'document.update',
  'document.version_create',
  'document.sign_off',
  'document.adopt',
  'commitment.create',
  'commitment.update',
  'commitment.report',
  'project.create',
  'project.update',
  'project.stage_change',
  'project.reschedule',
  'note.create',
  'note.update',
  'store.import',
  'store.demo_load',
  'article.create',
  'candidate.update',
  'candidate.confirm',
  'candidate.reject',
  'feed.follow',
  'feed.update',
  'feed.unfollow',
  'access_request.create',
  'access_request.approve',
  'access_request.refuse',
  'identity.link',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEventSchema = named(
  'AuditEvent',
  Type.Object({
    seq: Type.Integer(),
    id: Type.String(),
    at: Type.String(),
    actorUserId: Nullable(Type.String()),
    actorName: Nullable(Type.String()),
    actorOrgId: Nullable(Type.String()),
    action: Enum(AUDIT_ACTIONS),
    entityType: Type.String(),
    entityId: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
    requestId: Nullable(Type.String()),
    wgId: Nullable(Type.String()),
    access: AccessSchema,
    hash: Type.String(),
  }),
);
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditQuery = Type.Object(
  {
    wgId: Type.Optional(Id),
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    entityId: Type.Optional(Id),
    action: Type.Optional(Enum(AUDIT_ACTIONS)),
    actorUserId: Type.Optional(Id),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const AuditPageSchema = Type.Object({ ...Items(AuditEventSchema).properties, nextBefore: Nullable(Type.Integer()) });
export type AuditPage = Static<typeof AuditPageSchema>;

export const ChainCheckSchema = named(
  'ChainCheck',
  Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), id: Type.String(), reason: Type.String() })) }),
);

/* The shapes as TypeScript types, for the server and the web app alike. */
export type ChainCheck = Static<typeof ChainCheckSchema>;

/* The names of these schemas in the OpenAPI document (components.schemas). */
named('AuditPage', AuditPageSchema);
