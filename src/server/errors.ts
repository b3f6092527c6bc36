/**
 * One error type for the whole server, with a closed list of codes mapped to HTTP statuses in one
 * table. Routes and commands throw AppError; the app's single error handler renders it.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  store_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The request field the error is about, e.g. `body.starts_at`. */
  readonly field?: string;
  /** Extra facts for the client, e.g. the current version on a stale write. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.field = opts.field;
    this.details = opts.details;
  }
}

export const badRequest = (field: string, message: string) => new AppError('bad_request', `${field}: ${message}`, { field });
export const notFound = (entity: string) => new AppError('not_found', `${entity} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', message);
export const staleVersion = (current: number) =>
  new AppError('stale_version', `This record has changed since you loaded it (current version ${current})`, { details: { currentVersion: current } });

/**
 * True for a foreign-key violation from either store (SQLite's extended code 787, PostgreSQL's
 * SQLSTATE 23503): a write that named a record that does not exist.
 */
export function isForeignKeyViolation(e: unknown): boolean {
  const x = e as { errcode?: unknown; code?: unknown } | null;
  return x?.errcode === 787 || x?.code === '23503';
}
