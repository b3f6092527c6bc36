/**
 * The message-discipline finding engine. For every statement that carries a stance on an issue
 * it compares that stance with (1) its own party's positions on the issue in force on the day,
 * (2) the agreed lines of adopted joint documents and press guidance on the issue, (3) the
 * counterpart party's statements on the issue within a window and (4) statements of other
 * organisations of the same party within a window — and grades each comparison by the group's
 * rules (./rules.ts). Every row is loaded with the caller's visibility in SQL, so a finding is
 * only ever computed from, and shows, what the caller may see: a ROK-internal position never
 * becomes the reason for a finding shown to a US user. The `system` viewer (the operator's CLI
 * on the server) sees everything.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { visibleTo } from '../policies/visibility.ts';
import { DOCUMENT_KINDS, STANCES, type DocumentKind, type RecordedVia, type SourceKind, type Stance } from '../../core/vocabulary.ts';
import { suggestIssues } from '../../core/extract/index.ts';
import { parseKeywords } from '../queries/articles.ts';
import {
  addDays,
  daysBetween,
  gradeStances,
  parseStoredRules,
  voiceOf,
  type Check,
  type DisciplineRules,
  type Grade,
  type OtherVoiceReason,
  type Voice,
  type VoiceRole,
  GRADES,
  CHECKS,
} from '../../core/api/discipline-rules.ts';

type Db = Kysely<Database>;

/** Who the findings are computed for: a signed-in user, or the operator's system view of everything. */
export type Viewer = Actor | 'system';

const vis = (viewer: Viewer, table: string): RawBuilder<boolean> => (viewer === 'system' ? sql<boolean>`1 = 1` : visibleTo(viewer, table));

export type Relation = 'intra_party' | 'cross_party' | 'agreed_line';

/** One side of a finding: the statement checked, or what it was checked against, with its passage. */
export interface FindingSide {
  kind: 'statement' | 'position' | 'clause';
  id: string;
  date: string;
  stance: Stance;
  partyId: string | null;
  partyName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  /** Who: "Chung Dong-young (MOU)", "Ministry of Unification", "ROK position", a document's title. */
  who: string;
  /** The passage: a statement's words as printed (its passage, else its quote), a position's rationale, a clause's text. */
  text: string;
  quote: string | null;
  sourceUrl: string | null;
  sourceTitle: string | null;
  articleId: string | null;
  passageStart: number | null;
  passageEnd: number | null;
  documentId: string | null;
  clauseKey: string | null;
  /** How the side's stance or date was established ("in force on the day", "recorded 1 day later", "rule default"). */
  basis: string | null;
  /** For a statement: the organisation that recorded it and how it came in; null for positions and clauses. */
  recordedBy: { orgId: string; orgName: string; orgNameKo: string | null; orgAcronym: string | null; via: RecordedVia } | null;
}

export interface Finding {
  id: string;
  check: Check;
  relation: Relation;
  grade: Grade;
  /** Steps apart on the five-point stance scale, 0 … 4. */
  distance: number;
  issue: { id: string; title: string; titleKo: string | null; wgId: string };
  subject: FindingSide;
  against: FindingSide;
  explanation: string;
}

export type GradeCounts = Record<Grade, number>;

export interface DisciplineSummary {
  totals: GradeCounts & { total: number };
  byCheck: (GradeCounts & { check: Check })[];
  byParty: (GradeCounts & { partyId: string | null; partyName: string | null })[];
  byOrganisation: (GradeCounts & { organisationId: string | null; organisationName: string | null; partyId: string | null })[];
  /** Per month of the statement checked: counts, and the share of comparisons that diverge (nuance or contradiction). */
  trend: (GradeCounts & { month: string; divergence: number | null })[];
}

export interface CheckScope {
  /** The issues of this group (else every issue the viewer may see). */
  wgId?: string;
  /** Statements said on or after / on or before these dates are checked (others only compared against). */
  from?: string;
  to?: string;
  /** Only findings that involve this statement (as the one checked or as the one it is checked against). */
  statementId?: string;
}

/**
 * A statement that is not its party's voice on the day it was said (a former official, a person
 * with no office then, an unattributed speaker, a non-government body): listed apart, never graded.
 */
