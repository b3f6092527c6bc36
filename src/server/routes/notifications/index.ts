import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { markNotificationRead, saveNotificationSettings } from '../../commands/index.ts';
import { readNotificationSettings } from '../../commands/notification-settings.ts';
import { Id } from '../../../core/api/common.ts';
import { NotificationList, NotificationSettingsBody, NotificationSettingsSchema, notificationPath, type NotificationKind } from '../../../core/api/notifications.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { notFound } from '../../errors.ts';

/** My notifications: only ever my own rows, each chosen by the visibility rule when it was written (notify/enqueue.ts). */
export default async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My latest notifications (newest first) and how many are unread',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: NotificationList, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', actor.userId)
        // A digest is the mail that carried notifications listed here themselves.
        .where('kind', '<>', 'digest')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(req.query.limit ?? 50)
        .execute();
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', actor.userId)
        .where('kind', '<>', 'digest')
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return {
        unread: Number(unread?.n ?? 0),
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind as NotificationKind,
          subject: r.subject,
          body: r.body,
          wgId: r.wg_id,
          entityType: r.entity_type,
          entityId: r.entity_id,
          path: notificationPath(r.entity_type, r.wg_id, r.entity_id),
          createdAt: r.created_at,
          readAt: r.read_at,
          email: r.email_state,
        })),
      };
    },
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: { tags, summary: 'Mark one of my notifications read', params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const ctx = commandContext(req);
      const done = await markNotificationRead(ctx, req.params.id, new Date().toISOString());
      if (!done) {
        const mine = await req.server.store.db.selectFrom('notifications').select('id').where('id', '=', req.params.id).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
        if (!mine) throw notFound('Notification');
      }
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/notification-settings',
    {
      schema: {
        tags,
        summary: 'What I am told and how: per kind immediate, daily digest or off; my muted groups; my digest’s hour and time zone',
        response: { 200: NotificationSettingsSchema, ...errorResponses },
      },
    },
    async (req) => readNotificationSettings(req.server.store.db, requireActor(req).userId),
  );
  app.put(
    '/notification-settings',
    {
      schema: {
        tags,
        summary: 'Save my notification settings whole (If-Match: the version read, 0 before the first save)',
        body: NotificationSettingsBody,
        response: { 200: NotificationSettingsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = commandContext(req);
      await saveNotificationSettings(ctx, expectedVersion(req), req.body);
      return readNotificationSettings(req.server.store.db, ctx.actor.userId);
    },
  );
}
