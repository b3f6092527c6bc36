/**
 * The embedded store's WAL checkpointer, run on a worker thread with its own connection.
 *
 * In WAL mode a commit appends pages to the log (and, at synchronous=FULL, the default, waits for
 * the log's fsync); a checkpoint copies them back into the database file and fsyncs it. Left to
 * SQLite, the checkpoint runs inside whichever commit crosses the threshold, so a request pays
 * for it. The serving connection raises its own threshold to a safety net and this thread runs
 * PASSIVE checkpoints instead — the arrangement SQLite's WAL documentation suggests ("run
 * checkpoints ... in a separate thread"). PASSIVE never blocks readers or writers; pages a
 * reader still needs are left for the next round.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
db.exec('PRAGMA busy_timeout = 1000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function round(): void {
  try {
    checkpoint.get();
  } catch {
    // Busy or locked: the next round tries again; the serving connection's own threshold is the
    // safety net if this thread cannot keep up.
  }
}

const timer = setInterval(round, intervalMs);
parentPort?.on('message', (m: string) => {
  if (m === 'stop') {
    clearInterval(timer);
    round();
    db.close();
    parentPort?.postMessage('stopped');
  }
});
