/**
 * Meeting series: the occurrences of a recurrence rule in the venue's own time zone, and the
 * rule's parts for a human-readable rendering. Isomorphic and pure (rrule and Intl only): the
 * server materialises occurrences with it, the calendar feed writes its RRULE from the same
 * record, and the web app previews and describes a rule with it.
 *
 * A rule is expanded in the venue's wall-clock time (10:00 in Seoul stays 10:00 in Seoul;
 * 10:00 in New York stays 10:00 across daylight saving), as RFC 5545 does for a DTSTART with a
 * TZID; each local occurrence is then turned into its UTC instant.
 */
import * as rruleModule from 'rrule';
import type { Options, Weekday } from 'rrule';

/** rrule is CommonJS under Node (its exports on `default`) and an ES module in the web build. */
const rrule = (Reflect.get(rruleModule, 'default') ?? rruleModule) as typeof rruleModule;

/** The most occurrences one series may have (five years of weekly meetings, or more than a decade of monthly ones). */
export const MAX_OCCURRENCES = 260;

/** Rule parts that belong elsewhere in the series record (its start, its end), never in its rule. */
export const RESERVED_RULE_PARTS = ['DTSTART', 'UNTIL', 'COUNT', 'TZID'] as const;

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(tz: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallFormatters.set(tz, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function wallParts(ms: number, tz: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const p = Object.fromEntries(
    wallFormatter(tz)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour % 24, minute: +p.minute, second: +p.second };
}

/** The instant as a "floating" Date whose UTC fields are the wall-clock time in `tz`. */
export function floating(ms: number, tz: string): Date {
  const w = wallParts(ms, tz);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** Minutes `tz` is ahead of UTC at instant `ms`. */
export function offsetMinutes(ms: number, tz: string): number {
  return (floating(ms, tz).getTime() - (ms - (ms % 1000))) / 60000;
}

/**
 * A wall-clock time in `tz` (given as a floating Date, or its UTC milliseconds) to the UTC
 * instant. In an overlap (a local time that happens twice) it is the first; in a gap (a local
 * time skipped by a clock change) it is read with the offset before the gap, as RFC 5545 says
 * (02:30 on the day New York springs forward is 03:30 daylight time).
 */
export function floatingToUtc(wall: number | Date, tz: string): Date {
  const w = typeof wall === 'number' ? wall : wall.getTime();
  const first = offsetMinutes(w, tz);
  const second = offsetMinutes(w - first * 60000, tz);
  const ms = w - second * 60000;
  if (floating(ms, tz).getTime() === w - (w % 1000)) return new Date(ms);
  // A gap: clocks went forward, so the offset before it is the smaller of the two.
  return new Date(w - Math.min(first, second) * 60000);
}

/** A local date and time ("2026-03-10", "10:00") in `tz` as an ISO UTC instant. */
export function zonedToUtc(date: string, time: string, tz: string): string {
  return floatingToUtc(Date.parse(`${date}T${time}:00.000Z`), tz).toISOString();
}

/** The parts of a series that decide its occurrences. */
export interface SeriesRule {
  /** The first occurrence, a UTC instant: its local time in `timezone` is every occurrence's. */
  startsAt: string;
  timezone: string;
  /** An RFC 5545 RRULE without DTSTART, UNTIL or COUNT (FREQ=MONTHLY;BYDAY=2TU). */
  rrule: string;
  /** The last day an occurrence may fall on, in the venue's zone (YYYY-MM-DD). */
  until?: string | null;
  count?: number | null;
}

/** The rule's options for the rrule library (throws on a rule it cannot read). */
export function ruleOptions(text: string): Partial<Options> {
  const opts = rrule.RRule.parseString(text.replace(/^RRULE:/i, ''));
  if (opts.freq === undefined || opts.freq === null) throw new Error('FREQ is missing');
  return opts;
}

/**
 * Every occurrence of the series, as UTC instants (ISO), oldest first, at most `max` of them
 * (a series with neither until nor count is cut there).
 */
export function expandSeries(s: SeriesRule, max: number = MAX_OCCURRENCES): string[] {
  const opts = ruleOptions(s.rrule);
  const start = floating(Date.parse(s.startsAt), s.timezone);
  const until = s.until ? new Date(`${s.until}T23:59:59.000Z`) : null;
  const rule = new rrule.RRule({ ...opts, dtstart: start, until, count: s.count ?? null, tzid: null });
  // rrule keeps the time of day from dtstart for frequencies above daily.
  return rule.all((_d, i) => i < max).map((d) => floatingToUtc(d, s.timezone).toISOString());
}

/** How many occurrences the series has, up to `limit + 1` (to tell "more than the limit"). */
export function countOccurrences(s: SeriesRule, limit: number = MAX_OCCURRENCES): number {
  return expandSeries(s, limit + 1).length;
}

/** The rule's shape, for a human-readable rendering (the web app's i18n writes the words). */
export type RuleShape =
  | { kind: 'daily'; interval: number }
  | { kind: 'weekly'; interval: number; weekdays: number[] }
  | { kind: 'monthlyNth'; interval: number; nth: number; weekday: number }
  | { kind: 'monthlyDay'; interval: number; day: number }
  | { kind: 'yearly'; interval: number }
  /** A weekly or monthly rule that names no day: a cadence without a start says no more than that. */
  | { kind: 'weeklyAny'; interval: number }
  | { kind: 'monthlyAny'; interval: number }
  | { kind: 'other' };

/**
 * Weekday numbers as rrule counts them: 0 Monday … 6 Sunday. Without a first start (a group's
 * cadence is a rule alone), a rule naming no day says only how often.
 */
export function ruleShape(text: string, startsAt?: string, timezone = 'UTC'): RuleShape {
  let o: Partial<Options>;
  try {
    o = ruleOptions(text);
  } catch {
    return { kind: 'other' };
  }
  const interval = o.interval ?? 1;
  const named = o.byweekday != null || o.bymonthday != null;
  if (!startsAt && !named && o.freq === rrule.Frequency.WEEKLY) return { kind: 'weeklyAny', interval };
  if (!startsAt && !named && o.freq === rrule.Frequency.MONTHLY) return { kind: 'monthlyAny', interval };
  const start = floating(startsAt ? Date.parse(startsAt) : Date.UTC(2024, 0, 1), timezone);
  const startWeekday = (start.getUTCDay() + 6) % 7;
  const bydays = (Array.isArray(o.byweekday) ? o.byweekday : o.byweekday != null ? [o.byweekday] : []) as (Weekday | number)[];
  const days = bydays.map((d) => (typeof d === 'number' ? { weekday: d, n: undefined } : { weekday: d.weekday, n: d.n }));
  const simple = o.bymonth == null && o.byyearday == null && o.byweekno == null && o.byhour == null && o.byminute == null && o.bysetpos == null;
  if (!simple) return { kind: 'other' };
  const { Frequency } = rrule;
  switch (o.freq) {
    case Frequency.DAILY:
      return days.length || o.bymonthday != null ? { kind: 'other' } : { kind: 'daily', interval };
    case Frequency.WEEKLY:
      if (o.bymonthday != null || days.some((d) => d.n)) return { kind: 'other' };
      return { kind: 'weekly', interval, weekdays: days.length ? days.map((d) => d.weekday).sort() : [startWeekday] };
    case Frequency.MONTHLY: {
      const mday = Array.isArray(o.bymonthday) ? o.bymonthday : o.bymonthday != null ? [o.bymonthday] : [];
      if (days.length === 1 && days[0].n && !mday.length) return { kind: 'monthlyNth', interval, nth: days[0].n, weekday: days[0].weekday };
      if (!days.length && mday.length <= 1) return { kind: 'monthlyDay', interval, day: mday[0] ?? start.getUTCDate() };
      return { kind: 'other' };
    }
    case Frequency.YEARLY:
      return days.length || o.bymonthday != null ? { kind: 'other' } : { kind: 'yearly', interval };
    default:
      return { kind: 'other' };
  }
}

const RULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The patterns the web app offers, as rules for a first occurrence in a zone. */
export type RulePattern = 'weekly' | 'biweekly' | 'monthlyNth' | 'monthlyLast' | 'monthlyDay' | 'quarterlyNth';
export function patternRule(pattern: RulePattern, startsAt: string, timezone: string): string {
  const start = floating(Date.parse(startsAt), timezone);
  const weekday = RULE_DAYS[(start.getUTCDay() + 6) % 7];
  const nth = Math.min(4, Math.ceil(start.getUTCDate() / 7));
  switch (pattern) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${weekday}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekday}`;
    case 'monthlyNth':
      return `FREQ=MONTHLY;BYDAY=${nth}${weekday}`;
    case 'monthlyLast':
      return `FREQ=MONTHLY;BYDAY=-1${weekday}`;
    case 'monthlyDay':
      return `FREQ=MONTHLY;BYMONTHDAY=${start.getUTCDate()}`;
    case 'quarterlyNth':
      return `FREQ=MONTHLY;INTERVAL=3;BYDAY=${nth}${weekday}`;
  }
}
