/**
 * Dates as a user types them, in the interface language's order: "16 Dec 2025" (English, as
 * Concord writes dates), "2025. 12. 16." or "2025년 12월 16일" (Korean), and always the ISO form
 * "2025-12-16" (what the API takes, and what tests and pasted records carry). Pure: no dayjs, no
 * DOM, so the date inputs (app/DateField.tsx) and their tests share it.
 */

/** How a date input shows its value, as a dayjs format, per interface language (the order of Intl's medium date style). */
export const DATE_INPUT_FORMAT: Record<string, string> = { en: 'D MMM YYYY', ko: 'YYYY. M. D.' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const iso = (y: number, m: number, d: number): string | null => {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null; // 30 February
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * A typed date → YYYY-MM-DD, or null when the text is not (yet) a whole calendar date. Accepted
 * in either language: ISO "2025-12-16"; year first "2025. 12. 16.", "2025.12.16", "2025/12/16",
 * "2025년 12월 16일"; day first with the month's name "16 Dec 2025", "16 December 2025"; month's
 * name first "Dec 16, 2025". Numeric day/month orders other than year first are ambiguous
 * (12/11/2025) and refused.
 */
export function parseDateText(text: string): string | null {
  const s = text.trim().toLowerCase();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*[./년]\s*(\d{1,2})\s*[./월]\s*(\d{1,2})\s*[.일]?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([a-z]{3,})\.?,?\s+(\d{4})$/.exec(s);
  if (m) return monthName(m[2]) ? iso(Number(m[3]), monthName(m[2]) as number, Number(m[1])) : null;
  m = /^([a-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) return monthName(m[1]) ? iso(Number(m[3]), monthName(m[1]) as number, Number(m[2])) : null;
  return null;
}

function monthName(word: string): number | undefined {
  const i = MONTHS.indexOf(word.slice(0, 3));
  if (i < 0) return undefined;
  // "Dec", "December", "Sept"; not "Decimal".
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  return full.startsWith(word) || word === 'sept' ? i + 1 : undefined;
}
