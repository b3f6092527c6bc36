import { hash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { prepared } from '../db/prepared.ts';

export const SESSION_COOKIE = 'concord_session';
export const SESSION_DAYS = 14;

export const sha256 = (s: string): string => hash('sha256', s, 'hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Creates a browser session; only the hash of the token is stored. */
export async function createSession(db: Kysely<Database>, userId: string): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const created = new Date();
  const expiresAt = new Date(created.getTime() + SESSION_DAYS * 86400_000).toISOString();
  await db.insertInto('user_sessions').values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: created.toISOString(), expires_at: expiresAt, revoked_at: null }).execute();
  return { token, csrfToken, expiresAt };
}

const sessionById = prepared((db, a: { id: string }) => db.selectFrom('user_sessions').selectAll().where('id', '=', a.id));
const tokenByHash = prepared((db, a: { hash: string }) => db.selectFrom('api_tokens').selectAll().where('token_hash', '=', a.hash));

export async function findSession(db: Kysely<Database>, token: string) {
  const s = await sessionById.first(db, { id: sha256(token) });
  if (!s || s.revoked_at || s.expires_at < new Date().toISOString()) return undefined;
  return s;
}

/** API tokens look like `cct_<random>`; only their hash is stored. */
export async function findApiToken(db: Kysely<Database>, token: string) {
  const t = await tokenByHash.first(db, { hash: sha256(token) });
  if (!t || t.revoked_at) return undefined;
  return t;
}
