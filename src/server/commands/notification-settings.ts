/**
 * A user's choices of what they are told and how (migration 026): per kind immediate, daily
 * digest or off; the groups they muted; the zone and hour of their digest. One versioned record
 * per user (`notification_settings`, version 0 until the first save), saved whole with If-Match
 * and audited (`user.notification_settings`, seen by the user's organisation like their other
 * account events). The choices apply to notifications written from then on (notify/enqueue.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { badRequest, staleVersion } from '../errors.ts';
import { DEFAULT_DELIVERY, DEFAULT_DIGEST, NOTIFICATION_KINDS, type Delivery, type NotificationKind, type NotificationSettings, type NotificationSettingsInput } from '../../core/api/notifications.ts';
import { userGuard } from './guard.ts';
import { checkTimeZone } from './values.ts';
import { now, runCommand, updateVersioned, type ActingContext } from './run.ts';

type Db = Kysely<Database>;

/** The groups whose notifications a user gets: those they hold a role in. */
const roleGroups = (db: Db, userId: string) =>
  db
    .selectFrom('wg_user_roles as r')
    .innerJoin('working_groups as g', 'g.id', 'r.wg_id')
    .select(['g.id', 'g.name', 'g.name_ko'])
    .where('r.user_id', '=', userId)
    .orderBy('g.name')
    .orderBy('g.id')
    .execute();

/** A user's notification settings as saved, or the defaults (version 0). */
export async function readNotificationSettings(db: Db, userId: string): Promise<NotificationSettings> {
  const [s, prefs, mutes, groups] = await Promise.all([
    db.selectFrom('notification_settings').selectAll().where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('notification_preferences').select(['kind', 'delivery']).where('user_id', '=', userId).execute(),
    db.selectFrom('notification_mutes').select('wg_id').where('user_id', '=', userId).execute(),
    roleGroups(db, userId),
  ]);
  const chosen = new Map<string, Delivery>(prefs.map((p) => [p.kind, p.delivery]));
  const muted = new Set(mutes.map((m) => m.wg_id));
  return {
    version: s ? Number(s.version) : 0,
    timezone: s?.timezone ?? DEFAULT_DIGEST.timezone,
    digestHour: s ? Number(s.digest_hour) : DEFAULT_DIGEST.hour,
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: chosen.get(kind) ?? DEFAULT_DELIVERY[kind], default: DEFAULT_DELIVERY[kind] })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, nameKo: g.name_ko, muted: muted.has(g.id) })),
  };
}

/**
 * Saves the caller's notification settings whole (If-Match: the version read; 0 for the first
 * save). A kind left out takes its default; only the groups one holds a role in can be muted.
 * Returns the new version.
 */
export async function saveNotificationSettings(ctx: ActingContext, expected: number, body: NotificationSettingsInput): Promise<number> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const timezone = checkTimeZone(body.timezone, 'body.timezone');
  const seen = new Set<NotificationKind>();
  body.kinds.forEach((k, i) => {
    if (seen.has(k.kind)) throw badRequest(`body.kinds.${i}.kind`, `"${k.kind}" is listed twice`, 'duplicate');
    seen.add(k.kind);
  });
  const mine = new Set((await roleGroups(db, actor.userId)).map((g) => g.id));
  body.mutedGroupIds.forEach((id, i) => {
    if (!mine.has(id)) throw badRequest(`body.mutedGroupIds.${i}`, 'names no working group you hold a role in', 'unknown_record');
  });
  // Only what differs from the defaults is stored: a default changed later reaches everyone who kept it.
  const prefs = body.kinds.filter((k) => k.delivery !== DEFAULT_DELIVERY[k.kind]);
  const t = now();
  return runCommand(ctx, async (tx, audit) => {
    const before = await readNotificationSettings(tx, actor.userId);
    // Version 0 is the record before its first save: a save naming it inserts, one naming another version of an unsaved record is stale.
    if (expected === 0 || before.version === 0) {
      if (before.version !== expected) throw staleVersion(before.version);
      await tx.insertInto('notification_settings').values({ id: actor.userId, timezone, digest_hour: body.digestHour, version: 1, created_at: t, updated_at: t }).execute();
    } else {
      await updateVersioned(tx, 'notification_settings', actor.userId, expected, { timezone, digest_hour: body.digestHour });
    }
    await tx.deleteFrom('notification_preferences').where('user_id', '=', actor.userId).execute();
    if (prefs.length)
      await tx
        .insertInto('notification_preferences')
        .values(prefs.map((p) => ({ user_id: actor.userId, kind: p.kind, delivery: p.delivery })))
        .execute();
    await tx.deleteFrom('notification_mutes').where('user_id', '=', actor.userId).execute();
    if (body.mutedGroupIds.length)
      await tx
        .insertInto('notification_mutes')
        .values(body.mutedGroupIds.map((wg_id) => ({ user_id: actor.userId, wg_id })))
        .execute();
    const summary = (s: { timezone: string; digestHour: number; kinds: { kind: string; delivery: string }[]; muted: string[] }) => ({
      timezone: s.timezone,
      digestHour: s.digestHour,
      kinds: Object.fromEntries(s.kinds.map((k) => [k.kind, k.delivery])),
      mutedGroupIds: s.muted,
    });
    audit({
      action: 'user.notification_settings',
      entityType: 'user',
      entityId: actor.userId,
      before: summary({ ...before, muted: before.groups.filter((g) => g.muted).map((g) => g.id) }),
      after: summary({
        timezone,
        digestHour: body.digestHour,
        kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: body.kinds.find((k) => k.kind === kind)?.delivery ?? DEFAULT_DELIVERY[kind] })),
        muted: [...body.mutedGroupIds].sort(),
      }),
      guard: userGuard(actor.orgId, actor.partyId),
    });
    return expected + 1;
  });
}
