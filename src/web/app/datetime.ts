/** Dates and times for display, in a given locale: pure (no i18n, no DOM), so node tests can run them. */

/** Formatters are costly to create (a screen formats dozens of dates): one per locale and options. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

const numberFormatters = new Map<string, Intl.NumberFormat>();

/** The number formatter for a locale and options, made once (as `formatter` makes date ones). */
export function numberFormatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormatters.set(key, f);
  }
  return f;
}

/**
 * Date and time fields, spelled out: `dateStyle`/`timeStyle` cannot be combined with
 * `timeZoneName` (the browser throws), so a zone named with them was silently dropped and the
 * venue's 10:00 showed as the reader's own clock time.
 */
const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** Whether the runtime knows the IANA zone (a record from another system may name one it does not). */
function knownZone(timeZone: string): boolean {
  try {
    formatter('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A date-time shown in the venue's own time zone, with the zone's offset (16 Dec 2025, 10:00
 * GMT+9 wherever the reader is); without a zone, in the reader's own.
 */
export function formatDateTimeIn(locale: string, iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const zone = timeZone && knownZone(timeZone) ? timeZone : undefined;
  return formatter(locale, zone ? { ...DATE_TIME, timeZone: zone, timeZoneName: 'short' } : DATE_TIME).format(d);
}

/** The reader's own IANA zone (the browser's), or undefined when the runtime does not say. */
export const viewerZone = (): string | undefined => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
};

/**
 * A meeting's time twice: in the venue's zone, and in the reader's own zone when that shows a
 * different clock time (a reader in New York sees Seoul's 10:00 and their own 20:00 the evening
 * before; a reader in Seoul sees one time). Both with their offsets, so neither can be mistaken
 * for the other.
 */
export function meetingTimes(locale: string, iso: string | null | undefined, venueZone: string, readerZone: string | undefined = viewerZone()): { venue: string; viewer: string | null } {
  const venue = formatDateTimeIn(locale, iso, venueZone);
  if (!iso || !readerZone || !knownZone(readerZone)) return { venue, viewer: null };
  const viewer = formatDateTimeIn(locale, iso, readerZone);
  return { venue, viewer: viewer === venue ? null : viewer };
}
