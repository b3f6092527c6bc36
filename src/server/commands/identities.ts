/**
 * Signing in through an identity provider (OpenID Connect; the protocol is auth/oidc.ts's), and
 * the access requests a first sign-in makes.
 *
 * A sign-in under way is a row of `oidc_sign_ins`, spent once: the callback takes it by the
 * SHA-256 of its state and of the browser's binding cookie, in one UPDATE, so a replayed callback
 * (or one from another browser) finds nothing. These rows are operational, like a token's last
 * use: written here, where commands run, but neither audited nor exported.
 *
 * What a provider's verified claims lead to (completeProviderSignIn):
 * - a linked identity: a session for its account, unless the account is disabled;
 * - none, but an e-mail domain rule of the provider for a verified address: the account is made
 *   at once in the rule's organisation (or, when one of that party already has the address, the
 *   identity is linked to it), audited as done by the rule (no actor);
 * - otherwise an access request, for an administrator of the party of the organisation the claims
 *   map to; nothing else is made and no session opens. A refused request stays refused.
 */
import { createSession, randomToken, type SessionOrigin } from '../auth/sessions.ts';
import { loadActor, type Actor } from '../auth/actor.ts';
import { AppError, badRequest, notFound, staleVersion } from '../errors.ts';
import type { AuditEntry } from '../audit/chain.ts';
import type { AccessRequestRow } from '../db/tables.ts';
import { accessRequestAbilities, accessRequestVisibleTo } from '../policies/identity.ts';
import { accountByEmail } from '../queries/identities.ts';
import type { AccessRequestApprove } from '../../core/api/identity.ts';
import type { ProviderIdentity } from '../auth/oidc.ts';
import { userGuard } from './guard.ts';
import { checkRoleGrant, insertUser, newUser } from './users.ts';
import { newId, now, runCommand, updateVersioned, type ActingContext, type CommandContext, type Tx } from './run.ts';

/** How long a sign-in may take at the provider, in minutes. */
export const SIGN_IN_MINUTES = 10;

/** A sign-in under way, as the start route makes it (hashes of the state and of the browser's cookie). */
export interface NewProviderSignIn {
  stateHash: string;
  providerId: string;
  nonce: string;
  codeVerifier: string;
  browserHash: string;
  returnTo: string;
}

/** Records a sign-in under way (and forgets those whose time is up). Operational: not audited. */
export async function beginProviderSignIn(ctx: CommandContext, t: NewProviderSignIn): Promise<void> {
  const created = now();
  await ctx.store.transaction(async (tx) => {
    await tx.deleteFrom('oidc_sign_ins').where('expires_at', '<', created).execute();
    await tx
      .insertInto('oidc_sign_ins')
      .values({
        state_hash: t.stateHash,
        provider_id: t.providerId,
        nonce: t.nonce,
        code_verifier: t.codeVerifier,
        browser_hash: t.browserHash,
        return_to: t.returnTo,
        created_at: created,
        expires_at: new Date(Date.parse(created) + SIGN_IN_MINUTES * 60_000).toISOString(),
        used_at: null,
      })
      .execute();
  });
}

/**
 * Spends a sign-in under way: the one with this state, for this provider, begun in this browser,
 * not spent and not expired. Undefined otherwise (a replay, another browser's, a stale one).
 */
export async function takeProviderSignIn(
  ctx: CommandContext,
  stateHash: string,
  browserHash: string,
  providerId: string,
): Promise<{ nonce: string; codeVerifier: string; returnTo: string } | undefined> {
  const at = now();
  const row = await ctx.store.db
    .updateTable('oidc_sign_ins')
    .set({ used_at: at })
    .where('state_hash', '=', stateHash)
    .where('browser_hash', '=', browserHash)
    .where('provider_id', '=', providerId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['nonce', 'code_verifier', 'return_to'])
    .executeTakeFirst();
  return row ? { nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to } : undefined;
}

export type ProviderSignInOutcome = { outcome: 'signed_in'; userId: string; token: string; csrfToken: string; expiresAt: string } | { outcome: 'pending' | 'refused' | 'unmatched' };

interface SessionOptions {
  maxHours: number;
  origin: SessionOrigin;
}

const accountGuard = (u: { organisation_id: string; party_id: string }) => userGuard(u.organisation_id, u.party_id);

/** Which identity: the provider, its subject, and the e-mail it gave. */
type IdentityKey = Pick<ProviderIdentity, 'providerId' | 'subject' | 'email'>;

/** Links an identity to an account, with its audit event. */
async function linkIdentity(tx: Tx, audit: (e: AuditEntry) => void, who: IdentityKey, user: { id: string; organisation_id: string; party_id: string }, via: Record<string, unknown>) {
  await tx
    .insertInto('user_identities')
    .values({ id: newId(), provider_id: who.providerId, subject: who.subject, user_id: user.id, email: who.email, created_at: now(), last_sign_in_at: null })
    .execute();
  audit({ action: 'identity.link', entityType: 'user', entityId: user.id, after: { provider: who.providerId, subject: who.subject, email: who.email, ...via }, guard: accountGuard(user) });
}

