import type { Static } from 'typebox';
import { emailSkeleton, normaliseEmail } from '../auth/email.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import type { Kysely } from 'kysely';
import type { Store } from '../db/database.ts';
import type { ClearanceRequestRow, Database, UserRow } from '../db/tables.ts';
import type { AuditEntry } from '../audit/chain.ts';
import { administersParty, canAddUserTo, canDecideClearance, canMakeAdministrator, canSetRoleFor, clearanceRaiseNeedsApproval, userAbilities } from '../policies/user.ts';
import { CLASSIFICATIONS, GROUP_ROLES, LANGUAGES, type GroupRole } from '../../core/vocabulary.ts';
import { AppError, badRequest, forbidden, notFound, staleVersion } from '../errors.ts';
import { requireAdmin } from '../policies/admin.ts';
import { workingGroupAbilities } from '../policies/working-group.ts';
import { getVisible } from '../queries/visible.ts';
import type { UserUpdateBody } from '../../core/api/users.ts';
import { guardOf, userGuard } from './guard.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type Tx } from './run.ts';
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

const isGroupRole = (r: string): r is GroupRole => (GROUP_ROLES as readonly string[]).includes(r);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Adds a user. From the API the actor must be a system administrator; from the CLI
 * (`concord user add`, run by whoever holds the server) the actor is null and so is the audit
 * event's actor. The password is stored only as an scrypt hash.
 */
export async function createUser(store: Store, input: NewUser, actor: Actor | null, requestId: string | null = null): Promise<string> {
  const made = await newUser(store.db, input, actor);
  await runCommand({ store, actor, requestId }, (tx, audit) => insertUser(tx, audit, actor, made));
  return made.row.id;
}

/** A user checked and ready to insert (newUser), with what its insert must also do. */
export interface PreparedUser {
  row: UserRow;
  org: { id: string; party_id: string };
  roles: { wgId: string; role: GroupRole }[];
  /** A clearance above unclassified asked for through the API: a request for a second administrator. */
  requested: number | null;
}

/**
 * Checks a new account as createUser does (who may add it, its e-mail, look-alikes, clearance,
 * roles) and makes its row; insertUser writes it. Apart so that a command making an account with
 * more in the same transaction (an approved access request) checks it the same way.
 */
export async function newUser(db: Kysely<Database>, input: NewUser, actor: Actor | null): Promise<PreparedUser> {
  if (actor) requireAdmin(actor, 'add users');
  if (input.isAdmin && !canMakeAdministrator(actor)) {
    throw new AppError('forbidden', 'body.isAdmin: administrators are made on the server (concord user add --admin), not through the API', { reason: 'not_permitted', field: 'body.isAdmin' });
  }
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw badRequest('body.email', 'is not an e-mail address', 'not_an_email');
  if (!input.displayName?.trim()) throw badRequest('body.displayName', 'is required', 'required_here');
  if (typeof input.password !== 'string' || input.password.length < 10) throw badRequest('body.password', 'must be at least 10 characters', 'too_short');
  const clearance = (CLASSIFICATIONS as readonly string[]).indexOf(input.clearance ?? 'unclassified');
  if (clearance < 0) throw badRequest('body.clearance', `must be one of ${CLASSIFICATIONS.join(', ')}`, 'not_allowed_value');
  const locale = input.locale ?? 'en';
  if (!(LANGUAGES as readonly string[]).includes(locale)) throw badRequest('body.locale', `must be one of ${LANGUAGES.join(', ')}`, 'not_allowed_value');
  const org = await db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', input.organisationId).executeTakeFirst();
  if (!org) throw badRequest('body.organisationId', 'names no organisation', 'unknown_record');
  if (!canAddUserTo(actor, org.party_id)) {
    throw new AppError('forbidden', "body.organisationId: an administrator adds users to their own party's organisations only", { reason: 'not_permitted', field: 'body.organisationId' });
  }
  // From the API, a clearance above unclassified is a request that a second administrator approves.
  const requested = clearanceRaiseNeedsApproval(actor) && clearance > 0 ? clearance : null;
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
    throw new AppError('conflict', `A user with e-mail ${email} already exists`, { reason: 'duplicate', field: 'body.email' });
  }
  // A look-alike of an address in use (Cyrillic о for o, fullwidth letters …) would be a second
  // account that reads as the first on every screen. The other address is not named: it may be
  // another party's.
  const skeleton = emailSkeleton(email);
  for (const u of await db.selectFrom('users').select('email').execute()) {
    if (emailSkeleton(u.email) === skeleton) {
      throw new AppError('conflict', 'body.email: looks the same on screen as an address already in use (look-alike letters of another script); use a distinct address', {
        reason: 'duplicate',
        field: 'body.email',
      });
    }
  }
  const roles: { wgId: string; role: GroupRole }[] = [];
  for (const [i, r] of (input.roles ?? []).entries()) {
    if (!isGroupRole(r.role)) throw badRequest(`body.roles.${i}.role`, `must be one of ${GROUP_ROLES.join(', ')}`, 'not_allowed_value');
    roles.push({ wgId: r.wgId, role: r.role });
    const wg = await db.selectFrom('working_groups').select('id').where('id', '=', r.wgId).executeTakeFirst();
    if (!wg) throw badRequest(`body.roles.${i}.wgId`, 'names no working group', 'unknown_record');
  }
  const t = now();
  const row: UserRow = {
    id: newId(),
    email,
    display_name: input.displayName.trim(),
    organisation_id: org.id,
    password_hash: await hashPassword(input.password),
    clearance,
    is_admin: input.isAdmin ? 1 : 0,
    locale,
    disabled: 0,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  if (requested !== null) row.clearance = 0;
  return { row, org, roles, requested };
}

