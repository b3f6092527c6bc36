import { hash } from 'node:crypto';
import { newId } from '../ids.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { insertRows, prepared } from '../db/prepared.ts';
import type { Store } from '../db/database.ts';
import type { AuditEventRow, Database } from '../db/tables.ts';
import { canonicalJson } from './canonical-json.ts';
import type { AuditAction } from './events.ts';
import type { GuardFields } from '../policies/visibility.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** What a command says about one change; the runner adds actor, time, sequence and hashes. */
export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The guard of the record the event is about: the event is visible exactly where it is. */
  guard: GuardFields;
}

export interface AuditContext {
  actorUserId: string | null;
  actorOrgId: string | null;
  requestId: string | null;
}

/** The hash of an event: over the previous hash and every field but the hash itself. */
export function hashEvent(e: Omit<AuditEventRow, 'hash'>): string {
  return hash('sha256', `${e.prev_hash}\n${eventJson(e)}`, 'hex');
}

/**
 * canonicalJson of the event without its link, with seq and classification as numbers (SQLite
 * gives them as numbers, and so does the runner; a store could give text).
 */
function eventJson(e: Omit<AuditEventRow, 'hash'>): string {
  const { prev_hash: _link, ...rest } = e;
  return canonicalJson({ ...rest, seq: Number(rest.seq), classification: Number(rest.classification) });
}

/** What appendAudit needs of the store: its dialect and the memo of the chain's head (see Store.auditHead). */
export type AuditStore = Pick<Store, 'dialect' | 'auditHead' | 'keepAuditHead'>;

const chainHead = prepared((db) => db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));

/**
 * Appends events to the chain inside the caller's transaction. On PostgreSQL a transaction-level
 * advisory lock serialises appenders, so the chain never forks. SQLite serialises writers itself,
 * and the store keeps the head this process last wrote while it is certainly still the chain's
 * (Store.auditHead), which saves the select.
 */
export async function appendAudit(trx: Transaction<Database> | Kysely<Database>, store: AuditStore, ctx: AuditContext, entries: AuditEntry[], at = new Date().toISOString()): Promise<AuditEventRow[]> {
  const head = store.auditHead();
  let seq: number;
  let prev: string;
  if (head) {
    seq = head.seq;
    prev = head.hash;
  } else {
    if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7301)`.execute(trx);
    const last = await chainHead.first(trx, {});
    seq = last ? Number(last.seq) : 0;
    prev = last?.hash ?? GENESIS_HASH;
  }
  const rows: AuditEventRow[] = [];
  for (const e of entries) {
    seq += 1;
    const row: Omit<AuditEventRow, 'hash'> = {
      seq,
      id: newId(),
      at,
      actor_user_id: ctx.actorUserId,
      actor_org_id: ctx.actorOrgId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: e.before === undefined ? null : canonicalJson(e.before),
      after: e.after === undefined ? null : canonicalJson(e.after),
      request_id: ctx.requestId,
      wg_id: e.guard.wg_id,
      owner_org_id: e.guard.owner_org_id,
      owner_party_id: e.guard.owner_party_id,
      scope: e.guard.scope,
      classification: e.guard.classification,
      prev_hash: prev,
    };
    const full = { ...row, hash: hashEvent(row) };
    rows.push(full);
    prev = full.hash;
  }
  await insertRows(trx, 'audit_events', rows);
  if (rows.length) store.keepAuditHead({ seq, hash: prev });
  return rows;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match, when the chain is broken. */
  firstBad?: { seq: number; id: string; reason: string };
}

/** Recomputes the whole chain in order and names the first event that does not match. */
export async function verifyChain(db: Kysely<Database>, upTo?: number): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    let q = db.selectFrom('audit_events').selectAll().where('seq', '>', after);
    if (upTo !== undefined) q = q.where('seq', '<=', upTo);
    const batch = await q.orderBy('seq').limit(5000).execute();
    if (batch.length === 0) break;
    for (const e of batch) {
      const seq = Number(e.seq);
      if (e.prev_hash !== prev) return { ok: false, checked, firstBad: { seq, id: e.id, reason: 'link to the previous event does not match' } };
      const { hash, ...rest } = e;
      if (hashEvent({ ...rest, seq, classification: Number(e.classification) }) !== hash) {
        return { ok: false, checked, firstBad: { seq, id: e.id, reason: 'content does not match its hash' } };
      }
      prev = hash;
      checked += 1;
      after = seq;
    }
  }
  return { ok: true, checked };
}
