import type { GroupRole } from '../../core/vocabulary.ts';
import { sql, type Kysely } from 'kysely';
import type { ClearanceRequestRow, Database } from '../db/tables.ts';
import { notFound } from '../errors.ts';

export interface UserFilter {
  organisationId?: string;
  q?: string;
  /** The administrator's party: only its users are listed (administration is by party). */
  partyId: string;
}

const base = (db: Kysely<Database>) =>
  db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.version',
      'users.email',
      'users.display_name',
      'users.organisation_id',
      'organisations.party_id',
      'users.clearance',
      'users.is_admin',
      'users.locale',
      'users.disabled',
      'users.created_at',
    ]);

export type UserListRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number] & {
  roles: Record<string, GroupRole>;
  pending: Pick<ClearanceRequestRow, 'id' | 'clearance' | 'requested_by' | 'created_at'> | null;
};

async function withRoles(db: Kysely<Database>, rows: Awaited<ReturnType<ReturnType<typeof base>['execute']>>): Promise<UserListRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await db.selectFrom('wg_user_roles').selectAll().where('user_id', 'in', ids).execute();
  const pending = await db.selectFrom('clearance_requests').select(['id', 'user_id', 'clearance', 'requested_by', 'created_at']).where('user_id', 'in', ids).where('status', '=', 'pending').execute();
  return rows.map((r) => {
    const p = pending.find((x) => x.user_id === r.id);
    return {
      ...r,
      roles: Object.fromEntries(roles.filter((x) => x.user_id === r.id).map((x) => [x.wg_id, x.role])),
      pending: p ? { id: p.id, clearance: Number(p.clearance), requested_by: p.requested_by, created_at: p.created_at } : null,
    };
  });
}

/** Pending requests to raise clearance of the users of one party, oldest first. */
export async function findClearanceRequests(db: Kysely<Database>, partyId: string) {
  return db
    .selectFrom('clearance_requests')
    .innerJoin('users', 'users.id', 'clearance_requests.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('clearance_requests')
    .select(['users.email', 'users.display_name'])
    .where('organisations.party_id', '=', partyId)
    .where('clearance_requests.status', '=', 'pending')
    .orderBy('clearance_requests.created_at')
    .orderBy('clearance_requests.id')
    .execute();
}

/** Accounts for the administrators' user list (never the password hash). */
export async function findUsers(db: Kysely<Database>, f: UserFilter): Promise<UserListRow[]> {
  let q = base(db).where('organisations.party_id', '=', f.partyId);
  if (f.organisationId) q = q.where('users.organisation_id', '=', f.organisationId);
  if (f.q) {
    const pat = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(lower(users.email) like ${pat} escape '\\' or lower(users.display_name) like ${pat} escape '\\')`);
  }
  return withRoles(db, await q.orderBy('users.email').execute());
}

export async function getUser(db: Kysely<Database>, id: string, partyId: string): Promise<UserListRow> {
  const u = await base(db).where('users.id', '=', id).where('organisations.party_id', '=', partyId).executeTakeFirst();
  if (!u) throw notFound('User');
  return (await withRoles(db, [u]))[0];
}
