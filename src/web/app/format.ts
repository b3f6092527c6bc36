import i18n from '../i18n/index.ts';

const loc = () => (i18n.language === 'ko' ? 'ko-KR' : 'en-GB');

/** Formatters are costly to create (a screen formats dozens of dates): one per locale and options. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A date-time shown in the venue's own time zone, with the zone's short name. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return formatter(loc(), {
      dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone || undefined, timeZoneName: timeZone ? 'short' : undefined,
    } as Intl.DateTimeFormatOptions).format(d);
  } catch {
    return formatter(loc(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  }
}

/** A calendar date (YYYY-MM-DD or an ISO date-time), without a time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(dateOnly ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(loc(), { dateStyle: 'medium', timeZone: dateOnly ? 'UTC' : undefined }).format(d);
}

export function formatRelativeDays(iso: string | null | undefined, now = new Date()): number | null {
  if (!iso) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return null;
  return Math.round((d.getTime() - now.getTime()) / 86400000);
}

/** Today as YYYY-MM-DD in the browser's zone. */
export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The record's title in the reader's language when it exists, otherwise the English one. */
export const localTitle = (en: string, ko: string | null | undefined) => (i18n.language === 'ko' && ko ? ko : en);