export interface OtherVoice {
  statementId: string;
  date: string;
  who: string;
  partyId: string | null;
  partyName: string | null;
  text: string;
  quote: string;
  sourceUrl: string | null;
  sourceTitle: string | null;
  articleId: string | null;
  passageStart: number | null;
  passageEnd: number | null;
  reason: OtherVoiceReason;
  /** The office held before (former officials) or the non-government body spoken for. */
  office: { organisationId: string; organisationName: string; organisationNameKo: string | null; title: string | null; titleKo: string | null; until: string | null } | null;
  /** The issues (visible to the viewer) the statement takes a stance on. */
  issues: { id: string; title: string; titleKo: string | null; stance: Stance }[];
}

export interface DisciplineResult {
  findings: Finding[];
  /** Statements in scope that are not their party's voice on the day: shown apart, never graded. */
  otherVoices: OtherVoice[];
  summary: DisciplineSummary;
  /** Rule entries stored for a group that were ignored, by group. */
  ruleWarnings: Record<string, string[]>;
}

interface IssueInfo {
  id: string;
  title: string;
  title_ko: string | null;
  wg_id: string;
  track_id: string | null;
  keywords: string[];
}

interface StatementInfo {
  id: string;
  wg_id: string | null;
  party_id: string | null;
  person_id: string | null;
  org_id: string | null;
  description: string | null;
  said_on: string;
  created_at: string;
  quote: string;
  passage: string | null;
  source_url: string | null;
  source_title: string | null;
  article_id: string | null;
  passage_start: number | null;
  passage_end: number | null;
  /** The organisation that recorded the statement, and how it came in. */
  recorder_org_id: string;
  recorded_via: RecordedVia;
}

interface Link {
  s: StatementInfo;
  issueId: string;
  stance: Stance;
}

interface PositionInfo {
  id: string;
  issue_id: string;
  party_id: string;
  organisation_id: string | null;
  stance: Stance | null;
  rationale: string | null;
  conditions: string | null;
  source_kind: SourceKind | null;
  source_ref: string | null;
  valid_from: string;
  created_at: string;
}

interface AgreedClause {
  documentId: string;
  documentTitle: string;
  documentKind: string;
  wgId: string;
  effective: string;
  clauseKey: string;
  trackId: string | null;
  text: string;
}

const isStance = (s: string | null): s is Stance => s !== null && (STANCES as readonly string[]).includes(s);
const zero = (): GradeCounts => ({ consistent: 0, nuance: 0, contradiction: 0 });
const order = (a: StatementInfo, b: StatementInfo) => a.said_on.localeCompare(b.said_on) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

/**
 * Computes the findings for the statements in scope, over only what the viewer may see. Throws
 * 404 for a statement the viewer may not see (scope.statementId).
 */
