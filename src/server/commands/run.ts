import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import type { Database } from '../db/tables.ts';
import { appendAudit, type AuditEntry } from '../audit/chain.ts';
import type { AuditAction } from '../audit/events.ts';
import { staleVersion, notFound } from '../errors.ts';

export type Tx = Transaction<Database>;

/** What every write use case receives: the store, who acts, and the request it serves. */
export interface CommandContext {
  store: Store;
  actor: Actor | null;
  requestId: string | null;
  /**
   * The server's write thread, when it has one: a command called with it runs there instead
   * (see commands/index.ts and write-thread.ts).
   */
  writer?: CommandWriter;
}

/** Runs a named command on another thread and answers with its result or its error. */
export interface CommandWriter {
  /** False once it is shutting down, or while its thread is being restarted. */
  readonly running?: boolean;
  call(name: string, actor: Actor | null, requestId: string | null, args: unknown[]): Promise<unknown>;
}

/**
 * Runs one write use case in a transaction and appends its audit events in that same
 * transaction. The use case reports each change through `audit`; a write that reports none is a
 * bug, and the transaction is rolled back, so no write can forget its trail.
 */
export async function runCommand<T>(ctx: CommandContext, fn: (tx: Tx, audit: (e: AuditEntry) => void) => Promise<T>): Promise<T> {
  const entries: AuditEntry[] = [];
  try {
    return await inTransaction(ctx, entries, fn);
  } finally {
    // Counted even when the transaction failed: a marker that moves too often costs a cache miss,
    // one that moves too rarely would serve a stale read.
    ctx.store.writes += 1;
    if (entries.some((e) => ACTOR_ACTIONS.has(e.action))) ctx.store.authWrites += 1;
  }
}

/**
 * The audit actions that can change who a user is or what they may do. The actor cache is kept
 * until one of these (or another process's commit) happens; the audit list being closed, a new
 * kind of write cannot slip past this set without a reader of this file seeing it.
 */
const ACTOR_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'user.create', 'user.update', 'token.create', 'token.revoke', 'session.sign_out',
  'organisation.create', 'organisation.update', 'party.update',
  'working_group.create', 'working_group.update', 'working_group.member_set', 'working_group.role_set',
  'store.import', 'store.demo_load',
]);

async function inTransaction<T>(ctx: CommandContext, entries: AuditEntry[], fn: (tx: Tx, audit: (e: AuditEntry) => void) => Promise<T>): Promise<T> {
  return ctx.store.db.transaction().execute(async (tx) => {
    const result = await fn(tx, (e) => entries.push(e));
    if (entries.length === 0) throw new Error('A command wrote without an audit event');
    await appendAudit(tx, ctx.store, { actorUserId: ctx.actor?.userId ?? null, actorOrgId: ctx.actor?.orgId ?? null, requestId: ctx.requestId }, entries);
    return result;
  });
}

export { newId } from '../ids.ts';
export const now = (): string => new Date().toISOString();

type VersionedTable = {
  [K in keyof Database]: Database[K] extends { id: string; version: number; updated_at: string } ? K : never;
}[keyof Database];

/**
 * Optimistic concurrency: updates a versioned row only if it is still at `expected`, bumping the
 * version. A stale write gets 409 with the current version; nothing is written.
 */
export async function updateVersioned<K extends VersionedTable>(
  tx: Tx,
  table: K,
  id: string,
  expected: number,
  patch: Record<string, unknown>,
): Promise<void> {
  const t = table as 'meetings';
  const res = await tx
    .updateTable(t)
    .set({ ...(patch as object), version: expected + 1, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const cur = await tx.selectFrom(t).select('version').where('id', '=', id).executeTakeFirst();
  if (!cur) throw notFound(table);
  throw staleVersion(Number(cur.version));
}
