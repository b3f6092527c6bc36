import { badRequest } from '../errors.ts';

/**
 * Small input checks the JSON schemas cannot express, shared by the statement, document,
 * commitment and project use cases. Each throws a 400 that names the request field.
 */

/** A real calendar date (the schema only checks the YYYY-MM-DD shape, so 2018-02-30 gets here). */
export function checkDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) throw badRequest(field, `"${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

/** An absolute http or https URL; anything else (javascript:, file:, relative paths) is refused. */
export function checkHttpUrl(value: string, field: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw badRequest(field, 'is not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badRequest(field, 'must be an http or https URL');
  if (!u.hostname) throw badRequest(field, 'must name a host');
  return value;
}

export function checkTimeZone(tz: string, field: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw badRequest(field, `"${tz}" is not an IANA time zone`);
  }
  return tz;
}

/** The fields of `o` named by `keys`, for an audit event's `before`. */
export function pick(o: object, keys: string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, src[k]]));
}

/** Copies the camelCase body fields that are present onto their snake_case columns. */
export function patchFrom(body: object, map: Record<string, string>): Record<string, unknown> {
  const src = body as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(map)) if (src[k] !== undefined) patch[col] = src[k];
  return patch;
}