export async function checkDiscipline(db: Db, viewer: Viewer, scope: CheckScope = {}): Promise<DisciplineResult> {
  // 1. The issues in scope.
  let target: StatementInfo | undefined;
  let issueQ = db.selectFrom('issues').select(['id', 'title', 'title_ko', 'wg_id', 'track_id', 'keywords']).where(vis(viewer, 'issues'));
  if (scope.wgId) issueQ = issueQ.where('issues.wg_id', '=', scope.wgId);
  if (scope.statementId) {
    const row = await db.selectFrom('statements').select('id').where('statements.id', '=', scope.statementId).where(vis(viewer, 'statements')).executeTakeFirst();
    if (!row) throw notFound('Statement');
    const ids = (await db.selectFrom('statement_issues').select('issue_id').where('statement_id', '=', scope.statementId).where('stance', 'is not', null).execute()).map((r) => r.issue_id);
    if (!ids.length) return emptyResult();
    issueQ = issueQ.where('issues.id', 'in', ids);
  }
  const issues: IssueInfo[] = (await issueQ.orderBy('issues.id').execute()).map((i) => ({ ...i, keywords: parseKeywords(i.keywords) }));
  if (!issues.length) return emptyResult();
  const issueById = new Map(issues.map((i) => [i.id, i]));
  const issueIds = issues.map((i) => i.id);
  const groupIds = [...new Set(issues.map((i) => i.wg_id))];

  // 2. Each group's rules and parties.
  const groups = await db.selectFrom('working_groups').select(['id', 'discipline_rules']).where('id', 'in', groupIds).execute();
  const rulesOf = new Map<string, DisciplineRules>();
  const ruleWarnings: Record<string, string[]> = {};
  for (const g of groups) {
    const parsed = parseStoredRules(g.discipline_rules);
    rulesOf.set(g.id, parsed.rules);
    if (parsed.warnings.length) ruleWarnings[g.id] = parsed.warnings;
  }
  const rules = (wgId: string) => rulesOf.get(wgId) ?? parseStoredRules(null).rules;
  const allRules = groupIds.map(rules);
  const W = Math.max(...allRules.map((r) => Math.max(r.counterpartWindowDays, r.samePartyWindowDays)));
  const G = Math.max(...allRules.map((r) => r.positionGraceDays));
  const partyRows = await db.selectFrom('wg_parties').select(['wg_id', 'party_id']).where('wg_id', 'in', groupIds).execute();
  const groupParties = new Map<string, Set<string>>();
  for (const r of partyRows) groupParties.set(r.wg_id, (groupParties.get(r.wg_id) ?? new Set()).add(r.party_id));

  // 3. The statements: those checked (said in [from, to]) and those they are compared with.
  let from = scope.from;
  let to = scope.to;
  if (scope.statementId) {
    const s = await db.selectFrom('statements').select('said_on').where('id', '=', scope.statementId).executeTakeFirstOrThrow();
    from = s.said_on;
    to = addDays(s.said_on, W);
  }
  let linkQ = db
    .selectFrom('statement_issues as si')
    .innerJoin('statements as s', 's.id', 'si.statement_id')
    .select([
      'si.issue_id',
      'si.stance',
      's.id',
      's.wg_id',
      's.party_id',
      's.speaker_person_id',
      's.speaker_org_id',
      's.speaker_description',
      's.said_on',
      's.created_at',
      's.quote',
      's.passage',
      's.source_url',
      's.source_title',
      's.passage_start',
      's.passage_end',
      // The article a statement was taken from is named only when the viewer may see it.
      sql<string | null>`case when exists (select 1 from articles sa where sa.id = s.article_id and ${vis(viewer, 'sa')}) then s.article_id else null end`.as('article_id'),
      's.recorded_org_id',
      's.recorded_via',
      's.owner_org_id',
    ])
    .where('si.issue_id', 'in', issueIds)
    .where('si.stance', 'is not', null)
    .where(vis(viewer, 's'));
  if (from) linkQ = linkQ.where('s.said_on', '>=', addDays(from, -W));
  if (to) linkQ = linkQ.where('s.said_on', '<=', to);
  const linkRows = await linkQ.orderBy('s.said_on').orderBy('s.created_at').orderBy('s.id').orderBy('si.issue_id').execute();

  // Speakers in their time: a person speaks for the office they held on the day (a role valid
  // then, in a government organisation of the statement's party), an organisation for itself;
  // everyone else — former officials, people with no office then, unattributed speakers — is
  // another voice, listed apart and never compared (core/api/discipline-rules.ts voiceOf).
  const personIds = [...new Set(linkRows.filter((r) => r.speaker_person_id).map((r) => r.speaker_person_id!))];
  const [roles, orgRows] = await Promise.all([
    personIds.length
      ? db.selectFrom('person_roles').select(['person_id', 'organisation_id', 'title', 'title_ko', 'valid_from', 'valid_to']).where('person_id', 'in', personIds).orderBy('id').execute()
      : Promise.resolve([]),
    db.selectFrom('organisations').select(['id', 'name', 'name_ko', 'acronym', 'party_id', 'kind']).execute(),
  ]);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const rolesOf = new Map<string, VoiceRole[]>();
  for (const r of roles) {
    const list = rolesOf.get(r.person_id) ?? [];
    list.push({ organisationId: r.organisation_id, title: r.title, titleKo: r.title_ko, from: r.valid_from, to: r.valid_to });
    rolesOf.set(r.person_id, list);
  }
  const orgOf = (id: string) => {
    const o = orgById.get(id);
    return o ? { partyId: o.party_id, kind: o.kind } : undefined;
  };
  const statements = new Map<string, StatementInfo>();
  const links: Link[] = [];
  const others = new Map<string, { s: StatementInfo; voice: Extract<Voice, { kind: 'other' }>; issues: { issueId: string; stance: Stance }[] }>();
  for (const r of linkRows) {
    if (!isStance(r.stance)) continue;
    const other = others.get(r.id);
    if (other) {
      other.issues.push({ issueId: r.issue_id, stance: r.stance });
      continue;
    }
    let s = statements.get(r.id);
    if (!s) {
      const voice = voiceOf(
        { partyId: r.party_id, personId: r.speaker_person_id, orgId: r.speaker_org_id, saidOn: r.said_on, description: r.speaker_description },
        r.speaker_person_id ? (rolesOf.get(r.speaker_person_id) ?? []) : [],
        orgOf,
      );
      s = {
        id: r.id,
        wg_id: r.wg_id,
        party_id: voice.kind === 'party' ? voice.partyId : r.party_id,
        person_id: r.speaker_person_id,
        description: r.speaker_description,
        org_id: voice.kind === 'party' ? voice.orgId : null,
        said_on: r.said_on,
        created_at: r.created_at,
        quote: r.quote,
        passage: r.passage,
        source_url: r.source_url,
        source_title: r.source_title,
        article_id: r.article_id ?? null,
        passage_start: r.passage_start === null || r.passage_start === undefined ? null : Number(r.passage_start),
        passage_end: r.passage_end === null || r.passage_end === undefined ? null : Number(r.passage_end),
        recorder_org_id: r.recorded_org_id ?? r.owner_org_id,
        recorded_via: r.recorded_via ?? 'entry',
      };
      if (voice.kind === 'other') {
        others.set(r.id, { s, voice, issues: [{ issueId: r.issue_id, stance: r.stance }] });
        continue;
      }
      statements.set(r.id, s);
    }
    links.push({ s, issueId: r.issue_id, stance: r.stance });
  }
  if (scope.statementId) target = statements.get(scope.statementId);

  // 4. Positions on the issues, and the agreed clauses of adopted documents. Only the issues a
  // statement in scope speaks to are compared, so only their positions are loaded and only they
  // are matched with clauses: the cost follows the statements checked, not every issue × position
  // of the group (a UN roll-call group has 870,000 positions and no statements).
  const checked = [...new Set(links.filter((l) => (!from || l.s.said_on >= from) && (!to || l.s.said_on <= to)).map((l) => l.issueId))].sort();
  let positions: PositionInfo[] = [];
  if (checked.length) {
    let posQ = db
      .selectFrom('positions')
      .select(['id', 'issue_id', 'party_id', 'organisation_id', 'stance', 'rationale', 'conditions', 'source_kind', 'source_ref', 'valid_from', 'created_at'])
      .where('issue_id', 'in', checked)
      .where(vis(viewer, 'positions'));
    if (to) posQ = posQ.where('valid_from', '<=', addDays(to, G));
    positions = await posQ.orderBy('valid_from').orderBy('created_at').orderBy('id').execute();
  }
  const positionsOf = new Map<string, PositionInfo[]>();
  for (const p of positions) {
    const list = positionsOf.get(p.issue_id);
    if (list) list.push(p);
    else positionsOf.set(p.issue_id, [p]);
  }
  const checkedIssues = checked.map((id) => issueById.get(id)!);
  const clauses =
    checked.length && allRules.some((r) => r.checks.agreed_line) ? await agreedClauses(db, viewer, groupIds, [...new Set(allRules.flatMap((r) => r.agreedLineKinds))].filter(isDocumentKind)) : [];
  const clauseLinks = linkClauses(clauses, checkedIssues, positionsOf, rules);

  // Names for display.
  const names = await loadNames(db, [...statements.values(), ...[...others.values()].map((o) => o.s)], orgRows);

  // 5. Compare.
  const findings: Finding[] = [];
  const inScope = (s: StatementInfo) => (!from || s.said_on >= from) && (!to || s.said_on <= to);
  const byIssue = new Map<string, Link[]>();
  for (const l of links) {
    const list = byIssue.get(l.issueId);
    if (list) list.push(l);
    else byIssue.set(l.issueId, [l]);
  }
  for (const l of links) {
    if (!inScope(l.s)) continue;
    const issue = issueById.get(l.issueId)!;
    const R = rules(issue.wg_id);
    const subject = statementSide(l.s, l.stance, names);
    const push = (check: Check, relation: Relation, against: FindingSide) => {
      const { grade, distance } = gradeStances(l.stance, against.stance, R);
      findings.push({
        id: `${check}:${l.s.id}:${issue.id}:${against.kind}:${against.id}`,
        check,
        relation,
        grade,
        distance,
        issue: { id: issue.id, title: issue.title, titleKo: issue.title_ko, wgId: issue.wg_id },
        subject,
        against,
        explanation: explain(check, grade, distance, subject, against, issue.title),
      });
    };

    // (1) Its own party's positions in force on the day, per organisation (null: the party-level line).
    if (R.checks.own_position && l.s.party_id) {
      const own = (positionsOf.get(issue.id) ?? []).filter((p) => p.party_id === l.s.party_id);
      const keys = [...new Set(own.map((p) => p.organisation_id ?? ''))];
      for (const key of keys) {
        const mine = own.filter((p) => (p.organisation_id ?? '') === key);
        const before = mine.filter((p) => p.valid_from <= l.s.said_on);
        let pos: PositionInfo | undefined = before[before.length - 1];
        let basis = 'in force on the day';
        if (!pos && R.positionGraceDays > 0) {
          pos = mine.find((p) => p.valid_from > l.s.said_on && daysBetween(l.s.said_on, p.valid_from) <= R.positionGraceDays);
          if (pos) {
            const d = daysBetween(l.s.said_on, pos.valid_from);
            basis = `recorded ${d} day${d === 1 ? '' : 's'} after the statement (no earlier position)`;
          }
        }
        if (!pos || !isStance(pos.stance)) continue;
        if (pos.source_kind === 'statement' && pos.source_ref === l.s.id) continue; // the position records this very statement
        push('own_position', 'intra_party', positionSide(pos, pos.stance, basis, names));
      }
    }

    // (2) Agreed lines: the best clause of each adopted document in force on the day.
    if (R.checks.agreed_line) {
      for (const cl of clauseLinks.get(issue.id) ?? []) {
        if (cl.clause.effective > l.s.said_on || !R.agreedLineKinds.includes(cl.clause.documentKind)) continue;
        const recorded = documentStance(positionsOf.get(issue.id) ?? [], cl.clause, issue.id, l.s.party_id, l.s.said_on);
        const stance: Stance = recorded && isStance(recorded.stance) ? recorded.stance : R.agreedLineStance;
        const basis = recorded
          ? `stance from position ${recorded.id}`
          : cl.explicit
            ? 'linked by a position; stance by the rule default'
            : `matched by keywords (score ${cl.score}); stance by the rule default`;
        push('agreed_line', 'agreed_line', clauseSide(cl.clause, stance, basis));
      }
    }

    // (3) and (4): earlier statements on the same issue within the window; each pair is checked once, on the later one.
    for (const o of byIssue.get(issue.id) ?? []) {
      if (o.s.id === l.s.id || order(o.s, l.s) >= 0) continue;
      const gap = daysBetween(o.s.said_on, l.s.said_on);
      const parties = groupParties.get(issue.wg_id) ?? new Set<string>();
      if (R.checks.counterpart_statement && l.s.party_id && o.s.party_id && o.s.party_id !== l.s.party_id && parties.has(l.s.party_id) && parties.has(o.s.party_id) && gap <= R.counterpartWindowDays) {
        push('counterpart_statement', 'cross_party', statementSide(o.s, o.stance, names, gap));
      }
      if (R.checks.same_party_statement && l.s.party_id && o.s.party_id === l.s.party_id && l.s.org_id && o.s.org_id && o.s.org_id !== l.s.org_id && gap <= R.samePartyWindowDays) {
        push('same_party_statement', 'intra_party', statementSide(o.s, o.stance, names, gap));
      }
    }
  }

  let out = findings;
  if (scope.statementId) out = findings.filter((f) => f.subject.id === scope.statementId || (f.against.kind === 'statement' && f.against.id === scope.statementId));
  if (scope.statementId && !target) out = [];
  out.sort((a, b) => b.subject.date.localeCompare(a.subject.date) || a.subject.id.localeCompare(b.subject.id) || CHECKS.indexOf(a.check) - CHECKS.indexOf(b.check) || a.id.localeCompare(b.id));
  const otherVoices: OtherVoice[] = [...others.values()]
    .filter((o) => (scope.statementId ? o.s.id === scope.statementId : inScope(o.s)))
    .sort((a, b) => order(b.s, a.s))
    .map((o) => {
      const side = statementSide(o.s, o.issues[0].stance, names);
      const office = o.voice.office ? names.orgs.get(o.voice.office.orgId) : undefined;
      return {
        statementId: o.s.id,
        date: o.s.said_on,
        who: side.who,
        partyId: side.partyId,
        partyName: side.partyName,
        text: side.text,
        quote: o.s.quote,
        sourceUrl: side.sourceUrl,
        sourceTitle: side.sourceTitle,
        articleId: side.articleId,
        passageStart: side.passageStart,
        passageEnd: side.passageEnd,
        reason: o.voice.reason,
        office:
          o.voice.office && office
            ? {
                organisationId: o.voice.office.orgId,
                organisationName: office.name,
                organisationNameKo: office.name_ko,
                title: o.voice.office.title,
                titleKo: o.voice.office.titleKo ?? null,
                until: o.voice.office.until,
              }
            : null,
        issues: o.issues.map((l) => {
          const i = issueById.get(l.issueId)!;
          return { id: i.id, title: i.title, titleKo: i.title_ko, stance: l.stance };
        }),
      };
    });
  return { findings: out, otherVoices, summary: summarise(out, scope.statementId ? undefined : scope.from, scope.statementId ? undefined : scope.to), ruleWarnings };
}

