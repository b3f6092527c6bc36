import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { addUser, decideClearance, issuePasswordReset, setGroupRole, updateUser } from '../../commands/index.ts';
import { canDecideClearance } from '../../policies/user.ts';
import { requireAdmin } from '../../policies/admin.ts';
import { findClearanceRequests, findUsers, getUser } from '../../queries/users.ts';
import { presentUser } from '../../presenters/user.ts';
import { Enum, Id, Nullable } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { CLASSIFICATIONS, GROUP_ROLES } from '../../../core/vocabulary.ts';
import { PasswordResetIssuedSchema } from '../../../core/api/session.ts';
import { ClearanceRequestSchema, RoleBody, UserCreateBody, UserListQuery, UserSchema, UserUpdateBody } from '../../../core/api/users.ts';

const Params = Type.Object({ id: Id });

/**
 * User management (system administrators): accounts, clearance, disabling; and roles in working
 * groups, which the group's chair may also set.
 */
export default async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get(
    '/users',
    {
      schema: { tags, summary: 'All accounts (administrators)', querystring: UserListQuery, response: { 200: Type.Object({ items: Type.Array(UserSchema) }), ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      requireAdmin(actor, 'list users');
      return { items: (await findUsers(req.server.store.db, { ...req.query, partyId: actor.partyId })).map((u) => presentUser(actor, u)) };
    },
  );

  app.get(
    '/users/:id',
    {
      schema: { tags, summary: 'One account (administrators)', params: Params, response: { 200: UserSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requireAdmin(actor, 'see users');
      const u = await getUser(req.server.store.db, req.params.id, actor.partyId);
      reply.header('etag', `"${u.version}"`);
      return presentUser(actor, u);
    },
  );

  app.post(
    '/users',
    {
      schema: { tags, summary: 'Add an account (administrators)', body: UserCreateBody, response: { 201: Type.Object({ id: Type.String() }), ...errorResponses } },
    },
    async (req, reply) => {
      const id = await addUser(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change an account: display name, clearance, locale, disabled (administrators; If-Match: version)',
        params: Params,
        body: UserUpdateBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await updateUser(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/password-reset',
    {
      schema: {
        tags,
        summary: "Issue a one-time password reset link for an account of one's party (administrators; not for oneself). The secret is shown once; earlier unused links stop working",
        params: Params,
        response: { 201: PasswordResetIssuedSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await issuePasswordReset(commandContext(req), req.params.id)),
  );

  app.get(
    '/clearance-requests',
    {
      schema: {
        tags,
        summary: "Pending requests to raise the clearance of the administrator's party's users (administrators)",
        response: { 200: Type.Object({ items: Type.Array(ClearanceRequestSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requireAdmin(actor, 'see clearance requests');
      const rows = await findClearanceRequests(req.server.store.db, actor.partyId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          userId: r.user_id,
          email: r.email,
          displayName: r.display_name,
          fromClearance: CLASSIFICATIONS[Number(r.from_clearance)] ?? 'secret',
          clearance: CLASSIFICATIONS[Number(r.clearance)] ?? 'secret',
          requestedBy: r.requested_by,
          requestedAt: r.created_at,
          canDecide: canDecideClearance(actor, { ...r, party_id: actor.partyId }),
        })),
      };
    },
  );

  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/clearance-requests/:id/${verb}`,
      {
        schema: {
          tags,
          summary: approve
            ? 'Approve a request to raise a clearance: it takes effect (a second administrator of the party)'
            : 'Reject a request to raise a clearance (a second administrator of the party)',
          params: Params,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await decideClearance(commandContext(req), req.params.id, approve);
        return reply.status(204).send(null);
      },
    );
  }

  app.put(
    '/working-groups/:id/roles/:userId',
    {
      schema: {
        tags: [...tags, 'working-groups'],
        summary: "Set or remove (role: null) a user's role in a group (the group's chair or an administrator)",
        params: Type.Object({ id: Id, userId: Id }),
        body: RoleBody,
        response: { 200: Type.Object({ wgId: Type.String(), userId: Type.String(), role: Nullable(Enum(GROUP_ROLES)) }), ...errorResponses },
      },
    },
    async (req) => {
      const r = await setGroupRole(commandContext(req), req.params.id, req.params.userId, req.body.role);
      return { ...r, role: r.role };
    },
  );
}
