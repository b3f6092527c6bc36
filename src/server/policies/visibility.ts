import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Scope } from '../../core/vocabulary.ts';

/**
 * The one visibility rule of Concord, for every guarded record (and the audit events about it):
 * the record's classification must not exceed the user's clearance, and its scope must admit the
 * user's organisation:
 * - public: everyone signed in;
 * - group: the member organisations of the record's working group (and the owner);
 * - party: the organisations of the owning government;
 * - organisation: the owning organisation only.
 * `visibleTo` is the SQL form used by every list and load; `canSee` is the same rule in memory,
 * and a property test holds the two equal.
 */
export function visibleTo(actor: Pick<Actor, 'clearance' | 'partyId' | 'orgId'>, table: string): RawBuilder<boolean> {
  const c = (col: string) => sql.ref(`${table}.${col}`);
  return sql<boolean>`(${c('classification')} <= ${actor.clearance} and (
    ${c('scope')} = 'public'
    or (${c('scope')} = 'party' and ${c('owner_party_id')} = ${actor.partyId})
    or (${c('scope')} = 'organisation' and ${c('owner_org_id')} = ${actor.orgId})
    or (${c('scope')} = 'group' and (${c('owner_org_id')} = ${actor.orgId}
        or ${c('wg_id')} in (select wm.wg_id from wg_members wm where wm.organisation_id = ${actor.orgId} and wm.participation = 'member')))
  ))`;
}

/**
 * The same rule as `visibleTo`, with the user as columns of the query instead of one actor: the
 * users (alias `u`, with their organisation as `uo`) who may see the record in `table`. For
 * choosing who is told of a record (notify/), so that a notification never reaches a user who
 * could not open its record.
 */
export function visibleToUsers(table: string, u = 'u', uo = 'uo'): RawBuilder<boolean> {
  const c = (col: string) => sql.ref(`${table}.${col}`);
  const user = (col: string) => sql.ref(`${u}.${col}`);
  return sql<boolean>`(${c('classification')} <= ${user('clearance')} and (
    ${c('scope')} = 'public'
    or (${c('scope')} = 'party' and ${c('owner_party_id')} = ${sql.ref(`${uo}.party_id`)})
    or (${c('scope')} = 'organisation' and ${c('owner_org_id')} = ${user('organisation_id')})
    or (${c('scope')} = 'group' and (${c('owner_org_id')} = ${user('organisation_id')}
        or ${c('wg_id')} in (select wm.wg_id from wg_members wm where wm.organisation_id = ${user('organisation_id')} and wm.participation = 'member')))
  ))`;
}

export interface GuardFields {
  owner_org_id: string;
  owner_party_id: string;
  scope: Scope;
  classification: number;
  wg_id: string | null;
}

/** In-memory twin of `visibleTo`; `memberWgIds` are the groups the actor's organisation belongs to. */
export function canSee(actor: Actor, memberWgIds: ReadonlySet<string>, r: GuardFields): boolean {
  if (r.classification > actor.clearance) return false;
  switch (r.scope) {
    case 'public':
      return true;
    case 'party':
      return r.owner_party_id === actor.partyId;
    case 'organisation':
      return r.owner_org_id === actor.orgId;
    case 'group':
      return r.owner_org_id === actor.orgId || (r.wg_id !== null && memberWgIds.has(r.wg_id));
    default:
      return false;
  }
}

/**
 * Whether the actor may mark a record at this classification: not above their own clearance
 * (they could not read it back).
 */
export const canMarkAt = (actor: Pick<Actor, 'clearance'>, classification: number): boolean => classification <= actor.clearance;

/**
 * Proposals of a working group (`wg_proposals`) are records of the group under the rule above;
 * besides, a party a proposal invites into the group sees that proposal (and nothing else of the
 * group) from the moment every party already in it has approved, so that it can approve or
 * decline in turn, and keeps seeing what became of it.
 */
export function proposalVisibleTo(actor: Pick<Actor, 'clearance' | 'partyId' | 'orgId'>, table = 'wg_proposals'): RawBuilder<boolean> {
  const c = (col: string) => sql.ref(`${table}.${col}`);
  return sql<boolean>`(${visibleTo(actor, table)} or (${c('classification')} <= ${actor.clearance} and ${c('invitation_open')} = 1 and ${c('invited_party_id')} = ${actor.partyId}))`;
}

/** In-memory twin of `proposalVisibleTo`. */
export function canSeeProposal(actor: Actor, memberWgIds: ReadonlySet<string>, r: GuardFields & { invitation_open: number; invited_party_id: string | null }): boolean {
  if (canSee(actor, memberWgIds, r)) return true;
  return r.classification <= actor.clearance && r.invitation_open === 1 && r.invited_party_id === actor.partyId;
}

/**
 * A position is shown only with its issue: one on an issue the reader may not see is hidden
 * whole (it makes no sense without the issue, and would name the issue's id), as the alignment
 * figures, which count only positions on visible issues, already treat it. True when the row at
 * `alias` is on an issue the actor may see.
 */
export const onVisibleIssue = (actor: Pick<Actor, 'clearance' | 'partyId' | 'orgId'>, alias: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from issues vi where vi.id = ${sql.ref(`${alias}.issue_id`)} and ${visibleTo(actor, 'vi')})`;
