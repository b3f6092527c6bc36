import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/tables.ts';
import { visibleTo } from '../../policies/visibility.ts';
import { findCommitments } from '../../queries/commitments.ts';
import { findPositionsAsOf } from '../../queries/positions.ts';
import { findStatements } from '../../queries/statements.ts';
import { findMeetings } from '../../queries/meetings.ts';
import { findProjects } from '../../queries/projects.ts';
import { findDocuments, withGroupParties } from '../../queries/documents.ts';
import { findAuditEvents, redactHiddenIds } from '../../queries/audit.ts';
import { presentCommitmentSummary } from '../../presenters/commitment.ts';
import { presentPosition } from '../../presenters/position.ts';
import { presentStatement } from '../../presenters/statement.ts';
import { presentMeetingSummary } from '../../presenters/meeting.ts';
import { presentProjectSummary } from '../../presenters/project.ts';
import { presentDocumentListItem } from '../../presenters/document.ts';
import { checkDate, today } from '../../commands/values.ts';
import { byOffset, sendCsv, type Column } from '../../export/csv.ts';
import { wordFor } from '../../export/words.ts';
import { errorResponses, heavyResponses, requireActor } from '../common.ts';
import { CsvResponse, ExportQuery, type ExportLanguage } from '../../../core/api/export.ts';
import { CommitmentListQuery, type CommitmentSummarySchema } from '../../../core/api/commitments.ts';
import { PositionListQuery, type PositionSchema } from '../../../core/api/positions.ts';
import { StatementListQuery, type StatementSchema } from '../../../core/api/statements.ts';
import { MeetingListQuery, type MeetingSummarySchema } from '../../../core/api/meetings.ts';
import { ProjectListQuery, type ProjectSummarySchema } from '../../../core/api/projects.ts';
import { DocumentListQuery, type DocumentSummarySchema } from '../../../core/api/documents.ts';
import { AuditQuery } from '../../../core/api/audit.ts';
import { DisciplineQuery, type Finding } from '../../../core/api/discipline.ts';
import { Id } from '../../../core/api/common.ts';
import { heavy } from '../../heavy/route.ts';
import { getVisible } from '../../queries/visible.ts';
import { badRequest } from '../../errors.ts';
import { Type } from 'typebox';

type Db = Kysely<Database>;

/** The language of the headers: asked for, else the caller's own. */
const languageOf = (req: FastifyRequest, asked: ExportLanguage | undefined): ExportLanguage => asked ?? (requireActor(req).locale === 'ko' ? 'ko' : 'en');

/** Names of parties and organisations (reference data, seen by every signed-in user) in the export's language. */
async function namesIn(db: Db, lang: ExportLanguage) {
  const [parties, orgs] = await Promise.all([db.selectFrom('parties').select(['id', 'name', 'name_ko']).execute(), db.selectFrom('organisations').select(['id', 'name', 'name_ko']).execute()]);
  const pick = (r: { name: string; name_ko: string | null }) => (lang === 'ko' && r.name_ko ? r.name_ko : r.name);
  const party = new Map(parties.map((p) => [p.id, pick(p)]));
  const org = new Map(orgs.map((o) => [o.id, pick(o)]));
  return { party: (id: string | null) => (id ? (party.get(id) ?? id) : null), org: (id: string | null) => (id ? (org.get(id) ?? id) : null) };
}

const access = <R extends { access: { scope: string; classification: string } }>(lang: ExportLanguage): Column<R>[] => [
  { en: 'Scope', ko: '공개 범위', value: (r) => wordFor(lang, 'scope', r.access.scope) },
  { en: 'Classification', ko: '등급', value: (r) => wordFor(lang, 'classification', r.access.classification) },
];

/** Titles of issues the actor may see, by id. */
async function issueTitles(db: Db, actor: Actor, ids: string[], lang: ExportLanguage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(ids)];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('issues')
      .select(['id', 'title', 'title_ko'])
      .where('id', 'in', wanted.slice(i, i + 500))
      .where(visibleTo(actor, 'issues'))
      .execute();
    for (const r of rows) out.set(r.id, lang === 'ko' && r.title_ko ? r.title_ko : r.title);
  }
  return out;
}

