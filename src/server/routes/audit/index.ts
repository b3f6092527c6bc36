import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findAuditEvents } from '../../queries/audit.ts';
import { verifyChain } from '../../audit/chain.ts';
import { AUDIT_ACTIONS } from '../../audit/events.ts';
import { requireAdmin } from '../../policies/admin.ts';
import { AccessSchema, Enum, errorResponses, Id, Nullable, presentAccess, requireActor } from '../common.ts';

const EventSchema = Type.Object({
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
});

const parse = (s: string | null) => (s === null ? null : JSON.parse(s));

/** The audit trail, as far as the caller may see it; chain verification for administrators. */
export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Audit events I may see, newest first (page with `before` = the last seq seen)',
      querystring: Type.Object({
        wgId: Type.Optional(Id), entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), entityId: Type.Optional(Id), action: Type.Optional(Enum(AUDIT_ACTIONS)),
        actorUserId: Type.Optional(Id), before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(EventSchema), nextBefore: Nullable(Type.Integer()) }), ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const limit = req.query.limit ?? 50;
    const rows = await findAuditEvents(req.server.store.db, actor, { ...req.query, limit });
    return {
      items: rows.map((e) => ({
        seq: Number(e.seq), id: e.id, at: e.at, actorUserId: e.actor_user_id, actorName: e.actor_name ?? null, actorOrgId: e.actor_org_id,
        action: e.action as never, entityType: e.entity_type, entityId: e.entity_id, before: parse(e.before), after: parse(e.after),
        requestId: e.request_id, wgId: e.wg_id, access: presentAccess(e), hash: e.hash,
      })),
      nextBefore: rows.length === limit ? Number(rows[rows.length - 1].seq) : null,
    };
  });

  app.get('/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Recompute the whole hash chain (administrators)',
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), id: Type.String(), reason: Type.String() })) }), ...errorResponses },
    },
  }, async (req) => {
    requireAdmin(requireActor(req), 'verify the audit chain');
    return verifyChain(req.server.store.db);
  });
}
