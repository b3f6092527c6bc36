import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadActor, type Actor } from '../../auth/actor.ts';
import { findApiToken } from '../../auth/sessions.ts';
import { AppError } from '../../errors.ts';
import { addTrack, createWorkingGroup, setMember, updateTrack, updateWorkingGroup } from '../../commands/index.ts';
import { findCalendarMeetings, findWorkingGroups, getDashboard, getWorkingGroupDetail, partiesOf } from '../../queries/working-groups.ts';
import { getVisible } from '../../queries/visible.ts';
import { presentDashboard, presentWorkingGroup, presentWorkingGroupSummary } from '../../presenters/working-group.ts';
import { buildCalendar } from '../../presenters/calendar.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import { getProposal, proposalNames } from '../../queries/proposals.ts';
import { presentProposal } from '../../presenters/proposal.ts';
import { ProposalAcceptedSchema } from '../../../core/api/proposals.ts';
import { findGroupPeople } from '../../queries/working-groups.ts';
import { presentGroupPerson } from '../../presenters/working-group.ts';
import { canCreateWorkingGroup, workingGroupAbilities } from '../../policies/working-group.ts';
import {
  CalendarQuery,
  DashboardSchema,
  MemberBody,
  MemberSchema,
  TrackCreateBody,
  TrackUpdateBody,
  WorkingGroupCreateBody,
  WorkingGroupListQuery,
  WorkingGroupSchema,
  WorkingGroupListSchema,
  WorkingGroupUpdateBody,
  GroupPersonSchema,
} from '../../../core/api/working-groups.ts';

const Params = Type.Object({ id: Id });
const Created = Type.Object({ id: Type.String() });
const NoContent = { 204: Type.Null(), ...errorResponses };

/** The 202 answer of a write that opened a proposal instead of changing the group. */
async function accepted(req: FastifyRequest, proposalId: string) {
  const actor = requireActor(req);
  const db = req.server.store.db;
  const d = await getProposal(db, actor, proposalId);
  return { proposal: presentProposal(actor, d, await proposalNames(db, [d])) };
}

/**
 * The calendar feed's caller: the session or bearer token as on every route or, for calendar
 * apps that can only subscribe to a URL, a `calendar` token made for this group in `?token=`
 * (this route only; a read or write token is not accepted there, so a feed URL never carries a
 * key to the account).
 */
async function calendarActor(req: FastifyRequest<{ Params: { id: string } }>, token: string | undefined): Promise<Actor> {
  if (req.actor || !token) {
    const actor = requireActor(req);
    if (req.apiToken?.scope === 'calendar' && req.apiToken.wgId !== req.params.id) throw new AppError('unauthenticated', "This token opens only its working group's calendar feed");
    return actor;
  }
  const t = await findApiToken(req.server.store.db, token);
  if (t && (t.scope !== 'calendar' || t.wg_id !== req.params.id)) throw new AppError('unauthenticated', 'Only a calendar token made for this working group is accepted in ?token=');
  const actor = t ? await loadActor(req.server.store.db, t.user_id) : undefined;
  if (!t || !actor) throw new AppError('unauthenticated', 'The token is not valid');
  req.apiToken = { id: t.id, scope: t.scope, wgId: t.wg_id }; // its last use is written as the feed leaves (app.ts)
  return actor;
}

/**
 * Working groups: the visible ones with my role, one group in full (mandate, parties, members
 * with how they take part, leads, tracks, predecessor and successors), lifecycle and cadence,
 * tracks and membership, an iCalendar feed of its meetings, and the dashboard in one call.
 */
