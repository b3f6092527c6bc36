import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createOrganisation, createParty, createPerson, updateOrganisation, updateParty, updatePerson } from '../../commands/index.ts';
import { findOrganisations, findParties, findPeople, getOrganisationDetail, getParty, getPersonDetail } from '../../queries/reference.ts';
import { presentOrganisation, presentOrgRef, presentParty, presentPerson } from '../../presenters/reference.ts';
import { checkDate } from '../../commands/values.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import {
  OrganisationCreateBody,
  OrganisationDetailSchema,
  OrganisationListQuery,
  OrganisationSchema,
  OrganisationUpdateBody,
  PartyCreateBody,
  PartySchema,
  PartyUpdateBody,
  PeopleListQuery,
  PersonCreateBody,
  PersonSchema,
  PersonUpdateBody,
} from '../../../core/api/reference.ts';

const Params = Type.Object({ id: Id });
const Created = Type.Object({ id: Type.String() });
const NoContent = { 204: Type.Null(), ...errorResponses };

/**
 * Reference data: parties, organisations (a tree through parentId) and people (aliases, roles
 * over time). Any signed-in user reads; system administrators write (If-Match on changes).
 */
export default async function referenceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reference'];

  app.get(
    '/parties',
    {
      schema: { tags, summary: 'Parties (governments and other sides)', response: { 200: Type.Object({ items: Type.Array(PartySchema) }), ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      return { items: (await findParties(req.server.store.db)).map((p) => presentParty(actor, p)) };
    },
  );

  app.get(
    '/parties/:id',
    {
      schema: { tags, summary: 'One party', params: Params, response: { 200: PartySchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const p = await getParty(req.server.store.db, req.params.id);
      reply.header('etag', `"${p.version}"`);
      return presentParty(actor, p);
    },
  );

  app.post(
    '/parties',
    {
      schema: { tags, summary: 'Add a party (administrators)', body: PartyCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createParty(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/parties/:id',
    {
      schema: { tags, summary: 'Change a party (administrators; If-Match: version)', params: Params, body: PartyUpdateBody, response: NoContent },
    },
    async (req, reply) => {
      await updateParty(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations, optionally of one party; build the tree from parentId',
        querystring: OrganisationListQuery,
        response: { 200: Type.Object({ items: Type.Array(OrganisationSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { items: (await findOrganisations(req.server.store.db, req.query)).map((o) => presentOrganisation(actor, o)) };
    },
  );

  app.get(
    '/organisations/:id',
    {
      schema: { tags, summary: 'One organisation with its ancestors and children', params: Params, response: { 200: OrganisationDetailSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await getOrganisationDetail(req.server.store.db, req.params.id);
      reply.header('etag', `"${d.org.version}"`);
      return { ...presentOrganisation(actor, d.org), ancestors: d.ancestors.map(presentOrgRef), children: d.children.map(presentOrgRef) };
    },
  );

  app.post(
    '/organisations',
    {
      schema: { tags, summary: 'Add an organisation (administrators)', body: OrganisationCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createOrganisation(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/organisations/:id',
    {
      schema: { tags, summary: 'Change an organisation (administrators; If-Match: version)', params: Params, body: OrganisationUpdateBody, response: NoContent },
    },
    async (req, reply) => {
      await updateOrganisation(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'People: search by name or alias, by organisation, and by who held a role on a date',
        querystring: PeopleListQuery,
        response: { 200: Type.Object({ items: Type.Array(PersonSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (req.query.asOf) checkDate(req.query.asOf, 'querystring.asOf');
      const rows = await findPeople(req.server.store.db, req.query);
      return { items: rows.map((d) => presentPerson(actor, d)) };
    },
  );

  app.get(
    '/people/:id',
    {
      schema: { tags, summary: 'One person with aliases and roles (from/to)', params: Params, response: { 200: PersonSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await getPersonDetail(req.server.store.db, req.params.id);
      reply.header('etag', `"${d.person.version}"`);
      return presentPerson(actor, d);
    },
  );

  app.post(
    '/people',
    {
      schema: { tags, summary: 'Add a person with aliases and roles (administrators)', body: PersonCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createPerson(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        tags,
        summary: 'Change a person; aliases and roles, when sent, replace the lists (administrators; If-Match: version)',
        params: Params,
        body: PersonUpdateBody,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await updatePerson(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
