import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkerCache } from './read-cache.ts';

test('an entry is served only under the marker it was stored with', () => {
  const c = new MarkerCache<string>(10);
  c.set('k', 'm1', 'v');
  assert.equal(c.get('k', 'm1'), 'v');
  assert.equal(c.get('k', 'm2'), undefined);
  assert.equal(c.get('k', 'm1'), undefined, 'a stale entry is dropped');
});

test('a full cache evicts the entry used least recently', () => {
  const c = new MarkerCache<number>(4);
  for (const k of ['a', 'b', 'c', 'd']) c.set(k, 'm', 1);
  assert.equal(c.get('a', 'm'), 1); // a was the oldest: the hit makes it the newest
  c.set('e', 'm', 1);
  assert.equal(c.get('b', 'm'), undefined, 'b, the least recently used, is gone');
  for (const k of ['a', 'c', 'd', 'e']) assert.equal(c.get(k, 'm'), 1, k);
});

test('a cache bounded in bytes evicts the least recently used entries to stay under its bound', () => {
  const c = new MarkerCache<string>({ maxBytes: 100_000, sizeOf: (v) => v.length * 2 });
  const body = 'x'.repeat(10_000); // 20 kB counted, plus key and bookkeeping
  for (let i = 0; i < 50; i++) c.set(`k${i}`, 'm', body);
  assert.ok(c.bytes <= 100_000, `held ${c.bytes} bytes`);
  assert.ok(c.size >= 3 && c.size <= 4, `held ${c.size} entries`);
  assert.equal(c.get('k49', 'm'), body, 'the newest stays');
  assert.equal(c.get('k0', 'm'), undefined, 'the oldest went');
});
