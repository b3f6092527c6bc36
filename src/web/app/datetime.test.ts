import { test } from 'node:test';
import assert from 'node:assert/strict';

// The reader is in New York; the meeting is in Seoul (16 Dec 2025, 10:00 there = 01:00 UTC).
process.env.TZ = 'America/New_York';
const { formatDateTimeIn } = await import('./datetime.ts');

test("a meeting's time is the venue's, named, wherever the reader is", () => {
  assert.equal(formatDateTimeIn('en-GB', '2025-12-16T01:00:00Z', 'Asia/Seoul'), '16 Dec 2025, 10:00 GMT+9');
  assert.equal(formatDateTimeIn('en-GB', '2025-12-16T01:00:00Z', 'America/New_York'), '15 Dec 2025, 20:00 GMT-5');
  // No zone: the reader's own clock, unnamed.
  assert.equal(formatDateTimeIn('en-GB', '2025-12-16T01:00:00Z'), '15 Dec 2025, 20:00');
  // A zone the runtime does not know falls back to the reader's, not to an error.
  assert.equal(formatDateTimeIn('en-GB', '2025-12-16T01:00:00Z', 'Mars/Olympus_Mons'), '15 Dec 2025, 20:00');
  assert.equal(formatDateTimeIn('ko-KR', '2025-12-16T01:00:00Z', 'Asia/Seoul'), '2025년 12월 16일 10:00 GMT+9');
  assert.equal(formatDateTimeIn('en-GB', null), '—');
});

test("a meeting's time: the venue's, and the reader's own only when it reads differently", async () => {
  const { meetingTimes } = await import('./datetime.ts');
  assert.deepEqual(meetingTimes('en-GB', '2025-12-16T01:00:00Z', 'Asia/Seoul', 'America/New_York'), { venue: '16 Dec 2025, 10:00 GMT+9', viewer: '15 Dec 2025, 20:00 GMT-5' });
  assert.deepEqual(meetingTimes('en-GB', '2025-12-16T01:00:00Z', 'Asia/Seoul', 'Asia/Seoul'), { venue: '16 Dec 2025, 10:00 GMT+9', viewer: null });
  // Tokyo has Seoul's offset, but names it otherwise: the same clock time is still one time.
  assert.equal(meetingTimes('en-GB', '2025-12-16T01:00:00Z', 'Asia/Seoul', 'Asia/Tokyo').viewer, null);
  assert.deepEqual(meetingTimes('ko-KR', '2025-12-16T01:00:00Z', 'Asia/Seoul', 'America/New_York'), { venue: '2025년 12월 16일 10:00 GMT+9', viewer: '2025년 12월 15일 20:00 GMT-5' });
  // The reader's zone, from the runtime (TZ above).
  assert.equal(meetingTimes('en-GB', '2025-12-16T01:00:00Z', 'Asia/Seoul').viewer, '15 Dec 2025, 20:00 GMT-5');
});
