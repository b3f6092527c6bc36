import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/tables.ts';
import { visibleTo } from '../policies/visibility.ts';

export interface AuditFilter {
  wgId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  before?: number;
  limit?: number;
}

/**
 * Audit events the actor may see: an event is guarded exactly like the record it describes, so
 * the trail never reveals what the record would not.
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
  return q
    .orderBy('audit_events.seq', 'desc')
    .limit(f.limit ?? 50)
    .execute();
}
