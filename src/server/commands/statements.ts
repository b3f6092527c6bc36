import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, StatementRow } from '../db/tables.ts';
import { AppError, badRequest, forbidden } from '../errors.ts';
import { canCreateStatement, canLinkToGroupIssue, statementAbilities } from '../policies/statement.ts';
import { getVisible } from '../queries/visible.ts';
import { guardOf, newGuard } from './guard.ts';
import { checkDate, checkHttpUrl, patchFrom, pick } from './values.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type Tx } from './run.ts';
import type { AuditEntry } from '../audit/chain.ts';
import type { StatementCreateBody, StatementIssueInput, StatementUpdateBody } from '../../core/api/statements.ts';

type IssueLink = Static<typeof StatementIssueInput>;

/**
 * Checks the issues a statement is linked to: each one visible to the actor, listed once, and —
 * for a statement filed under a working group — an issue of that group. Shared with the review
 * queue, where a candidate's links are checked the same way before it becomes a statement.
 */
export async function checkIssueLinks(db: Kysely<Database>, actor: Actor, wgId: string | null, links: IssueLink[]): Promise<void> {
  const seen = new Set<string>();
  for (const [i, l] of links.entries()) {
    const field = `body.issues.${i}.issueId`;
    if (seen.has(l.issueId)) throw badRequest(field, `lists issue "${l.issueId}" twice`, 'duplicate');
    seen.add(l.issueId);
    const issue = await getVisible(db, actor, 'issues', l.issueId, 'Issue').catch(() => {
      throw badRequest(field, 'names no issue you can see', 'unknown_record');
    });
    if (wgId && issue.wg_id !== wgId) throw badRequest(field, 'belongs to another working group', 'other_working_group');
    if (!canLinkToGroupIssue(actor, issue.wg_id)) {
      throw new AppError('forbidden', `${field}: linking a statement to a working group's issue needs a member's role in that group`, { reason: 'not_permitted', field });
    }
  }
}

/**
 * Checks that the people, organisations and parties a statement names exist; `prefix` names
 * where the ids came from in the 400 (`body`, or `candidate` in the review queue).
 */
export async function checkSpeaker(db: Kysely<Database>, body: { speakerPersonId?: string | null; speakerOrgId?: string | null; partyId?: string | null }, prefix = 'body') {
  const person = body.speakerPersonId ? await db.selectFrom('people').select(['id', 'party_id']).where('id', '=', body.speakerPersonId).executeTakeFirst() : undefined;
  if (body.speakerPersonId && !person) throw badRequest(`${prefix}.speakerPersonId`, 'names no person', 'unknown_record');
  const org = body.speakerOrgId ? await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', body.speakerOrgId).executeTakeFirst() : undefined;
  if (body.speakerOrgId && !org) throw badRequest(`${prefix}.speakerOrgId`, 'names no organisation', 'unknown_record');
  if (body.partyId) {
    const party = await db.selectFrom('parties').select('id').where('id', '=', body.partyId).executeTakeFirst();
    if (!party) throw badRequest(`${prefix}.partyId`, 'names no party', 'unknown_record');
  }
  return { person, org };
}

const noSpeaker = () => badRequest('body.speakerPersonId', 'name the speaker: speakerPersonId, speakerOrgId, or speakerDescription for an anonymous speaker', 'required_here');

async function writeIssueLinks(tx: Tx, statementId: string, links: IssueLink[]) {
  await tx.deleteFrom('statement_issues').where('statement_id', '=', statementId).execute();
  if (links.length) {
    await tx
      .insertInto('statement_issues')
      .values(links.map((l) => ({ statement_id: statementId, issue_id: l.issueId, stance: l.stance ?? null })))
      .execute();
  }
}

/**
 * Records a statement: verbatim words, who said them, when, where, and the issues they speak
 * to. Public by default (what officials say on the record is a public record); the party is the
 * one asked for, else the speaking organisation's, else the speaking person's.
 */
