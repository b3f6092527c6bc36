// The feed thread's side (see thread.ts): fetches the due feeds on its own store connections, round after round.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/database.ts';
import { fetchDueFeeds, type FetchOptions } from './fetch.ts';

const port = parentPort!;
const { url, options, tickMs } = workerData as { url: string | undefined; options: FetchOptions; tickMs: number };
// A connection of its own: on SQLite its commits reach the other threads as another connection's
// (as `concord user add` beside the server does); it never asks for change markers.
const store = openStore(url, { backgroundCheckpoint: false, markers: false });
let stopping = false;
let round: Promise<void> = Promise.resolve();
let timer: NodeJS.Timeout | undefined;

async function once(): Promise<void> {
  try {
    const reports = await fetchDueFeeds(store, options);
    if (reports.length) port.postMessage({ reports });
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}

function schedule(): void {
  if (stopping) return;
  timer = setTimeout(() => {
    round = once().then(schedule);
  }, tickMs);
}

port.on('message', (m: 'stop') => {
  if (m !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  void round.then(() => store.close()).then(() => process.exit(0));
});
port.postMessage({ ready: true });
round = once().then(schedule);