function emptyResult(): DisciplineResult {
  return { findings: [], otherVoices: [], summary: summarise([], undefined, undefined), ruleWarnings: {} };
}

interface Names {
  people: Map<string, string>;
  orgs: Map<string, { name: string; name_ko: string | null; acronym: string | null; party_id: string }>;
  parties: Map<string, string>;
}

async function loadNames(db: Db, statements: StatementInfo[], orgs: { id: string; name: string; name_ko: string | null; acronym: string | null; party_id: string }[]): Promise<Names> {
  const pids = [...new Set(statements.map((s) => s.person_id).filter((x): x is string => !!x))];
  const people = pids.length ? await db.selectFrom('people').select(['id', 'name']).where('id', 'in', pids).execute() : [];
  const parties = await db.selectFrom('parties').select(['id', 'name']).execute();
  return {
    people: new Map(people.map((p) => [p.id, p.name])),
    orgs: new Map(orgs.map((o) => [o.id, { name: o.name, name_ko: o.name_ko, acronym: o.acronym, party_id: o.party_id }])),
    parties: new Map(parties.map((p) => [p.id, p.name])),
  };
}

function statementSide(s: StatementInfo, stance: Stance, n: Names, gapDays?: number): FindingSide {
  const org = s.org_id ? n.orgs.get(s.org_id) : undefined;
  const person = s.person_id ? n.people.get(s.person_id) : undefined;
  const orgLabel = org ? (org.acronym ?? org.name) : undefined;
  const recorder = n.orgs.get(s.recorder_org_id);
  const who = person ? (orgLabel ? `${person} (${orgLabel})` : person) : s.description ? (org ? `${s.description} (${org.name})` : s.description) : (org?.name ?? 'Unknown speaker');
  return {
    kind: 'statement',
    id: s.id,
    date: s.said_on,
    stance,
    partyId: s.party_id,
    partyName: s.party_id ? (n.parties.get(s.party_id) ?? null) : null,
    organisationId: s.org_id,
    organisationName: org?.name ?? null,
    who,
    text: s.passage ?? s.quote,
    quote: s.quote,
    sourceUrl: s.source_url,
    sourceTitle: s.source_title,
    articleId: s.article_id,
    passageStart: s.passage_start,
    passageEnd: s.passage_end,
    documentId: null,
    clauseKey: null,
    basis: gapDays === undefined ? null : gapDays === 0 ? 'said the same day' : `said ${gapDays} day${gapDays === 1 ? '' : 's'} earlier`,
    recordedBy: { orgId: s.recorder_org_id, orgName: recorder?.name ?? s.recorder_org_id, orgNameKo: recorder?.name_ko ?? null, orgAcronym: recorder?.acronym ?? null, via: s.recorded_via },
  };
}

