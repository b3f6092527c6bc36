import { Worker } from 'node:worker_threads';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import { receiveError, type SentError } from '../commands/write-thread.ts';
import type { JobArgs, JobName, JobResult } from './jobs.ts';
import { asBuffer, type HeavyRunner } from './runner.ts';

/**
 * The analysis thread: the heavy reads of the API (./jobs.ts) run on a worker thread with its own
 * read-only connection to the store, so the main thread only parses, authenticates and answers.
 * Loading the UN roll calls' 870,000 positions and computing over them takes seconds of CPU; here
 * it never holds the server's event loop.
 *
 * The thread keeps its own caches (the position logs of ../analytics/cache.ts) and, when it
 * starts, loads the logs of the store's large public groups, so the first alignment request does
 * not pay for the load. A call that is not answered within the time limit gets 503 `busy` with
 * Retry-After (the work goes on, and fills the caches for the retry); so does a call that finds
 * too many waiting before it.
 */

interface Call {
  id: number;
  name: JobName;
  actor: Actor;
  args: unknown;
  json?: boolean;
}
export type HeavyAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError };

export interface HeavyThreadOptions {
  /** DATABASE_URL of the store (default: the process's). */
  url?: string;
  /** Answer 503 after this long (ms). */
  timeoutMs?: number;
  /** Calls waiting at once before new ones get 503. */
  maxWaiting?: number;
  /** Load the logs of large public groups when the thread starts (default true). */
  warm?: boolean;
  /** Told, once every thread has loaded them, which groups' logs were loaded ahead, and how long it took. */
  onWarm?: (groups: string[], ms: number) => void;
  /** Threads in the pool (default 1): a call goes to the one with the fewest in hand; each keeps its own caches. */
  threads?: number;
}

export const busy = (message: string, retryAfter: number) => new AppError('busy', message, { details: { retryAfter } });

interface Slot {
  worker: Worker;
  pending: Set<number>;
}

export class HeavyThread implements HeavyRunner {
  readonly #o: Required<Omit<HeavyThreadOptions, 'url' | 'onWarm'>> & Pick<HeavyThreadOptions, 'url' | 'onWarm'>;
  readonly #slots: Slot[] = [];
  #next = 1;
  readonly #waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void; timer: NodeJS.Timeout; slot: Slot }>();
  #closing = false;
  #warmed = 0;
  #warmedGroups = new Set<string>();
  #warmMs = 0;

  private constructor(o: HeavyThreadOptions) {
    this.#o = {
      url: o.url ?? process.env.DATABASE_URL,
      timeoutMs: o.timeoutMs ?? 20_000,
      maxWaiting: o.maxWaiting ?? 32,
      warm: o.warm ?? true,
      onWarm: o.onWarm,
      threads: Math.max(1, o.threads ?? 1),
    };
  }

  static async start(o: HeavyThreadOptions = {}): Promise<HeavyThread> {
    const t = new HeavyThread(o);
    await Promise.all(Array.from({ length: t.#o.threads }, () => t.#spawn()));
    return t;
  }

  #spawn(replacing?: Slot): Promise<void> {
    const worker = new Worker(new URL('./heavy.worker.ts', import.meta.url), { workerData: { url: this.#o.url, warm: this.#o.warm } });
    worker.unref();
    const slot: Slot = { worker, pending: new Set() };
    if (replacing) this.#slots[this.#slots.indexOf(replacing)] = slot;
    else this.#slots.push(slot);
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { ready?: boolean }) => {
        worker.off('error', reject);
        if (m.ready) resolve();
        else reject(new Error('The analysis thread did not start'));
        worker.on('message', (a: HeavyAnswer | { warmed: string[]; ms: number }) => {
          if ('warmed' in a) this.#warm(a.warmed, a.ms);
          else this.#answer(a);
        });
      });
    });
    worker.on('error', (e) => process.stderr.write(`Concord's analysis thread failed: ${e instanceof Error ? e.stack : String(e)}\n`));
    worker.once('exit', () => {
      const lost = busy('The analysis thread stopped while computing this answer; retry', 1);
      for (const id of slot.pending) {
        const w = this.#waiting.get(id);
        if (!w) continue;
        clearTimeout(w.timer);
        this.#waiting.delete(id);
        w.reject(lost);
      }
      slot.pending.clear();
      if (!this.#closing) void this.#spawn(slot);
    });
    return ready;
  }

  /** Every thread has loaded the large groups: say so once. */
  #warm(groups: string[], ms: number): void {
    for (const g of groups) this.#warmedGroups.add(g);
    this.#warmMs = Math.max(this.#warmMs, ms);
    if (++this.#warmed === this.#o.threads) this.#o.onWarm?.([...this.#warmedGroups], this.#warmMs);
  }

  run<K extends JobName>(name: K, actor: Actor, args: JobArgs<K>): Promise<JobResult<K>> {
    return this.#call(name, actor, args, false) as Promise<JobResult<K>>;
  }

  async runJson<K extends JobName>(name: K, actor: Actor, args: JobArgs<K>): Promise<Buffer> {
    return asBuffer((await this.#call(name, actor, args, true)) as Uint8Array);
  }

  #call<K extends JobName>(name: K, actor: Actor, args: JobArgs<K>, json: boolean): Promise<unknown> {
    if (this.#closing) return Promise.reject(busy('The server is shutting down', 5));
    if (this.#waiting.size >= this.#o.maxWaiting) {
      return Promise.reject(busy(`The server is computing ${this.#waiting.size} analyses already; retry shortly, or narrow the request`, 2));
    }
    const id = this.#next++;
    // The thread with the fewest calls in hand.
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The work goes on (and fills the thread's caches); this caller is told to come back.
        this.#waiting.delete(id);
        reject(
          busy(
            `This analysis takes longer than ${Math.round(this.#o.timeoutMs / 1000)} s; it goes on in the background: retry shortly, or narrow the request (a shorter from–to period, a category, one pair a–b)`,
            5,
          ),
        );
      }, this.#o.timeoutMs);
      this.#waiting.set(id, { resolve, reject, timer, slot });
      slot.pending.add(id);
      slot.worker.postMessage({ id, name, actor, args, json } satisfies Call);
    });
  }

  #answer(a: HeavyAnswer): void {
    for (const s of this.#slots) s.pending.delete(a.id);
    const w = this.#waiting.get(a.id);
    if (!w) return;
    this.#waiting.delete(a.id);
    clearTimeout(w.timer);
    if (a.ok) w.resolve(a.value);
    else w.reject(receiveError(a.error));
  }

  /** Stops the threads (work in flight is abandoned: it only reads). */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const w of this.#waiting.values()) {
      clearTimeout(w.timer);
      w.reject(busy('The server is shutting down', 5));
    }
    this.#waiting.clear();
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
