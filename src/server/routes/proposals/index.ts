import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { approveProposal, declineProposal, withdrawProposal } from '../../commands/index.ts';
import { findProposals, getProposal, proposalNames } from '../../queries/proposals.ts';
import { presentProposal } from '../../presenters/proposal.ts';
import { Id } from '../../../core/api/common.ts';
import { ProposalDeclineBody, ProposalListQuery, ProposalListSchema, ProposalSchema } from '../../../core/api/proposals.ts';
import { commandContext, errorResponses, expectedVersion, requireActor } from '../common.ts';

const Params = Type.Object({ id: Id });

/**
 * Joint decisions: the proposals of the groups I may see (and those inviting my party, once the
 * parties in the group have approved), one proposal, and approving, declining or withdrawing it.
 * Proposals are opened by the writes that need them (POST /working-groups of several parties,
 * PATCH partyIds, PUT members of another party's organisation), which answer 202 with it.
 */
export default async function proposalsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['proposals'];

  const one = async (req: Parameters<typeof requireActor>[0], id: string) => {
    const actor = requireActor(req);
    const db = req.server.store.db;
    const d = await getProposal(db, actor, id);
    return presentProposal(actor, d, await proposalNames(db, [d]));
  };

  app.get(
    '/proposals',
    {
      schema: {
        tags,
        summary: 'Proposals I may see, newest first (up to 500), of one group or all, by status',
        querystring: ProposalListQuery,
        response: { 200: ProposalListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const rows = await findProposals(db, actor, req.query);
      const names = await proposalNames(db, rows);
      return { items: rows.map((d) => presentProposal(actor, d, names)) };
    },
  );

  app.get(
    '/proposals/:id',
    { schema: { tags, summary: 'One proposal with the approvals of its parties', params: Params, response: { 200: ProposalSchema, ...errorResponses } } },
    async (req, reply) => {
      const p = await one(req, req.params.id);
      reply.header('etag', `"${p.version}"`);
      return p;
    },
  );

  app.post(
    '/proposals/:id/approve',
    {
      schema: {
        tags,
        summary:
          "Approve for my party (chair or secretariat of the group; for a group being founded or a party invited in, its chair or secretariat elsewhere or an administrator). The last approval applies the change. If-Match: the proposal's version",
        params: Params,
        response: { 200: ProposalSchema, ...errorResponses },
      },
    },
    async (req) => {
      await approveProposal(commandContext(req), req.params.id, expectedVersion(req));
      return one(req, req.params.id);
    },
  );

  app.post(
    '/proposals/:id/decline',
    {
      schema: {
        tags,
        summary: "Decline for my party, with a reason the other parties read (those who may approve). A declined founding leaves the group declined. If-Match: the proposal's version",
        params: Params,
        body: ProposalDeclineBody,
        response: { 200: ProposalSchema, ...errorResponses },
      },
    },
    async (req) => {
      await declineProposal(commandContext(req), req.params.id, expectedVersion(req), req.body.reason);
      return one(req, req.params.id);
    },
  );

  app.post(
    '/proposals/:id/withdraw',
    {
      schema: {
        tags,
        summary: "Withdraw a proposal (the proposer, or their party's chair or secretariat in the group). If-Match: the proposal's version",
        params: Params,
        response: { 200: ProposalSchema, ...errorResponses },
      },
    },
    async (req) => {
      await withdrawProposal(commandContext(req), req.params.id, expectedVersion(req));
      return one(req, req.params.id);
    },
  );
}
