import type { Actor } from '../auth/actor.ts';
import type { Guarded } from '../db/tables.ts';
import { CLASSIFICATIONS, type Classification, type Scope } from '../../core/vocabulary.ts';
import { badRequest } from '../errors.ts';
import { canMarkAt, type GuardFields } from '../policies/visibility.ts';

export interface AccessRequest {
  scope?: Scope;
  classification?: Classification;
}

/**
 * The guard of a new record: owned by the actor's organisation and government, with the scope
 * and marking asked for. A user cannot mark a record above their own clearance (they could not
 * read it back), and a group-scoped record needs a working group.
 */
export function newGuard(actor: Actor, wgId: string | null, req: AccessRequest, defaultScope: Scope = 'group'): Guarded {
  const scope = req.scope ?? defaultScope;
  const classification = CLASSIFICATIONS.indexOf(req.classification ?? 'unclassified');
  if (!canMarkAt(actor, classification)) throw badRequest('body.classification', `is above your clearance (${CLASSIFICATIONS[actor.clearance]})`, 'above_clearance');
  if (scope === 'group' && !wgId) throw badRequest('body.scope', 'group scope needs a working group', 'scope_needs_group');
  return { owner_org_id: actor.orgId, owner_party_id: actor.partyId, scope, classification };
}

export const guardOf = (r: Guarded & { wg_id?: string | null }): GuardFields => ({
  owner_org_id: r.owner_org_id,
  owner_party_id: r.owner_party_id,
  scope: r.scope,
  classification: Number(r.classification),
  wg_id: r.wg_id ?? null,
});

/** The guard of an event about a user (an account, a sign-in, a token): their organisation sees it. */
export const userGuard = (orgId: string, partyId: string): GuardFields => ({ owner_org_id: orgId, owner_party_id: partyId, scope: 'organisation', classification: 0, wg_id: null });