/** Opens a session for an account signing in through a provider, with its audit event. */
async function openSession(
  tx: Tx,
  audit: (e: AuditEntry) => void,
  who: IdentityKey,
  user: { id: string; organisation_id: string; party_id: string },
  s: SessionOptions,
): Promise<ProviderSignInOutcome> {
  const made = await createSession(tx, user.id, s.maxHours, s.origin);
  await tx.updateTable('user_identities').set({ last_sign_in_at: now() }).where('provider_id', '=', who.providerId).where('subject', '=', who.subject).execute();
  audit({ action: 'session.sign_in', entityType: 'user', entityId: user.id, after: { via: 'oidc', provider: who.providerId }, guard: accountGuard(user) });
  return { outcome: 'signed_in', userId: user.id, ...made };
}

const asSelf = (ctx: CommandContext, a: Actor): ActingContext => ({ ...ctx, actor: a });
const accountOf = (a: Actor) => ({ id: a.userId, organisation_id: a.orgId, party_id: a.partyId });

/** The first of these organisations that exists, with its party. */
async function firstOrganisation(ctx: CommandContext, ids: readonly string[]) {
  for (const id of ids) {
    const o = await ctx.store.db.selectFrom('organisations').select(['id', 'party_id']).where('id', '=', id).executeTakeFirst();
    if (o) return o;
  }
  return undefined;
}

/**
 * What a verified sign-in through a provider comes to (see the top of this file): a session, an
 * access request waiting, a refusal (a disabled account, a refused request) or no organisation to
 * send it to. Runs where commands run; the caller is nobody yet.
 */
export async function completeProviderSignIn(ctx: CommandContext, who: ProviderIdentity, s: SessionOptions): Promise<ProviderSignInOutcome> {
  const db = ctx.store.db;
  const linked = await db.selectFrom('user_identities').select('user_id').where('provider_id', '=', who.providerId).where('subject', '=', who.subject).executeTakeFirst();
  if (linked) {
    // A disabled account (or one gone) signs in no more through a provider than with a password.
    const actor = await loadActor(db, linked.user_id);
    if (!actor) return { outcome: 'refused' };
    return runCommand(asSelf(ctx, actor), (tx, audit) => openSession(tx, audit, who, accountOf(actor), s));
  }
  const asked = await db.selectFrom('access_requests').select('status').where('provider_id', '=', who.providerId).where('subject', '=', who.subject).executeTakeFirst();
  if (asked) return { outcome: asked.status === 'pending' ? 'pending' : 'refused' };
  if (!who.email) return { outcome: 'unmatched' };
  if (who.rule && who.emailVerified) {
    const admitted = await admitByRule(ctx, who, who.email, who.rule, s);
    if (admitted) return admitted;
  }
  const org = await firstOrganisation(ctx, who.organisationIds);
  if (!org) return { outcome: 'unmatched' };
  const email = who.email;
  await runCommand(ctx, async (tx, audit) => {
    const t = now();
    const row: AccessRequestRow = {
      id: newId(),
      provider_id: who.providerId,
      subject: who.subject,
      email,
      email_verified: who.emailVerified ? 1 : 0,
      display_name: who.displayName,
      organisation_claim: who.organisationClaim,
      locale: who.locale,
      organisation_id: org.id,
      party_id: org.party_id,
      status: 'pending',
      user_id: null,
      decided_by: null,
      decided_at: null,
      version: 1,
      created_at: t,
      updated_at: t,
    };
    await tx.insertInto('access_requests').values(row).execute();
    audit({ action: 'access_request.create', entityType: 'access_request', entityId: row.id, after: row, guard: userGuard(org.id, org.party_id) });
  });
  return { outcome: 'pending' };
}

/**
 * An e-mail domain rule admits a verified address: the identity is linked to the account of the
 * rule's party that has the address, or a new account is made in the rule's organisation
 * (unclassified, no roles), and a session opens; all audited as done by the rule. Undefined when
 * the rule cannot (an account of another party has the address, or the new account is refused,
 * e.g. as a look-alike of another address): the sign-in then waits for an administrator.
 */
async function admitByRule(ctx: CommandContext, who: ProviderIdentity, email: string, rule: { organisationId: string; domain: string }, s: SessionOptions): Promise<ProviderSignInOutcome | undefined> {
  const db = ctx.store.db;
  const org = await firstOrganisation(ctx, [rule.organisationId]);
  if (!org) return undefined;
  const via = { via: 'email_domain_rule', provider: who.providerId, domain: rule.domain };
  const existing = await accountByEmail(db, email);
  if (existing) {
    if (existing.party_id !== org.party_id) return undefined;
    if (existing.disabled) return { outcome: 'refused' };
    return runCommand(ctx, async (tx, audit) => {
      await linkIdentity(tx, audit, who, existing, via);
      return openSession(tx, audit, who, existing, s);
    });
  }
  let made: Awaited<ReturnType<typeof newUser>>;
  try {
    made = await newUser(db, { email, displayName: who.displayName, organisationId: org.id, password: randomToken(), locale: who.locale }, null);
  } catch (e) {
    if (e instanceof AppError) return undefined;
    throw e;
  }
  return runCommand(ctx, async (tx, audit) => {
    await insertUser(tx, audit, null, made, via);
    const user = { id: made.row.id, organisation_id: org.id, party_id: org.party_id };
    await linkIdentity(tx, audit, who, user, via);
    return openSession(tx, audit, who, user, s);
  });
}

