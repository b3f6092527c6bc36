import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api/client.ts';
import { conflictFields, currentVersionOf, isStaleWrite, keepMineOnTheirs } from './conflict.ts';

const stale = new ApiError(409, 'stale_version', 'This record has changed since you loaded it (current version 4)', undefined, undefined, { currentVersion: 4 });

test('a stale write is told from other refusals, with the current version', () => {
  assert.equal(isStaleWrite(stale), true);
  assert.equal(isStaleWrite(new ApiError(428, 'precondition_required', 'If-Match')), true);
  assert.equal(isStaleWrite(new ApiError(409, 'conflict', 'Illegal stage transition')), false);
  assert.equal(isStaleWrite(new Error('x')), false);
  assert.equal(currentVersionOf(stale), 4);
  assert.equal(currentVersionOf(new ApiError(409, 'conflict', 'x')), undefined);
});

const base = { outcome: 'Talks continue', minutes: 'Opening remarks.', outcomeKo: '' };
const mine = { outcome: 'Talks continue next month', minutes: 'Opening remarks.', outcomeKo: '' };
const theirs = { outcome: 'Talks continue', minutes: 'Opening remarks. Sanctions review.', outcomeKo: '협의 계속' };

test("the user's text beside the current one: what each side changed, with a word diff", () => {
  const fields = conflictFields(base, mine, theirs, ['outcome', 'outcomeKo', 'minutes']);
  assert.deepEqual(
    fields.map((f) => [f.key, f.changedByMe, f.changedByThem]),
    [
      ['outcome', true, false],
      ['outcomeKo', false, true],
      ['minutes', false, true],
    ],
  );
  assert.deepEqual(fields[0].diff, [
    { kind: 'same', text: 'Talks continue' },
    { kind: 'ins', text: ' next month' },
  ]);
  // Fields that read the same on both sides are left out.
  assert.deepEqual(conflictFields(base, base, base, ['outcome']), []);
});

test('keep mine on top of theirs: my changes win, every other field takes theirs', () => {
  assert.deepEqual(keepMineOnTheirs(base, mine, theirs), { outcome: 'Talks continue next month', minutes: 'Opening remarks. Sanctions review.', outcomeKo: '협의 계속' });
  // Both changed one field: mine is kept (the user saw the diff and chose).
  assert.deepEqual(keepMineOnTheirs(base, { ...mine, minutes: 'Mine.' }, theirs).minutes, 'Mine.');
  // A field the record does not hold (a postponement's reason) keeps the user's.
  assert.deepEqual(keepMineOnTheirs({ reason: '' }, { reason: 'Typhoon' }, {}), { reason: 'Typhoon' });
});
