import i18n from '../i18n/index.ts';
import { formatDateTimeIn, formatter, numberFormatter } from './datetime.ts';

const loc = () => (i18n.language === 'ko' ? 'ko-KR' : 'en-GB');

/** A date-time shown in the venue's own time zone, named (see datetime.ts); without a zone, in the reader's own. */
export const formatDateTime = (iso: string | null | undefined, timeZone?: string | null): string => formatDateTimeIn(loc(), iso, timeZone);

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

const numberFormat = (options: Intl.NumberFormatOptions) => numberFormatter(loc(), options);

/** A share (0…1) as a whole percentage in the reader's language: 0.75 → "75%". */
export const formatPercent = (share: number): string => numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A number with the given decimals, in the reader's language, signed when asked (+0.25). */
export const formatNumber = (v: number, digits = 2, signed = false): string =>
  numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto' }).format(v);
