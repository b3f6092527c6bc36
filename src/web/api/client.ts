/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF
 * header on every write, If-Match for versioned updates, and one error type carrying the
 * server's `error`, `message` and `field`.
 */
import { takeBootResponseSoon } from './boot.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  /** Extra facts: for a failed schema check, `rule` (maxLength, format, required …) and its `limit` or `format`. */
  readonly details?: Record<string, unknown>;
  /** Why a command refused (core/api/refusals.ts): worded in the user's language by `refusal.<reason>`. */
  readonly reason?: string;
  constructor(status: number, code: string, message: string, field?: string, requestId?: string, details?: Record<string, unknown>, reason?: string) {
    super(message);
    this.reason = reason;
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
    this.details = details;
  }
  /** 409: someone else changed the record since it was loaded. */
  get isStale(): boolean {
    return this.status === 409;
  }
}

let csrfToken: string | undefined;
/** Remember the CSRF token returned by sign-in or GET /api/session. */
export const setCsrfToken = (t: string | undefined) => {
  csrfToken = t;
};

/** Called on any 401 so the app can drop cached data and show sign-in. */
let onUnauthenticated: (() => void) | undefined;
export const setUnauthenticatedHandler = (fn: () => void) => {
  onUnauthenticated = fn;
};

export type Query = Record<string, string | number | boolean | undefined | null>;

export const withQuery = (path: string, q?: Query): string => {
  if (!q) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The record version being changed (sent as If-Match). */
  version?: number;
  query?: Query;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
  const url = withQuery(`/api${path}`, opts.query);
  let res: Response;
  try {
    // A GET the page's boot script already started (index.html) is not asked for twice.
    const early = method === 'GET' && !opts.signal?.aborted ? await takeBootResponseSoon(url) : undefined;
    res = await (early ??
      fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      }));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'network');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const b = (data ?? {}) as { error?: string; message?: string; field?: string; requestId?: string; details?: Record<string, unknown>; reason?: string };
    if (res.status === 401 && path !== '/session') onUnauthenticated?.();
    throw new ApiError(res.status, b.error ?? `http_${res.status}`, b.message ?? res.statusText, b.field, b.requestId, b.details, b.reason);
  }
  return data as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>(path, { query, signal });
export const post = <T>(path: string, body?: unknown, version?: number) => api<T>(path, { method: 'POST', body: body ?? {}, version });
export const put = <T>(path: string, body?: unknown, version?: number) => api<T>(path, { method: 'PUT', body, version });
export const patch = <T>(path: string, body: unknown, version: number) => api<T>(path, { method: 'PATCH', body, version });
export const del = <T>(path: string, version?: number) => api<T>(path, { method: 'DELETE', version });