/** Writes a prepared user, its roles and any clearance request, with their audit events; returns the clearance request's id, if one was made. */
export async function insertUser(tx: Tx, audit: (e: AuditEntry) => void, actor: Actor | null, u: PreparedUser, via?: Record<string, unknown>): Promise<string | null> {
  const { row, org, roles, requested } = u;
  await tx.insertInto('users').values(row).execute();
  if (roles.length)
    await tx
      .insertInto('wg_user_roles')
      .values(roles.map((r) => ({ wg_id: r.wgId, user_id: row.id, role: r.role })))
      .execute();
  audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: { ...auditable(row), roles, ...via }, guard: userGuard(org.id, org.party_id) });
  if (requested !== null && actor) return requestClearance(tx, audit, actor, { id: row.id, organisation_id: org.id, party_id: org.party_id, clearance: 0 }, requested);
  return null;
}

/** Changes an account (administrators): display name, clearance, locale, disabled. */
export async function updateUser(ctx: ActingContext, id: string, version: number, body: Static<typeof UserUpdateBody>): Promise<void> {
  const { actor } = ctx;
  requireAdmin(actor, 'change users');
  const db = ctx.store.db;
  const u = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('users')
    .select('organisations.party_id')
    .where('users.id', '=', id)
    .executeTakeFirst();
  // Another party's accounts are not this administrator's to see.
  if (!u || !userAbilities(actor, u).update) throw notFound('User');
  if (body.disabled && !userAbilities(actor, u).disable) throw badRequest('body.disabled', 'you cannot disable your own account', 'own_account');
  const patch: Partial<UserRow> = {};
  let raiseTo: number | null = null;
  if (body.displayName !== undefined) patch.display_name = body.displayName.trim();
  if (body.clearance !== undefined) {
    const wanted = CLASSIFICATIONS.indexOf(body.clearance);
    if (wanted !== Number(u.clearance)) {
      if (!userAbilities(actor, u).changeClearance) throw new AppError('forbidden', 'body.clearance: nobody changes their own clearance', { reason: 'not_permitted', field: 'body.clearance' });
      if (wanted > Number(u.clearance)) raiseTo = wanted;
      else patch.clearance = wanted;
    }
  }
  if (body.locale !== undefined) patch.locale = body.locale;
  if (body.disabled !== undefined) patch.disabled = body.disabled ? 1 : 0;
  if (!Object.keys(patch).length && raiseTo === null) {
    // Nothing changes: no write, but a stale version is still a conflict.
    if (Number(u.version) !== version) throw staleVersion(Number(u.version));
    return;
  }
  await runCommand(ctx, async (tx, audit) => {
    await updateVersioned(tx, 'users', id, version, patch);
    if (Object.keys(patch).length) {
      audit({ action: 'user.update', entityType: 'user', entityId: id, before: pick(u, Object.keys(patch)), after: patch, guard: userGuard(u.organisation_id, u.party_id) });
    }
    if (raiseTo !== null) await requestClearance(tx, audit, actor, u, raiseTo);
  });
}

/**
 * Records a request to raise a user's clearance, to be approved by a second administrator of the
 * user's party; one pending request per user at a time.
 */
async function requestClearance(
  tx: Tx,
  audit: (e: AuditEntry) => void,
  actor: Actor,
  u: { id: string; organisation_id: string; party_id: string; clearance: number },
  clearance: number,
): Promise<string> {
  const pending = await tx.selectFrom('clearance_requests').select('id').where('user_id', '=', u.id).where('status', '=', 'pending').executeTakeFirst();
  if (pending) {
    throw new AppError('conflict', `body.clearance: a request to raise this user's clearance is pending (${pending.id}); approve or reject it first`, {
      reason: 'already_decided',
      field: 'body.clearance',
      details: { requestId: pending.id },
    });
  }
  const t = now();
  const row: ClearanceRequestRow = {
    id: newId(),
    user_id: u.id,
    from_clearance: Number(u.clearance),
    clearance,
    requested_by: actor.userId,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    version: 1,
    created_at: t,
    updated_at: t,
  };
  await tx.insertInto('clearance_requests').values(row).execute();
  audit({ action: 'user.clearance_request', entityType: 'user', entityId: u.id, after: row, guard: userGuard(u.organisation_id, u.party_id) });
  return row.id;
}

