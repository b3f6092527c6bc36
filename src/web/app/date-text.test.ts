import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateText } from './date-text.ts';

test('dates typed in either language, and ISO always', () => {
  for (const text of ['2025-12-16', '2025. 12. 16.', '2025.12.16', '2025/12/16', '2025년 12월 16일', '16 Dec 2025', '16 December 2025', 'Dec 16, 2025', ' 16 dec 2025 '])
    assert.equal(parseDateText(text), '2025-12-16', text);
  assert.equal(parseDateText('2026-1-5'), '2026-01-05');
});

test('not a whole calendar date: null', () => {
  for (const text of ['', '2025-12', '2025-02-30', '12/11/2025', '16 Decimal 2025', '2025. 13. 1.', 'tomorrow', '99-12-16']) assert.equal(parseDateText(text), null, text);
});
