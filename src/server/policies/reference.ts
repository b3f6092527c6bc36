import type { Actor } from '../auth/actor.ts';
import { forbidden } from '../errors.ts';
import { REFERENCE_ABILITIES } from '../../core/api/reference.ts';

export type ReferenceAbilities = Record<(typeof REFERENCE_ABILITIES)[number], boolean>;

/**
 * Reference data (parties, organisations, people) is readable by every signed-in user and
 * written by system administrators only: it is the shared map both parties work from.
 */
export const referenceAbilities = (actor: Actor): ReferenceAbilities => ({ update: actor.isAdmin });

/** 403 unless the actor is a system administrator. */
export function requireAdmin(actor: Actor, what = 'do this'): void {
  if (!actor.isAdmin) throw forbidden(`Only a system administrator may ${what}`);
}
