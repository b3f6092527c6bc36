import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from './chain.ts';

/** The definition, written plainly: the chain's hashes depend on exactly this output. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
}

test('canonical JSON: sorted keys, undefined members dropped, nested values too', () => {
  assert.equal(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined }], é: 'ü' }), '{"a":[true,null,{"d":"x"}],"b":1,"é":"ü"}');
  assert.equal(canonicalJson(undefined), 'null');
});

test('canonical JSON matches its definition for any JSON-like value, and parses back to it', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const out = canonicalJson(v);
      assert.equal(out, reference(v));
      assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(v)));
    }),
    { numRuns: 500 },
  );
});

test('canonical JSON: objects with array-index keys or __proto__ keep the sorted string order', () => {
  const tricky = fc.dictionary(fc.oneof(fc.constantFrom('10', '9', '0', '__proto__', 'a', 'B'), fc.string({ maxLength: 3 })), fc.oneof(fc.jsonValue(), fc.constant(undefined)));
  fc.assert(
    fc.property(fc.oneof(tricky, fc.array(tricky, { maxLength: 3 }), fc.record({ x: tricky, y: fc.jsonValue() })), (v) => {
      assert.equal(canonicalJson(v), reference(v));
    }),
    { numRuns: 500 },
  );
  assert.equal(canonicalJson({ 10: 'a', 9: 'b', x: { 2: 1, 1: 2 } }), '{"10":"a","9":"b","x":{"1":2,"2":1}}');
});
