import rrule from 'rrule';
import { badRequest } from '../errors.ts';

/**
 * Input checks the JSON schemas cannot express, shared by every write use case. Each throws a
 * 400 that names the request field.
 */

/** A real calendar date (the schema checks only the YYYY-MM-DD shape, so 2018-02-30 gets here). */
export function checkDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) throw badRequest(field, `"${value}" is not a calendar date (YYYY-MM-DD)`, 'not_a_date');
  return value;
}

/** Like checkDate, for optional and nullable fields: undefined and null pass through. */
export function checkOptionalDate<T extends string | null | undefined>(value: T, field: string): T {
  if (value !== undefined && value !== null) checkDate(value, field);
  return value;
}

/** An absolute http or https URL; anything else (javascript:, file:, relative paths) is refused. */
export function checkHttpUrl(value: string, field: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw badRequest(field, 'is not a URL', 'not_a_url');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badRequest(field, 'must be an http or https URL', 'not_a_url');
  if (!u.hostname) throw badRequest(field, 'must name a host', 'not_a_url');
  return value;
}

/** Zones already found valid: building an Intl.DateTimeFormat to test one is slow (≈0.1 ms). */
const KNOWN_ZONES = new Set<string>();

export function checkTimeZone(tz: string, field: string): string {
  if (KNOWN_ZONES.has(tz)) return tz;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw badRequest(field, `"${tz}" is not an IANA time zone`, 'not_a_time_zone');
  }
  if (KNOWN_ZONES.size < 1000) KNOWN_ZONES.add(tz);
  return tz;
}

/** RFC 5545 ranges of the integer rule parts: [min, max, may be negative]. */
const INTEGER_PARTS: Record<string, [number, number, boolean]> = {
  COUNT: [1, 1_000_000, false],
  INTERVAL: [1, 1_000, false],
  BYSETPOS: [1, 366, true],
  BYMONTH: [1, 12, false],
  BYMONTHDAY: [1, 31, true],
  BYYEARDAY: [1, 366, true],
  BYWEEKNO: [1, 53, true],
  BYHOUR: [0, 23, false],
  BYMINUTE: [0, 59, false],
  BYSECOND: [0, 60, false],
};

/**
 * A meeting cadence as one RFC 5545 RRULE (`FREQ=MONTHLY;BYDAY=3TU`, with or without the
 * `RRULE:` prefix), checked with the rrule library: it must parse, name a frequency, carry
 * integers where the RFC wants them, and yield occurrences. Returns it without the prefix.
 */
export function checkRrule(value: string, field: string): string {
  const text = value.trim().replace(/^RRULE:/i, '');
  if (!text || /[\r\n]/.test(text)) throw badRequest(field, 'must be a single RRULE such as FREQ=MONTHLY;BYDAY=3TU', 'invalid_rule');
  for (const part of text.split(';')) {
    const [key, val = ''] = part.split('=');
    const range = INTEGER_PARTS[key.toUpperCase()];
    if (!range) continue;
    const [min, max, signed] = range;
    const ok = val.split(',').every((v) => {
      if (!/^[+-]?\d+$/.test(v)) return false;
      const n = Number(v);
      return (n >= min && n <= max) || (signed && n <= -min && n >= -max);
    });
    if (!ok) throw badRequest(field, `${key} must be ${signed ? `±${min}…${max}` : `${min}…${max}`} (or a list of such numbers)`, 'invalid_rule');
  }
  try {
    const opts = rrule.RRule.parseString(text);
    if (opts.freq === undefined || opts.freq === null) throw new Error('FREQ is missing');
    const rule = new rrule.RRule({ ...opts, dtstart: new Date(Date.UTC(2020, 0, 1)) });
    rule.all((_d, i) => i < 3);
  } catch (e) {
    throw badRequest(field, `is not a valid RRULE (${e instanceof Error ? e.message : String(e)})`, 'invalid_rule');
  }
  return text;
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

/** Today's date in UTC, as YYYY-MM-DD. */
export const today = (): string => new Date().toISOString().slice(0, 10);
