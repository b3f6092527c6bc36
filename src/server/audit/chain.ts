import { hash } from 'node:crypto';
import { newId } from '../ids.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { insertRows, prepared } from '../db/prepared.ts';
import type { Store } from '../db/database.ts';
import type { AuditDraft, AuditEventRow, Database } from '../db/tables.ts';
import { canonicalJson } from './canonical-json.ts';
import type { AuditAction } from './events.ts';
import type { GuardFields } from '../policies/visibility.ts';
import { stagePlanned, writePlanned, type PlannedNotices } from '../notify/enqueue.ts';

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

/** The events of one change, ready for the chain: everything but their place in it. */
export function draftAudit(ctx: AuditContext, entries: AuditEntry[], at = new Date().toISOString()): AuditDraft[] {
  return entries.map((e) => ({
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
  }));
}

/**
 * Gives drafted events their place at the chain's head and inserts them, with the change's planned
 * notifications (each names its event's sequence), inside the caller's transaction.
 *
 * On PostgreSQL a transaction-level advisory lock serialises appenders, so the chain never forks.
 * The lock is held until the commit, so a command does all its other work (its rows, its
 * notifications' reads, words and rows) before it comes here, and under the lock there are two
 * round trips: one call of `concord_seal_keyed` (migration 029: the lock, the head, the events, and
 * the sequence and key of the notifications staged just before) and the commit. The hashes it
 * computes are checked here against hashEvent.
 *
 * SQLite serialises writers itself, and the store keeps the head this process last wrote while it
 * is certainly still the chain's (Store.auditHead), which saves the select.
 */
export async function sealAudit(trx: Transaction<Database> | Kysely<Database>, store: AuditStore, drafts: readonly AuditDraft[], notices: readonly PlannedNotices[] = []): Promise<AuditEventRow[]> {
  const head = store.auditHead();
  if (!head && store.dialect === 'postgres') return sealOnPostgres(trx, drafts, notices);
  let seq: number;
  let prev: string;
  if (head) {
    seq = head.seq;
    prev = head.hash;
  } else {
    const last = await chainHead.first(trx, {});
    seq = last ? Number(last.seq) : 0;
    prev = last?.hash ?? GENESIS_HASH;
  }
  const rows: AuditEventRow[] = [];
  for (const d of drafts) {
    seq += 1;
    const row: Omit<AuditEventRow, 'hash'> = { seq, ...d, prev_hash: prev };
    const full = { ...row, hash: hashEvent(row) };
    rows.push(full);
    prev = full.hash;
  }
  await insertRows(trx, 'audit_events', rows);
  if (notices.length) await writePlanned(trx, notices, rows);
  if (rows.length) store.keepAuditHead({ seq, hash: prev });
  return rows;
}

/** The text of an event's canonical JSON before and after its sequence number (see hashEvent and migration 028). */
export function aroundSeq(d: AuditDraft): [string, string] {
  const json = eventJson({ ...d, seq: 0, prev_hash: '' });
  // Every string in it is JSON-escaped, so an unescaped "seq": can only be the key.
  const at = json.indexOf('"seq":0');
  if (at < 0 || json.indexOf('"seq":0', at + 1) >= 0) throw new Error('An audit event has no single "seq" key in its JSON');
  return [json.slice(0, at + 6), json.slice(at + 7)];
}

async function sealOnPostgres(trx: Transaction<Database> | Kysely<Database>, drafts: readonly AuditDraft[], notices: readonly PlannedNotices[]): Promise<AuditEventRow[]> {
  if (!drafts.length) return [];
  const around = drafts.map(aroundSeq);
  // The notifications go in first, outside the lock; the seal only keys them.
  const staged = await stagePlanned(trx, notices);
  const r = await sql<{
    head_seq: number;
    head_hash: string;
    hashes: string[];
  }>`select * from concord_seal_keyed(${around.map((a) => a[0])}::text[], ${around.map((a) => a[1])}::text[], ${JSON.stringify(drafts)}::jsonb, ${staged.ids}::text[], ${staged.events}::int[])`.execute(
    trx,
  );
  const { head_seq, head_hash, hashes } = r.rows[0];
  let prev = head_hash;
  return drafts.map((d, i) => {
    const row: Omit<AuditEventRow, 'hash'> = { seq: Number(head_seq) + i + 1, ...d, prev_hash: prev };
    const full = { ...row, hash: hashes[i] };
    // The store's hash is the chain's from now on: it must be the one hashEvent gives, or nothing is written.
    if (hashEvent(row) !== full.hash) throw new Error(`The store sealed audit event ${row.seq} with a hash that does not match its content`);
    prev = full.hash;
    return full;
  });
}

/** Drafts and seals in one step: for writers with nothing to do between (the demo loader, tests). */
export const appendAudit = (trx: Transaction<Database> | Kysely<Database>, store: AuditStore, ctx: AuditContext, entries: AuditEntry[], at = new Date().toISOString()): Promise<AuditEventRow[]> =>
  sealAudit(trx, store, draftAudit(ctx, entries, at));

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
