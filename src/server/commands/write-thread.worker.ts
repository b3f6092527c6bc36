// The write thread's side (see write-thread.ts): runs commands by name on its own store connections.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/database.ts';
import { registry } from './index.ts';
import { sendError, type Answer, type Call } from './write-thread.ts';

const port = parentPort!;
// This thread commits, so it also checkpoints the WAL (on a thread of its own); it never asks for
// change markers (the main thread's caches do).
const store = openStore(`sqlite:${(workerData as { path: string }).path}`, { backgroundCheckpoint: true, markers: false });
let inFlight = 0;
let stopping = false;
let closed = false;

function stopIfIdle(): void {
  if (!stopping || inFlight > 0 || closed) return;
  closed = true;
  void store.close().then(() => process.exit(0));
}

async function run(c: Call): Promise<void> {
  const before = store.authWrites;
  try {
    const fn = registry.get(c.name);
    if (!fn) throw new Error(`No command is named ${c.name}`);
    const value = await fn({ store, actor: c.actor, requestId: c.requestId }, ...c.args);
    port.postMessage({ id: c.id, ok: true, value, auth: store.authWrites !== before, commit: store.commitCount!() } satisfies Answer);
  } catch (e) {
    port.postMessage({ id: c.id, ok: false, error: sendError(e), auth: store.authWrites !== before, commit: store.commitCount!() } satisfies Answer);
  } finally {
    inFlight -= 1;
    stopIfIdle();
  }
}

/**
 * Calls wait in a queue and start in the next check phase of the event loop, not as each message
 * arrives. Node hands a thread its messages in one go for as long as more keep coming, so
 * starting each on arrival kept the group commit open until every caller had sent (measured: the
 * thread then had nothing to do a third of the time, while the answers went out in one burst);
 * from the queue, each turn commits and answers what the turn before brought.
 */
const queue: Call[] = [];

function startQueued(): void {
  const calls = queue.splice(0);
  for (const c of calls) void run(c);
}

port.on('message', (m: Call | 'stop') => {
  if (m === 'stop') {
    stopping = true;
    stopIfIdle();
    return;
  }
  inFlight += 1;
  if (queue.length === 0) setImmediate(startQueued);
  queue.push(m);
});
port.postMessage({ ready: true });
