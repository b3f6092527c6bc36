/**
 * Where the API's heavy reads run (./jobs.ts): the small interface the routes call. In place on
 * the caller's thread (tests, a store with no server), or on the analysis thread (./thread.ts),
 * which `concord serve` starts so that no request can hold the event loop: /healthz and every
 * other request keep answering, and a signal can stop the server, while a figure is computed.
 */
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import { JOBS, type JobArgs, type JobName, type JobResult } from './jobs.ts';

export interface HeavyRunner {
  run<K extends JobName>(name: K, actor: Actor, args: JobArgs<K>): Promise<JobResult<K>>;
  /**
   * The job's result as JSON bytes, for a route that answers with it unchanged: on the analysis
   * thread the result is written there too, so a large answer (the UN matrix is 1 MB) costs the
   * event loop a hand-over of bytes, not a serialisation.
   */
  runJson<K extends JobName>(name: K, actor: Actor, args: JobArgs<K>): Promise<Buffer>;
  close(): Promise<void>;
}

/** A job's result as the JSON bytes a route sends (own buffer, so it can be transferred). */
export const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
export const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Runs each job on the calling thread, on `store`. */
export function inPlaceRunner(store: Store): HeavyRunner {
  return {
    run: (name, actor, args) => (JOBS[name] as (s: Store, a: Actor, x: typeof args) => Promise<JobResult<typeof name>>)(store, actor, args),
    runJson: async (name, actor, args) => asBuffer(jsonBytes(await (JOBS[name] as (s: Store, a: Actor, x: typeof args) => Promise<unknown>)(store, actor, args))),
    close: async () => {},
  };
}
