import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

/**
 * The pending access requests of one party (the caller's: an administrator sees their own party's
 * only), oldest first, each with the account of that party that has its e-mail, if any (approval
 * links the sign-in to it).
 */
export async function findAccessRequests(db: Kysely<Database>, partyId: string, limit = 500) {
  return db
    .selectFrom('access_requests')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('users')
          .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
          .select(['users.id as existing_user_id', 'users.email as existing_email'])
          .where('organisations.party_id', '=', partyId)
          .as('existing'),
      (join) => join.onRef('existing.existing_email', '=', 'access_requests.email'),
    )
    .selectAll('access_requests')
    .select('existing.existing_user_id')
    .where('access_requests.party_id', '=', partyId)
    .where('access_requests.status', '=', 'pending')
    .orderBy('access_requests.created_at')
    .orderBy('access_requests.id')
    .limit(limit)
    .execute();
}

/** The account (with its party and whether disabled) that has this e-mail, if any. */
export async function accountByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.disabled', 'users.organisation_id', 'organisations.party_id'])
    .where('users.email', '=', email)
    .executeTakeFirst();
}
