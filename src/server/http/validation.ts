import Format from 'typebox/format';
import type { TSchema } from 'typebox';
import type { FastifySchemaCompiler } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { inRecordYears } from '../../core/api/common.ts';

/*
 * How the server checks a request against the contract's schemas (core/api): every date is a
 * calendar date, every date-time one that parses, every number has a range and every string a
 * length. A failed check is a 400 naming the field (`query.from`, `body.startsAt`).
 */

/** In UTC still a four-digit year (9999-12-31T23:00:00-05:00 is not: it would be stored as +010000-…). */
const fourDigitYear = (ms: number): boolean => {
  const y = new Date(ms).getUTCFullYear();
  return y >= 0 && y <= 9999;
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
// `date`: TypeBox's own check is a calendar one (2026-02-30 and 2026-13-45 fail). `date-time`:
// RFC 3339 with a calendar date and a clock time, and the text must parse as a Date (TypeBox alone
// accepts a leap second or an RFC 9557 suffix such as `[Asia/Seoul]`, which Date cannot read).
// Both also keep the year within the record's range (core/api/common.ts RECORD_YEARS: 1945–2100).
Format.Set('date-time', (v: string) => {
  if (!DATE_TIME.test(v) || !Format.IsDateTime(v) || !inRecordYears(v)) return false;
  const ms = Date.parse(v);
  return !Number.isNaN(ms) && fourDigitYear(ms);
});
Format.Set('date', (v: string) => Format.IsDate(v) && inRecordYears(v));

/** Integers in a URL: digits only (TypeBox's conversion alone reads 1.5 as 1 and 1e3 as 1000). */
const URL_INTEGER = /^-?\d{1,15}$/;
const isInteger = (s: TSchema | undefined): boolean => !!s && ((s as { type?: unknown }).type === 'integer' || ((s as { anyOf?: TSchema[] }).anyOf ?? []).some(isInteger));

/**
 * The JSON pointer of the first string in `value` that no store keeps as sent: one with a NUL
 * character (PostgreSQL cannot store one) or a lone surrogate (both stores write UTF-8, and the
 * audit trail's canonical JSON, RFC 8785, has no form for one).
 */
function badStringAt(value: unknown, at: string): { at: string; message: string } | undefined {
  if (typeof value === 'string') return badString(value, at);
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const key = badString(k, at);
    if (key) return key;
    const found = badStringAt(v, `${at}/${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function badString(s: string, at: string): { at: string; message: string } | undefined {
  if (s.includes('\u0000')) return { at, message: 'must not contain a NUL character' };
  if (!s.isWellFormed()) return { at, message: 'must not contain a lone surrogate' };
  return undefined;
}

/**
 * The app's validator: TypeBox's, converting the text of params, query and headers to the schema's
 * types, after two stricter looks: integers there are digits only, and no string anywhere
 * carries a NUL character or a lone surrogate.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const check = TypeBoxValidatorCompiler(route);
  const integers = route.httpPart === 'body' ? [] : Object.entries((route.schema as { properties?: Record<string, TSchema> }).properties ?? {}).filter(([, s]) => isInteger(s));
  return (value) => {
    const bad = badStringAt(value, '');
    if (bad !== undefined) return { error: [{ keyword: 'pattern', instancePath: bad.at, schemaPath: '#', params: {}, message: bad.message }] };
    const v = value as Record<string, unknown> | null;
    for (const [name] of integers) {
      const raw = v?.[name];
      if (typeof raw === 'string' && !URL_INTEGER.test(raw)) {
        return { error: [{ keyword: 'type', instancePath: `/${name}`, schemaPath: `#/properties/${name}/type`, params: { type: 'integer' }, message: 'must be an integer (digits only)' }] };
      }
    }
    return check(value);
  };
};
