import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import type { Database } from '../db/tables.ts';
import { draftAudit, sealAudit, type AuditEntry } from '../audit/chain.ts';
import { ACTOR_ACTIONS } from '../audit/actor-actions.ts';
import { AppError, staleVersion, notFound } from '../errors.ts';
import { referenceError, type ReferenceFields } from './references.ts';

import { notifies, planNotifications } from '../notify/enqueue.ts';

export type Tx = Transaction<Database>;

/** What every write receives: the store, who acts (none for the CLI's own writes), and the request it serves. */
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

/** The context of a command of the API: the caller, known once, travels in it. */
export interface ActingContext extends CommandContext {
  actor: Actor;
}

/**
 * Runs a command on another thread and answers with its result or its error. Typed by name where
 * it is called and where it is implemented (commands/index.ts `onWriter`, write-thread.ts): this
 * file, which every command imports, does not import the map of commands.
 */
export interface CommandWriter {
  /** False once it is shutting down, or while its thread is being restarted. */
  readonly running?: boolean;
  call(name: string, ctx: ActingContext, args: readonly unknown[]): Promise<unknown>;
}

/**
 * Runs one write use case in a transaction and appends its audit events in that same
 * transaction. The use case reports each change through `audit`; a write that reports none is a
 * bug, and the transaction is rolled back, so no write can forget its trail.
 *
 * A write naming a record that does not exist fails on a foreign key and becomes a 400 naming the
 * request field (see references.ts; `fields` names the fields that differ from the column).
 */
export async function runCommand<T>(ctx: CommandContext, fn: (tx: Tx, audit: (e: AuditEntry) => void) => Promise<T>, fields?: ReferenceFields): Promise<T> {
  const entries: AuditEntry[] = [];
  let refused = false;
  try {
    return await inTransaction(ctx, entries, fn, fields);
  } catch (e) {
    // An AppError comes from the use case, inside the transaction, which was then rolled back:
    // nothing was written.
    refused = e instanceof AppError;
    throw e;
  } finally {
    // Counted unless the write was refused: a marker that moves too often costs a cache miss,
    // one that moves too rarely would serve a stale read (a failed COMMIT, for one, is counted).
    if (!refused) ctx.store.countWrite(entries.some((e) => ACTOR_ACTIONS.has(e.action)));
  }
}

async function inTransaction<T>(ctx: CommandContext, entries: AuditEntry[], fn: (tx: Tx, audit: (e: AuditEntry) => void) => Promise<T>, fields?: ReferenceFields): Promise<T> {
  return ctx.store.transaction(async (tx) => {
    let result: T;
    try {
      result = await fn(tx, (e) => entries.push(e));
    } catch (e) {
      // Worked out inside the transaction, where the rows it wrote before the failure still are.
      throw await referenceError(tx, ctx.store.dialect, e, fields);
    }
    if (entries.length === 0) throw new Error('A command wrote without an audit event');
    const drafts = draftAudit({ actorUserId: ctx.actor?.userId ?? null, actorOrgId: ctx.actor?.orgId ?? null, requestId: ctx.requestId }, entries);
    // The outbox: whoever is to be told of this change, in the same transaction (notify/enqueue.ts),
    // chosen and worded before the events take their place in the chain: on PostgreSQL that takes
    // the chain's lock, held by this transaction until it commits.
    const planned = notifies(drafts) ? await planNotifications(tx, drafts) : [];
    await sealAudit(tx, ctx.store, drafts, planned);
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
export async function updateVersioned<K extends VersionedTable>(tx: Tx, table: K, id: string, expected: number, patch: Record<string, unknown>): Promise<void> {
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
