import type { Actor } from '../auth/actor.ts';
import type { CommitmentRow } from '../db/tables.ts';
import { canContribute, canManageGroup } from './group-role.ts';
import type { COMMITMENT_ABILITIES, COMMITMENT_STATES } from '../../core/api/commitments.ts';

export type CommitmentAbilities = Record<(typeof COMMITMENT_ABILITIES)[number], boolean>;

export type CommitmentState = (typeof COMMITMENT_STATES)[number];

/** The chair and secretariat of a working group record the commitments made in it. */
export const canCreateCommitment = (actor: Actor, wgId: string | null): boolean => canManageGroup(actor, wgId);

/**
 * What an actor may do with a commitment they can see. The group's chair and secretariat edit
 * it. Progress is reported by members (and above) of the group whose government is a party of
 * the group, always for their own party and organisation: one government never reports for the
 * other.
 */
export function commitmentAbilities(actor: Actor, c: Pick<CommitmentRow, 'wg_id'>, groupPartyIds: readonly string[]): CommitmentAbilities {
  return { update: canManageGroup(actor, c.wg_id), report: canContribute(actor, c.wg_id) && groupPartyIds.includes(actor.partyId) };
}

export interface CommitmentFlags {
  /** Not done: no party has reported yet, or some reporting party's latest status is not `done`. */
  open: boolean;
  /** Every party that has reported says, in its latest report, `done` (and at least one has). */
  done: boolean;
  /** At least two parties have reported and their latest statuses are not all the same. */
  disputed: boolean;
  /** Open, with a due date before today. */
  overdue: boolean;
  /** One word for lists: disputed, else overdue, else open, else done. */
  state: CommitmentState;
}

/**
 * The state of a commitment from each party's latest progress report (latest by reported_on,
 * then by when it was recorded). The rule, precisely:
 * - `disputed` ⇔ two or more parties have reported and their latest statuses differ — e.g. the
 *   ROK says `done` while the US says `in_progress`, or one says `blocked` and the other
 *   `at_risk`. A party that has not reported is not in dispute with anyone.
 * - `done` ⇔ at least one party has reported and every reporting party's latest status is
 *   `done` (so a dispute is never done); `open` ⇔ not done (no report at all counts as open).
 * - `overdue` ⇔ open and `due_on` < today (dates compared as YYYY-MM-DD; no due date, never
 *   overdue).
 */
export function commitmentFlags(latestStatuses: readonly string[], dueOn: string | null, today: string): CommitmentFlags {
  const distinct = new Set(latestStatuses);
  const disputed = latestStatuses.length >= 2 && distinct.size > 1;
  const done = latestStatuses.length > 0 && distinct.size === 1 && distinct.has('done');
  const open = !done;
  const overdue = open && dueOn !== null && dueOn < today;
  const state: CommitmentState = disputed ? 'disputed' : overdue ? 'overdue' : open ? 'open' : 'done';
  return { open, done, disputed, overdue, state };
}