/**
 * CSV exports of the table views: `GET /api/<list>/export.csv` takes the list's filters (without
 * its paging) and answers every row they select that the caller may see, read through the list's
 * own query (visibility in SQL) and presenter, so an export shows exactly what the list shows.
 */
export default async function exportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const produces = ['text/csv'];
  const response = { 200: CsvResponse, ...errorResponses };

  app.get(
    '/commitments/export.csv',
    { schema: { tags: ['commitments'], summary: 'Commitments I may see, as CSV (the list’s filters)', produces, querystring: ExportQuery(CommitmentListQuery), response } },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, ...filter } = req.query;
      const lang = languageOf(req, asked);
      const names = await namesIn(db, lang);
      type R = Static<typeof CommitmentSummarySchema>;
      const columns: Column<R>[] = [
        { en: 'Commitment', ko: '이행 약속', value: (r) => r.title },
        { en: 'Commitment (Korean)', ko: '이행 약속(한국어)', value: (r) => r.titleKo },
        { en: 'Track', ko: '분야', value: (r) => r.track },
        { en: 'Responsible party', ko: '책임 당사자', value: (r) => (r.responsiblePartyId ? names.party(r.responsiblePartyId) : lang === 'ko' ? '양측' : 'Both parties') },
        { en: 'Responsible organisation', ko: '책임 기관', value: (r) => names.org(r.responsibleOrgId) },
        { en: 'Due', ko: '기한', value: (r) => r.dueOn },
        { en: 'State', ko: '상태', value: (r) => wordFor(lang, 'commitmentState', r.state) },
        {
          en: 'Latest report by party',
          ko: '당사자별 최근 보고',
          value: (r) => r.latestByParty.map((l) => `${names.party(l.partyId)}: ${wordFor(lang, 'progress', l.report.status)} (${l.report.reportedOn})`).join('; '),
        },
        { en: 'Document', ko: '문서', value: (r) => r.documentId },
        { en: 'Clause', ko: '조항', value: (r) => r.clauseKey },
        { en: 'Meeting', ko: '회의', value: (r) => r.meetingId },
        ...access<R>(lang),
        { en: 'Id', ko: 'ID', value: (r) => r.id },
      ];
      const pages = byOffset(async (limit, offset) => {
        const rows = await findCommitments(db, actor, { ...filter, limit, offset });
        return withGroupParties(db, rows, (c, parties) => presentCommitmentSummary(actor, c, parties));
      });
      return sendCsv(reply, 'commitments', lang, columns, pages);
    },
  );

  app.get(
    '/positions/export.csv',
    {
      schema: {
        tags: ['positions'],
        summary: 'The stances in force on a date that I may see, as CSV (the list’s filters; refused like the list above 2,000 records)',
        produces,
        querystring: ExportQuery(PositionListQuery),
        response: { ...heavyResponses, 200: CsvResponse },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, asOf, ...filter } = req.query;
      const lang = languageOf(req, asked);
      const date = asOf === undefined ? today() : checkDate(asOf, 'querystring.asOf');
      const rows = (await findPositionsAsOf(db, actor, date, filter)).map((p) => presentPosition(actor, p));
      const [names, issues] = await Promise.all([
        namesIn(db, lang),
        issueTitles(
          db,
          actor,
          rows.map((r) => r.issueId),
          lang,
        ),
      ]);
      type R = Static<typeof PositionSchema>;
      const columns: Column<R>[] = [
        { en: 'Issue', ko: '현안', value: (r) => issues.get(r.issueId) ?? null },
        { en: 'Party', ko: '당사자', value: (r) => names.party(r.partyId) },
        { en: 'Organisation', ko: '기관', value: (r) => names.org(r.organisationId) },
        { en: 'Stance', ko: '입장', value: (r) => wordFor(lang, 'stance', r.stance ?? 'none') },
        { en: 'Since', ko: '기준일', value: (r) => r.validFrom },
        { en: 'Conditions', ko: '조건', value: (r) => r.conditions },
        { en: 'Rationale', ko: '근거', value: (r) => r.rationale },
        { en: 'Source', ko: '출처', value: (r) => [r.sourceKind, r.sourceRef].filter(Boolean).join(': ') || null },
        ...access<R>(lang),
        { en: 'Issue id', ko: '현안 ID', value: (r) => r.issueId },
        { en: 'Id', ko: 'ID', value: (r) => r.id },
      ];
      return sendCsv(
        reply,
        `positions-${date}`,
        lang,
        columns,
        (async function* () {
          yield rows;
        })(),
      );
    },
  );

  app.get(
    '/statements/export.csv',
    { schema: { tags: ['statements'], summary: 'Statements I may see, as CSV (the list’s filters)', produces, querystring: ExportQuery(StatementListQuery), response } },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, ...filter } = req.query;
      const lang = languageOf(req, asked);
      const names = await namesIn(db, lang);
      type R = Static<typeof StatementSchema>;
      const columns: Column<R>[] = [
        { en: 'Said on', ko: '발언일', value: (r) => r.saidOn },
        { en: 'Speaker', ko: '발언자', value: (r) => (lang === 'ko' ? (r.speaker.personNameKo ?? r.speaker.orgNameKo ?? r.speaker.display) : r.speaker.display) },
        { en: 'Party', ko: '당사자', value: (r) => names.party(r.partyId) },
        { en: 'Medium', ko: '매체', value: (r) => r.medium },
        { en: 'Language', ko: '언어', value: (r) => r.language },
        { en: 'Quote', ko: '발언', value: (r) => r.quote },
        { en: 'Context', ko: '맥락', value: (r) => r.context },
        { en: 'Issues', ko: '현안', value: (r) => r.issues.map((i) => `${lang === 'ko' && i.titleKo ? i.titleKo : i.title}${i.stance ? ` (${wordFor(lang, 'stance', i.stance)})` : ''}`).join('; ') },
        { en: 'Source', ko: '출처', value: (r) => r.sourceTitle },
        { en: 'Source URL', ko: '출처 URL', value: (r) => r.sourceUrl },
        { en: 'Recorded by', ko: '기록 기관', value: (r) => (lang === 'ko' ? (r.recordedBy.orgNameKo ?? r.recordedBy.orgName) : r.recordedBy.orgName) },
        ...access<R>(lang),
        { en: 'Id', ko: 'ID', value: (r) => r.id },
      ];
      const pages = byOffset(async (limit, offset) => (await findStatements(db, actor, { ...filter, limit, offset })).map((s) => presentStatement(actor, s)));
      return sendCsv(reply, 'statements', lang, columns, pages);
    },
  );

  app.get(
    '/meetings/export.csv',
    { schema: { tags: ['meetings'], summary: 'Meetings I may see, as CSV (the list’s filters)', produces, querystring: ExportQuery(MeetingListQuery), response } },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, ...filter } = req.query;
      const lang = languageOf(req, asked);
      type R = Static<typeof MeetingSummarySchema>;
      const columns: Column<R>[] = [
        { en: 'Meeting', ko: '회의', value: (r) => r.title },
        { en: 'Meeting (Korean)', ko: '회의(한국어)', value: (r) => r.titleKo },
        { en: 'Starts', ko: '시작', value: (r) => r.startsAt },
        { en: 'Ends', ko: '종료', value: (r) => r.endsAt },
        { en: 'Time zone', ko: '시간대', value: (r) => r.timezone },
        { en: 'Level', ko: '급', value: (r) => wordFor(lang, 'meetingLevel', r.level) },
        { en: 'Format', ko: '형식', value: (r) => wordFor(lang, 'meetingFormat', r.format) },
        { en: 'Place', ko: '장소', value: (r) => r.place },
        { en: 'Status', ko: '상태', value: (r) => wordFor(lang, 'meetingStatus', r.status) },
        { en: 'Reason', ko: '사유', value: (r) => r.statusReason },
        ...access<R>(lang),
        { en: 'Id', ko: 'ID', value: (r) => r.id },
      ];
      const pages = byOffset(async (limit, offset) => (await findMeetings(db, actor, { ...filter, limit, offset })).map((m) => presentMeetingSummary(actor, m)));
      return sendCsv(reply, 'meetings', lang, columns, pages);
    },
  );

  app.get(
    '/projects/export.csv',
    { schema: { tags: ['projects'], summary: 'Cooperation projects I may see, as CSV (the list’s filters)', produces, querystring: ExportQuery(ProjectListQuery), response } },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, ...filter } = req.query;
      const lang = languageOf(req, asked);
      const names = await namesIn(db, lang);
      type R = Static<typeof ProjectSummarySchema>;
      const columns: Column<R>[] = [
        { en: 'Project', ko: '사업', value: (r) => r.name },
        { en: 'Project (Korean)', ko: '사업(한국어)', value: (r) => r.nameKo },
        { en: 'Stage', ko: '단계', value: (r) => wordFor(lang, 'stage', r.stage) },
        { en: 'Proponent', ko: '제안 기관', value: (r) => names.org(r.proponentOrgId) ?? r.proponentOrgName },
        { en: 'Planned on', ko: '계획일', value: (r) => r.plannedOn },
        { en: 'Status note', ko: '현황', value: (r) => r.statusNote },
        { en: 'Description', ko: '설명', value: (r) => r.description },
        ...access<R>(lang),
        { en: 'Id', ko: 'ID', value: (r) => r.id },
      ];
      const pages = byOffset(async (limit, offset) => (await findProjects(db, actor, { ...filter, limit, offset })).map((p) => presentProjectSummary(actor, p)));
      return sendCsv(reply, 'projects', lang, columns, pages);
    },
  );

  app.get(
    '/documents/export.csv',
    { schema: { tags: ['documents'], summary: 'Joint documents I may see, as CSV (the list’s filters)', produces, querystring: ExportQuery(DocumentListQuery), response } },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, ...filter } = req.query;
      const lang = languageOf(req, asked);
      type R = Static<typeof DocumentSummarySchema>;
      const columns: Column<R>[] = [
        { en: 'Document', ko: '문서', value: (r) => r.title },
        { en: 'Document (Korean)', ko: '문서(한국어)', value: (r) => r.titleKo },
        { en: 'Kind', ko: '종류', value: (r) => wordFor(lang, 'documentKind', r.kind) },
        { en: 'Released on', ko: '발표일', value: (r) => r.releasedOn },
        { en: 'Latest version', ko: '최신 판', value: (r) => r.latestVersion },
        { en: 'Adopted', ko: '채택', value: (r) => r.adopted },
        { en: 'Adopted version', ko: '채택 판', value: (r) => r.adoptedVersion },
        ...access<R>(lang),
        { en: 'Id', ko: 'ID', value: (r) => r.id },
      ];
      const pages = byOffset(async (limit, offset) => {
        const rows = await findDocuments(db, actor, { ...filter, limit, offset });
        return withGroupParties(db, rows, (d, parties) => presentDocumentListItem(actor, d, parties));
      });
      return sendCsv(reply, 'documents', lang, columns, pages);
    },
  );

  app.get(
    '/working-groups/:id/discipline/export.csv',
    {
      schema: {
        tags: ['message discipline'],
        summary: "The message-discipline findings of the group's statements in a period, as CSV (the report's filters)",
        produces,
        params: Type.Object({ id: Id }),
        querystring: ExportQuery(DisciplineQuery),
        response: { ...heavyResponses, 200: CsvResponse },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const wg = await getVisible(db, actor, 'working_groups', req.params.id, 'Working group');
      const { from, to, includeConsistent, lang: asked } = req.query;
      if (from && to && from > to) throw badRequest('querystring.to', 'is before from', 'date_order');
      const lang = languageOf(req, asked);
      const r = await heavy(req, reply, 'discipline', actor, { scope: { wgId: wg.id, from, to } });
      const findings = includeConsistent ? r.findings : r.findings.filter((f) => f.grade !== 'consistent');
      const side = (x: Finding['subject']) => `${x.who} (${x.date}, ${wordFor(lang, 'stance', x.stance)})`;
      const columns: Column<Finding>[] = [
        { en: 'Issue', ko: '현안', value: (f) => (lang === 'ko' && f.issue.titleKo ? f.issue.titleKo : f.issue.title) },
        { en: 'Grade', ko: '판정', value: (f) => wordFor(lang, 'grade', f.grade) },
        { en: 'Check', ko: '점검', value: (f) => wordFor(lang, 'check', f.check) },
        { en: 'Steps apart', ko: '입장 차이', value: (f) => f.distance },
        { en: 'Subject', ko: '대상', value: (f) => side(f.subject) },
        { en: 'Subject text', ko: '대상 문구', value: (f) => f.subject.text },
        { en: 'Against', ko: '비교 대상', value: (f) => side(f.against) },
        { en: 'Against text', ko: '비교 문구', value: (f) => f.against.text },
        { en: 'Explanation', ko: '설명', value: (f) => f.explanation },
        { en: 'Id', ko: 'ID', value: (f) => f.id },
      ];
      return sendCsv(
        reply,
        `discipline-${wg.id}`,
        lang,
        columns,
        (async function* () {
          yield findings;
        })(),
      );
    },
  );

  app.get(
    '/audit/export.csv',
    { schema: { tags: ['audit'], summary: 'Audit events I may see, newest first, as CSV (the list’s filters)', produces, querystring: ExportQuery(AuditQuery), response } },
    async (req, reply) => {
      const actor = requireActor(req);
      const db = req.server.store.db;
      const { lang: asked, ...filter } = req.query;
      const lang = languageOf(req, asked);
      const names = await namesIn(db, lang);
      interface R {
        seq: number;
        at: string;
        actorName: string | null;
        actorOrgId: string | null;
        action: string;
        entityType: string;
        entityId: string;
        before: unknown;
        after: unknown;
        requestId: string | null;
        wgId: string | null;
        hash: string;
      }
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
      const columns: Column<R>[] = [
        { en: 'Sequence', ko: '순번', value: (r) => r.seq },
        { en: 'At', ko: '시각', value: (r) => r.at },
        { en: 'By', ko: '행위자', value: (r) => r.actorName },
        { en: 'Organisation', ko: '기관', value: (r) => names.org(r.actorOrgId) },
        { en: 'Action', ko: '작업', value: (r) => r.action },
        { en: 'Record type', ko: '기록 종류', value: (r) => r.entityType },
        { en: 'Record', ko: '기록', value: (r) => r.entityId },
        { en: 'Before', ko: '변경 전', value: (r) => json(r.before) },
        { en: 'After', ko: '변경 후', value: (r) => json(r.after) },
        { en: 'Request', ko: '요청', value: (r) => r.requestId },
        { en: 'Hash', ko: '해시', value: (r) => r.hash },
      ];
      async function* pages(): AsyncGenerator<R[]> {
        let before: number | undefined;
        for (;;) {
          const { rows, nextBefore } = await findAuditEvents(db, actor, { ...filter, before, limit: 500 });
          const parse = (s: string | null) => (s === null ? null : JSON.parse(s));
          yield await redactHiddenIds(
            db,
            actor,
            rows.map((e) => ({
              seq: Number(e.seq),
              at: e.at,
              actorName: e.actor_name ?? null,
              actorOrgId: e.actor_org_id,
              action: e.action,
              entityType: e.entity_type,
              entityId: e.entity_id,
              before: parse(e.before),
              after: parse(e.after),
              requestId: e.request_id,
              wgId: e.wg_id,
              hash: e.hash,
            })),
          );
          if (nextBefore === null) return;
          before = nextBefore;
        }
      }
      return sendCsv(reply, 'audit', lang, columns, pages());
    },
  );
}
