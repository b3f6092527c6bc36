/**
 * One error type for the whole server, with a closed list of codes mapped to HTTP statuses in one
 * table (core/api/common.ts, part of the API contract). Routes and commands throw AppError; the app's single error handler renders it.
 */
import { ERROR_STATUS, type ErrorCode } from '../core/api/common.ts';
import type { RefusalReason } from '../core/api/refusals.ts';

export { ERROR_STATUS, type ErrorCode, type RefusalReason };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The request field the error is about, e.g. `body.starts_at`. */
  readonly field?: string;
  /** Extra facts for the client, e.g. the current version on a stale write. */
  readonly details?: Record<string, unknown>;
  /** Why a command refused (core/api/refusals.ts): the client words it in its user's language. */
  readonly reason?: RefusalReason;

  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: Record<string, unknown>; reason?: RefusalReason } = {}) {
    super(message);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.field = opts.field;
    this.details = opts.details;
    this.reason = opts.reason;
  }
}

/** A refused field: the field, the server's sentence about it, and the stable reason. */
export const badRequest = (field: string, message: string, reason: RefusalReason) => new AppError('bad_request', `${field}: ${message}`, { field, reason });
export const notFound = (entity: string) => new AppError('not_found', `${entity} not found`, { reason: 'not_found' });
export const tooBroad = (message: string, details?: Record<string, unknown>) => new AppError('too_broad', message, { details });
export const forbidden = (message = 'You may not do this', reason: RefusalReason = 'not_permitted') => new AppError('forbidden', message, { reason });
export const staleVersion = (current: number) =>
  new AppError('stale_version', `This record has changed since you loaded it (current version ${current})`, { details: { currentVersion: current }, reason: 'stale_version' });

/**
 * True for a foreign-key violation from either store (SQLite's extended code 787, PostgreSQL's
 * SQLSTATE 23503): a write that named a record that does not exist.
 */
export function isForeignKeyViolation(e: unknown): boolean {
  const x = e as { errcode?: unknown; code?: unknown } | null;
  return x?.errcode === 787 || x?.code === '23503';
}

/** pg's own messages for a connection that went away or could not be made. */
const LOST_CONNECTION = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable/i;

/**
 * True when the database could not be reached or dropped the connection (a restart, a failover,
 * terminated backends): PostgreSQL's connection-exception class 08xxx and admin/crash/cannot-connect
 * shutdowns 57P01–57P03, the socket errors ECONNREFUSED/ECONNRESET/EPIPE/ETIMEDOUT, and pg's own
 * "Connection terminated" family. The error handler answers these with 503 and Retry-After: the
 * request may succeed if tried again in a moment, and nothing was changed (a transaction whose
 * connection died is rolled back by the server).
 */
export function isStoreUnavailable(e: unknown): boolean {
  for (let x = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] } | null | undefined, depth = 0; x && depth < 4; depth++) {
    const code = typeof x.code === 'string' ? x.code : '';
    if (/^08/.test(code) || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') return true;
    if (typeof x.message === 'string' && LOST_CONNECTION.test(x.message)) return true;
    if (Array.isArray(x.errors) && x.errors.some((y) => isStoreUnavailable(y))) return true;
    x = x.cause as typeof x;
  }
  return false;
}

/**
 * True for a unique-constraint violation from either store (SQLite's extended codes 2067 and
 * 1555, PostgreSQL's SQLSTATE 23505): a write that would repeat a record that already exists.
 */
export function isUniqueViolation(e: unknown): boolean {
  const x = e as { errcode?: unknown; code?: unknown } | null;
  return x?.errcode === 2067 || x?.errcode === 1555 || x?.code === '23505';
}
