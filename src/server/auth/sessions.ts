import { hash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { prepared } from '../db/prepared.ts';

export const SESSION_COOKIE = 'concord_session';

/**
 * How long a browser session lasts: it ends `idleMinutes` after its last request, and in any case
 * `maxHours` after sign-in (CONCORD_SESSION_IDLE_MINUTES, CONCORD_SESSION_MAX_HOURS under
 * `concord serve`). The defaults follow common government practice for sensitive but
 * unclassified systems: an hour idle, a working day at most.
 */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 60, maxHours: 12 };

/** Where a session was opened from, shown to its owner in their list of sessions. */
export interface SessionOrigin {
  userAgent?: string | null;
  ip?: string | null;
}

export const sha256 = (s: string): string => hash('sha256', s, 'hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * Creates a browser session; only the hash of the token is stored. `limitedTo`: a session that may
 * only enrol a passkey (auth/passkeys.ts limitedSessionAllows).
 */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  maxHours: number,
  origin: SessionOrigin = {},
  limitedTo: string | null = null,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const created = new Date();
  const expiresAt = new Date(created.getTime() + maxHours * 3600_000).toISOString();
  await db
    .insertInto('user_sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: created.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      last_seen_at: created.toISOString(),
      user_agent: origin.userAgent?.slice(0, 500) ?? null,
      ip: origin.ip ?? null,
      limited_to: limitedTo,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * When a session ends unless it is used again: its absolute expiry, or its idle timeout counted
 * from its last request (kept to the minute), whichever comes first.
 */
export function sessionEnds(s: { expires_at: string; last_seen_at?: string | null; created_at: string }, idleMinutes: number): string {
  const idleEnd = new Date(Date.parse(s.last_seen_at ?? s.created_at) + idleMinutes * 60_000).toISOString();
  // ISO times in UTC compare as strings: the earlier of the two.
  if (idleEnd < s.expires_at) return idleEnd;
  return s.expires_at;
}

const sessionById = prepared((db, a: { id: string }) => db.selectFrom('user_sessions').selectAll().where('id', '=', a.id));
const tokenByHash = prepared((db, a: { hash: string }) => db.selectFrom('api_tokens').selectAll().where('token_hash', '=', a.hash));

/** The live session behind a cookie's secret, with when it ends if unused; undefined when revoked, expired or idle too long. */
export async function findSession(db: Kysely<Database>, token: string, idleMinutes: number) {
  const s = await sessionById.first(db, { id: sha256(token) });
  if (!s || s.revoked_at) return undefined;
  const ends = sessionEnds(s, idleMinutes);
  if (ends <= new Date().toISOString()) return undefined;
  return { ...s, ends };
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
 * How often a session's last request is written, at most: the idle timeout is exact to this much
 * (a session may live up to five minutes past it), and a busy server writes once per five minutes
 * per signed-in user rather than on every request.
 */
export const SESSION_SEEN_EVERY_MS = 5 * 60_000;

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
  readonly #everyMs: number;
  /** `write` sets the token's last_used_at to `at` unless it is already `before` or later (commands/session.ts recordTokenUse). */
  constructor(write: (tokenId: string, at: string, before: string) => Promise<void>, onError: (e: unknown) => void = () => {}, everyMs = LAST_USED_EVERY_MS) {
    this.#write = write;
    this.#onError = onError;
    this.#everyMs = everyMs;
  }

  /** Records a use: a promise when this one is written, undefined when the token's time is less than a minute old. */
  note(tokenId: string, now = Date.now()): Promise<void> | undefined {
    const last = this.#written.get(tokenId);
    if (last !== undefined && now - last < this.#everyMs) return undefined;
    if (this.#written.size > 100_000) this.#written.clear(); // bounded; forgetting only costs an extra write
    this.#written.set(tokenId, now);
    return this.#write(tokenId, new Date(now).toISOString(), new Date(now - this.#everyMs).toISOString()).then(() => undefined, this.#onError);
  }
}
