import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from './canonical-json.ts';
import { keyPath } from './checkpoint.ts';

/**
 * One Ed25519 key pair per party, held by this instance, that signs the party's sign-offs of
 * document versions.
 *
 * The private keys live in files outside the database, in `party-keys/` beside the instance key
 * (the directory of CONCORD_KEY_FILE), one PEM file per party, readable by their owner only, made
 * the first time the party signs. A sign-off's signature is over the canonical JSON of what it
 * binds the party to (`signoffMessage`): the document, the version, the version's content hash,
 * the party and the time. Anyone holding the party's public key can check it offline
 * (`concord document verify`).
 *
 * What it proves: that whoever held the party's private key signed that exact text. What it does
 * not: the instance holds every party's key, so its operator can sign for any of them; a key per
 * party on one instance is a step towards each government holding its own.
 */

export const SIGNOFF_FORMAT = 'concord-signoff/1';

export interface PartyKey {
  partyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as PEM (SPKI). */
  publicPem: string;
  /** The first 16 bytes of SHA-256 of the public key (DER), in hex: the key's fingerprint. */
  keyId: string;
  path: string;
}

/** What a sign-off's signature covers. */
export interface SignoffFields {
  documentId: string;
  versionNumber: number;
  contentHash: string;
  partyId: string;
  signedAt: string;
}

/** The directory of the party keys: `party-keys/` beside the instance key. */
export function partyKeyDir(): string {
  return join(dirname(keyPath()), 'party-keys');
}

/** A party id as a file name: kept when it is plain, else hex-encoded. */
const fileOf = (partyId: string) => (/^[A-Za-z0-9_-]{1,100}$/.test(partyId) ? `${partyId}.pem` : `x-${Buffer.from(partyId).toString('hex')}.pem`);
const partyOf = (file: string) => (file.startsWith('x-') ? Buffer.from(file.slice(2, -4), 'hex').toString() : file.slice(0, -4));

/** The key id (fingerprint) of a public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

function describe(partyId: string, privateKey: KeyObject, path: string): PartyKey {
  const publicKey = createPublicKey(privateKey);
  return { partyId, privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey), path };
}

const cache = new Map<string, PartyKey>();

/** The party's key, made (readable by its owner only) the first time it is needed. */
export function partyKey(partyId: string, dir: string = partyKeyDir()): PartyKey {
  const path = join(dir, fileOf(partyId));
  const cached = cache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process made it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = describe(partyId, createPrivateKey(readFileSync(path)), path);
  cache.set(path, key);
  return key;
}

/** The party keys this instance holds, by party id. */
export function listPartyKeys(dir: string = partyKeyDir()): PartyKey[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .sort()
    .map((f) => partyKey(partyOf(f), dir));
}

/** The bytes a sign-off's signature is over. */
export function signoffMessage(f: SignoffFields): Buffer {
  return Buffer.from(canonicalJson({ format: SIGNOFF_FORMAT, documentId: f.documentId, versionNumber: f.versionNumber, contentHash: f.contentHash, partyId: f.partyId, signedAt: f.signedAt }));
}

/** Signs a sign-off with its party's key. */
export function signSignoff(f: SignoffFields, dir?: string): { signature: string; keyId: string; publicKey: string } {
  const key = partyKey(f.partyId, dir);
  return { signature: sign(null, signoffMessage(f), key.privateKey).toString('base64'), keyId: key.keyId, publicKey: key.publicPem };
}

/** True when `signature` (base64) is the Ed25519 signature of the sign-off by `publicPem`. */
export function checkSignoff(f: SignoffFields, signature: string, publicPem: string): boolean {
  try {
    return verify(null, signoffMessage(f), createPublicKey(publicPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The fingerprint of a PEM public key, or undefined when it is not one. */
export function fingerprintOf(publicPem: string): string | undefined {
  try {
    return keyIdOf(createPublicKey(publicPem));
  } catch {
    return undefined;
  }
}
