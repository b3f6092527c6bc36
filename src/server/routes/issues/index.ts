import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createIssue, updateIssue } from '../../commands/index.ts';
import { findIssues, getIssue } from '../../queries/issues.ts';
import { presentIssue } from '../../presenters/issue.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor, sendItems } from '../common.ts';
import { IssueCreateBody, IssueListQuery, IssueSchema, IssueUpdateBody } from '../../../core/api/issues.ts';

const Params = Type.Object({ id: Id });

/** Issues: the questions a working group's parties take positions on, by track, with keywords. */
export default async function issuesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['issues'];

  app.get(
    '/issues',
    {
      schema: { tags, summary: 'Issues I may see', querystring: IssueListQuery, response: { 200: Type.Object({ items: Type.Array(IssueSchema) }), ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const rows = await findIssues(req.server.store.db, actor, req.query);
      // Up to 1,000 issues (the UN group's are long): written a hundred at a time between turns.
      return sendItems(reply, IssueSchema, rows, (i) => presentIssue(actor, i));
    },
  );

  app.get(
    '/issues/:id',
    {
      schema: { tags, summary: 'One issue', params: Params, response: { 200: IssueSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const i = await getIssue(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${i.version}"`);
      return presentIssue(actor, i);
    },
  );

  app.post(
    '/issues',
    {
      schema: { tags, summary: "Open an issue (the group's chair or secretariat)", body: IssueCreateBody, response: { 201: Type.Object({ id: Type.String() }), ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createIssue(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/issues/:id',
    {
      schema: { tags, summary: 'Change an issue (If-Match: version)', params: Params, body: IssueUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateIssue(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
