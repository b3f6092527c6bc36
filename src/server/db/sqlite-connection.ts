import { DatabaseSync } from 'node:sqlite';

/**
 * How long a SQLite connection of Concord's waits for a lock before answering "database is
 * locked": another process's write, or the log being restarted by a checkpoint.
 */
export const BUSY_WAIT_MS = 5000;

/** A read-only connection of its own to the store's file, waiting on a lock as the store's own connections do. */
export function openReadOnly(path: string): DatabaseSync {
  return new DatabaseSync(path, { readOnly: true, timeout: BUSY_WAIT_MS });
}
