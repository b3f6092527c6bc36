// The analysis thread's side (see thread.ts): runs the heavy reads by name on its own store connection.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/database.ts';
import { sendError } from '../commands/write-thread.ts';
import { JOBS } from './jobs.ts';
import { warmLogs } from '../analytics/cache.ts';
import type { HeavyAnswer } from './thread.ts';
import { jsonBytes } from './runner.ts';

const port = parentPort!;
const { url, warm } = workerData as { url: string | undefined; warm: boolean };
const store = openStore(url, { backgroundCheckpoint: false, markers: false });
// This thread only reads.
store.sqlite?.write.exec('PRAGMA query_only = ON');

port.on('message', async (c: { id: number; name: keyof typeof JOBS; actor: never; args: never; json?: boolean }) => {
  try {
    const value = await JOBS[c.name](store, c.actor, c.args);
    if (c.json) {
      // Written here and handed over (transferred, not copied): the main thread only sends it.
      const bytes = jsonBytes(value);
      port.postMessage({ id: c.id, ok: true, value: bytes } satisfies HeavyAnswer, [bytes.buffer as ArrayBuffer]);
    } else port.postMessage({ id: c.id, ok: true, value } satisfies HeavyAnswer);
  } catch (e) {
    port.postMessage({ id: c.id, ok: false, error: sendError(e) } satisfies HeavyAnswer);
  }
});
port.postMessage({ ready: true });
if (warm) {
  const t = performance.now();
  warmLogs(store).then(
    (warmed) => port.postMessage({ warmed, ms: Math.round(performance.now() - t) }),
    (e) => process.stderr.write(`Concord's analysis thread could not load the large groups ahead: ${e instanceof Error ? e.message : String(e)}\n`),
  );
}
