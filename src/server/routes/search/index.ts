import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { search } from '../../queries/search.ts';
import { SearchQuery, SearchResponseSchema } from '../../../core/api/search.ts';
import { errorResponses, requireActor } from '../common.ts';

/** Search over every record the caller may see, in English and Korean. */
export default async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Records I may see holding every word (titles, agenda items, clauses, statements, positions, notes …), in English or Korean',
        querystring: SearchQuery,
        response: { 200: SearchResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return search(req.server.store.db, req.server.store.dialect, actor, req.query);
    },
  );
}