function positionSide(p: PositionInfo, stance: Stance, basis: string, n: Names): FindingSide {
  const org = p.organisation_id ? n.orgs.get(p.organisation_id) : undefined;
  const party = n.parties.get(p.party_id) ?? p.party_id;
  const text = [p.rationale, p.conditions ? `Conditions: ${p.conditions}` : null].filter(Boolean).join(' ') || `${stance} (no rationale recorded)`;
  return {
    kind: 'position',
    id: p.id,
    date: p.valid_from,
    stance,
    partyId: p.party_id,
    partyName: n.parties.get(p.party_id) ?? null,
    organisationId: p.organisation_id,
    organisationName: org?.name ?? null,
    who: org ? `${org.name} position` : `${party} position`,
    text,
    quote: null,
    sourceUrl: null,
    sourceTitle: p.source_kind && p.source_ref ? `${p.source_kind} ${p.source_ref}` : null,
    articleId: null,
    passageStart: null,
    passageEnd: null,
    documentId: p.source_kind === 'document' ? (p.source_ref?.split('#')[0] ?? null) : null,
    clauseKey: null,
    basis,
    recordedBy: null,
  };
}

function clauseSide(c: AgreedClause, stance: Stance, basis: string): FindingSide {
  return {
    kind: 'clause',
    id: `${c.documentId}#${c.clauseKey}`,
    date: c.effective,
    stance,
    partyId: null,
    partyName: null,
    organisationId: null,
    organisationName: null,
    who: `${c.documentTitle}, clause ${c.clauseKey}`,
    text: c.text,
    quote: null,
    sourceUrl: null,
    sourceTitle: c.documentTitle,
    articleId: null,
    passageStart: null,
    passageEnd: null,
    documentId: c.documentId,
    clauseKey: c.clauseKey,
    basis,
    recordedBy: null,
  };
}

