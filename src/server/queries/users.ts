import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { notFound } from '../errors.ts';

export interface UserFilter {
  organisationId?: string;
  q?: string;
}

const base = (db: Kysely<Database>) =>
  db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.version', 'users.email', 'users.display_name', 'users.organisation_id', 'organisations.party_id', 'users.clearance',
      'users.is_admin', 'users.locale', 'users.disabled', 'users.created_at']);

export type UserListRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number] & { roles: Record<string, string> };

async function withRoles(db: Kysely<Database>, rows: Awaited<ReturnType<ReturnType<typeof base>['execute']>>): Promise<UserListRow[]> {
  if (rows.length === 0) return [];
  const roles = await db.selectFrom('wg_user_roles').selectAll().where('user_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({ ...r, roles: Object.fromEntries(roles.filter((x) => x.user_id === r.id).map((x) => [x.wg_id, x.role])) }));
}

/** Accounts for the administrators' user list (never the password hash). */
export async function findUsers(db: Kysely<Database>, f: UserFilter): Promise<UserListRow[]> {
  let q = base(db);
  if (f.organisationId) q = q.where('users.organisation_id', '=', f.organisationId);
  if (f.q) {
    const pat = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(lower(users.email) like ${pat} escape '\\' or lower(users.display_name) like ${pat} escape '\\')`);
  }
  return withRoles(db, await q.orderBy('users.email').execute());
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserListRow> {
  const u = await base(db).where('users.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('User');
  return (await withRoles(db, [u]))[0];
}
