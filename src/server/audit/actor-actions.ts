import type { AuditAction } from './events.ts';

/**
 * The audit actions that can change who a user is or what they may do. The actor cache is kept
 * until one of these happens (on SQLite, or any commit of another process: it cannot tell them apart); the audit list being closed, a new
 * kind of write cannot slip past this set without a reader of this file seeing it.
 *
 * On PostgreSQL the auth marker is the newest of these events in the chain, read by the function
 * `concord_markers` (migration 029) through a partial index on exactly this list (migration 028,
 * `audit_actor_changes`); a change to the list needs a new migration remaking both
 * (audit/seal.test.ts fails until it is made).
 */
export const ACTOR_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'session.sign_out',
  'session.revoke',
  'user.password_change',
  'user.password_reset',
  // Adding a passkey lifts a session's limit to enrolment (commands/passkeys.ts).
  'passkey.add',
  'organisation.create',
  'organisation.update',
  'party.update',
  'working_group.create',
  'working_group.update',
  'working_group.member_set',
  'working_group.role_set',
  'proposal.approve',
  'proposal.apply',
  'proposal.decline',
  'proposal.withdraw',
  'store.import',
  'store.demo_load',
]);

/** The list as SQL text (the actions are fixed words of the code, not input). */
export const ACTOR_ACTIONS_SQL = [...ACTOR_ACTIONS].map((a) => `'${a}'`).join(', ');
