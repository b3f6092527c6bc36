import { hash } from 'node:crypto';
import { newId } from '../ids.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { insertRows, prepared } from '../db/prepared.ts';
import type { AuditEventRow, Database } from '../db/tables.ts';
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

/**
 * Deterministic JSON: keys sorted (UTF-16 code-unit order), undefined members left out, so the
 * same event always hashes the same. It runs twice for every audited write; the sorted key
 * order of each object shape (its own keys in their order) is kept, so a row of a known shape is
 * not sorted again.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const o = value as Record<string, unknown>;
  const { keys, heads } = sortedShape(o);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const v = o[keys[i]];
    if (v === undefined) continue;
    out += (first ? '' : ',') + heads[i] + canonicalJson(v);
    first = false;
  }
  return `${out}}`;
}

interface Shape {
  /** The keys, sorted. */
  keys: string[];
  /** Each key written as JSON, with its colon. */
  heads: string[];
}

const shapes = new Map<string, Shape>();

function allOwn(o: object, keys: string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (!Object.hasOwn(o, keys[i])) return false;
  return true;
}

function sortedShape(o: Record<string, unknown>): Shape {
  const own = Object.keys(o);
  const sig = own.join('\u0000');
  const known = shapes.get(sig);
  // A key holding the separator could make two key lists share a signature: the hit counts only
  // if it has as many keys and every one of them is the object's own.
  if (known && known.keys.length === own.length && allOwn(o, known.keys)) return known;
  const keys = own.sort();
  const shape = { keys, heads: keys.map((k) => `${JSON.stringify(k)}:`) };
  if (shapes.size >= 1000) shapes.clear();
  shapes.set(sig, shape);
  return shape;
}

/** The hash of an event: over the previous hash and every field but the hash itself. */
export function hashEvent(e: Omit<AuditEventRow, 'hash'>): string {
  return hash('sha256', `${e.prev_hash}\n${eventJson(e)}`, 'hex');
}

/** An event's fields but the hash and the link, in canonical (sorted) order. */
const EVENT_KEYS = [
  'action', 'actor_org_id', 'actor_user_id', 'after', 'at', 'before', 'classification', 'entity_id', 'entity_type', 'id',
  'owner_org_id', 'owner_party_id', 'request_id', 'scope', 'seq', 'wg_id',
] as const;
const EVENT_KEY_SET = new Set<string>([...EVENT_KEYS, 'prev_hash']);
const EVENT_HEADS = EVENT_KEYS.map((k) => `${JSON.stringify(k)}:`);

/**
 * canonicalJson of the event without its link, with seq and classification as numbers: written
 * field by field in the fixed order for a row of the audit table, through canonicalJson for
 * anything else (a row with other fields), so both give the same text.
 */
function eventJson(e: Omit<AuditEventRow, 'hash'>): string {
  const o = e as unknown as Record<string, unknown>;
  for (const k in o) {
    if (!EVENT_KEY_SET.has(k)) {
      const { prev_hash: _link, ...rest } = e;
      return canonicalJson({ ...rest, seq: Number(rest.seq), classification: Number(rest.classification) });
    }
  }
  let out = '{';
  let first = true;
  for (let i = 0; i < EVENT_KEYS.length; i++) {
    const k = EVENT_KEYS[i];
    let v = o[k];
    if (v === undefined) continue;
    if (k === 'seq' || k === 'classification') v = Number(v);
    out += (first ? '' : ',') + EVENT_HEADS[i] + canonicalJson(v);
    first = false;
  }
  return `${out}}`;
}

/** The newest event of the chain as this process wrote it, valid while the store's write epoch is `epoch`. */
export interface AuditTail {
  epoch: number;
  seq: number;
  hash: string;
}

/** What appendAudit needs of the store: its dialect and, on SQLite, the memo of the chain's head. */
export interface AuditStore {
  dialect: 'sqlite' | 'postgres';
  writeEpoch?: () => number;
  auditTail?: AuditTail | null;
}

const chainHead = prepared((db) => db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));

/**
 * Appends events to the chain inside the caller's transaction. On PostgreSQL a transaction-level
 * advisory lock serialises appenders, so the chain never forks. SQLite serialises writers itself,
 * and this process keeps the head it last wrote: while the store's write epoch has not moved (no
 * other process committed, nothing rolled back) that head is the chain's, and the select is saved.
 */
export async function appendAudit(trx: Transaction<Database> | Kysely<Database>, store: AuditStore, ctx: AuditContext, entries: AuditEntry[], at = new Date().toISOString()): Promise<AuditEventRow[]> {
  const epoch = store.writeEpoch?.();
  const tail = store.auditTail;
  let seq: number;
  let prev: string;
  if (epoch !== undefined && tail && tail.epoch === epoch) {
    seq = tail.seq;
    prev = tail.hash;
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
  if (epoch !== undefined && rows.length) store.auditTail = { epoch, seq, hash: prev };
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
