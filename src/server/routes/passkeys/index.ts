import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadActor } from '../../auth/actor.ts';
import { checkAssertion, checkRegistration, creationOptions, notRecognised, relyingParty, userHandleOf } from '../../auth/passkeys.ts';
import { passkeyRequiredFor, removalNeedsConfirmation } from '../../policies/passkey.ts';
import { anonymous, assertionChallenge, passkeysOf } from './steps.ts';
import { AppError } from '../../errors.ts';
import { addPasskey, keepChallenge, removePasskey, renamePasskey, signInWithPasskey, spendChallenge } from '../../commands/index.ts';
import type { ChallengePurpose, PasskeyUse } from '../../commands/passkeys.ts';
import type { PasskeyRow } from '../../db/tables.ts';
import {
  PasskeyAddBody,
  PasskeyCreationOptionsSchema,
  PasskeyListSchema,
  PasskeyParams,
  PasskeyProofBody,
  PasskeyRemoveBody,
  PasskeyRenameBody,
  PasskeyRequestOptionsSchema,
  PasskeySchema,
  type PasskeyProof,
} from '../../../core/api/passkeys.ts';
import { SessionSchema } from '../../../core/api/session.ts';
import type { SessionLimits } from '../../auth/sessions.ts';
import { commandContext, errorResponses, expectedVersion } from '../common.ts';
import { presentUser, sessionActor, sessionOrigin, setSessionCookie } from '../session/index.ts';

const tags = ['passkeys'];
/** The routes anyone may call before signing in: a bound on the challenges one address can have the server keep. */
const PUBLIC_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const limited = { ...errorResponses, 429: errorResponses[400] };

const presentPasskey = (p: PasskeyRow) => ({
  id: p.id,
  name: p.name,
  createdAt: p.created_at,
  lastUsedAt: p.last_used_at,
  transports: JSON.parse(p.transports) as string[],
  multiDevice: p.device_type === 'multiDevice',
  backedUp: Boolean(p.backed_up),
  version: Number(p.version),
});

/**
 * An assertion answering a challenge of one of `purposes`, checked (auth/passkeys.ts): the
 * challenge is spent first, whatever follows; the passkey must be the challenge's user's (when it
 * names one: after a password, or confirming a change), and its user handle the passkey's user.
 */
async function checkProof(req: FastifyRequest, proof: PasskeyProof, purposes: readonly ChallengePurpose[], userId: string | null) {
  const ch = await spendChallenge(anonymous(req), proof.challengeId, purposes, userId);
  const rp = relyingParty(req.server.passkeys, req);
  const passkey = (await req.server.store.db.selectFrom('passkeys').selectAll().where('credential_id', '=', proof.credential.id).executeTakeFirst()) as PasskeyRow | undefined;
  if (!passkey) throw notRecognised('no account has it');
  if (ch.userId !== null && passkey.user_id !== ch.userId) throw notRecognised('it is not one of this account’s');
  const handle = proof.credential.response.userHandle;
  if (handle !== undefined && handle !== userHandleOf(passkey.user_id)) throw notRecognised('its user is not the account’s');
  const newCounter = await checkAssertion(rp, ch.challenge, proof.credential, passkey, ch.purpose === 'passwordless');
  const use: PasskeyUse = { passkeyId: passkey.id, counter: Number(passkey.counter), newCounter };
  return { passkey, use, purpose: ch.purpose };
}

