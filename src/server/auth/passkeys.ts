/**
 * Passkeys (WebAuthn) through @simplewebauthn/server: the relying party this server is, the
 * options a browser needs to make or use a passkey, and the checks of what it answers (signature,
 * challenge, origin, relying party, user presence and verification, signature counter).
 *
 * The relying party comes from CONCORD_PUBLIC_URL: its host name is the RP id, its origin the only
 * origin accepted. Without it, passkeys work only when the browser reaches the server as
 * `localhost` (a developer's machine), where the request's own address is taken; anywhere else a
 * Host header is not to be trusted for this, and passkey requests are refused.
 */
import type { AuthenticatorTransport } from '@simplewebauthn/server';
import { CLASSIFICATIONS } from '../../core/vocabulary.ts';
import { PASSKEY_CHALLENGE_MINUTES, type PasskeyAssertion, type PasskeyRegistration, type PasskeyRequestOptions } from '../../core/api/passkeys.ts';
import { AppError, badRequest } from '../errors.ts';

/** The instance's passkey settings (`concord serve` reads them from the environment). */
export interface PasskeySettings {
  /** Users whose clearance is above this level must sign in with a passkey (null: nobody must). */
  requiredAbove: number | null;
  /** The server's address as users reach it (CONCORD_PUBLIC_URL), or null. */
  publicUrl: string | null;
}

export const NO_PASSKEY_SETTINGS: PasskeySettings = { requiredAbove: null, publicUrl: null };

const REQUIRED_ABOVE = 'CONCORD_PASSKEY_REQUIRED_ABOVE';
const PUBLIC_URL = 'CONCORD_PUBLIC_URL';

/**
 * CONCORD_PASSKEY_REQUIRED_ABOVE (a classification: users cleared above it must use a passkey;
 * unset or `none`: nobody must) and CONCORD_PUBLIC_URL. A value that is not one of these stops
 * the start, as does requiring passkeys without a public address (nobody could sign in).
 */
export function passkeySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PasskeySettings {
  const above = env[REQUIRED_ABOVE]?.trim() ?? '';
  let requiredAbove: number | null = null;
  if (above !== '' && above !== 'none') {
    requiredAbove = (CLASSIFICATIONS as readonly string[]).indexOf(above);
    if (requiredAbove < 0) throw new Error(`CONCORD_PASSKEY_REQUIRED_ABOVE must be none or a classification (${CLASSIFICATIONS.join(', ')}); got ${JSON.stringify(above)}`);
  }
  const raw = env[PUBLIC_URL]?.trim() || null;
  let publicUrl: string | null = null;
  if (raw) {
    const u = URL.canParse(raw) ? new URL(raw) : null;
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) throw new Error(`CONCORD_PUBLIC_URL must be an http or https address; got ${JSON.stringify(raw)}`);
    publicUrl = u.origin;
  }
  if (requiredAbove !== null && !publicUrl) throw new Error('CONCORD_PASSKEY_REQUIRED_ABOVE needs CONCORD_PUBLIC_URL: passkeys are bound to the address users reach the server at');
  return { requiredAbove, publicUrl };
}

/**
 * The library, loaded on first use: it takes a second to load, which a server that never sees a
 * passkey (and every CLI command) need not pay at start.
 */
let loaded: Promise<typeof import('@simplewebauthn/server')> | undefined;
const webauthn = () => (loaded ??= import('@simplewebauthn/server'));

/**
 * The signature algorithms offered and accepted (COSE ids): EdDSA, ES256, RS256, as the library's
 * default but without ML-DSA, which Node offers only as an experimental feature.
 */
const ALGORITHMS = [-8, -7, -257];

const fromB64 = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'base64url'));
const toB64 = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** Who the browser makes passkeys for: the relying party's id (a host name), its display name, and the one origin accepted. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

/** The relying party for a request (see the module's comment). */
export function relyingParty(settings: PasskeySettings, req: { protocol: string; host: string; hostname: string }): RelyingParty {
  if (settings.publicUrl) {
    const u = new URL(settings.publicUrl);
    return { id: u.hostname, name: 'Concord', origin: u.origin };
  }
  // As the browser names it: a default port is left out.
  if (req.hostname === 'localhost') return { id: 'localhost', name: 'Concord', origin: new URL(`${req.protocol}://${req.host}`).origin };
  throw new AppError('conflict', 'Passkeys need the address users reach this server at: set CONCORD_PUBLIC_URL', { reason: 'passkeys_unconfigured' });
}

/** A stored passkey as the checks need it. */
export interface StoredPasskey {
  credential_id: string;
  public_key: string;
  counter: number | string;
  transports: string;
}