const STANCE_WORDS: Record<Stance, string> = {
  strongly_oppose: 'strongly opposes',
  oppose: 'opposes',
  neutral: 'is neutral on',
  support: 'supports',
  strongly_support: 'strongly supports',
};

function explain(check: Check, grade: Grade, distance: number, s: FindingSide, a: FindingSide, issue: string): string {
  const what: Record<Check, string> = {
    own_position: "its own side's recorded position",
    agreed_line: 'the agreed line',
    counterpart_statement: "the counterpart's statement",
    same_party_statement: 'another organisation of the same government',
  };
  const head = `${s.who} (${s.date}) ${STANCE_WORDS[s.stance]} "${issue}"; ${a.who} (${a.date}) ${STANCE_WORDS[a.stance]} it`;
  const verdict = grade === 'consistent' ? 'consistent with' : grade === 'nuance' ? 'a nuance against' : 'a contradiction of';
  return `${head}: ${verdict} ${what[check]}, ${distance} step${distance === 1 ? '' : 's'} apart on the stance scale.`;
}

/** Agreed clauses of the adopted version of each visible adopted document, with the date the line holds from. */
const isDocumentKind = (k: string): k is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(k);

async function agreedClauses(db: Db, viewer: Viewer, groupIds: string[], kinds: DocumentKind[]): Promise<AgreedClause[]> {
  if (!kinds.length) return [];
  const docs = await db
    .selectFrom('documents')
    .select(['id', 'title', 'kind', 'wg_id', 'released_on', 'adopted_version_id'])
    .where('wg_id', 'in', groupIds)
    .where('adopted_version_id', 'is not', null)
    .where('kind', 'in', kinds)
    .where(vis(viewer, 'documents'))
    .orderBy('id')
    .execute();
  if (!docs.length) return [];
  const versionIds = docs.map((d) => d.adopted_version_id!);
  const [clauses, signoffs] = await Promise.all([
    db.selectFrom('clauses').select(['version_id', 'clause_key', 'track_id', 'text_en', 'position']).where('version_id', 'in', versionIds).where('status', '=', 'agreed').orderBy('position').execute(),
    db.selectFrom('signoffs').select(['version_id', 'signed_at']).where('version_id', 'in', versionIds).where('voided_at', 'is', null).execute(),
  ]);
  const out: AgreedClause[] = [];
  for (const d of docs) {
    const signed = signoffs
      .filter((s) => s.version_id === d.adopted_version_id)
      .map((s) => s.signed_at.slice(0, 10))
      .sort();
    // In force from adoption (the last sign-off); a document adopted with no recorded sign-off dates counts from its release.
    const effective = signed.length ? signed[signed.length - 1] : (d.released_on ?? '0000-01-01');
    for (const c of clauses.filter((x) => x.version_id === d.adopted_version_id)) {
      out.push({ documentId: d.id, documentTitle: d.title, documentKind: d.kind, wgId: d.wg_id!, effective, clauseKey: c.clause_key, trackId: c.track_id, text: c.text_en });
    }
  }
  return out;
}

