import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cancelOccurrence, createSeries, moveOccurrence, updateSeries } from '../../commands/index.ts';
import { findSeries, getSeriesDetail } from '../../queries/series.ts';
import { presentSeries, presentSeriesSummary } from '../../presenters/series.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { OccurrenceCancelBody, OccurrenceMoveBody, SeriesCreateBody, SeriesListQuery, SeriesSchema, SeriesSummarySchema, SeriesUpdateBody } from '../../../core/api/series.ts';

const Params = Type.Object({ id: Id });
const OccurrenceParams = Type.Object({ id: Id, meetingId: Id });
const Created = Type.Object({ id: Type.String() });
const NoContent = { 204: Type.Null(), ...errorResponses };

/** Meeting series: schedule one (every occurrence a meeting), change it, move or cancel one occurrence. */
export default async function seriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['meetings'];

  app.get(
    '/series',
    {
      schema: { tags, summary: 'Meeting series I may see', querystring: SeriesListQuery, response: { 200: Type.Object({ items: Type.Array(SeriesSummarySchema) }), ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findSeries(req.server.store.db, actor, req.query);
      return { items: rows.map((s) => presentSeriesSummary(actor, s)) };
    },
  );

  app.get(
    '/series/:id',
    {
      schema: { tags, summary: 'One meeting series with its occurrences', params: Params, response: { 200: SeriesSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await getSeriesDetail(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${d.series.version}"`);
      return presentSeries(actor, d.series, d.occurrences);
    },
  );

  app.post(
    '/series',
    {
      schema: { tags, summary: 'Schedule a meeting series: every occurrence becomes a meeting (chair or secretariat)', body: SeriesCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createSeries(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/series/:id',
    {
      schema: { tags, summary: 'Change a series and its planned occurrences (If-Match: version)', params: Params, body: SeriesUpdateBody, response: NoContent },
    },
    async (req, reply) => {
      await updateSeries(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/series/:id/occurrences/:meetingId/move',
    {
      schema: { tags, summary: "Move one occurrence (If-Match: the occurrence's meeting version)", params: OccurrenceParams, body: OccurrenceMoveBody, response: NoContent },
    },
    async (req, reply) => {
      await moveOccurrence(commandContext(req), req.params.id, req.params.meetingId, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/series/:id/occurrences/:meetingId/cancel',
    {
      schema: { tags, summary: "Cancel one occurrence with a reason (If-Match: the occurrence's meeting version)", params: OccurrenceParams, body: OccurrenceCancelBody, response: NoContent },
    },
    async (req, reply) => {
      await cancelOccurrence(commandContext(req), req.params.id, req.params.meetingId, expectedVersion(req), req.body.reason);
      return reply.status(204).send(null);
    },
  );
}
