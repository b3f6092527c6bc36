import type { Actor } from '../auth/actor.ts';
import type { DocumentRow } from '../db/tables.ts';
import { canManageGroup } from './group-role.ts';
import type { DOCUMENT_ABILITIES } from '../../core/api/documents.ts';

export type DocumentAbilities = Record<(typeof DOCUMENT_ABILITIES)[number], boolean>;

/** The chair and secretariat of a working group draft its joint documents. */
export const canCreateDocument = (actor: Actor, wgId: string): boolean => canManageGroup(actor, wgId);

/**
 * What an actor may do with a joint document they can see. The group's chair and secretariat
 * edit it and put forward new versions. Signing off is for a chair or secretariat whose own
 * government is a party of the group: a sign-off is given for a party, never for an
 * organisation, and only a party to the group can bind itself. (`signOff` says the actor may
 * sign in principle; whether the latest text can be signed now — no brackets, not yet signed by
 * their party — is decided when they try, with a 409 that says why not.)
 */
export function documentAbilities(actor: Actor, d: Pick<DocumentRow, 'wg_id'>, groupPartyIds: readonly string[]): DocumentAbilities {
  const manage = canManageGroup(actor, d.wg_id);
  return { update: manage, createVersion: manage, signOff: manage && groupPartyIds.includes(actor.partyId) };
}

/**
 * A document is adopted on a version when every party of its working group holds a live (not
 * voided) sign-off on that same version. A group without parties adopts nothing.
 */
export function adoptsVersion(groupPartyIds: readonly string[], liveSignerPartyIds: readonly string[]): boolean {
  const signed = new Set(liveSignerPartyIds);
  return groupPartyIds.length > 0 && groupPartyIds.every((p) => signed.has(p));
}
