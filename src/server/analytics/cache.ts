/**
 * The position log of a group (./load.ts) for an API caller, cached while no write that could
 * change it has happened (`logMarker`). Loading the UN group (870k positions) takes seconds on the embedded store;
 * every later request on an unchanged store reuses the log (and its per-date vote tables).
 *
 * Cache key: when every issue and position of the group is public and unclassified, every
 * signed-in user sees the same positions, so one log serves all (`<group>|public`); otherwise
 * the log is per user (`<group>|user:<id>`), because visibility is. Whether a group is wholly
 * public is itself cached per marker.
 */
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import { MarkerCache } from '../read-cache.ts';
import { loadPositionLog, type PositionLog } from './load.ts';
import { currentPublicLog } from './compact/index.ts';
import { UNRELATED_ACTIONS, wholeGroupPublic } from './relevance.ts';

export { UNRELATED_ACTIONS, wholeGroupPublic };

interface Caches {
  logs: MarkerCache<PositionLog>;
  publicGroup: MarkerCache<boolean>;
  inFlight: Map<string, Promise<PositionLog>>;
}

const perStore = new WeakMap<Store, Caches>();

function caches(store: Store): Caches {
  let c = perStore.get(store);
  if (!c) {
    c = { logs: new MarkerCache(16), publicGroup: new MarkerCache(256), inFlight: new Map() };
    perStore.set(store, c);
  }
  return c;
}

const UNRELATED = UNRELATED_ACTIONS;

/**
 * The marker the logs are cached under: the newest audit event of any write but a sign-in,
 * sign-out or API token (every write appends its audit event, in its own transaction: positions,
 * issues, groups, roles, parties, imports). Narrower than the store's change marker, which every
 * sign-in moves: reloading 870,000 positions because someone signed in cost seconds per sign-in.
 */
export async function logMarker(store: Store): Promise<string> {
  const r = await store.db.selectFrom('audit_events').select('seq').where('action', 'not in', UNRELATED).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return `audit:${r?.seq ?? 0}`;
}

/** A reader who sees exactly what every signed-in user sees: public, unclassified records. */
const PUBLIC_READER: Actor = { userId: '', email: '', displayName: '', orgId: '', partyId: '', clearance: 0, isAdmin: false, locale: 'en', roles: {} };

/** Loads ahead the shared logs of the wholly public groups with at least `min` positions (the UN roll calls), so no request waits for them. */
export async function warmLogs(store: Store, min = 50_000): Promise<string[]> {
  const groups = await store.db
    .selectFrom('positions')
    .select(['wg_id', sql<number>`count(*)`.as('n')])
    .groupBy('wg_id')
    .execute();
  const warmed: string[] = [];
  for (const g of groups) {
    if (Number(g.n) < min || !(await wholeGroupPublic(store, g.wg_id))) continue;
    await groupLog(store, PUBLIC_READER, g.wg_id);
    warmed.push(g.wg_id);
  }
  return warmed;
}

/** The log of `wgId` as `actor` may see it (cached; see the module doc). */
export async function groupLog(store: Store, actor: Actor, wgId: string): Promise<{ log: PositionLog; cache: 'hit' | 'miss'; shared: boolean }> {
  const c = caches(store);
  const marker = await logMarker(store);
  let isPublic = c.publicGroup.get(wgId, marker);
  if (isPublic === undefined) {
    isPublic = await wholeGroupPublic(store, wgId);
    c.publicGroup.set(wgId, marker, isPublic);
  }
  const key = isPublic ? `${wgId}|public` : `${wgId}|user:${actor.userId}`;
  const hit = c.logs.get(key, marker);
  if (hit) return { log: hit, cache: 'hit', shared: isPublic };
  const flightKey = `${key}|${marker}`;
  let p = c.inFlight.get(flightKey);
  if (!p) {
    // A wholly public group: the compact copy beside the positions, when it is current (./compact).
    p = isPublic ? currentPublicLog(store, wgId).then((copy) => copy ?? loadPositionLog(store, wgId, actor)) : loadPositionLog(store, wgId, actor);
    c.inFlight.set(flightKey, p);
    p.then(
      (log) => c.logs.set(key, marker, log),
      () => {},
    ).finally(() => c.inFlight.delete(flightKey));
  }
  return { log: await p, cache: 'miss', shared: isPublic };
}