interface ClauseLink {
  clause: AgreedClause;
  score: number;
  explicit: boolean;
}

/**
 * Which agreed clause speaks to which issue: a clause of the issue's group whose words match the
 * issue's title and keywords (issue-suggestion score ≥ the rule's minimum; a clause filed under a
 * track speaks only to that track's issues), or any clause of a document a position on the issue
 * names as its source (`doc-id` or `doc-id#clause-key`). One clause per document and issue: the
 * named one, else the best match.
 */
function linkClauses(clauses: AgreedClause[], issues: IssueInfo[], positionsOf: Map<string, PositionInfo[]>, rules: (wgId: string) => DisciplineRules): Map<string, ClauseLink[]> {
  const out = new Map<string, ClauseLink[]>();
  const best = new Map<string, ClauseLink>();
  if (!clauses.length) return out;
  for (const issue of issues) {
    const R = rules(issue.wg_id);
    const named = (positionsOf.get(issue.id) ?? []).filter((p) => p.source_kind === 'document' && p.source_ref).map((p) => p.source_ref!);
    for (const c of clauses.filter((x) => x.wgId === issue.wg_id)) {
      if (c.trackId && issue.track_id && c.trackId !== issue.track_id) continue;
      const [s] = suggestIssues({ quote: c.text, sentence: c.text }, [{ id: issue.id, title: issue.title, keywords: issue.keywords }]);
      const score = s?.score ?? 0;
      const explicit = named.includes(`${c.documentId}#${c.clauseKey}`);
      const docNamed = named.includes(c.documentId);
      if (!explicit && score < R.clauseMatchMinScore && !(docNamed && score > 0)) continue;
      const key = `${issue.id}|${c.documentId}`;
      const cur = best.get(key);
      const cand: ClauseLink = { clause: c, score, explicit: explicit || docNamed };
      if (!cur || (explicit && !named.includes(`${cur.clause.documentId}#${cur.clause.clauseKey}`)) || (!named.includes(`${cur.clause.documentId}#${cur.clause.clauseKey}`) && score > cur.score))
        best.set(key, cand);
    }
  }
  for (const [key, l] of best) {
    const issueId = key.split('|')[0];
    out.set(issueId, [...(out.get(issueId) ?? []), l]);
  }
  return out;
}