/**
 * Approves or rejects a pending request to raise a user's clearance: an administrator of the
 * user's party who neither asked nor is the user. Approval sets the clearance.
 */
export async function decideClearance(ctx: ActingContext, requestId: string, approve: boolean): Promise<void> {
  const { actor } = ctx;
  requireAdmin(actor, 'decide clearance requests');
  const db = ctx.store.db;
  const r = await db
    .selectFrom('clearance_requests')
    .innerJoin('users', 'users.id', 'clearance_requests.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('clearance_requests')
    .select(['users.organisation_id', 'organisations.party_id', 'users.clearance as current'])
    .where('clearance_requests.id', '=', requestId)
    .executeTakeFirst();
  if (!r || !administersParty(actor, r.party_id)) throw notFound('Clearance request');
  if (!canDecideClearance(actor, r)) throw forbidden('A second administrator decides: not the one who asked, nor the user concerned', 'not_permitted');
  if (r.status !== 'pending') throw new AppError('conflict', `The request was already ${r.status}`, { reason: 'already_decided' });
  await runCommand(ctx, async (tx, audit) => {
    const t = now();
    const done = await tx
      .updateTable('clearance_requests')
      .set({ status: approve ? 'approved' : 'rejected', decided_by: actor.userId, decided_at: t, version: r.version + 1, updated_at: t })
      .where('id', '=', r.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('conflict', 'The request was decided meanwhile', { reason: 'already_decided' });
    if (approve) {
      await tx
        .updateTable('users')
        .set((eb) => ({ clearance: r.clearance, version: eb('version', '+', 1), updated_at: t }))
        .where('id', '=', r.user_id)
        .execute();
    }
    audit({
      action: approve ? 'user.clearance_approve' : 'user.clearance_reject',
      entityType: 'user',
      entityId: r.user_id,
      before: { clearance: Number(r.current) },
      after: { requestId: r.id, clearance: approve ? r.clearance : Number(r.current) },
      guard: userGuard(r.organisation_id, r.party_id),
    });
  });
}

/**
 * Gives a user a role in a working group, or removes it (role null). Allowed to a system
 * administrator or the group's chair. The user's organisation must take part in the group (as
 * member or observer): a role never opens a group to an organisation outside it.
 */
export async function setGroupRole(ctx: ActingContext, wgId: string, userId: string, role: GroupRole | null) {
  const { actor } = ctx;
  const db = ctx.store.db;
  const user = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'organisations.party_id'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  const wg = await checkRoleGrant(db, actor, wgId, user, role, 'params.userId');
  const existing = await db.selectFrom('wg_user_roles').select('role').where('wg_id', '=', wgId).where('user_id', '=', userId).executeTakeFirst();
  await runCommand(ctx, async (tx, audit) => {
    if (role === null) await tx.deleteFrom('wg_user_roles').where('wg_id', '=', wgId).where('user_id', '=', userId).execute();
    else if (existing) await tx.updateTable('wg_user_roles').set({ role }).where('wg_id', '=', wgId).where('user_id', '=', userId).execute();
    else await tx.insertInto('wg_user_roles').values({ wg_id: wgId, user_id: userId, role }).execute();
    audit({ action: 'working_group.role_set', entityType: 'working_group', entityId: wgId, before: { userId, role: existing?.role ?? null }, after: { userId, role }, guard: guardOf(wg) });
  });
  return { wgId, userId, role };
}

/**
 * Whether the actor may give (or remove, role null) a role in a working group to a user of this
 * organisation and party: the group is visible to them and they manage its roles, the user is of
 * their party unless they chair the group, and the user's organisation takes part in it. Answers
 * the group; refusals name `field` (the user's field in the request).
 */
export async function checkRoleGrant(db: Kysely<Database>, actor: Actor, wgId: string, user: { organisation_id: string; party_id: string } | undefined, role: GroupRole | null, field: string) {
  const wg = await getVisible(db, actor, 'working_groups', wgId, 'Working group');
  if (!workingGroupAbilities(actor, wg).manageRoles) throw forbidden("Only the group's chair or a system administrator may set roles", 'not_permitted');
  if (!user) throw notFound('User');
  // An administrator who is not the group's chair sets roles for their own party's users only.
  if (!canSetRoleFor(actor, wgId, user)) {
    throw new AppError('forbidden', `${field}: an administrator sets roles for their own party's users only`, { reason: 'not_permitted', field });
  }
  if (role !== null) {
    const m = await db.selectFrom('wg_members').select('participation').where('wg_id', '=', wgId).where('organisation_id', '=', user.organisation_id).executeTakeFirst();
    if (!m || m.participation === 'non_participant') throw badRequest(field, 'belongs to an organisation that takes no part in the group', 'party_not_in_group');
  }
  return wg;
}

/** createUser as a command of the actor's request (the form the API and the write thread use). */
export async function addUser(ctx: ActingContext, input: NewUser): Promise<string> {
  return createUser(ctx.store, input, ctx.actor, ctx.requestId);
}
