import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describeRule } from './rule.ts';
import { patternRule, type RulePattern } from '../../../core/series.ts';

const catalogue = (lang: string) => JSON.parse(readFileSync(join(import.meta.dirname, `../../i18n/${lang}.json`), 'utf8'));
const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: catalogue('en') }, ko: { translation: catalogue('ko') } }, lng: 'en', interpolation: { escapeValue: false } });

// The first meeting: Tuesday 9 March 2027, 10:00 in Seoul (the second Tuesday of the month).
const start = '2027-03-09T01:00:00.000Z';
const words = (lang: string, rule: string, startsAt = start, tz = 'Asia/Seoul') => describeRule(i18n.getFixedT(lang), lang, rule, startsAt, tz);
const pattern = (lang: string, p: RulePattern) => words(lang, patternRule(p, start, 'Asia/Seoul'));

test('every pattern the app offers, in English and in Korean (rrule’s toText is English only)', () => {
  const expected: Record<RulePattern, [string, string]> = {
    monthlyNth: ['monthly on the 2nd Tuesday', '매월 둘째 화요일'],
    monthlyLast: ['monthly on the last Tuesday', '매월 마지막 화요일'],
    monthlyDay: ['monthly on day 9', '매월 9일'],
    weekly: ['weekly on Tuesday', '매주 화요일'],
    biweekly: ['every 2 weeks on Tuesday', '2주마다 화요일'],
    quarterlyNth: ['every 3 months on the 2nd Tuesday', '3개월마다 둘째 화요일'],
  };
  for (const [p, [en, ko]] of Object.entries(expected) as [RulePattern, [string, string]][]) {
    assert.equal(pattern('en', p), en, p);
    assert.equal(pattern('ko', p), ko, p);
  }
});

test('rules written by hand: several weekdays, daily and yearly, and one the app has no words for', () => {
  assert.equal(words('en', 'FREQ=WEEKLY;BYDAY=MO,TH'), 'weekly on Monday and Thursday');
  assert.equal(words('ko', 'FREQ=WEEKLY;BYDAY=MO,TH'), '매주 월요일 및 목요일');
  assert.equal(words('en', 'FREQ=DAILY;INTERVAL=3'), 'every 3 days');
  assert.equal(words('ko', 'FREQ=YEARLY'), '매년');
  assert.equal(words('en', 'FREQ=MONTHLY;BYMONTH=3,9;BYDAY=2TU'), 'by a custom rule');
  assert.equal(words('ko', 'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR'), '사용자 지정 규칙');
});

test("a group's cadence, a rule without a start, says how often and no more", () => {
  const bare = (lang: string, rule: string) => describeRule(i18n.getFixedT(lang), lang, rule);
  assert.equal(bare('en', 'FREQ=MONTHLY'), 'monthly');
  assert.equal(bare('ko', 'FREQ=MONTHLY'), '매월');
  assert.equal(bare('en', 'FREQ=WEEKLY;INTERVAL=2'), 'every 2 weeks');
  assert.equal(bare('ko', 'FREQ=MONTHLY;BYDAY=3TU'), '매월 셋째 화요일');
});

test('the weekday is the venue’s: 10:00 Tuesday in Seoul is Monday evening in New York, and the rule says Tuesday', () => {
  assert.equal(words('en', patternRule('weekly', start, 'Asia/Seoul')), 'weekly on Tuesday');
  assert.equal(patternRule('weekly', start, 'America/New_York'), 'FREQ=WEEKLY;BYDAY=MO');
});
