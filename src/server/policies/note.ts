import type { Actor } from '../auth/actor.ts';
import type { NoteRow } from '../db/tables.ts';
import type { Scope } from '../../core/vocabulary.ts';
import { hasAnyRole } from './group-role.ts';
import type { NOTE_TARGETS, NOTE_ABILITIES } from '../../core/api/notes.ts';

export type NoteTargetType = keyof typeof NOTE_TARGETS;

export type NoteAbilities = Record<(typeof NOTE_ABILITIES)[number], boolean>;

/** A note is its organisation's own: only that organisation's users change it. */
export const noteAbilities = (actor: Actor, n: Pick<NoteRow, 'owner_org_id'>): NoteAbilities => ({ update: n.owner_org_id === actor.orgId });

/** Anyone with a role in the record's working group, or a user of the organisation that owns the record, may note on it. */
export const canAddNote = (actor: Actor, target: { wgId: string | null; ownerOrgId: string }): boolean => hasAnyRole(actor, target.wgId) || target.ownerOrgId === actor.orgId;

/**
 * The scopes a note on a record may take: never wider than the record's own audience, so a
 * note cannot carry what it says about a record to people who may not see the record. (Group
 * and party audiences are not nested, so a note on a group record cannot be party-wide, nor the
 * other way round.)
 */
export function noteScopesFor(targetScope: string): Scope[] {
  switch (targetScope) {
    case 'public':
      return ['organisation', 'party', 'group', 'public'];
    case 'group':
      return ['organisation', 'group'];
    case 'party':
      return ['organisation', 'party'];
    default:
      return ['organisation'];
  }
}
