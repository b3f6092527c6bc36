import type { Static } from 'typebox';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import type { Store } from '../db/database.ts';
import type { UserRow } from '../db/tables.ts';
import { CLASSIFICATIONS, GROUP_ROLES, LANGUAGES } from '../../core/vocabulary.ts';
import { AppError, badRequest, forbidden, notFound } from '../errors.ts';
import { requireAdmin } from '../policies/reference.ts';
import { workingGroupAbilities } from '../policies/working-group.ts';
import { getVisible } from '../queries/visible.ts';
import type { UserUpdateBody } from '../routes/users/schema.ts';
import { guardOf, userGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type CommandContext } from './run.ts';
import { pick } from './values.ts';

/** A user account is its organisation's business: its audit events are scoped to that organisation. */

/** The account fields an audit event may carry: never the password hash. */
const auditable = (u: Partial<UserRow>) => {
  const { password_hash: _hidden, ...rest } = u;
  return rest;
};

export interface NewUser {
  email: string;
  displayName: string;
  organisationId: string;
  password: string;
  /** Clearance by name (unclassified … secret); default unclassified. */
  clearance?: string;
  isAdmin?: boolean;
  locale?: string;
  /** Roles in working groups, e.g. from `concord user add --role wg:secretariat`. */
  roles?: { wgId: string; role: string }[];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Adds a user. From the API the actor must be a system administrator; from the CLI
 * (`concord user add`, run by whoever holds the server) the actor is null and so is the audit
 * event's actor. The password is stored only as an scrypt hash.
 */
export async function createUser(store: Store, input: NewUser, actor: Actor | null, requestId: string | null = null): Promise<string> {
  if (actor) requireAdmin(actor, 'add users');
  const db = store.db;
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw badRequest('body.email', 'is not an e-mail address');
  if (!input.displayName?.trim()) throw badRequest('body.displayName', 'is required');
  if (typeof input.password !== 'string' || input.password.length < 10) throw badRequest('body.password', 'must be at least 10 characters');
  const clearance = CLASSIFICATIONS.indexOf((input.clearance ?? 'unclassified') as never);
  if (clearance < 0) throw badRequest('body.clearance', `must be one of ${CLASSIFICATIONS.join(', ')}`);
  const locale = input.locale ?? 'en';
  if (!LANGUAGES.includes(locale as never)) throw badRequest('body.locale', `must be one of ${LANGUAGES.join(', ')}`);
  const org = await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', input.organisationId).executeTakeFirst();
  if (!org) throw badRequest('body.organisationId', 'names no organisation');
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
    throw new AppError('conflict', `A user with e-mail ${email} already exists`, { field: 'body.email' });
  }
  const roles = input.roles ?? [];
  for (const [i, r] of roles.entries()) {
    if (!GROUP_ROLES.includes(r.role as never)) throw badRequest(`body.roles.${i}.role`, `must be one of ${GROUP_ROLES.join(', ')}`);
    const wg = await db.selectFrom('working_groups').select('id').where('id', '=', r.wgId).executeTakeFirst();
    if (!wg) throw badRequest(`body.roles.${i}.wgId`, 'names no working group');
  }
  const t = now();
  const row: UserRow = {
    id: newId(), email, display_name: input.displayName.trim(), organisation_id: org.id, password_hash: await hashPassword(input.password), clearance,
    is_admin: input.isAdmin ? 1 : 0, locale, disabled: 0, version: 1, created_at: t, updated_at: t,
  };
  await runCommand({ store, actor, requestId }, async (tx, audit) => {
    await tx.insertInto('users').values(row).execute();
    if (roles.length) await tx.insertInto('wg_user_roles').values(roles.map((r) => ({ wg_id: r.wgId, user_id: row.id, role: r.role }))).execute();
    audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: { ...auditable(row), roles }, guard: userGuard(org.id, org.party_id) });
  });
  return row.id;
}

/** Changes an account (administrators): display name, clearance, locale, disabled. */
export async function updateUser(ctx: CommandContext, actor: Actor, id: string, version: number, body: Static<typeof UserUpdateBody>): Promise<void> {
  requireAdmin(actor, 'change users');
  const db = ctx.store.db;
  const u = await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').selectAll('users').select('organisations.party_id')
    .where('users.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('User');
  if (body.disabled && id === actor.userId) throw badRequest('body.disabled', 'you cannot disable your own account');
  const patch: Partial<UserRow> = {};
  if (body.displayName !== undefined) patch.display_name = body.displayName.trim();
  if (body.clearance !== undefined) patch.clearance = CLASSIFICATIONS.indexOf(body.clearance);
  if (body.locale !== undefined) patch.locale = body.locale;
  if (body.disabled !== undefined) patch.disabled = body.disabled ? 1 : 0;
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'users', id, version, patch);
    audit({ action: 'user.update', entityType: 'user', entityId: id, before: pick(u, Object.keys(patch)), after: patch, guard: userGuard(u.organisation_id, u.party_id) });
  });
}

/**
 * Gives a user a role in a working group, or removes it (role null). Allowed to a system
 * administrator or the group's chair. The user's organisation must take part in the group (as
 * member or observer): a role never opens a group to an organisation outside it.
 */
export async function setGroupRole(ctx: CommandContext, actor: Actor, wgId: string, userId: string, role: string | null) {
  const db = ctx.store.db;
  const wg = await getVisible(db, actor, 'working_groups', wgId, 'Working group');
  if (!workingGroupAbilities(actor, wg).manageRoles) throw forbidden("Only the group's chair or a system administrator may set roles");
  const user = await db.selectFrom('users').select(['id', 'organisation_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User');
  if (role !== null) {
    const m = await db.selectFrom('wg_members').select('participation').where('wg_id', '=', wgId).where('organisation_id', '=', user.organisation_id).executeTakeFirst();
    if (!m || m.participation === 'non_participant') throw badRequest('params.userId', "belongs to an organisation that takes no part in the group");
  }
  const existing = await db.selectFrom('wg_user_roles').select('role').where('wg_id', '=', wgId).where('user_id', '=', userId).executeTakeFirst();
  await runCommand(ctx, async (tx, audit) => {
    if (role === null) await tx.deleteFrom('wg_user_roles').where('wg_id', '=', wgId).where('user_id', '=', userId).execute();
    else if (existing) await tx.updateTable('wg_user_roles').set({ role }).where('wg_id', '=', wgId).where('user_id', '=', userId).execute();
    else await tx.insertInto('wg_user_roles').values({ wg_id: wgId, user_id: userId, role }).execute();
    audit({ action: 'working_group.role_set', entityType: 'working_group', entityId: wgId, before: { userId, role: existing?.role ?? null }, after: { userId, role }, guard: guardOf(wg) });
  });
  return { wgId, userId, role };
}

/** createUser as a command of the actor's request (the form the API and the write thread use). */
export async function addUser(ctx: CommandContext, input: NewUser): Promise<string> {
  return createUser(ctx.store, input, ctx.actor, ctx.requestId);
}
