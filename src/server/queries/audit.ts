import type { AuditAction } from '../../core/api/audit.ts';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';
import { GUARDED_TABLE_OF, hiddenIdsAmong } from './visible.ts';

export interface AuditFilter {
  wgId?: string;
  entityType?: string;
  entityId?: string;
  action?: AuditAction;
  actorUserId?: string;
  before?: number;
  limit?: number;
}

/**
 * Audit events the actor may see: an event is guarded exactly like the record it describes, so
 * the trail never reveals what the record would not. An event about a record the actor may not
 * see today (its guard was narrowed after the event) is hidden too, so no entry names it; ids of
 * other hidden records inside an entry are redacted by `redactHiddenIds`.
 */
export async function findAuditEvents(db: Kysely<Database>, actor: Actor, f: AuditFilter) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .selectAll('audit_events')
    .select('users.display_name as actor_name')
    .where(visibleTo(actor, 'audit_events'));
  if (f.wgId) q = q.where('audit_events.wg_id', '=', f.wgId);
  if (f.entityType) q = q.where('audit_events.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('audit_events.entity_id', '=', f.entityId);
  if (f.action) q = q.where('audit_events.action', '=', f.action);
  if (f.actorUserId) q = q.where('audit_events.actor_user_id', '=', f.actorUserId);
  if (f.before) q = q.where('audit_events.seq', '<', f.before);
  const limit = f.limit ?? 50;
  const rows = await q.orderBy('audit_events.seq', 'desc').limit(limit).execute();
  const nextBefore = rows.length === limit ? Number(rows[rows.length - 1].seq) : null;
  // Events about records hidden from the actor today: found per page (a correlated check per
  // event in SQL made PostgreSQL plan, and JIT-compile, a query 20 times slower), so a page may
  // hold fewer than `limit` events while `nextBefore` still points on.
  const hidden = new Set<string>();
  for (const [type, table] of Object.entries(GUARDED_TABLE_OF)) {
    const ids = rows.filter((r) => r.entity_type === type).map((r) => r.entity_id);
    if (ids.length) for (const id of await hiddenIdsAmong(db, actor, ids, table)) hidden.add(`${type}\u0000${id}`);
  }
  return { rows: hidden.size ? rows.filter((r) => !hidden.has(`${r.entity_type}\u0000${r.entity_id}`)) : rows, nextBefore };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A key that holds a record's id or ids: `id`, `issue_id`, `wgId`, `party_ids`, `linkedIssueIds`. */
const ID_KEY = /(^id$|_id$|Id$|_ids$|Ids$)/;

/**
 * The strings under id-bearing keys, at any depth: the candidates for redaction. Titles, bodies
 * and other text are not looked up (an id is stored under an id key; looking up every string of
 * every event made a page of 300 events cost thousands of lookups).
 */
function idsOf(v: Json, out: string[], underIdKey = false): void {
  if (typeof v === 'string') {
    if (underIdKey) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) idsOf(x, out, underIdKey);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) idsOf(x, out, ID_KEY.test(k));
}

function redact(v: Json, hidden: ReadonlySet<string>, underIdKey = false): Json {
  if (typeof v === 'string') return underIdKey && hidden.has(v) ? null : v;
  if (Array.isArray(v)) return v.map((x) => redact(x, hidden, underIdKey));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x, hidden, ID_KEY.test(k))]));
  return v;
}

/**
 * An event the reader may see names no record they may not: every value under an id key in its
 * before and after (and its group) that is the id of a guarded record hidden from the reader is
 * shown as null. The
 * event's hash is over the stored event, so a redacted entry is verified by `concord audit verify`
 * on the server, not from the answer.
 */
export async function redactHiddenIds<E extends { before: Json; after: Json; wgId: string | null }>(db: Kysely<Database>, actor: Actor, events: E[]): Promise<E[]> {
  const candidates: string[] = [];
  for (const e of events) {
    idsOf(e.before, candidates);
    idsOf(e.after, candidates);
    if (e.wgId) candidates.push(e.wgId);
  }
  const hidden = await hiddenIdsAmong(db, actor, candidates);
  if (!hidden.size) return events;
  return events.map((e) => ({ ...e, before: redact(e.before, hidden), after: redact(e.after, hidden), wgId: e.wgId && hidden.has(e.wgId) ? null : e.wgId }));
}
