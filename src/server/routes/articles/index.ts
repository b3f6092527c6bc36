import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { confirmCandidate, ingestArticle, rejectCandidate, updateCandidate } from '../../commands/index.ts';
import { articleCandidates, findArticles, findCandidates, getArticle, getCandidate } from '../../queries/articles.ts';
import { candidateLookups, presentArticle, presentArticleSummary, presentCandidate } from '../../presenters/article.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import {
  ArticleCreateBody,
  ArticleListQuery,
  ArticleSchema,
  ArticleSummarySchema,
  CandidateConfirmBody,
  CandidateListQuery,
  CandidateRejectBody,
  CandidateSchema,
  CandidateUpdateBody,
} from '../../../core/api/articles.ts';

const Params = Type.Object({ id: Id });

/**
 * From articles to statements: paste or upload an article (text, HTML, or an RSS/Atom feed),
 * review the statements Concord extracts from it, and confirm, correct or reject each one.
 * Nothing extracted becomes a statement until a person confirms it.
 */
export default async function articlesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['articles'];

  app.get(
    '/articles',
    {
      schema: {
        tags,
        summary: 'Articles I may see, newest first, with their candidates counted by state',
        querystring: ArticleListQuery,
        response: { 200: Type.Object({ items: Type.Array(ArticleSummarySchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findArticles(req.server.store.db, actor, req.query);
      return { items: rows.map((a) => presentArticleSummary(actor, a)) };
    },
  );

  app.get(
    '/articles/:id',
    {
      schema: { tags, summary: 'One article: its text and every candidate statement found in it', params: Params, response: { 200: ArticleSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const a = await getArticle(db, actor, req.params.id);
      reply.header('etag', `"${a.version}"`);
      return presentArticle(db, actor, a, await articleCandidates(db, a.id));
    },
  );

  app.post(
    '/articles',
    {
      // Pasted pages and feed files are larger than the 1 MiB every other route accepts.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Add an article (or a feed: one article per item); candidate statements are extracted for review',
        body: ArticleCreateBody,
        response: { 201: Type.Object({ items: Type.Array(ArticleSchema) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const ids = await ingestArticle(commandContext(req), req.body);
      const items = [];
      for (const id of ids) {
        const a = await getArticle(db, actor, id);
        items.push(await presentArticle(db, actor, a, await articleCandidates(db, id)));
      }
      return reply.status(201).send({ items });
    },
  );

  app.get(
    '/statement-candidates',
    {
      schema: {
        tags,
        summary: 'The review queue: candidate statements of the articles I may see',
        querystring: CandidateListQuery,
        response: { 200: Type.Object({ items: Type.Array(CandidateSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const rows = await findCandidates(db, actor, req.query);
      const l = await candidateLookups(db, actor, rows);
      return { items: rows.map((c) => presentCandidate(actor, c, c.article, l)) };
    },
  );

  app.get(
    '/statement-candidates/:id',
    {
      schema: { tags, summary: 'One candidate statement', params: Params, response: { 200: CandidateSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const c = await getCandidate(db, actor, req.params.id);
      reply.header('etag', `"${c.version}"`);
      return presentCandidate(actor, c, c.article, await candidateLookups(db, actor, [c]));
    },
  );

  app.patch(
    '/statement-candidates/:id',
    {
      schema: { tags, summary: 'Correct a pending candidate before confirming it (If-Match: version)', params: Params, body: CandidateUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateCandidate(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/statement-candidates/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a candidate: it becomes a statement linked to its passage (If-Match: version)',
        params: Params,
        body: CandidateConfirmBody,
        response: { 201: Type.Object({ statementId: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const statementId = await confirmCandidate(commandContext(req), req.params.id, expectedVersion(req), req.body ?? {});
      return reply.status(201).send({ statementId });
    },
  );

  app.post(
    '/statement-candidates/:id/reject',
    {
      schema: { tags, summary: 'Reject a candidate: it never becomes a statement (If-Match: version)', params: Params, body: CandidateRejectBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await rejectCandidate(commandContext(req), req.params.id, expectedVersion(req), req.body ?? {});
      return reply.status(204).send(null);
    },
  );
}
