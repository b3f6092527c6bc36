import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { recordPosition } from '../../commands/index.ts';
import { checkDate, today } from '../../commands/values.ts';
import { findPositionHistory, findPositionsAsOf, getPosition } from '../../queries/positions.ts';
import { presentPosition } from '../../presenters/position.ts';
import { ErrorSchema, Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, heavyResponses, requireActor } from '../common.ts';
import { PositionCreateBody, PositionHistoryQuery, PositionListQuery, PositionSchema } from '../../../core/api/positions.ts';

const Items = Type.Object({ items: Type.Array(PositionSchema) });

/**
 * Positions: each party's (and organisation's) stance on an issue over time. APPEND-ONLY: there
 * is no way to change or delete one (PATCH, PUT and DELETE answer 405); to change a stance,
 * append a new position with a later validFrom.
 */
export default async function positionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['positions'];

  app.get(
    '/positions',
    {
      schema: {
        tags,
        summary: 'The stances in force on a date: for each issue, party and organisation, the latest position I may see with validFrom ≤ asOf',
        description: 'Refused with 422 too_broad when more than 2,000 position records match: narrow it with issueId, partyId or organisationId.',
        querystring: PositionListQuery,
        response: { 200: Items, ...heavyResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { asOf, ...filter } = req.query;
      const date = asOf === undefined ? today() : checkDate(asOf, 'querystring.asOf');
      const rows = await findPositionsAsOf(req.server.store.db, actor, date, filter);
      return { items: rows.map((p) => presentPosition(actor, p)) };
    },
  );

  app.get(
    '/positions/history',
    {
      schema: { tags, summary: 'Every version I may see of the stances on an issue, newest first', querystring: PositionHistoryQuery, response: { 200: Items, ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findPositionHistory(req.server.store.db, actor, req.query);
      return { items: rows.map((p) => presentPosition(actor, p)) };
    },
  );

  app.get(
    '/positions/:id',
    {
      schema: { tags, summary: 'One position', params: Type.Object({ id: Id }), response: { 200: PositionSchema, ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      return presentPosition(actor, await getPosition(req.server.store.db, actor, req.params.id));
    },
  );

  app.post(
    '/positions',
    {
      schema: {
        tags,
        summary: 'Record a stance (append-only: to change a stance, append a new position)',
        description:
          "Members record their own organisation's and government's stance; the chair and secretariat may record any party's. " +
          'stance null means "no position". Default scope is party (visible to the recording government only).',
        body: PositionCreateBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await recordPosition(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  // Fastify answers an undefined method with 404; these say what is true instead: the resource
  // exists, and it does not change.
  for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/positions/:id',
      schema: { tags, summary: 'Not allowed: positions are append-only', hide: true, response: { 405: ErrorSchema } },
      handler: async (req, reply) =>
        reply.status(405).header('allow', 'GET').send({
          error: 'method_not_allowed',
          message: 'Positions are append-only: to change a stance, append a new position (POST /api/positions) with a later validFrom',
          requestId: req.id,
        }),
    });
  }
}
