import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import { noteAbilities } from '../policies/note.ts';
import type { NoteWithAuthor } from '../queries/notes.ts';
import { presentAccess } from './access.ts';
import type { NoteSchema } from '../../core/api/notes.ts';

export const presentNote = (actor: Actor, n: NoteWithAuthor): Static<typeof NoteSchema> => ({
  id: n.id,
  version: Number(n.version),
  entityType: n.entity_type,
  entityId: n.entity_id,
  wgId: n.wg_id,
  body: n.body,
  createdBy: n.created_by,
  createdByName: n.author_name,
  createdAt: n.created_at,
  updatedAt: n.updated_at,
  access: presentAccess(n),
  abilities: noteAbilities(actor, n),
});
