import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { addNote, updateNote } from '../../commands/index.ts';
import { findNotes, getNote } from '../../queries/notes.ts';
import { presentNote } from '../../presenters/note.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { NoteCreateBody, NoteListQuery, NoteSchema, NoteUpdateBody } from '../../../core/api/notes.ts';

const Params = Type.Object({ id: Id });

/**
 * Internal notes on any record: a ministry's own remarks on a meeting, an issue, a position. By
 * default only the writer's organisation sees a note, and a note never reaches wider than the
 * record it is on.
 */
export default async function notesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notes'];

  app.get(
    '/notes',
    {
      schema: {
        tags,
        summary: 'The notes I may see on one record I may see, oldest first',
        querystring: NoteListQuery,
        response: { 200: Type.Object({ items: Type.Array(NoteSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findNotes(req.server.store.db, actor, req.query.entityType, req.query.entityId);
      return { items: rows.map((n) => presentNote(actor, n)) };
    },
  );

  app.get(
    '/notes/:id',
    {
      schema: { tags, summary: 'One note', params: Params, response: { 200: NoteSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const n = await getNote(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${n.version}"`);
      return presentNote(actor, n);
    },
  );

  app.post(
    '/notes',
    {
      schema: {
        tags,
        summary: 'Note on a record (a role in its working group, or its owning organisation); default scope organisation',
        body: NoteCreateBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await addNote(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/notes/:id',
    {
      schema: { tags, summary: "Change a note (its organisation's users; If-Match: version)", params: Params, body: NoteUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateNote(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
