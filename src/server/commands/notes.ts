import type { Static } from 'typebox';
import type { NoteRow } from '../db/tables.ts';
import { CLASSIFICATIONS, type Scope } from '../../core/vocabulary.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { canAddNote, noteAbilities, noteScopesFor } from '../policies/note.ts';
import { canMarkAt } from '../policies/visibility.ts';
import { getTarget, getVisibleTarget, type NoteTarget } from '../queries/notes.ts';
import { getVisible } from '../queries/visible.ts';
import type { NoteCreateBody, NoteUpdateBody } from '../../core/api/notes.ts';
import { guardOf, newGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext } from './run.ts';
import { pick } from './values.ts';

/** A note stays within its record's audience and at least at its record's marking. */
function checkContainment(target: NoteTarget, scope: string, classification: number) {
  const allowed = noteScopesFor(target.scope);
  if (!allowed.includes(scope as Scope)) throw badRequest('body.scope', `must be one of ${allowed.join(', ')} on a record scoped ${target.scope}`, 'scope_wider_than_record');
  if (classification < target.classification) throw badRequest('body.classification', `is below the record's marking (${CLASSIFICATIONS[target.classification]})`, 'below_marking');
}

/** Keeps an internal note on a record; by default only the writer's organisation sees it. */
export async function addNote(ctx: ActingContext, body: Static<typeof NoteCreateBody>): Promise<string> {
  const { actor } = ctx;
  const target = await getVisibleTarget(ctx.store.db, actor, body.entityType, body.entityId).catch(() => {
    throw badRequest('body.entityId', `names no ${body.entityType.replace('_', ' ')} you can see`, 'unknown_record');
  });
  if (!canAddNote(actor, target)) throw forbidden("Only users with a role in the record's working group, or of the organisation that owns it, may note on it", 'not_permitted');
  const guard = newGuard(actor, target.wgId, { scope: body.scope, classification: body.classification ?? CLASSIFICATIONS[target.classification] }, 'organisation');
  checkContainment(target, guard.scope, guard.classification);
  const t = now();
  const row: NoteRow = {
    id: newId(),
    wg_id: target.wgId,
    entity_type: body.entityType,
    entity_id: body.entityId,
    body: body.body,
    created_by: actor.userId,
    ...guard,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await runCommand(ctx, async (tx, audit) => {
    await tx.insertInto('notes').values(row).execute();
    audit({ action: 'note.create', entityType: 'note', entityId: row.id, after: row, guard: guardOf(row) });
  });
  return row.id;
}

/** Changes a note (its organisation's users only): text, and scope or marking within the record's. */
export async function updateNote(ctx: ActingContext, id: string, version: number, body: Static<typeof NoteUpdateBody>): Promise<void> {
  const { actor } = ctx;
  const n = await getVisible(ctx.store.db, actor, 'notes', id, 'Note');
  if (!noteAbilities(actor, n).update) throw forbidden("Only the note's organisation may change it", 'not_permitted');
  const patch: Partial<NoteRow> = {};
  if (body.body !== undefined) patch.body = body.body;
  if (body.scope !== undefined) patch.scope = body.scope;
  if (body.classification !== undefined) {
    patch.classification = CLASSIFICATIONS.indexOf(body.classification);
    if (!canMarkAt(actor, patch.classification)) throw badRequest('body.classification', `is above your clearance (${CLASSIFICATIONS[actor.clearance]})`, 'above_clearance');
  }
  if (patch.scope === 'group' && !n.wg_id) throw badRequest('body.scope', 'group scope needs a working group', 'scope_needs_group');
  if (patch.scope !== undefined || patch.classification !== undefined) {
    const target = await getTarget(ctx.store.db, n.entity_type, n.entity_id);
    if (!target) throw notFound('The record this note is on');
    checkContainment(target, patch.scope ?? n.scope, patch.classification ?? Number(n.classification));
  }
  // A change of audience is recorded where both the old and the new audience could see it: the
  // note's own organisation (inside every scope), at the higher of the two markings.
  const reguarded = patch.scope !== undefined || patch.classification !== undefined;
  const guard = reguarded ? { ...guardOf(n), scope: 'organisation' as const, classification: Math.max(Number(n.classification), patch.classification ?? 0) } : guardOf(n);
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'notes', id, version, patch);
    audit({ action: 'note.update', entityType: 'note', entityId: id, before: pick(n, Object.keys(patch)), after: patch, guard });
  });
}
