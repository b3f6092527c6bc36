import { Worker } from 'node:worker_threads';
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import { AppError, type ErrorCode, type RefusalReason } from '../errors.ts';
import type { CommandArgs, CommandName, CommandResult } from './index.ts';
import type { ActingContext, CommandWriter } from './run.ts';

/**
 * The server's write thread: every command of the API runs on a worker thread that holds the
 * embedded store's write connection, while the main thread parses, authenticates, validates,
 * reads and answers. A write costs the main thread only its HTTP work and two messages, and
 * reads never wait behind a write's CPU; on two cores the two halves run side by side.
 *
 * The worker opens the same SQLite file: its own write connection (group commit, as in the
 * main thread) and its own read connection for the checks a command makes before it writes. It
 * runs the command by name from the map in commands/index.ts with the caller's actor and
 * request id, and answers with the result or the error. The main thread then counts the write
 * and ends its read snapshot, so the caller's next read sees what it wrote.
 *
 * Each call and each answer travels at once as a message of its own. Batching them per turn of
 * the event loop was measured slower: the two threads then fall into step, each waiting while the
 * other works through a batch, where single messages keep both busy.
 */

/** A call as it travels to the write thread. */
export interface Call<N extends CommandName = CommandName> {
  id: number;
  name: N;
  actor: Actor;
  requestId: string | null;
  args: CommandArgs<N>;
}

/**
 * An answer as it travels back. `auth` says an actor-changing write happened meanwhile; `commit`
 * counts the thread's COMMITs so far (every answer of one group commit carries the same number).
 */
export type Answer = { id: number; ok: true; value: unknown; auth: boolean; commit: number } | { id: number; ok: false; error: SentError; auth: boolean; commit: number };

/** An error as it travels: an AppError keeps its code, field, details and reason; others their message and own fields. */
export type SentError =
  | { app: true; code: ErrorCode; message: string; field?: string; details?: Record<string, unknown>; reason?: RefusalReason }
  | { app: false; name: string; message: string; props: Record<string, string | number | boolean | null> };

export function sendError(e: unknown): SentError {
  if (e instanceof AppError) return { app: true, code: e.code, message: e.message, field: e.field, details: e.details, reason: e.reason };
  const err = e instanceof Error ? e : new Error(String(e));
  const props: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) props[k] = v as string | number | boolean | null;
  return { app: false, name: err.name, message: err.message, props };
}

export function receiveError(s: SentError): Error {
  if (s.app) return new AppError(s.code, s.message, { field: s.field, details: s.details, reason: s.reason });
  const e = new Error(s.message);
  e.name = s.name;
  return Object.assign(e, s.props);
}

interface Waiting {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export class WriteThread implements CommandWriter {
  readonly #path: string;
  readonly #store: Store;
  #worker!: Worker;
  #ready!: Promise<void>;
  #next = 1;
  readonly #waiting = new Map<number, Waiting>();
  #closing = false;
  /** The thread's commit count in the last answer: a new one ends this thread's read snapshot. */
  #lastCommit = -1;

  #alive = false;

  get running(): boolean {
    return this.#alive && !this.#closing;
  }

  private constructor(path: string, store: Store) {
    this.#path = path;
    this.#store = store;
  }

  /** Starts the thread on the SQLite file at `path`; `store` is the main thread's store on that file. */
  static async start(path: string, store: Store): Promise<WriteThread> {
    const t = new WriteThread(path, store);
    t.#spawn();
    await t.#ready;
    return t;
  }

  #spawn(): void {
    const worker = new Worker(new URL('./write-thread.worker.ts', import.meta.url), { workerData: { path: this.#path } });
    this.#worker = worker;
    this.#lastCommit = -1;
    this.#ready = new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { ready?: boolean }) => {
        worker.off('error', reject);
        if (m.ready) {
          this.#alive = true;
          resolve();
        } else reject(new Error('The write thread did not start'));
        worker.on('message', (a: Answer) => this.#answer(a));
      });
    });
    worker.on('error', (e) => process.stderr.write(`Concord's write thread failed: ${e instanceof Error ? e.stack : String(e)}\n`));
    worker.once('exit', () => {
      this.#alive = false;
      // Whatever was in flight may or may not have been saved: say so, and start a new thread.
      const lost = new Error('The write thread stopped while this write was in flight; check whether it was saved before repeating it');
      for (const w of this.#waiting.values()) w.reject(lost);
      this.#waiting.clear();
      if (!this.#closing) this.#spawn();
    });
  }

  call<N extends CommandName>(name: N, ctx: ActingContext, args: CommandArgs<N>): Promise<CommandResult<N>> {
    if (this.#closing) return Promise.reject(new Error('The server is shutting down; the write was not made'));
    const id = this.#next++;
    const p = new Promise<CommandResult<N>>((resolve, reject) => this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    const c: Call<N> = { id, name, actor: ctx.actor, requestId: ctx.requestId, args };
    this.#worker.postMessage(c);
    return p;
  }

  #answer(a: Answer): void {
    // The write is committed (or failed): count it for the read-cache markers and, once per
    // commit of the thread, end this turn's read snapshot before the caller hears of it, so its
    // next read sees the write. A refused write (an AppError: rolled back, or never begun) wrote
    // nothing and is not counted.
    if (a.ok || !a.error.app || a.auth) this.#store.countWrite(a.auth);
    if (a.commit !== this.#lastCommit) {
      this.#lastCommit = a.commit;
      this.#store.sawCommit();
    }
    const w = this.#waiting.get(a.id);
    if (!w) return;
    this.#waiting.delete(a.id);
    if (a.ok) w.resolve(a.value);
    else w.reject(receiveError(a.error));
  }

  /** Lets the calls in flight finish, then stops the thread (its store closes cleanly). */
  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 10_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage('stop');
    });
  }
}
