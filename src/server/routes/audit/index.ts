import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findAuditEvents, redactHiddenIds } from '../../queries/audit.ts';
import { verifyChain } from '../../audit/chain.ts';
import { AuditPageSchema, AuditQuery, ChainCheckSchema } from '../../../core/api/audit.ts';
import { requireAdmin } from '../../policies/admin.ts';
import { errorResponses, requireActor } from '../common.ts';
import { presentAccess } from '../../presenters/access.ts';

const parse = (s: string | null) => (s === null ? null : JSON.parse(s));

/** The audit trail, as far as the caller may see it; chain verification for administrators. */
export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events I may see, newest first (page with `before` = the last seq seen)',
        querystring: AuditQuery,
        response: { 200: AuditPageSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const limit = req.query.limit ?? 50;
      const { rows, nextBefore } = await findAuditEvents(req.server.store.db, actor, { ...req.query, limit });
      return {
        items: await redactHiddenIds(
          req.server.store.db,
          actor,
          rows.map((e) => ({
            seq: Number(e.seq),
            id: e.id,
            at: e.at,
            actorUserId: e.actor_user_id,
            actorName: e.actor_name ?? null,
            actorOrgId: e.actor_org_id,
            action: e.action,
            entityType: e.entity_type,
            entityId: e.entity_id,
            before: parse(e.before),
            after: parse(e.after),
            requestId: e.request_id,
            wgId: e.wg_id,
            access: presentAccess(e),
            hash: e.hash,
          })),
        ),
        nextBefore,
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the whole hash chain (administrators)',
        response: { 200: ChainCheckSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireAdmin(requireActor(req), 'verify the audit chain');
      return verifyChain(req.server.store.db);
    },
  );
}