export async function createStatement(ctx: ActingContext, body: Static<typeof StatementCreateBody>): Promise<string> {
  const { actor } = ctx;
  const db = ctx.store.db;
  let wgId: string | null = null;
  if (body.wgId) {
    const wg = await getVisible(db, actor, 'working_groups', body.wgId, 'Working group').catch(() => {
      throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
    });
    wgId = wg.id;
  }
  if (!canCreateStatement(actor, wgId)) throw forbidden('Only members, the secretariat and the chair of the working group may record statements under it', 'not_permitted');
  if (!body.speakerPersonId && !body.speakerOrgId && !body.speakerDescription?.trim()) throw noSpeaker();
  const { person, org } = await checkSpeaker(db, body);
  checkDate(body.saidOn, 'body.saidOn');
  if (body.sourceUrl) checkHttpUrl(body.sourceUrl, 'body.sourceUrl');
  const links = body.issues ?? [];
  await checkIssueLinks(db, actor, wgId, links);
  const guard = newGuard(actor, wgId, body, 'public');
  const t = now();
  const row: StatementRow = {
    id: newId(),
    wg_id: wgId,
    party_id: body.partyId ?? org?.party_id ?? person?.party_id ?? null,
    speaker_person_id: body.speakerPersonId ?? null,
    speaker_org_id: body.speakerOrgId ?? null,
    speaker_description: body.speakerDescription ?? null,
    said_on: body.saidOn,
    medium: body.medium,
    language: body.language,
    quote: body.quote,
    context: body.context ?? null,
    source_url: body.sourceUrl ?? null,
    source_title: body.sourceTitle ?? null,
    passage: body.passage ?? null,
    recorded_org_id: actor.orgId,
    recorded_by: actor.userId,
    recorded_via: 'entry',
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, (tx, audit) => insertStatement(tx, audit, row, links));
  return row.id;
}

/** Writes a checked statement with its issue links and its audit event, inside the caller's transaction. */
export async function insertStatement(tx: Tx, audit: (e: AuditEntry) => void, row: StatementRow, links: IssueLink[]): Promise<void> {
  await tx.insertInto('statements').values(row).execute();
  await writeIssueLinks(tx, row.id, links);
  audit({ action: 'statement.create', entityType: 'statement', entityId: row.id, after: { ...row, issues: links }, guard: guardOf(row) });
}

const COLUMNS: Record<string, string> = {
  partyId: 'party_id',
  speakerPersonId: 'speaker_person_id',
  speakerOrgId: 'speaker_org_id',
  speakerDescription: 'speaker_description',
  saidOn: 'said_on',
  medium: 'medium',
  language: 'language',
  quote: 'quote',
  context: 'context',
  sourceUrl: 'source_url',
  sourceTitle: 'source_title',
  passage: 'passage',
};

/** Corrects a statement (If-Match). Linked issues, when sent, replace the old links. */
export async function updateStatement(ctx: ActingContext, id: string, version: number, body: Static<typeof StatementUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const s = await getVisible(db, actor, 'statements', id, 'Statement');
  if (!statementAbilities(actor, s).update) throw forbidden('You may not change this statement', 'not_permitted');
  const patch = patchFrom(body, COLUMNS) as Partial<StatementRow>;
  const merged = { ...s, ...patch };
  if (!merged.speaker_person_id && !merged.speaker_org_id && !merged.speaker_description?.trim()) throw noSpeaker();
  await checkSpeaker(db, body);
  if (body.saidOn) checkDate(body.saidOn, 'body.saidOn');
  if (body.sourceUrl) checkHttpUrl(body.sourceUrl, 'body.sourceUrl');
  if (body.issues) await checkIssueLinks(db, actor, s.wg_id, body.issues);
  const oldLinks = body.issues ? await db.selectFrom('statement_issues').select(['issue_id', 'stance']).where('statement_id', '=', id).orderBy('issue_id').execute() : undefined;
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'statements', id, version, patch);
    if (body.issues) await writeIssueLinks(tx, id, body.issues);
    audit({
      action: 'statement.update',
      entityType: 'statement',
      entityId: id,
      before: { ...pick(s, Object.keys(patch)), ...(oldLinks ? { issues: oldLinks } : {}) },
      after: { ...patch, ...(body.issues ? { issues: body.issues } : {}) },
      guard: guardOf(s),
    });
  });
}