const transportsOf = (p: StoredPasskey): string[] => {
  try {
    const t = JSON.parse(p.transports) as unknown;
    return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
const descriptor = (p: StoredPasskey) => ({ id: p.credential_id, transports: transportsOf(p) as AuthenticatorTransport[] });
const TIMEOUT_MS = PASSKEY_CHALLENGE_MINUTES * 60_000;

/**
 * The options for making a passkey: a discoverable credential (so it can sign in without an
 * e-mail), user verification preferred, no attestation (Concord trusts the account's owner, not
 * the authenticator's maker), and none of the user's existing passkeys made again.
 */
export async function creationOptions(rp: RelyingParty, user: { id: string; email: string; displayName: string }, existing: StoredPasskey[]) {
  const { generateRegistrationOptions } = await webauthn();
  return generateRegistrationOptions({
    supportedAlgorithmIDs: ALGORITHMS,
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: new Uint8Array(Buffer.from(user.id, 'utf8')),
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map(descriptor),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
  });
}

/**
 * The options for using a passkey: one of `allowed` (after a password), or any of this relying
 * party's (signing in without a password: the authenticator offers the user's discoverable ones,
 * and must verify the user, as no password did).
 */
export async function requestOptions(rp: RelyingParty, allowed: StoredPasskey[] | null): Promise<PasskeyRequestOptions['options']> {
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    timeout: TIMEOUT_MS,
    allowCredentials: allowed ? allowed.map(descriptor) : [],
    userVerification: allowed ? 'preferred' : 'required',
  });
}

/** The user handle Concord gives a passkey: the user's id. */
export const userHandleOf = (userId: string): string => Buffer.from(userId, 'utf8').toString('base64url');

/** The refusal of an assertion or credential that does not belong or does not verify. */
export const notRecognised = (why: string) => badRequest('body.credential', `this passkey is not recognised (${why})`, 'passkey_not_recognised');

/** The challenge the browser says it answered, checked against the one issued before any signature is. */
function answeredChallenge(clientDataJSON: string, expected: string): void {
  let challenge: string | undefined;
  try {
    challenge = (JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: string }).challenge;
  } catch {
    throw notRecognised('its client data cannot be read');
  }
  if (challenge !== expected) throw badRequest('body.challengeId', 'the passkey answered another challenge than this one', 'passkey_challenge_invalid');
}

/** A new passkey's credential, checked; what is kept of it. */
export async function checkRegistration(rp: RelyingParty, expectedChallenge: string, credential: PasskeyRegistration) {
  answeredChallenge(credential.response.clientDataJSON, expectedChallenge);
  const { verifyRegistrationResponse } = await webauthn();
  let r: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    r = await verifyRegistrationResponse({
      response: credential as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (e) {
    throw badRequest('body.credential', `the new passkey does not verify: ${(e as Error).message}`, 'passkey_not_recognised');
  }
  if (!r.verified) throw badRequest('body.credential', 'the new passkey does not verify', 'passkey_not_recognised');
  const info = r.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: toB64(info.credential.publicKey),
    counter: info.credential.counter,
    transports: (credential.response.transports ?? []).slice(0, 10),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
  };
}

/**
 * An assertion by `passkey`, checked: the challenge, origin and relying party, the signature over
 * them by the passkey's public key, user presence (and verification when `requireUserVerification`),
 * and the signature counter, which must move past the stored one unless both are 0 (authenticators
 * that keep none). The new counter, to be stored.
 */
export async function checkAssertion(rp: RelyingParty, expectedChallenge: string, credential: PasskeyAssertion, passkey: StoredPasskey, requireUserVerification: boolean): Promise<number> {
  answeredChallenge(credential.response.clientDataJSON, expectedChallenge);
  const { verifyAuthenticationResponse } = await webauthn();
  let r: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    r = await verifyAuthenticationResponse({
      response: credential as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credential_id, publicKey: fromB64(passkey.public_key), counter: Number(passkey.counter), transports: descriptor(passkey).transports },
      requireUserVerification,
    });
  } catch (e) {
    throw notRecognised((e as Error).message);
  }
  if (!r.verified) throw notRecognised('its signature does not verify');
  return r.authenticationInfo.newCounter;
}

/** What a session limited to enrolling a passkey may reach: who it is, signing out, and adding a passkey. */
export function limitedSessionAllows(method: string, url: string): boolean {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!path.startsWith('/api/')) return true; // the web app's pages and files
  if (path === '/api/session') return method === 'GET' || method === 'HEAD' || method === 'DELETE';
  if (path === '/api/passkeys') return method === 'GET' || method === 'HEAD' || method === 'POST';
  return path === '/api/passkeys/creation-options' && method === 'POST';
}