/** An access request the actor may decide, at the version they saw. */
async function decidable(ctx: ActingContext, id: string, version: number, decision: 'approve' | 'refuse'): Promise<AccessRequestRow> {
  const { actor } = ctx;
  const r = await ctx.store.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  // Another party's request answers as a missing one.
  if (!r || !accessRequestVisibleTo(actor, r)) throw notFound('Access request');
  if (!accessRequestAbilities(actor, r)[decision]) throw new AppError('conflict', `The request was already ${r.status}`, { reason: 'already_decided' });
  if (Number(r.version) !== version) throw staleVersion(Number(r.version));
  return r;
}

/** Marks a request decided (at the version named: 409 when someone decided it meanwhile) and audits the decision. */
async function settle(tx: Tx, audit: (e: AuditEntry) => void, actor: Actor, r: AccessRequestRow, version: number, status: 'approved' | 'refused', userId: string | null) {
  const t = now();
  await updateVersioned(tx, 'access_requests', r.id, version, { status, user_id: userId, decided_by: actor.userId, decided_at: t });
  audit({
    action: status === 'approved' ? 'access_request.approve' : 'access_request.refuse',
    entityType: 'access_request',
    entityId: r.id,
    before: { status: r.status },
    after: { status, userId, email: r.email, provider: r.provider_id },
    guard: userGuard(r.organisation_id, r.party_id),
  });
}

/**
 * Approves an access request (an administrator of its party): the sign-in is linked to the
 * party's account with the e-mail when there is one (nothing else about it changes), or an
 * account is made as the administrator chooses — an organisation of their party (default: the one
 * proposed), a clearance (above unclassified it waits for a second administrator, as on any
 * account), roles in working groups they may give — and linked. The person signs in next time.
 */
export async function approveAccessRequest(
  ctx: ActingContext,
  id: string,
  version: number,
  body: AccessRequestApprove,
): Promise<{ userId: string; linked: boolean; clearanceRequestId: string | null }> {
  const { actor } = ctx;
  const db = ctx.store.db;
  const r = await decidable(ctx, id, version, 'approve');
  const who: IdentityKey = { providerId: r.provider_id, subject: r.subject, email: r.email };
  const existing = await accountByEmail(db, r.email);
  if (existing) {
    if (existing.party_id !== r.party_id) throw new AppError('conflict', "An account of another party has this request's e-mail address", { reason: 'duplicate' });
    const asked = (['organisationId', 'clearance', 'displayName', 'roles'] as const).find((k) => body[k] !== undefined);
    if (asked) throw badRequest(`body.${asked}`, 'an account has this e-mail already: the sign-in is linked to it as it is (change the account itself)', 'account_exists');
    if (existing.disabled) throw new AppError('conflict', 'The account with this e-mail is disabled; enable it first', { reason: 'account_disabled' });
    await runCommand(ctx, async (tx, audit) => {
      await linkIdentity(tx, audit, who, existing, { via: 'access_request', accessRequestId: r.id });
      await settle(tx, audit, actor, r, version, 'approved', existing.id);
    });
    return { userId: existing.id, linked: true, clearanceRequestId: null };
  }
  const made = await newUser(
    db,
    {
      email: r.email,
      displayName: body.displayName ?? r.display_name,
      organisationId: body.organisationId ?? r.organisation_id,
      password: randomToken(),
      clearance: body.clearance,
      locale: r.locale,
      roles: body.roles,
    },
    actor,
  );
  const account = { id: made.row.id, organisation_id: made.org.id, party_id: made.org.party_id };
  for (const [i, role] of (body.roles ?? []).entries()) await checkRoleGrant(db, actor, role.wgId, account, role.role, `body.roles.${i}.wgId`);
  const clearanceRequestId = await runCommand(ctx, async (tx, audit) => {
    const asked = await insertUser(tx, audit, actor, made, { via: 'access_request', accessRequestId: r.id });
    await linkIdentity(tx, audit, who, account, { via: 'access_request', accessRequestId: r.id });
    await settle(tx, audit, actor, r, version, 'approved', made.row.id);
    return asked;
  });
  return { userId: made.row.id, linked: false, clearanceRequestId };
}

/** Refuses an access request (an administrator of its party): the person's sign-ins through that provider stay refused. */
export async function refuseAccessRequest(ctx: ActingContext, id: string, version: number): Promise<void> {
  const r = await decidable(ctx, id, version, 'refuse');
  await runCommand(ctx, (tx, audit) => settle(tx, audit, ctx.actor, r, version, 'refused', null));
}
