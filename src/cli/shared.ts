/**
 * What every `concord` command shares: exit codes, the error that carries one, output, and the
 * store. Kept light: `concord --help` loads this, commander and nothing of the server; the store's
 * modules load when a command opens it.
 */
import type { Store } from '../server/db/database.ts';

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, verifyFailed: 3 } as const;

/** A failure to report in plain words with a given exit code (commands throw it). */
export class CliError extends Error {
  readonly code: number;
  constructor(message: string, code: number = EXIT.failure) {
    super(message);
    this.code = code;
  }
}

/**
 * Opens the store named by DATABASE_URL (migrated), runs `fn`, and closes it. A SQLite file that
 * does not exist is refused (exit 1, naming the path) unless the command creates stores
 * (`create`: migrate, import, import unvotes, demo), so a mistyped path is not taken for an empty store.
 */
export async function withStore<T>(fn: (store: Store) => Promise<T>, opts: boolean | { migrate?: boolean; create?: boolean } = {}): Promise<T> {
  const { migrate = true, create = false } = typeof opts === 'boolean' ? { migrate: opts } : opts;
  const { migrateToLatest, NoStoreError, openStore } = await import('../server/db/database.ts');
  let store: Store;
  try {
    store = openStore(undefined, { mustExist: !create });
  } catch (e) {
    if (e instanceof NoStoreError) throw new CliError(e.message);
    throw e;
  }
  try {
    if (migrate) await migrateToLatest(store.db);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}
