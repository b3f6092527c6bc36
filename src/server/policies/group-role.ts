import type { Actor } from '../auth/actor.ts';
import type { GroupRole } from '../../core/vocabulary.ts';

/** The actor's role in a working group, if any. */
export const roleIn = (actor: Actor, wgId: string | null | undefined): GroupRole | undefined => (wgId ? actor.roles[wgId] : undefined);

/** Chairs and secretariats run the group's record: meetings, agendas, documents, projects. */
export const canManageGroup = (actor: Actor, wgId: string | null | undefined): boolean => {
  const r = roleIn(actor, wgId);
  return r === 'chair' || r === 'secretariat';
};

/** Members (and above) contribute their organisation's own entries: positions, statements, replies, reports. */
export const canContribute = (actor: Actor, wgId: string | null | undefined): boolean => {
  const r = roleIn(actor, wgId);
  return r === 'chair' || r === 'secretariat' || r === 'member';
};

/** Observers and above read the group's record; that is all an observer may do. */
export const hasAnyRole = (actor: Actor, wgId: string | null | undefined): boolean => roleIn(actor, wgId) !== undefined;
