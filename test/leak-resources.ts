/**
 * The guarded resources the leak test walks: how to make a record with a given guard, and the
 * list and record routes that must honour it. Every guarded resource with a route belongs here.
 */
import type { Store } from '../src/server/db/database.ts';
import type { GuardFields } from '../src/server/policies/visibility.ts';
import type { World } from './helpers.ts';

export interface LeakRecord {
  id: string;
  guard: GuardFields;
}

export interface LeakResource {
  name: string;
  prepare?: (store: Store, w: World) => Promise<void>;
  insert: (store: Store, w: World, id: string, g: GuardFields) => Promise<void>;
  listUrls: (w: World) => string[];
  /** When a list URL filters (e.g. by group), which of the visible records it should hold. */
  listFilter?: (r: LeakRecord, url: string, w: World) => boolean;
  idsFromList: (body: any) => string[];
  recordUrl: (id: string) => string;
}

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };
const items = (b: any) => (b.items as { id: string }[]).map((x) => x.id);

export const LEAK_RESOURCES: LeakResource[] = [
  {
    name: 'meeting',
    insert: async (store, _w, id, g) => {
      await store.db.insertInto('meetings').values({
        id, wg_id: g.wg_id!, title: id, title_ko: null, level: 'working', format: 'video', place: null, starts_at: ts, ends_at: ts, timezone: 'Asia/Seoul',
        status: 'planned', status_reason: null, postponed_to: null, beside_meeting_id: null, outcome: null, outcome_ko: null, minutes: null,
        owner_org_id: g.owner_org_id, owner_party_id: g.owner_party_id, scope: g.scope, classification: g.classification, ...stamp,
      }).execute();
    },
    listUrls: (w) => ['/api/meetings?limit=500', `/api/meetings?wgId=${w.wgId}&limit=500`],
    listFilter: (r, url, w) => !url.includes('wgId=') || r.guard.wg_id === w.wgId,
    idsFromList: items,
    recordUrl: (id) => `/api/meetings/${id}`,
  },
];
