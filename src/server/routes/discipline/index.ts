import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { heavy } from '../../heavy/route.ts';
import { DEFAULT_RULES, parseStoredRules } from '../../../core/api/discipline-rules.ts';
import { setDisciplineRules } from '../../commands/index.ts';
import { getVisible } from '../../queries/visible.ts';
import { badRequest } from '../../errors.ts';
import { Id } from '../../../core/api/common.ts';
import { commandContext, errorResponses, expectedVersion, heavyResponses, requireActor } from '../common.ts';
import { DisciplineQuery, DisciplineReport, RulesBody, RulesView, StatementFindings } from '../../../core/api/discipline.ts';

const Params = Type.Object({ id: Id });
const IncludeConsistent = Type.Object({ includeConsistent: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });

/**
 * Message discipline: where the public record diverges from what was agreed. Findings are
 * computed per caller over only what the caller may see (docs/message-discipline.md).
 */
export default async function disciplineRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['message discipline'];

  app.get(
    '/working-groups/:id/discipline',
    {
      schema: {
        tags,
        summary: "Findings on the statements about the group's issues in a period, with a summary by party and organisation and a monthly trend",
        params: Params,
        querystring: DisciplineQuery,
        response: { 200: DisciplineReport, ...heavyResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const wg = await getVisible(db, actor, 'working_groups', req.params.id, 'Working group');
      const { from, to, includeConsistent } = req.query;
      if (from && to && from > to) throw badRequest('querystring.to', 'is before from', 'date_order');
      const r = await heavy(req, reply, 'discipline', actor, { scope: { wgId: wg.id, from, to } });
      return {
        wgId: wg.id,
        from: from ?? null,
        to: to ?? null,
        rules: parseStoredRules(wg.discipline_rules).rules,
        ruleWarnings: r.ruleWarnings[wg.id] ?? [],
        findings: includeConsistent ? r.findings : r.findings.filter((f) => f.grade !== 'consistent'),
        otherVoices: r.otherVoices,
        summary: r.summary,
      };
    },
  );

  app.get(
    '/statements/:id/findings',
    {
      schema: {
        tags,
        summary: 'Findings that involve one statement: checked itself, or the statement another was checked against',
        params: Params,
        querystring: IncludeConsistent,
        response: { 200: StatementFindings, ...heavyResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const r = await heavy(req, reply, 'discipline', actor, { scope: { statementId: req.params.id } });
      return { statementId: req.params.id, findings: req.query.includeConsistent ? r.findings : r.findings.filter((f) => f.grade !== 'consistent'), otherVoices: r.otherVoices, summary: r.summary };
    },
  );

  app.get(
    '/working-groups/:id/discipline-rules',
    {
      schema: { tags, summary: "The group's message-discipline rules: in effect, the defaults, and what the group overrides", params: Params, response: { 200: RulesView, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const wg = await getVisible(req.server.store.db, actor, 'working_groups', req.params.id, 'Working group');
      const parsed = parseStoredRules(wg.discipline_rules);
      let overrides: Record<string, unknown> | null = null;
      try {
        overrides = wg.discipline_rules ? (JSON.parse(wg.discipline_rules) as Record<string, unknown>) : null;
      } catch {
        overrides = null;
      }
      reply.header('etag', `"${wg.version}"`);
      return { wgId: wg.id, version: Number(wg.version), rules: parsed.rules, defaults: DEFAULT_RULES, overrides, warnings: parsed.warnings };
    },
  );

  app.put(
    '/working-groups/:id/discipline-rules',
    {
      schema: {
        tags,
        summary: "Set the group's message-discipline rules (chair or secretariat; If-Match: the group's version)",
        params: Params,
        body: RulesBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await setDisciplineRules(commandContext(req), req.params.id, expectedVersion(req), req.body.overrides);
      return reply.status(204).send(null);
    },
  );
}
