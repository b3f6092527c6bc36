import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearDraft, draftKey, loadDraft, saveDraft, withDraft, type DraftStorage } from './drafts.ts';

/** A Storage over a Map, as sessionStorage behaves. */
function memory(): DraftStorage & { size: () => number } {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k), size: () => m.size };
}

test('a draft is keyed by user, form and record', () => {
  assert.equal(draftKey('u1', 'meeting.minutes', 'm1'), 'concord.draft:u1:meeting.minutes:m1');
  assert.equal(draftKey('u1', 'meeting.create'), 'concord.draft:u1:meeting.create:new');
  assert.notEqual(draftKey('u1', 'meeting.minutes', 'm1'), draftKey('u2', 'meeting.minutes', 'm1'));
});

test('saved, loaded, cleared', () => {
  const s = memory();
  const key = draftKey('u1', 'meeting.minutes', 'm1');
  assert.equal(loadDraft(s, key), undefined);
  saveDraft(s, key, { minutes: 'Both sides agreed' }, new Date('2025-12-16T01:00:00Z'));
  assert.deepEqual(loadDraft(s, key), { values: { minutes: 'Both sides agreed' }, savedAt: '2025-12-16T01:00:00.000Z' });
  // Another user's key finds nothing.
  assert.equal(loadDraft(s, draftKey('u2', 'meeting.minutes', 'm1')), undefined);
  clearDraft(s, key);
  assert.equal(loadDraft(s, key), undefined);
  assert.equal(s.size(), 0);
});

test('a broken or refusing storage loses the draft, never throws', () => {
  const s = memory();
  s.setItem('k', '{not json');
  assert.equal(loadDraft(s, 'k'), undefined);
  s.setItem('k', JSON.stringify({ nothing: 1 }));
  assert.equal(loadDraft(s, 'k'), undefined);
  const full: DraftStorage = {
    getItem: () => null,
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => {
      throw new Error('SecurityError');
    },
  };
  assert.doesNotThrow(() => saveDraft(full, 'k', { a: 1 }));
  assert.doesNotThrow(() => clearDraft(full, 'k'));
  assert.equal(loadDraft(undefined, 'k'), undefined);
});

test('a draft is laid over the form field by field, and only counts as restored when it differs', () => {
  const start = { reason: '', newStart: '', count: 3 as number | null };
  assert.deepEqual(withDraft(start, undefined), { values: start, restored: false });
  assert.deepEqual(withDraft(start, { values: { reason: '' }, savedAt: 'x' }), { values: start, restored: false });
  const r = withDraft(start, { values: { reason: 'Typhoon', gone: 'field the form no longer has' } as never, savedAt: 'x' });
  assert.deepEqual(r, { values: { reason: 'Typhoon', newStart: '', count: 3 }, restored: true });
  // A value of another type than the field's is not taken.
  assert.deepEqual(withDraft(start, { values: { reason: 42 } as never, savedAt: 'x' }), { values: start, restored: false });
});
