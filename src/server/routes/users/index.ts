import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { addUser, setGroupRole, updateUser } from '../../commands/index.ts';
import { requireAdmin } from '../../policies/reference.ts';
import { findUsers, getUser } from '../../queries/users.ts';
import { presentUser } from '../../presenters/user.ts';
import { commandContext, errorResponses, expectedVersion, requireActor, Enum, Id, Nullable } from '../common.ts';
import { GROUP_ROLES } from '../../../core/vocabulary.ts';
import { RoleBody, UserCreateBody, UserListQuery, UserSchema, UserUpdateBody } from './schema.ts';

const Params = Type.Object({ id: Id });

/**
 * User management (system administrators): accounts, clearance, disabling; and roles in working
 * groups, which the group's chair may also set.
 */
export default async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/users', {
    schema: { tags, summary: 'All accounts (administrators)', querystring: UserListQuery, response: { 200: Type.Object({ items: Type.Array(UserSchema) }), ...errorResponses } },
  }, async (req) => {
    requireAdmin(requireActor(req), 'list users');
    return { items: (await findUsers(req.server.store.db, req.query)).map(presentUser) };
  });

  app.get('/users/:id', {
    schema: { tags, summary: 'One account (administrators)', params: Params, response: { 200: UserSchema, ...errorResponses } },
  }, async (req, reply) => {
    requireAdmin(requireActor(req), 'see users');
    const u = await getUser(req.server.store.db, req.params.id);
    reply.header('etag', `"${u.version}"`);
    return presentUser(u);
  });

  app.post('/users', {
    schema: { tags, summary: 'Add an account (administrators)', body: UserCreateBody, response: { 201: Type.Object({ id: Type.String() }), ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await addUser({ ...commandContext(req), actor }, req.body);
    return reply.status(201).send({ id });
  });

  app.patch('/users/:id', {
    schema: {
      tags, summary: 'Change an account: display name, clearance, locale, disabled (administrators; If-Match: version)', params: Params, body: UserUpdateBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await updateUser(commandContext(req), actor, req.params.id, expectedVersion(req), req.body);
    return reply.status(204).send(null);
  });

  app.put('/working-groups/:id/roles/:userId', {
    schema: {
      tags: [...tags, 'working-groups'], summary: "Set or remove (role: null) a user's role in a group (the group's chair or an administrator)",
      params: Type.Object({ id: Id, userId: Id }), body: RoleBody,
      response: { 200: Type.Object({ wgId: Type.String(), userId: Type.String(), role: Nullable(Enum(GROUP_ROLES)) }), ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const r = await setGroupRole(commandContext(req), actor, req.params.id, req.params.userId, req.body.role);
    return { ...r, role: r.role as never };
  });
}
