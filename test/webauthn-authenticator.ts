/**
 * A software WebAuthn authenticator for the route tests: an ES256 key pair per credential, the
 * authenticator data, client data and attestation object (format `none`) a browser would send, and
 * assertions signed as a platform authenticator signs them. It answers what it is told to, so a
 * test can make it answer the wrong challenge, leave its counter where it was, or skip verifying
 * the user. (The browser test uses Chromium's own virtual authenticator instead.)
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import type { PasskeyAssertion, PasskeyRegistration } from '../src/core/api/passkeys.ts';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly #key: KeyObject;
  readonly #publicKey: KeyObject;
  counter = 0;
  /** The user handle the relying party gave at registration (base64url). */
  userHandle: string | undefined;

  readonly rpId: string;
  readonly origin: string;

  constructor(rpId: string, origin: string) {
    this.rpId = rpId;
    this.origin = origin;
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = pair.privateKey;
    this.#publicKey = pair.publicKey;
  }

  get id(): string {
    return b64(this.credentialId);
  }

  /** The public key as COSE (EC2, ES256, P-256). */
  #cose(): Uint8Array {
    const jwk = this.#publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    );
  }

  #authData(flags: number, attested: boolean, rpId = this.rpId): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const parts: Uint8Array[] = [sha256(rpId), Buffer.from([flags]), counter];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), len, this.credentialId, this.#cose());
    }
    return Buffer.concat(parts);
  }

  #clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Makes this credential for `options` (from POST /api/passkeys/creation-options). */
  register(options: { challenge: string; user: { id: string } }): PasskeyRegistration {
    this.userHandle = options.user.id;
    const authData = this.#authData(0x45, true); // user present, verified, attested credential data
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64(this.#clientData('webauthn.create', options.challenge)), attestationObject: b64(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
    };
  }

  /**
   * Answers `challenge`. The counter moves first unless `sameCounter`; `verified: false` answers
   * with user presence only; `origin` and `rpId` answer as another site would.
   */
  assert(challenge: string, o: { sameCounter?: boolean; verified?: boolean; origin?: string; rpId?: string } = {}): PasskeyAssertion {
    if (!o.sameCounter) this.counter += 1;
    const authData = this.#authData(o.verified === false ? 0x01 : 0x05, false, o.rpId);
    const clientData = this.#clientData('webauthn.get', challenge, o.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.#key);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64(clientData), authenticatorData: b64(authData), signature: b64(signature), ...(this.userHandle ? { userHandle: this.userHandle } : {}) },
      clientExtensionResults: {},
    };
  }
}
