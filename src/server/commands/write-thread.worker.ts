// The write thread's side (see write-thread.ts): runs commands by name (commands/index.ts) on its own store connections.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/database.ts';
import { commands, isCommandName, type CommandArgs, type CommandName } from './index.ts';
import type { ActingContext } from './run.ts';
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
  const before = store.writeCounts().actorWrites;
  try {
    if (!isCommandName(c.name)) throw new Error(`No command is named ${String(c.name)}`);
    const value = await runNamed(c, { store, actor: c.actor, requestId: c.requestId });
    const after = store.writeCounts();
    port.postMessage({ id: c.id, ok: true, value, auth: after.actorWrites !== before, commit: after.commits } satisfies Answer);
  } catch (e) {
    const after = store.writeCounts();
    port.postMessage({ id: c.id, ok: false, error: sendError(e), auth: after.actorWrites !== before, commit: after.commits } satisfies Answer);
  } finally {
    inFlight -= 1;
    stopIfIdle();
  }
}

/** Runs a call's command with its arguments (one name, one function, one argument list). */
function runNamed<N extends CommandName>(c: Call<N>, ctx: ActingContext): Promise<unknown> {
  const fn = commands[c.name] as unknown as (ctx: ActingContext, ...args: CommandArgs<N>) => Promise<unknown>;
  return fn(ctx, ...c.args);
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
