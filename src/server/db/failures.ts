/**
 * Store failures that no retry of the request can fix until someone acts on the machine: the
 * disk is full, the store file or database is read-only, an I/O error, a file that cannot be
 * opened. One place maps them, from either store, to the reason the API gives with its 503
 * `store_unavailable` and that `/readyz` reports (see Store.health).
 */

/** SQLite primary result codes (the low byte of node:sqlite's extended `errcode`). */
const SQLITE = { 8: 'the store is read-only', 10: 'the store had an I/O error', 13: 'the disk is full', 14: 'the store file cannot be opened' } as Record<number, string>;

/**
 * The reason a store cannot be written, or null for any other error. SQLite: SQLITE_READONLY,
 * SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN. PostgreSQL: class 53 (insufficient resources:
 * disk full, out of memory, too many connections) and 25006 (a read-only transaction, as on a
 * standby).
 */
export function storeFailure(e: unknown): string | null {
  const x = e as { errcode?: unknown; code?: unknown } | null;
  if (!x || typeof x !== 'object') return null;
  if (typeof x.errcode === 'number' && (x.code === 'ERR_SQLITE_ERROR' || x.code === undefined)) {
    return SQLITE[x.errcode & 0xff] ?? null;
  }
  if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) {
    if (x.code === '53100') return 'the disk is full';
    if (x.code.startsWith('53')) return 'the database server is out of resources';
    if (x.code === '25006') return 'the store is read-only';
  }
  return null;
}
