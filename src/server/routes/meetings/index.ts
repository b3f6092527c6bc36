import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { addAgendaItem, cancelMeeting, createMeeting, markMeetingHeld, postponeMeeting, setAttendance, updateAgendaItem, updateMeeting } from '../../commands/index.ts';
import { findMeetings, getMeetingDetail } from '../../queries/meetings.ts';
import { presentMeetingSummary } from '../../presenters/meeting.ts';
import { attendanceAbilities } from '../../policies/meeting.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';
import {
  AgendaItemBody,
  AgendaItemPatch,
  AttendanceBody,
  HoldBody,
  MeetingCreateBody,
  MeetingListQuery,
  MeetingSchema,
  MeetingSummarySchema,
  MeetingUpdateBody,
  PostponeBody,
  ReasonBody,
} from '../../../core/api/meetings.ts';

const Params = Type.Object({ id: Id });
const Created = Type.Object({ id: Type.String() });

/** Meetings: schedule, agenda, attendance with reasons, postpone, cancel, hold. */
export default async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['meetings'];

  app.get(
    '/meetings',
    {
      schema: { tags, summary: 'Meetings I may see', querystring: MeetingListQuery, response: { 200: Type.Object({ items: Type.Array(MeetingSummarySchema) }), ...errorResponses } },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await findMeetings(req.server.store.db, actor, req.query);
      return { items: rows.map((m) => presentMeetingSummary(actor, m)) };
    },
  );

  app.get(
    '/meetings/:id',
    {
      schema: { tags, summary: 'One meeting with agenda, attendance and separate consultations', params: Params, response: { 200: MeetingSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await getMeetingDetail(req.server.store.db, actor, req.params.id);
      reply.header('etag', `"${d.meeting.version}"`);
      return {
        ...presentMeetingSummary(actor, d.meeting),
        outcome: d.meeting.outcome,
        outcomeKo: d.meeting.outcome_ko,
        minutes: d.meeting.minutes,
        leads: d.leads.map((l) => ({ personId: l.id, name: l.name })),
        agenda: d.agenda.map((a) => ({
          id: a.id,
          version: Number(a.version),
          position: Number(a.position),
          title: a.title,
          titleKo: a.title_ko,
          trackId: a.track_id,
          trackName: a.track_name ?? null,
          issueId: a.issue_id,
          leadOrgId: a.lead_org_id,
          notes: a.notes,
          outcome: a.outcome,
        })),
        attendance: d.attendance.map((a) => ({
          id: a.id,
          version: Number(a.version),
          organisationId: a.organisation_id,
          organisationName: a.org_name,
          partyId: a.party_id,
          status: a.status,
          reason: a.reason,
          respondedAt: a.responded_at,
          abilities: attendanceAbilities(actor, d.meeting, { id: a.organisation_id, party_id: a.party_id }),
        })),
        consultations: d.consultations.map((c) => presentMeetingSummary(actor, c)),
      };
    },
  );

  app.post(
    '/meetings',
    {
      schema: { tags, summary: 'Schedule a meeting (or record a separate consultation beside one)', body: MeetingCreateBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await createMeeting(commandContext(req), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/meetings/:id',
    {
      schema: { tags, summary: 'Change a meeting (If-Match: version)', params: Params, body: MeetingUpdateBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateMeeting(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/meetings/:id/postpone',
    {
      schema: { tags, summary: 'Postpone with a reason and, if known, the new date (If-Match: version)', params: Params, body: PostponeBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await postponeMeeting(commandContext(req), req.params.id, expectedVersion(req), req.body.reason, req.body.newStartsAt);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/meetings/:id/cancel',
    {
      schema: { tags, summary: 'Cancel with a reason (If-Match: version)', params: Params, body: ReasonBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await cancelMeeting(commandContext(req), req.params.id, expectedVersion(req), req.body.reason);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/meetings/:id/hold',
    {
      schema: { tags, summary: 'Record that the meeting was held, with its outcome (If-Match: version)', params: Params, body: HoldBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await markMeetingHeld(commandContext(req), req.params.id, expectedVersion(req), req.body.outcome);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: "Set an organisation's attendance: invited, attending, observer, or declined with its reason (If-Match: the reply's version when changing one)",
        params: Params,
        body: AttendanceBody,
        response: { 200: Created, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = commandContext(req);
      const version = req.headers['if-match'] ? expectedVersion(req) : undefined;
      const id = await setAttendance(ctx, req.params.id, req.body, version);
      return { id };
    },
  );

  app.post(
    '/meetings/:id/agenda',
    {
      schema: { tags, summary: 'Add an agenda item', params: Params, body: AgendaItemBody, response: { 201: Created, ...errorResponses } },
    },
    async (req, reply) => {
      const id = await addAgendaItem(commandContext(req), req.params.id, req.body);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/meetings/:id/agenda/:itemId',
    {
      schema: { tags, summary: 'Change an agenda item (If-Match: version)', params: Type.Object({ id: Id, itemId: Id }), body: AgendaItemPatch, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateAgendaItem(commandContext(req), req.params.id, req.params.itemId, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
