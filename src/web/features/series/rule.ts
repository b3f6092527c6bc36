import type { TFunction } from 'i18next';
import { ruleShape } from '../../../core/series.ts';
import { formatter } from '../../app/datetime.ts';
import type { SeriesSummary } from '../../../core/api/series.ts';

const locale = (lang: string) => (lang === 'ko' ? 'ko-KR' : 'en-GB');

/** A weekday's name (0 Monday … 6 Sunday) in the reader's language. 1 January 2024 was a Monday. */
const weekdayName = (lang: string, wd: number) => formatter(locale(lang), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + wd)));

/**
 * A rule in words, in English or Korean, for the frequencies the app offers (rrule's own toText
 * is English only): "monthly on the 2nd Tuesday" / "매월 둘째 화요일".
 */
export function describeRule(t: TFunction, lang: string, rrule: string, startsAt?: string, timezone?: string): string {
  const s = ruleShape(rrule, startsAt, timezone);
  const many = (key: string, interval: number, vars: Record<string, unknown> = {}) => t(`series.rule.${key}${interval > 1 ? 'N' : ''}`, { n: interval, ...vars });
  switch (s.kind) {
    case 'daily':
      return many('daily', s.interval);
    case 'weekly': {
      const days = new Intl.ListFormat(locale(lang), { type: 'conjunction' }).format(s.weekdays.map((d) => weekdayName(lang, d)));
      return many('weekly', s.interval, { days });
    }
    case 'monthlyNth':
      return many('monthlyNth', s.interval, { nth: t(`series.nth.${s.nth}`, { defaultValue: String(s.nth) }), weekday: weekdayName(lang, s.weekday) });
    case 'monthlyDay':
      return many('monthlyDay', s.interval, { day: s.day });
    case 'yearly':
      return many('yearly', s.interval);
    case 'weeklyAny':
      return many('weeklyAny', s.interval);
    case 'monthlyAny':
      return many('monthlyAny', s.interval);
    default:
      return t('series.rule.other');
  }
}

/** "Repeats monthly on the 2nd Tuesday" / "반복: 매월 둘째 화요일". */
export const repeatsText = (t: TFunction, lang: string, s: Pick<SeriesSummary, 'rrule' | 'startsAt' | 'timezone'>) =>
  t('series.repeats', { rule: describeRule(t, lang, s.rrule, s.startsAt, s.timezone) });