export default async function workingGroupsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['working-groups'];

  app.get(
    '/working-groups',
    {
      schema: {
        tags,
        summary: 'Working groups I may see, with my role in each',
        querystring: WorkingGroupListQuery,
        response: { 200: WorkingGroupListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const rows = await findWorkingGroups(db, actor, req.query);
      const parties = await partiesOf(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((wg) => presentWorkingGroupSummary(actor, wg, parties.get(wg.id) ?? [])), abilities: { create: canCreateWorkingGroup(actor) } };
    },
  );

  app.get(
    '/working-groups/:id',
    {
      schema: { tags, summary: 'One working group in full', params: Params, response: { 200: WorkingGroupSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await getWorkingGroupDetail(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${d.wg.version}"`);
      return presentWorkingGroup(actor, d);
    },
  );

  app.post(
    '/working-groups',
    {
      schema: {
        tags,
        summary:
          'Found a working group (the chair or secretariat of a group of your party, or an administrator), who becomes its secretariat. A group of one party is established at once; a group of several is proposed until every other party accepts its `found` proposal (GET /proposals?wgId=)',
        body: WorkingGroupCreateBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await createWorkingGroup(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/working-groups/:id',
    {
      schema: {
        tags,
        summary:
          'Change a group: mandate, lifecycle (established → termination_agreed → ended, with dates), cadence RRULE, parties, leads (chair, secretariat or administrator; If-Match: version). In a group of several parties, or when a party comes in, `partyIds` comes alone and answers 202 with the proposal the other parties must approve; nothing changes until they do',
        params: Params,
        body: WorkingGroupUpdateBody,
        response: { ...NoContent, 202: ProposalAcceptedSchema },
      },
    },
    async (req, reply) => {
      const r = await updateWorkingGroup(commandContext(req), req.params.id, expectedVersion(req), req.body);
      if (r) return reply.status(202).send(await accepted(req, r.proposalId));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/working-groups/:id/tracks',
    {
      schema: { tags, summary: 'Add a track (chair, secretariat or administrator)', params: Params, body: TrackCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await addTrack(commandContext(req), req.params.id, req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/working-groups/:id/tracks/:trackId',
    {
      schema: {
        tags,
        summary: 'Change a track (If-Match: version)',
        params: Type.Object({ id: Id, trackId: Id }),
        body: TrackUpdateBody,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await updateTrack(commandContext(req), req.params.id, req.params.trackId, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/working-groups/:id/members/:orgId',
    {
      schema: {
        tags,
        summary:
          "Set how an organisation takes part: member, observer, or non_participant with its reason (chair, secretariat or administrator). In a group of several parties, another party's organisation answers 202 with the proposal every party must approve; nothing changes until they do",
        params: Type.Object({ id: Id, orgId: Id }),
        body: MemberBody,
        response: { 200: Type.Pick(MemberSchema, ['organisationId', 'participation', 'note']), 202: ProposalAcceptedSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await setMember(commandContext(req), req.params.id, req.params.orgId, req.body);
      if (r.proposalId !== undefined) return reply.status(202).send(await accepted(req, r.proposalId));
      return { organisationId: r.organisationId, participation: r.participation, note: r.note };
    },
  );

  app.get(
    '/working-groups/:id/people',
    {
      schema: {
        tags,
        summary: "Who holds a role in the group (every party), and, for its chair and secretariat, their own party's users in the organisations taking part, with whether I may set each one's role",
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(GroupPersonSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const wg = await getVisible(db, actor, 'working_groups', req.params.id, 'Working group');
      const people = await findGroupPeople(db, actor, wg, workingGroupAbilities(actor, wg).manageRoles);
      return { items: people.map((p) => presentGroupPerson(actor, wg, p)) };
    },
  );

  app.get(
    '/working-groups/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: "iCalendar (RFC 5545) feed of the group's meetings I may see",
        description:
          "One VEVENT per meeting (UID `<meeting id>@concord`, DTSTART/DTEND with the meeting's TZID, bilingual SUMMARY, LOCATION, " +
          'STATUS CONFIRMED for planned and held, TENTATIVE for postponed, CANCELLED for cancelled, DESCRIPTION with declines and their reasons and the agenda by track, ' +
          'an ATTENDEE per invited organisation with its reply as PARTSTAT, RELATED-TO between a separate consultation and its meeting; ' +
          'a meeting recorded without an end gets DURATION:PT120M, or is a whole day from midnight). A meeting series is one VEVENT ' +
          '(UID `<series id>@concord`) with RRULE (COUNT: every occurrence), EXDATE for cancelled occurrences and an overriding VEVENT with ' +
          'RECURRENCE-ID for each occurrence that differs from its rule (moved, postponed, held, with an agenda or replies). See docs/calendar-feed.md. ' +
          'Authenticate as on every route (session cookie or `Authorization: Bearer`). Calendar apps that can only subscribe to a URL may ' +
          'pass a calendar token as `?token=<token>`, accepted on this route only: create one from a signed-in session (POST /api/tokens ' +
          'with `{"scope": "calendar", "wgId": <this group>}`; it opens this feed and nothing else, and expires) and treat the URL as a ' +
          'secret, since URLs end up in logs and histories. A read or write token is refused in `?token=`.',
        params: Params,
        querystring: CalendarQuery,
        produces: ['text/calendar'],
        response: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = await calendarActor(req, req.query.token);
      const db = req.server.store.db;
      const wg = await getVisible(db, actor, 'working_groups', req.params.id, 'Working group');
      const feed = await findCalendarMeetings(db, actor, wg.id);
      reply.header('content-type', 'text/calendar; charset=utf-8');
      reply.header('content-disposition', `inline; filename="${(wg.short_name ?? wg.id).replace(/[^A-Za-z0-9_.-]/g, '_')}.ics"`);
      reply.header('cache-control', 'private, no-store');
      return reply.send(buildCalendar(wg, feed));
    },
  );

  app.get(
    '/working-groups/:id/dashboard',
    {
      schema: {
        tags,
        summary: 'The group dashboard in one call: next meetings, open and disputed commitments, projects by stage with days waiting, recent statements',
        params: Params,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const at = new Date();
      const d = await getDashboard(req.server.store.db, actor, req.params.id, at);
      return presentDashboard(actor, d, at);
    },
  );
}
