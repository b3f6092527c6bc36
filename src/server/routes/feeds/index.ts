import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { followFeed, unfollowFeed, updateFeed } from '../../commands/index.ts';
import { findFeed, findFeeds } from '../../queries/feeds.ts';
import { presentFeed } from '../../presenters/feed.ts';
import { canManageFeeds } from '../../policies/feed.ts';
import { notFound } from '../../errors.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { FeedCreateBody, FeedListQuery, FeedListSchema, FeedSchema, FeedUpdateBody } from '../../../core/api/feeds.ts';

const Params = Type.Object({ id: Id });
const NoContent = { 204: Type.Null(), ...errorResponses };

/** Feeds a working group follows: list them with their status, follow, edit, unfollow (the group's secretariat). */
export default async function feedsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['articles'];

  app.get(
    '/feeds',
    { schema: { tags, summary: "A group's feeds I may see, with the last fetch's status", querystring: FeedListQuery, response: { 200: FeedListSchema, ...errorResponses } } },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findFeeds(req.server.store.db, actor, req.query);
      return { items: rows.map((f) => presentFeed(actor, f)), abilities: { follow: canManageFeeds(actor, req.query.wgId) } };
    },
  );

  app.get('/feeds/:id', { schema: { tags, summary: 'One feed', params: Params, response: { 200: FeedSchema, ...errorResponses } } }, async (req, reply) => {
    const actor = requireActor(req);
    const f = await findFeed(req.server.store.db, actor, req.params.id);
    if (!f) throw notFound('Feed');
    reply.header('etag', `"${f.version}"`);
    return presentFeed(actor, f);
  });

  app.post(
    '/feeds',
    {
      schema: {
        tags,
        summary: 'Follow a feed for a group: its new items reach the review queue (secretariat)',
        body: FeedCreateBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await followFeed(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/feeds/:id',
    { schema: { tags, summary: "Change a feed's address, title or language (If-Match: version)", params: Params, body: FeedUpdateBody, response: NoContent } },
    async (req, reply) => {
      await updateFeed(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.delete('/feeds/:id', { schema: { tags, summary: 'Unfollow a feed; its articles stay (If-Match: version)', params: Params, response: NoContent } }, async (req, reply) => {
    await unfollowFeed(commandContext(req), req.params.id, expectedVersion(req));
    return reply.status(204).send(null);
  });
}
