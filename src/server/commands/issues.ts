import type { Static } from 'typebox';
import type { IssueRow } from '../db/tables.ts';
import { AppError, badRequest, forbidden } from '../errors.ts';
import { canCreateIssue, issueAbilities } from '../policies/issue.ts';
import { getVisible } from '../queries/visible.ts';
import type { IssueCreateBody, IssueUpdateBody } from '../../core/api/issues.ts';
import { guardOf, newGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type CommandContext } from './run.ts';
import { patchFrom, pick } from './values.ts';

/** Keywords trimmed, without repeats (any case), kept in the order given; stored as JSON text. */
const keywordsJson = (keywords: string[]): string => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keywords.map((x) => x.trim()).filter(Boolean)) {
    if (seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    out.push(k);
  }
  return JSON.stringify(out);
};

async function checkTrack(ctx: CommandContext, wgId: string, trackId: string) {
  const tr = await ctx.store.db.selectFrom('tracks').select('id').where('id', '=', trackId).where('wg_id', '=', wgId).executeTakeFirst();
  if (!tr) throw badRequest('body.trackId', 'names no track of this working group', 'unknown_record');
}

async function ensureUniqueCode(ctx: CommandContext, wgId: string, code: string, exceptId?: string) {
  let q = ctx.store.db.selectFrom('issues').select('id').where('wg_id', '=', wgId).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('conflict', `The group already has an issue with code ${code}`, { reason: 'duplicate', field: 'body.code' });
}

/** Opens an issue on a group's list (its chair or secretariat). */
export async function createIssue(ctx: ActingContext, body: Static<typeof IssueCreateBody>): Promise<string> {
  const { actor } = ctx;
  const wg = await getVisible(ctx.store.db, actor, 'working_groups', body.wgId, 'Working group').catch(() => {
    throw badRequest('body.wgId', 'names no working group you can see', 'unknown_record');
  });
  if (!canCreateIssue(actor, wg.id)) throw forbidden('Only the chair or secretariat of the working group may open issues', 'not_permitted');
  if (body.trackId) await checkTrack(ctx, wg.id, body.trackId);
  if (body.code) await ensureUniqueCode(ctx, wg.id, body.code);
  const guard = newGuard(actor, wg.id, body);
  const t = now();
  const row: IssueRow = {
    id: newId(),
    wg_id: wg.id,
    track_id: body.trackId ?? null,
    code: body.code ?? null,
    title: body.title,
    title_ko: body.titleKo ?? null,
    description: body.description ?? null,
    keywords: keywordsJson(body.keywords ?? []),
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('issues').values(row).execute();
    audit({ action: 'issue.create', entityType: 'issue', entityId: row.id, after: row, guard: guardOf(row) });
  });
  return row.id;
}

export async function updateIssue(ctx: ActingContext, id: string, version: number, body: Static<typeof IssueUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const issue = await getVisible(ctx.store.db, actor, 'issues', id, 'Issue');
  if (!issueAbilities(actor, issue).update) throw forbidden('Only the chair or secretariat of the working group may change issues', 'not_permitted');
  if (body.trackId) await checkTrack(ctx, issue.wg_id, body.trackId);
  if (body.code) await ensureUniqueCode(ctx, issue.wg_id, body.code, id);
  const patch = patchFrom(body, { trackId: 'track_id', code: 'code', title: 'title', titleKo: 'title_ko', description: 'description' });
  if (body.keywords) patch.keywords = keywordsJson(body.keywords);
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'issues', id, version, patch);
    audit({ action: 'issue.update', entityType: 'issue', entityId: id, before: pick(issue, Object.keys(patch)), after: patch, guard: guardOf(issue) });
  });
}
