import type { Actor } from '../auth/actor.ts';
import { isAdministrator } from './admin.ts';
import type { REFERENCE_ABILITIES } from '../../core/api/reference.ts';

export type ReferenceAbilities = Record<(typeof REFERENCE_ABILITIES)[number], boolean>;

/**
 * Reference data (parties, organisations, people) is readable by every signed-in user and
 * written by system administrators only (`requireAdmin` in `admin.ts`): it is the shared map both
 * parties work from.
 */
export const referenceAbilities = (actor: Actor): ReferenceAbilities => ({ update: isAdministrator(actor) });
