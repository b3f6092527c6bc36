import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createCommitment, reportCommitmentProgress, updateCommitment } from '../../commands/index.ts';
import { findCommitments, getCommitmentDetail } from '../../queries/commitments.ts';
import { groupParties, withGroupParties } from '../../queries/documents.ts';
import { presentCommitment, presentCommitmentSummary } from '../../presenters/commitment.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { CommitmentCreateBody, CommitmentListQuery, CommitmentSchema, CommitmentSummarySchema, CommitmentUpdateBody, ReportBody } from '../../../core/api/commitments.ts';

const Params = Type.Object({ id: Id });
const Created = Type.Object({ id: Type.String() });

/** Commitments from a clause or a meeting, with each party's progress reports and their state. */
export default async function commitmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['commitments'];

  app.get(
    '/commitments',
    {
      schema: {
        tags,
        summary: 'Commitments I may see, soonest due first, with state (open, disputed, overdue, done)',
        querystring: CommitmentListQuery,
        response: { 200: Type.Object({ items: Type.Array(CommitmentSummarySchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const rows = await findCommitments(db, actor, req.query);
      return { items: await withGroupParties(db, rows, (c, parties) => presentCommitmentSummary(actor, c, parties)) };
    },
  );

  app.get(
    '/commitments/:id',
    {
      schema: { tags, summary: "One commitment with every progress report and each party's latest", params: Params, response: { 200: CommitmentSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const c = await getCommitmentDetail(db, actor, req.params.id);
      const parties = await groupParties(db, c.wg_id);
      reply.header('etag', `"${c.version}"`);
      return presentCommitment(
        actor,
        c,
        parties.map((p) => p.id),
      );
    },
  );

  app.post(
    '/commitments',
    {
      schema: { tags, summary: 'Record a commitment from a document clause or a meeting (chair or secretariat)', body: CommitmentCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createCommitment(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/commitments/:id',
    {
      schema: { tags, summary: 'Change a commitment (If-Match: version)', params: Params, body: CommitmentUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateCommitment(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/commitments/:id/reports',
    {
      schema: { tags, summary: 'Report progress for my own government and organisation (append-only)', params: Params, body: ReportBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await reportCommitmentProgress(commandContext(req), req.params.id, req.body);
      return reply.status(201).send({ id });
    },
  );
}
