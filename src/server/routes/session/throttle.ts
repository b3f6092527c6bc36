/**
 * Sign-in throttling, keyed by the client's address and by the account, with exponential backoff.
 *
 * Each key counts its failed sign-ins. The first `limit` - 1 failures are free; the limit-th and each
 * further one makes the key wait 2^k seconds (k = 1, 2, 3 … : 2 s, 4 s, 8 s …), capped. A key forgets
 * its failures an hour after the last one; a successful sign-in clears the account's count.
 *
 * - The client key (`client:<address>`, the real address when TRUST_PROXY names the proxy) slows
 *   one address guessing at many accounts; its wait is capped at 15 minutes.
 * - The account key (`account:<e-mail>`, known or not, so the answer reveals nothing) slows many
 *   addresses guessing at one account, after `limit` × 3 failures; its wait is capped at 60 s, so
 *   an attacker can keep an account's owner waiting at most a minute at a time, and only from the
 *   addresses the attacker does not use: one address hammering an account is held back by its own
 *   client key first.
 *
 * An attempt while a key waits is refused (429, Retry-After) without checking the password and
 * without counting. On PostgreSQL the counts live in the `sign_in_throttle` table, shared by
 * every process serving the database; on SQLite (one serving process) in memory.
 */
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Store } from '../../db/database.ts';

export const CLIENT_CAP_S = 15 * 60;
export const ACCOUNT_CAP_S = 60;
export const ACCOUNT_FACTOR = 3;
export const FORGET_MS = 60 * 60 * 1000;

export interface ThrottleKey {
  key: string;
  /** Failures allowed before the backoff starts. */
  free: number;
  /** Longest wait, in seconds. */
  capS: number;
}

export function throttleKeys(address: string, email: string, limit: number): ThrottleKey[] {
  return [
    { key: `client:${address}`, free: limit, capS: CLIENT_CAP_S },
    { key: `account:${email}`, free: limit * ACCOUNT_FACTOR, capS: ACCOUNT_CAP_S },
  ];
}

/** The wait (ms) after `failures` failures of a key. */
export function backoffMs(k: ThrottleKey, failures: number): number {
  if (failures < k.free) return 0;
  return Math.min(2 ** Math.min(failures - k.free + 1, 30), k.capS) * 1000;
}

export interface SignInThrottle {
  /** Seconds the caller must still wait (0: go ahead). */
  wait(keys: ThrottleKey[], now: number): Promise<number>;
  failed(keys: ThrottleKey[], now: number): Promise<void>;
  succeeded(key: string): Promise<void>;
}

interface Count {
  failures: number;
  last: number;
  until: number;
}

/** Counts in this process (SQLite: one serving process). At most 100,000 keys, least recent out. */
export class MemoryThrottle implements SignInThrottle {
  private readonly counts = new LRUCache<string, Count>({ max: 100_000 });

  async wait(keys: ThrottleKey[], now: number): Promise<number> {
    let until = 0;
    for (const k of keys) until = Math.max(until, this.counts.get(k.key)?.until ?? 0);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  async failed(keys: ThrottleKey[], now: number): Promise<void> {
    for (const k of keys) {
      const c = this.counts.get(k.key);
      const failures = c && c.last >= now - FORGET_MS ? c.failures + 1 : 1;
      this.counts.set(k.key, { failures, last: now, until: now + backoffMs(k, failures) });
    }
  }

  async succeeded(key: string): Promise<void> {
    this.counts.delete(key);
  }
}

/** Counts in the `sign_in_throttle` table (PostgreSQL: shared by every process on the database). */
export class TableThrottle implements SignInThrottle {
  private readonly store: Store;
  constructor(store: Store) {
    this.store = store;
  }

  async wait(keys: ThrottleKey[], now: number): Promise<number> {
    const r = await this.store.db
      .selectFrom('sign_in_throttle')
      .select(sql<number>`max(blocked_until_ms)`.as('until'))
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .where('blocked_until_ms', '>', now)
      .executeTakeFirst();
    const until = Number(r?.until ?? 0);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  async failed(keys: ThrottleKey[], now: number): Promise<void> {
    const db = this.store.db;
    for (const k of keys) {
      // One statement per key: concurrent failures from several processes each count.
      const row = await db
        .insertInto('sign_in_throttle')
        .values({ key: k.key, failures: 1, last_failure_ms: now, blocked_until_ms: now + backoffMs(k, 1) })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`case when sign_in_throttle.last_failure_ms < ${now - FORGET_MS} then 1 else sign_in_throttle.failures + 1 end`,
            last_failure_ms: now,
          }),
        )
        .returning(['failures', 'blocked_until_ms'])
        .executeTakeFirstOrThrow();
      const until = now + backoffMs(k, row.failures);
      if (until > Number(row.blocked_until_ms)) await db.updateTable('sign_in_throttle').set({ blocked_until_ms: until }).where('key', '=', k.key).execute();
    }
    // Keys long forgotten go, a few at a time, so the table stays the size of recent trouble.
    if (Math.random() < 0.05)
      await db
        .deleteFrom('sign_in_throttle')
        .where('last_failure_ms', '<', now - FORGET_MS)
        .execute();
  }

  async succeeded(key: string): Promise<void> {
    await this.store.db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
  }
}
