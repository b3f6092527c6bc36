import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { getBriefing } from '../../queries/briefing.ts';
import { partiesByGroup } from '../../queries/documents.ts';
import { presentMeetingSummary } from '../../presenters/meeting.ts';
import { presentPosition } from '../../presenters/position.ts';
import { presentCommitmentSummary } from '../../presenters/commitment.ts';
import { presentStatement } from '../../presenters/statement.ts';
import { heavy } from '../../heavy/route.ts';
import { AppError } from '../../errors.ts';
import { heavyResponses, requireActor } from '../common.ts';
import { BriefingParams, BriefingSchema, type BriefingPair } from '../../../core/api/briefing.ts';

type Alignment = Static<typeof BriefingSchema>['alignment'];

/**
 * A meeting's briefing book, one printable page: agenda, each party's latest visible position on
 * each agenda issue, the group's open and disputed commitments, recent statements, and the
 * parties' alignment with method and n. Everything counts only what the caller may see.
 */
export default async function briefingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['meetings'];

  app.get(
    '/meetings/:id/briefing',
    {
      schema: {
        tags,
        summary: "A meeting's briefing book: agenda, positions in force on its date, open and disputed commitments, recent statements, alignment with n and method",
        description:
          "Positions and alignment are those in force on the meeting's date (in its venue's time zone); statements are the group's of the 30 days up to it; " +
          'commitments are those still open (disputed ones included) as they stand today. Every part counts only the records the caller may see.',
        params: BriefingParams,
        response: { 200: BriefingSchema, ...heavyResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const b = await getBriefing(db, actor, req.params.id);
      const wgId = b.meeting.wg_id;
      const [parties, alignment] = await Promise.all([partiesByGroup(db, [wgId]), partyAlignment()]);
      async function partyAlignment(): Promise<Alignment> {
        try {
          const r = await heavy(req, reply, 'groupAlignment', actor, { wgId, q: { asOf: b.asOf } });
          const scale = r.labelScale;
          const pairs = r.pairs
            .filter((p) => p.kind === 'parties')
            .map((p): BriefingPair => {
              const tooFew = p.figure.n < scale.minN;
              return { a: p.a, b: p.b, method: p.figure.method, n: p.figure.n, value: tooFew ? null : p.figure.value, tooFew, label: tooFew ? null : p.label.label };
            });
          return { available: true, method: r.method, scaleId: scale.id, minN: scale.minN, basis: r.basis, pairs };
        } catch (e) {
          // More participants than every pair can be listed for (the explorer names a pair), or a
          // meeting the reader sees in a group they do not: no figures, and nothing else withheld.
          if (e instanceof AppError && (e.code === 'bad_request' || e.code === 'not_found'))
            return { available: false, method: 'agree', scaleId: '', minN: 0, basis: { issues: 0, positions: 0 }, pairs: [] };
          throw e;
        }
      }
      const groupParties = parties.get(wgId) ?? [];
      return {
        meeting: presentMeetingSummary(actor, b.meeting),
        asOf: b.asOf,
        statementsFrom: b.statementsFrom,
        agenda: b.agenda.map((a) => ({
          id: a.id,
          position: a.position,
          title: a.title,
          titleKo: a.title_ko,
          trackName: a.track_name,
          trackNameKo: a.track_name_ko,
          leadOrgId: a.lead_org_id,
          issue: a.issue ? { id: a.issue.id, title: a.issue.title, titleKo: a.issue.title_ko } : null,
          positions: a.positions.map((p) => presentPosition(actor, p)),
        })),
        commitments: b.commitments.map((c) => presentCommitmentSummary(actor, c, groupParties)),
        statements: b.statements.map((s) => presentStatement(actor, s)),
        alignment,
      };
    },
  );
}
