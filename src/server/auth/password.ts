import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384,
  R = 8,
  P = 1,
  KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a password with scrypt (node:crypto); the parameters travel inside the hash string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, expected.length, { N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]), maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let unknown: Promise<string> | undefined;
/**
 * A hash that no password matches, made once per process: sign-in checks an unknown e-mail's
 * password against it, so that an unknown e-mail costs the same scrypt work as a known one.
 */
export function unknownUserHash(): Promise<string> {
  unknown ??= hashPassword(randomBytes(32).toString('base64url'));
  return unknown;
}