/** One's own passkeys, and signing in with one (after the password, or without it). */
export default async function passkeyRoutes(fastify: FastifyInstance, opts: { sessionLimits: SessionLimits }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/passkeys',
    { schema: { tags, summary: 'My passkeys, and whether this server requires me to use one (from a signed-in session only)', response: { 200: PasskeyListSchema, ...errorResponses } } },
    async (req) => {
      const actor = sessionActor(req);
      const rows = await passkeysOf(req, actor.userId);
      return { items: rows.map(presentPasskey), required: passkeyRequiredFor(actor, req.server.passkeys.requiredAbove), confirmRemoval: removalNeedsConfirmation(rows.length) };
    },
  );

  app.post(
    '/passkeys/creation-options',
    {
      schema: {
        tags,
        summary: 'Options for navigator.credentials.create(): a new passkey for my account, answered to POST /api/passkeys within minutes',
        response: { 200: PasskeyCreationOptionsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = sessionActor(req);
      const rp = relyingParty(req.server.passkeys, req);
      const options = await creationOptions(rp, { id: actor.userId, email: actor.email, displayName: actor.displayName }, await passkeysOf(req, actor.userId));
      const challengeId = await keepChallenge(anonymous(req), { purpose: 'register', userId: actor.userId, challenge: options.challenge });
      return { challengeId, options };
    },
  );

  app.post(
    '/passkeys',
    {
      schema: {
        tags,
        summary: 'Add a passkey to my account: the credential made with the creation options, and its name. A session limited to enrolment becomes a full one',
        body: PasskeyAddBody,
        response: { 201: PasskeySchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = sessionActor(req);
      const ch = await spendChallenge(anonymous(req), req.body.challengeId, ['register'], actor.userId);
      const made = await checkRegistration(relyingParty(req.server.passkeys, req), ch.challenge, req.body.credential);
      const r = await addPasskey(commandContext(req, actor), { name: req.body.name, ...made }, req.sessionLimitedTo ? (req.sessionId ?? null) : null);
      return reply.status(201).send(presentPasskey(r.passkey));
    },
  );

  app.patch(
    '/passkeys/:id',
    {
      schema: { tags, summary: 'Rename one of my passkeys (If-Match: version)', params: PasskeyParams, body: PasskeyRenameBody, response: { 200: PasskeySchema, ...errorResponses } },
    },
    async (req) => presentPasskey(await renamePasskey(commandContext(req, sessionActor(req)), req.params.id, expectedVersion(req), req.body.name)),
  );

  app.post(
    '/passkeys/confirm-options',
    {
      schema: {
        tags,
        summary: "Options for navigator.credentials.get() with one of my passkeys, to confirm a change (removing my last passkey): sent as the change's proof",
        response: { 200: PasskeyRequestOptionsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = sessionActor(req);
      const keys = await passkeysOf(req, actor.userId);
      // Nothing in the request is wrong: the account is not in a state to confirm with a passkey.
      if (keys.length === 0) throw new AppError('conflict', 'You have no passkey to confirm with', { reason: 'not_in_this_state' });
      return assertionChallenge(req, 'confirm', actor.userId, keys);
    },
  );

  app.delete(
    '/passkeys/:id',
    {
      schema: {
        tags,
        summary: 'Remove one of my passkeys. The last one needs my current password or a passkey to confirm (proof, from the confirm options)',
        params: PasskeyParams,
        body: PasskeyRemoveBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
      // A DELETE usually comes without a body: none is an empty one (the fields are optional).
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) => {
      const actor = sessionActor(req);
      const { proof, currentPassword } = req.body;
      const confirmed = proof ? await checkProof(req, proof, ['confirm'], actor.userId) : undefined;
      await removePasskey(commandContext(req, actor), req.params.id, { currentPassword, passkey: confirmed?.use });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/session/passkey-options',
    {
      schema: {
        tags: ['session'],
        summary: 'Options for navigator.credentials.get() to sign in with a passkey and no password (a discoverable credential that verifies its user)',
        security: [],
        response: { 200: PasskeyRequestOptionsSchema, ...limited },
      },
      config: PUBLIC_RATE,
    },
    async (req) => assertionChallenge(req, 'passwordless', null, null),
  );

  app.post(
    '/session/passkey',
    {
      schema: {
        tags: ['session'],
        summary: "Sign in with a passkey: the assertion answering POST /api/session's 202 (after the password) or the passkey options (without one); sets the session cookie",
        security: [],
        body: PasskeyProofBody,
        response: { 200: SessionSchema, ...limited },
      },
      config: PUBLIC_RATE,
    },
    async (req, reply) => {
      const { passkey, use, purpose } = await checkProof(req, req.body, ['second_factor', 'passwordless'], null);
      const actor = await loadActor(req.server.store.db, passkey.user_id);
      if (!actor) throw notRecognised('its account is disabled');
      const via = purpose === 'passwordless' ? 'passkey' : 'password+passkey';
      const s = await signInWithPasskey(commandContext(req, actor), use, via, { maxHours: opts.sessionLimits.maxHours, origin: sessionOrigin(req) });
      setSessionCookie(req, reply, s.token);
      return { user: presentUser(actor), csrfToken: s.csrfToken };
    },
  );
}
