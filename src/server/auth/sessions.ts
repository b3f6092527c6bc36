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
  await db
    .insertInto('user_sessions')
    .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: created.toISOString(), expires_at: expiresAt, revoked_at: null })
    .execute();
  return { token, csrfToken, expiresAt };
}

const sessionById = prepared((db, a: { id: string }) => db.selectFrom('user_sessions').selectAll().where('id', '=', a.id));
const tokenByHash = prepared((db, a: { hash: string }) => db.selectFrom('api_tokens').selectAll().where('token_hash', '=', a.hash));

export async function findSession(db: Kysely<Database>, token: string) {
  const s = await sessionById.first(db, { id: sha256(token) });
  if (!s || s.revoked_at || s.expires_at < new Date().toISOString()) return undefined;
  return s;
}

/**
 * API tokens look like `cct_<random>`; only their hash is stored. A revoked or expired token is
 * no token (a row without an expiry is refused too: every token the server makes has one).
 */
export async function findApiToken(db: Kysely<Database>, token: string) {
  const t = await tokenByHash.first(db, { hash: sha256(token) });
  if (!t || t.revoked_at || !t.expires_at || t.expires_at <= new Date().toISOString()) return undefined;
  return t;
}

/** The path of the only URL a calendar token opens. */
export const calendarPath = (wgId: string): string => `/api/working-groups/${encodeURIComponent(wgId)}/calendar.ics`;

/**
 * Whether a token of `scope` may make this request: `ok`; `unauthenticated` (401) for a calendar
 * token anywhere but its group's feed, since it is a key to that one URL and not a credential
 * for the account, so elsewhere the request is as if it carried none; `forbidden` (403) for a
 * read token's write and for any token on /api/tokens, where only a signed-in session may make,
 * list or revoke tokens (a token that could mint tokens could outlive its own revocation).
 */
export function tokenAllows(scope: string, wgId: string | null, method: string, url: string): 'ok' | 'unauthenticated' | 'forbidden' {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const read = method === 'GET' || method === 'HEAD';
  if (scope === 'calendar') return read && wgId !== null && path === calendarPath(wgId) ? 'ok' : 'unauthenticated';
  if (path === '/api/tokens' || path.startsWith('/api/tokens/')) return 'forbidden';
  if (scope === 'write') return 'ok';
  if (scope === 'read') return read ? 'ok' : 'forbidden';
  return 'unauthenticated'; // a scope this server does not know opens nothing
}

/** How often a token's last-used time is written, at most. */
export const LAST_USED_EVERY_MS = 60_000;

/**
 * Keeps the tokens' last-used times to the minute without a write on every request: each
 * process remembers when it last wrote a token's time and writes again only a minute later, and
 * the UPDATE itself skips a row another process touched in the last minute. The time is that of
 * the last request the token was used for that succeeded (a refused request writes nothing, not
 * even this); app.ts writes it as the answer leaves, so at most one answer a minute per token
 * waits for one small UPDATE, and a failure is only logged. A time is not audited: it records
 * use, not a change anyone made.
 */
export class TokenUse {
  readonly #written = new Map<string, number>();
  readonly #write: (tokenId: string, at: string, before: string) => Promise<void>;
  readonly #onError: (e: unknown) => void;
  /** `write` sets the token's last_used_at to `at` unless it is already `before` or later (commands/session.ts recordTokenUse). */
  constructor(write: (tokenId: string, at: string, before: string) => Promise<void>, onError: (e: unknown) => void = () => {}) {
    this.#write = write;
    this.#onError = onError;
  }

  /** Records a use: a promise when this one is written, undefined when the token's time is less than a minute old. */
  note(tokenId: string, now = Date.now()): Promise<void> | undefined {
    const last = this.#written.get(tokenId);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return undefined;
    if (this.#written.size > 100_000) this.#written.clear(); // bounded; forgetting only costs an extra write
    this.#written.set(tokenId, now);
    return this.#write(tokenId, new Date(now).toISOString(), new Date(now - LAST_USED_EVERY_MS).toISOString()).then(() => undefined, this.#onError);
  }
}
