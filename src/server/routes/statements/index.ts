import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createStatement, updateStatement } from '../../commands/index.ts';
import { findStatements, getStatementView } from '../../queries/statements.ts';
import { presentStatement } from '../../presenters/statement.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { StatementCreateBody, StatementListQuery, StatementSchema, StatementUpdateBody } from '../../../core/api/statements.ts';

const Params = Type.Object({ id: Id });
const Created = Type.Object({ id: Type.String() });

/** Public statements: who said what, when, where, on which issues — verbatim and sourced. */
export default async function statementsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['statements'];

  app.get(
    '/statements',
    {
      schema: {
        tags,
        summary: 'Statements I may see, newest first, filtered by group, party, speaker, issue, date and words in the quote',
        querystring: StatementListQuery,
        response: { 200: Type.Object({ items: Type.Array(StatementSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findStatements(req.server.store.db, actor, req.query);
      return { items: rows.map((s) => presentStatement(actor, s)) };
    },
  );

  app.get(
    '/statements/:id',
    {
      schema: { tags, summary: 'One statement with its speaker, source and linked issues', params: Params, response: { 200: StatementSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const s = await getStatementView(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${s.version}"`);
      return presentStatement(actor, s);
    },
  );

  app.post(
    '/statements',
    {
      schema: { tags, summary: 'Record a statement (public by default)', body: StatementCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createStatement(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/statements/:id',
    {
      schema: { tags, summary: 'Correct a statement (If-Match: version)', params: Params, body: StatementUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateStatement(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
