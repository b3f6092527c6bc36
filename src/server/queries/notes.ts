import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database, NoteRow } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { NOTE_TARGETS } from '../../core/api/notes.ts';
import type { NoteTargetType } from '../policies/note.ts';
import { visibleTo } from '../policies/visibility.ts';
import { getVisible, visibleIdsAmong } from './visible.ts';
import { getPosition } from './positions.ts';

export interface NoteTarget {
  type: NoteTargetType;
  id: string;
  wgId: string | null;
  ownerOrgId: string;
  scope: string;
  classification: number;
}

const LABELS: Record<NoteTargetType, string> = {
  working_group: 'Working group',
  meeting: 'Meeting',
  issue: 'Issue',
  position: 'Position',
  statement: 'Statement',
  document: 'Document',
  commitment: 'Commitment',
  project: 'Project',
};

const toTarget = (type: NoteTargetType, r: { id: string; owner_org_id: string; scope: string; classification: number; wg_id?: string | null }): NoteTarget => ({
  type,
  id: r.id,
  wgId: type === 'working_group' ? r.id : (r.wg_id ?? null),
  ownerOrgId: r.owner_org_id,
  scope: r.scope,
  classification: Number(r.classification),
});

/** The record a note is on, if the actor may see it (else 404, as for the record itself). */
export async function getVisibleTarget(db: Kysely<Database>, actor: Actor, type: NoteTargetType, id: string): Promise<NoteTarget> {
  // A position is seen only with its issue (getPosition), so notes on it too.
  const r = type === 'position' ? await getPosition(db, actor, id) : await getVisible(db, actor, NOTE_TARGETS[type], id, LABELS[type]);
  return toTarget(type, r);
}

/** The record a note is on, whoever may see it: for checks on a note the actor already holds. */
export async function getTarget(db: Kysely<Database>, type: NoteTargetType, id: string): Promise<NoteTarget | undefined> {
  // biome-ignore lint/suspicious/noExplicitAny: the table is chosen at run time from the note target type
  const r = await (db as Kysely<any>).selectFrom(NOTE_TARGETS[type]).selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTarget(type, r as Parameters<typeof toTarget>[1]) : undefined;
}

export type NoteWithAuthor = NoteRow & { author_name: string | null };

/** The notes the actor may see on one record they may see, oldest first. */
export async function findNotes(db: Kysely<Database>, actor: Actor, type: NoteTargetType, entityId: string): Promise<NoteWithAuthor[]> {
  await getVisibleTarget(db, actor, type, entityId);
  return db
    .selectFrom('notes')
    .leftJoin('users', 'users.id', 'notes.created_by')
    .selectAll('notes')
    .select('users.display_name as author_name')
    .where('notes.entity_type', '=', type)
    .where('notes.entity_id', '=', entityId)
    .where(visibleTo(actor, 'notes'))
    .orderBy('notes.created_at')
    .orderBy('notes.id')
    .execute();
}

export async function getNote(db: Kysely<Database>, actor: Actor, id: string): Promise<NoteWithAuthor> {
  const n = await db
    .selectFrom('notes')
    .leftJoin('users', 'users.id', 'notes.created_by')
    .selectAll('notes')
    .select('users.display_name as author_name')
    .where('notes.id', '=', id)
    .where(visibleTo(actor, 'notes'))
    .executeTakeFirst();
  if (!n) throw notFound('Note');
  // A note is shown only with the record it is on: it makes no sense without it, and would name its id.
  const type = n.entity_type as NoteTargetType;
  if (!NOTE_TARGETS[type] || !(await visibleIdsAmong(db, actor, NOTE_TARGETS[type], [n.entity_id])).size) throw notFound('Note');
  if (type === 'position')
    await getPosition(db, actor, n.entity_id).catch(() => {
      throw notFound('Note');
    });
  return n;
}
