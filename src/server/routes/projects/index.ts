import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { changeProjectStage, createProject, rescheduleProject, updateProject } from '../../commands/index.ts';
import { findProjects, getProjectDetail, projectStageTimes, stageTiming, todayUtc } from '../../queries/projects.ts';
import { presentProject, presentProjectSummary, presentStageTimes } from '../../presenters/project.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import {
  AsOfQuery,
  ProjectCreateBody,
  ProjectListQuery,
  ProjectSchema,
  ProjectSummarySchema,
  ProjectUpdateBody,
  RescheduleBody,
  StageChangeBody,
  StageTimesQuery,
  StageTimesSchema,
} from '../../../core/api/projects.ts';

const Params = Type.Object({ id: Id });
const Created = Type.Object({ id: Type.String() });

/** Cooperation projects: a stage pipeline with an external gate (sanctions exemptions), dates and time in stage. */
export default async function projectsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['projects'];

  app.get(
    '/projects',
    {
      schema: { tags, summary: 'Cooperation projects I may see', querystring: ProjectListQuery, response: { 200: Type.Object({ items: Type.Array(ProjectSummarySchema) }), ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findProjects(req.server.store.db, actor, req.query);
      return { items: rows.map((p) => presentProjectSummary(actor, p)) };
    },
  );

  app.get(
    '/projects/stage-times',
    {
      schema: {
        tags,
        summary: 'Days each project I may see spent in each stage, and between group review and the exemption decision',
        querystring: StageTimesQuery,
        response: { 200: StageTimesSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const asOf = req.query.asOf ?? todayUtc();
      return presentStageTimes(await projectStageTimes(req.server.store.db, actor, req.query, asOf), asOf);
    },
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'One project: stage history with reasons and authorities, date changes, and time in each stage (counted up to asOf, default today)',
        params: Params,
        querystring: AsOfQuery,
        response: { 200: ProjectSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const asOf = req.query.asOf ?? todayUtc();
      const d = await getProjectDetail(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${d.project.version}"`);
      return presentProject(actor, d, stageTiming(d.events, asOf), asOf);
    },
  );

  app.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Propose a cooperation project (members for their own organisation; chair or secretariat for any)',
        body: ProjectCreateBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await createProject(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/projects/:id',
    {
      schema: { tags, summary: "Change a project's details (If-Match: version)", params: Params, body: ProjectUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateProject(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/projects/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move a project to another stage, with the date, reason and deciding authority (If-Match: version; 409 names an illegal transition)',
        params: Params,
        body: StageChangeBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await changeProjectStage(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/projects/:id/reschedule',
    {
      schema: { tags, summary: "Move a project's planned date, with the reason (If-Match: version)", params: Params, body: RescheduleBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await rescheduleProject(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
