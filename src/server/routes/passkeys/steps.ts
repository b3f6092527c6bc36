/**
 * The passkey steps the sign-in route shares with the passkey routes: one's passkeys, a challenge
 * kept for a passkey to answer, and what a sign-in needs after a right password.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.ts';
import { relyingParty, requestOptions } from '../../auth/passkeys.ts';
import { passkeyRequiredFor } from '../../policies/passkey.ts';
import { keepChallenge } from '../../commands/index.ts';
import type { ChallengePurpose } from '../../commands/passkeys.ts';
import type { PasskeyRow } from '../../db/tables.ts';
import type { SignInStep } from '../../../core/api/passkeys.ts';

/** A user's passkeys, oldest first. */
export const passkeysOf = (req: FastifyRequest, userId: string) =>
  req.server.store.db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute() as Promise<PasskeyRow[]>;

/** A context for the challenge commands before anyone is signed in. */
export const anonymous = (req: FastifyRequest) => ({ store: req.server.store, actor: null, requestId: req.id, writer: req.server.writer });

/** Options for a passkey to answer, with the challenge kept for `purpose`: one of `allowed`, or any (null: without a password). */
export async function assertionChallenge(req: FastifyRequest, purpose: ChallengePurpose, userId: string | null, allowed: PasskeyRow[] | null) {
  const options = await requestOptions(relyingParty(req.server.passkeys, req), allowed);
  const challengeId = await keepChallenge(anonymous(req), { purpose, userId, challenge: options.challenge });
  return { challengeId, options };
}

/**
 * What a sign-in needs after a right password: a passkey's assertion when the account has one
 * (the answer is 202 with the options), else a full session, or one limited to enrolling a
 * passkey when this server requires one of the user (policies/passkey.ts).
 */
export async function afterPassword(req: FastifyRequest, actor: Actor): Promise<{ step: SignInStep } | { limitedTo: 'passkey_enrolment' | null }> {
  const keys = await passkeysOf(req, actor.userId);
  if (keys.length > 0) return { step: { next: 'passkey', ...(await assertionChallenge(req, 'second_factor', actor.userId, keys)) } };
  return { limitedTo: passkeyRequiredFor(actor, req.server.passkeys.requiredAbove) ? 'passkey_enrolment' : null };
}
