import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSeries, floatingToUtc, zonedToUtc } from './series.ts';

test('occurrences keep the venue’s wall-clock time across daylight saving', () => {
  const ny = expandSeries({ startsAt: '2027-03-02T14:30:00.000Z', timezone: 'America/New_York', rrule: 'FREQ=WEEKLY', count: 3 });
  assert.deepEqual(ny, ['2027-03-02T14:30:00.000Z', '2027-03-09T14:30:00.000Z', '2027-03-16T13:30:00.000Z']);
  const seoul = expandSeries({ startsAt: '2027-03-09T01:00:00.000Z', timezone: 'Asia/Seoul', rrule: 'FREQ=MONTHLY;BYDAY=2TU', count: 3 });
  assert.deepEqual(seoul, ['2027-03-09T01:00:00.000Z', '2027-04-13T01:00:00.000Z', '2027-05-11T01:00:00.000Z']);
});

test('until is the last local day, inclusive; a series without an end stops at the limit', () => {
  const s = { startsAt: '2027-03-09T01:00:00.000Z', timezone: 'Asia/Seoul', rrule: 'FREQ=MONTHLY;BYDAY=2TU' };
  assert.equal(expandSeries({ ...s, until: '2027-05-11' }).length, 3);
  assert.equal(expandSeries({ ...s, until: '2027-05-10' }).length, 2);
  assert.equal(expandSeries(s, 10).length, 10);
});

test('local times to UTC: ordinary, in the spring gap (after it), in the autumn overlap (the first)', () => {
  assert.equal(zonedToUtc('2027-03-09', '10:00', 'Asia/Seoul'), '2027-03-09T01:00:00.000Z');
  assert.equal(zonedToUtc('2027-03-14', '02:30', 'America/New_York'), '2027-03-14T07:30:00.000Z');
  assert.equal(zonedToUtc('2027-11-07', '01:30', 'America/New_York'), '2027-11-07T05:30:00.000Z');
  assert.equal(floatingToUtc(new Date('2027-07-01T09:00:00Z'), 'UTC').toISOString(), '2027-07-01T09:00:00.000Z');
});
