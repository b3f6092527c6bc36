/**
 * The feed thread: `concord serve` fetches the feeds groups follow on a worker thread of its own,
 * with its own store connections, so no fetch, parse or extraction runs on the request path
 * (/healthz answers as fast during a round as between them). Every `tickMs` it claims the feeds
 * that are due (each feed waits its interval, longer after failures: feeds/fetch.ts) and fetches
 * them one after the other; the reports come back to be logged.
 */
import { Worker } from 'node:worker_threads';
import type { FetchOptions, FeedReport } from './fetch.ts';

export interface FeedThreadOptions {
  url?: string;
  options: FetchOptions;
  /** How often it looks for due feeds (default a minute). */
  tickMs?: number;
  onReports?: (reports: FeedReport[]) => void;
  onError?: (message: string) => void;
}

export class FeedThread {
  #worker: Worker;
  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  static async start(o: FeedThreadOptions): Promise<FeedThread> {
    const worker = new Worker(new URL('./feeds.worker.ts', import.meta.url), {
      workerData: { url: o.url ?? process.env.DATABASE_URL, options: o.options, tickMs: o.tickMs ?? 60_000 },
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        worker.off('error', reject);
        resolve();
      };
      worker.once('error', reject);
      worker.on('message', onMessage);
    });
    worker.on('message', (m: { reports?: FeedReport[]; error?: string }) => {
      if (m.reports) o.onReports?.(m.reports);
      if (m.error) o.onError?.(m.error);
    });
    worker.on('error', (e) => o.onError?.(e.message));
    return new FeedThread(worker);
  }

  /** Lets the round in progress finish (up to 10 s), then ends the thread. */
  async close(): Promise<void> {
    const w = this.#worker;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void w.terminate().then(() => resolve()), 10_000);
      w.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      w.postMessage('stop');
    });
  }
}
