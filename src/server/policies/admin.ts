import type { Actor } from '../auth/actor.ts';
import { forbidden } from '../errors.ts';

/**
 * System administrators keep the shared map (parties, organisations, people), found working
 * groups, verify the audit chain, and manage their own party's accounts (`user.ts`). Being one
 * grants no clearance and no role in any group: what an administrator sees and does inside a
 * working group follows the same rules as for everyone else, except where a policy names them.
 */
export const isAdministrator = (actor: Actor): boolean => actor.isAdmin;

/** The one administrator guard: 403 unless the actor is a system administrator. */
export function requireAdmin(actor: Actor, what = 'do this'): void {
  if (!isAdministrator(actor)) throw forbidden(`Only a system administrator may ${what}`);
}
