import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getVisible } from '../../queries/visible.ts';
import type { AnalysisOptions } from '../../analytics/compute.ts';
import { commandContext, errorResponses, expectedVersion, heavyResponses, requireActor } from '../common.ts';
import { groupLabelScale, presentLabelScale } from '../../analytics/label-scale.ts';
import { setLabelScale } from '../../commands/index.ts';
import { heavy, heavyJson } from '../../heavy/route.ts';
import { Type } from 'typebox';
import {
  LabelScaleBody,
  LabelScaleSchema,
  AgreementQuery,
  AgreementSchema,
  BridgingQuery,
  BridgingSchema,
  GroupAlignmentParams,
  GroupAlignmentQuery,
  GroupAlignmentSchema,
  MatrixQuery,
  MatrixSchema,
} from '../../../core/api/alignment.ts';

type FilterQuery = { basis?: string; from?: string; to?: string; category?: string; important?: boolean; asOf?: string };
const options = (q: FilterQuery): AnalysisOptions => ({
  from: q.from,
  to: q.to,
  category: q.category,
  important: q.important,
  asOf: q.asOf,
  basis: q.basis ? q.basis.split(',') : undefined,
});
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Alignment analytics over positions: how close two parties (or organisations) are, by the
 * measures of the UN-voting literature, with method and n on every figure. Every route reads only
 * the issues and positions the caller may see (visibility in SQL); figures are computed by the
 * core engine over the vote table of the stances in force on `asOf`.
 */
export default async function alignmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['alignment'];

  app.get(
    '/working-groups/:id/alignment',
    {
      schema: {
        tags,
        summary: "How close the group's parties and organisations are: figure, n, counts, label, trend and dividing issues per pair",
        description:
          'Pairs: each pair of parties and each pair of organisations with positions (or only a–b when both are given; required above ' +
          "30 participants). A party's stance is its party-level position; an organisation's is its own position or the party line it recorded, " +
          'whichever is later. Stances map to votes (support → yes, neutral → abstain, oppose → no; no position → missing). The label uses the ' +
          "group's scale (GET/PUT /working-groups/:id/label-scale; default concord-group-v1: state-final-2017, from 3 shared issues) and always reports its own method and n. The trend runs over the " +
          "group's held meetings (stances in force on each date), or calendar years, with a least-squares slope per year.",
        params: GroupAlignmentParams,
        querystring: GroupAlignmentQuery,
        response: { 200: GroupAlignmentSchema, ...heavyResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const r = await heavy(req, reply, 'groupAlignment', actor, { wgId: req.params.id, q: req.query });
      return { ...r, labelScale: { ...r.labelScale, bands: r.labelScale.bands.map((b) => ({ label: b.label, min: Number.isFinite(b.min) ? b.min : null })) } };
    },
  );

  app.get(
    '/working-groups/:id/label-scale',
    {
      schema: {
        tags,
        summary: "The scale that labels this group's alignment figures (aligned, slight differences, …), with its method and minimum n",
        params: GroupAlignmentParams,
        response: { 200: Type.Object({ scale: LabelScaleSchema, custom: Type.Boolean(), version: Type.Integer() }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const wg = await getVisible(req.server.store.db, actor, 'working_groups', req.params.id, 'Working group');
      return { scale: presentLabelScale(groupLabelScale(wg)), custom: Boolean(wg.label_scale), version: Number(wg.version) };
    },
  );

  app.put(
    '/working-groups/:id/label-scale',
    {
      schema: {
        tags,
        summary: "Set the group's label scale (chair or secretariat; If-Match: the group's version)",
        params: GroupAlignmentParams,
        body: LabelScaleBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await setLabelScale(commandContext(req), req.params.id, expectedVersion(req), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/alignment/agreement',
    {
      schema: {
        tags,
        summary: "Agreement of two parties per window (the CLI's `concord analyze agreement`), over what the caller may see",
        querystring: AgreementQuery,
        response: { 200: AgreementSchema, ...heavyResponses },
      },
    },
    async (req, reply) => {
      const q = req.query;
      return heavyJson(req, reply, 'agreement', requireActor(req), { group: q.group, q: { ...options(q), a: q.a, b: q.b, method: q.method, by: q.by ?? 'all' } });
    },
  );

  app.get(
    '/alignment/matrix',
    {
      schema: {
        tags,
        summary: 'Every pair of parties (and organisations) on one method, with n per pair',
        querystring: MatrixQuery,
        response: { 200: MatrixSchema, ...heavyResponses },
      },
    },
    async (req, reply) => {
      return heavyJson(req, reply, 'matrix', requireActor(req), { group: req.query.group, q: { ...options(req.query), method: req.query.method } });
    },
  );

  app.get(
    '/alignment/bridging',
    {
      schema: {
        tags,
        summary: 'The issues that most unite and most divide two sides (Polis group-aware consensus with the sides as groups)',
        querystring: BridgingQuery,
        response: { 200: BridgingSchema, ...heavyResponses },
      },
    },
    async (req, reply) => {
      const q = req.query;
      return heavyJson(req, reply, 'bridging', requireActor(req), { group: q.group, q: { ...options(q), groupA: list(q.groupA), groupB: list(q.groupB), top: q.top } });
    },
  );
}
