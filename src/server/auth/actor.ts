import type { Kysely } from 'kysely';
import type { GroupRole } from '../../core/vocabulary.ts';
import type { Database } from '../db/tables.ts';
import { prepared } from '../db/prepared.ts';

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

const userById = prepared((db, a: { id: string }) =>
  db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.organisation_id', 'organisations.party_id', 'users.clearance', 'users.is_admin', 'users.locale', 'users.disabled'])
    .where('users.id', '=', a.id),
);
const rolesOf = prepared((db, a: { id: string }) => db.selectFrom('wg_user_roles').select(['wg_id', 'role']).where('user_id', '=', a.id));

/** Loads the actor for a user id, or undefined when the user does not exist or is disabled. */
export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | undefined> {
  const u = await userById.first(db, { id: userId });
  if (!u || u.disabled) return undefined;
  const roles = await rolesOf.execute(db, { id: userId });
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
