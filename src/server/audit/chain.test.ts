import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, hashEvent } from './chain.ts';
import { createHash } from 'node:crypto';

/** The definition, written plainly: the chain's hashes depend on exactly this output. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
    .join(',')}}`;
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

test('an event hashes as the canonical JSON of its fields (seq and classification as numbers), after its link', () => {
  const text = fc.option(fc.string({ maxLength: 20 }), { nil: null });
  const event = fc.record({
    seq: fc.oneof(fc.nat(), fc.nat().map(String)),
    id: fc.uuid(),
    at: fc.string(),
    actor_user_id: text,
    actor_org_id: text,
    action: fc.string(),
    entity_type: fc.string(),
    entity_id: fc.string(),
    before: text,
    after: text,
    request_id: text,
    wg_id: text,
    owner_org_id: fc.string(),
    owner_party_id: fc.string(),
    scope: fc.string(),
    classification: fc.oneof(fc.nat(3), fc.nat(3).map(String)),
    prev_hash: fc.constant(GENESIS_HASH),
  });
  fc.assert(
    fc.property(event, fc.boolean(), (e, extra) => {
      const row = extra ? { ...e, note: 'a column the fixed order does not know' } : e;
      const { prev_hash, ...rest } = row;
      const expected = createHash('sha256')
        .update(prev_hash)
        .update('\n')
        .update(reference({ ...rest, seq: Number(rest.seq), classification: Number(rest.classification) }))
        .digest('hex');
      assert.equal(hashEvent(row as never), expected);
    }),
    { numRuns: 300 },
  );
});