/** The stance a position sourced from the document records on the issue: the statement's own party's first, else any party's; latest on or before the day. */
function documentStance(positions: PositionInfo[], c: AgreedClause, issueId: string, partyId: string | null, day: string): PositionInfo | undefined {
  const named = positions.filter(
    (p) => p.issue_id === issueId && p.source_kind === 'document' && (p.source_ref === c.documentId || p.source_ref === `${c.documentId}#${c.clauseKey}`) && isStance(p.stance) && p.valid_from <= day,
  );
  const own = named.filter((p) => p.party_id === partyId);
  const pick = own.length ? own : named;
  return pick[pick.length - 1];
}

function summarise(findings: Finding[], from: string | undefined, to: string | undefined): DisciplineSummary {
  const totals = { ...zero(), total: findings.length };
  const byCheck = new Map<Check, GradeCounts>();
  const byParty = new Map<string, GradeCounts & { partyId: string | null; partyName: string | null }>();
  const byOrg = new Map<string, GradeCounts & { organisationId: string | null; organisationName: string | null; partyId: string | null }>();
  const byMonth = new Map<string, GradeCounts>();
  for (const f of findings) {
    totals[f.grade]++;
    const c = byCheck.get(f.check) ?? zero();
    c[f.grade]++;
    byCheck.set(f.check, c);
    const pk = f.subject.partyId ?? '';
    const p = byParty.get(pk) ?? { partyId: f.subject.partyId, partyName: f.subject.partyName, ...zero() };
    p[f.grade]++;
    byParty.set(pk, p);
    const ok = f.subject.organisationId ?? `|${f.subject.partyId ?? ''}`;
    const o = byOrg.get(ok) ?? { organisationId: f.subject.organisationId, organisationName: f.subject.organisationName, partyId: f.subject.partyId, ...zero() };
    o[f.grade]++;
    byOrg.set(ok, o);
    const m = f.subject.date.slice(0, 7);
    const mc = byMonth.get(m) ?? zero();
    mc[f.grade]++;
    byMonth.set(m, mc);
  }
  // Every month of the period (or of the findings) appears, so a quiet month shows as zero.
  const months = [...byMonth.keys()].sort();
  const first = from?.slice(0, 7) ?? months[0];
  const last = to?.slice(0, 7) ?? months[months.length - 1];
  const trend: DisciplineSummary['trend'] = [];
  if (first && last && first <= last) {
    let [y, mo] = first.split('-').map(Number);
    for (let i = 0; i < 1200; i++) {
      const key = `${y}-${String(mo).padStart(2, '0')}`;
      if (key > last) break;
      const c = byMonth.get(key) ?? zero();
      const total = GRADES.reduce((a, g) => a + c[g], 0);
      trend.push({ month: key, ...c, divergence: total ? Math.round(((c.nuance + c.contradiction) / total) * 1000) / 1000 : null });
      mo += 1;
      if (mo > 12) {
        mo = 1;
        y += 1;
      }
    }
  }
  const sortCounts = <T extends GradeCounts>(a: T, b: T) => b.contradiction - a.contradiction || b.nuance - a.nuance || b.consistent - a.consistent;
  return {
    totals,
    byCheck: CHECKS.filter((c) => byCheck.has(c)).map((check) => ({ check, ...byCheck.get(check)! })),
    byParty: [...byParty.values()].sort((a, b) => sortCounts(a, b) || String(a.partyId).localeCompare(String(b.partyId))),
    byOrganisation: [...byOrg.values()].sort((a, b) => sortCounts(a, b) || String(a.organisationId).localeCompare(String(b.organisationId))),
    trend,
  };
}
