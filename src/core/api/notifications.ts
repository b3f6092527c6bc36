/** One's own notifications in the app (the same ones that are mailed), and one's choices of what comes and how. */
import { Type, type Static } from 'typebox';
import { Enum, Id, named, Nullable } from './common.ts';

/** Every kind of notification Concord writes, in the order the settings page lists them. */
export const NOTIFICATION_KINDS = [
  'meeting_invitation',
  'meeting_changed',
  'meeting_cancelled',
  'attendance_declined',
  'document_ready',
  'document_adopted',
  'clause_bracketed',
  'commitment_disputed',
  'commitment_due',
  'commitment_overdue',
  'discipline_finding',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const isNotificationKind = (k: string): k is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(k);

/** How one kind reaches a user: an e-mail at once, in the day's digest, or not at all (not in the app either). */
export const DELIVERIES = ['immediate', 'digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * What a user gets before choosing: what needs an answer soon (meetings, sign-off, a bracket on
 * one's clause, a dispute) at once; reminders and findings once a day.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  meeting_invitation: 'immediate',
  meeting_changed: 'immediate',
  meeting_cancelled: 'immediate',
  attendance_declined: 'immediate',
  document_ready: 'immediate',
  document_adopted: 'immediate',
  clause_bracketed: 'immediate',
  commitment_disputed: 'immediate',
  commitment_due: 'digest',
  commitment_overdue: 'digest',
  discipline_finding: 'digest',
};

/** The digest's hour and zone before a user chooses: 08:00 UTC. */
export const DEFAULT_DIGEST = { timezone: 'UTC', hour: 8 } as const;

/** The e-mail of a notification: waiting, being sent, sent, given up, not to be sent, waiting for the day's digest, sent in a digest, not mailed (its group is muted). */
export const EMAIL_STATES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'digest', 'digested', 'muted'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

export const NotificationSchema = named(
  'Notification',
  Type.Object({
    id: Type.String(),
    kind: Enum(NOTIFICATION_KINDS),
    subject: Type.String({ description: "In the recipient's language, as mailed" }),
    body: Type.String(),
    wgId: Nullable(Type.String()),
    entityType: Type.String(),
    entityId: Type.String(),
    /** Where in the app the record is (a path), when the record has a page. */
    path: Nullable(Type.String({ description: "The record's page in the app" })),
    createdAt: Type.String(),
    readAt: Nullable(Type.String()),
    email: Enum(EMAIL_STATES, 'The e-mail: waiting, being sent, sent, given up, not to be sent, waiting for the digest, sent in a digest, or not mailed (group muted)'),
  }),
);
export const NotificationList = Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer({ minimum: 0 }) });
export type Notification = Static<typeof NotificationSchema>;

const DeliverySchema = Enum(DELIVERIES, 'immediate: an e-mail at once; digest: in the daily digest; off: neither mailed nor listed');
const KindChoice = Type.Object({ kind: Enum(NOTIFICATION_KINDS), delivery: DeliverySchema }, { additionalProperties: false });
/** An IANA time zone name (checked by the server against the zones it knows). */
const TimeZone = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*$', description: 'IANA time zone, e.g. Asia/Seoul' });
const DigestHour = Type.Integer({ minimum: 0, maximum: 23, description: 'The hour of the day (in `timezone`) the digest leaves' });

export const NotificationSettingsSchema = named(
  'NotificationSettings',
  Type.Object({
    version: Type.Integer({ minimum: 0, description: 'The settings record version for If-Match; 0 before the first save' }),
    timezone: TimeZone,
    digestHour: DigestHour,
    kinds: Type.Array(Type.Object({ kind: Enum(NOTIFICATION_KINDS), delivery: DeliverySchema, default: DeliverySchema })),
    groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameKo: Nullable(Type.String()), muted: Type.Boolean() }), {
      description: 'The working groups one holds a role in (those one is told about); a muted group is listed in the app but never mailed',
    }),
  }),
);
export type NotificationSettings = Static<typeof NotificationSettingsSchema>;

export const NotificationSettingsBody = Type.Object(
  {
    timezone: TimeZone,
    digestHour: DigestHour,
    kinds: Type.Array(KindChoice, { maxItems: NOTIFICATION_KINDS.length, description: 'A kind left out gets its default' }),
    mutedGroupIds: Type.Array(Id, { maxItems: 500, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type NotificationSettingsInput = Static<typeof NotificationSettingsBody>;

/** The page in the app a notification's record is shown on (null: the record has none of its own). */
export function notificationPath(entityType: string, wgId: string | null, entityId: string): string | null {
  if (!wgId) return null;
  const g = `/groups/${encodeURIComponent(wgId)}`;
  switch (entityType) {
    case 'meeting':
      return `${g}/meetings/${encodeURIComponent(entityId)}`;
    case 'document':
      return `${g}/documents/${encodeURIComponent(entityId)}`;
    case 'commitment':
      return `${g}/commitments`;
    case 'statement':
      return `${g}/discipline`;
    default:
      return null;
  }
}
