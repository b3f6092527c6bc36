import type { Kysely } from 'kysely';
import type { GroupRole } from '../../core/vocabulary.ts';
import type { Database } from '../db/tables.ts';

/** The signed-in user as every policy and query sees them. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  orgId: string;
  partyId: string;
  clearance: number;
  isAdmin: boolean;
  locale: string;
  /** The user's role in each working group they hold one in. */
  roles: Record<string, GroupRole>;
}

/** Loads the actor for a user id, or undefined when the user does not exist or is disabled. */
export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | undefined> {
  const u = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.organisation_id', 'organisations.party_id', 'users.clearance', 'users.is_admin', 'users.locale', 'users.disabled'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!u || u.disabled) return undefined;
  const roles = await db.selectFrom('wg_user_roles').select(['wg_id', 'role']).where('user_id', '=', userId).execute();
  return {
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    orgId: u.organisation_id,
    partyId: u.party_id,
    clearance: Number(u.clearance),
    isAdmin: Boolean(u.is_admin),
    locale: u.locale,
    roles: Object.fromEntries(roles.map((r) => [r.wg_id, r.role as GroupRole])),
  };
}
