import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, hashEvent } from './chain.ts';

// The test vectors published in RFC 8785 (JSON Canonicalization Scheme).

test('RFC 8785 §3.2.2: whitespace, literals, numbers and string escapes', () => {
  const input = JSON.parse(
    '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
  );
  assert.equal(canonicalJson(input), '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
});

test('RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names', () => {
  const input = JSON.parse(
    '{\n  "\\u20ac": "Euro Sign",\n  "\\r": "Carriage Return",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "1": "One",\n  "\\ud83d\\ude00": "Emoji: Grinning Face",\n  "\\u0080": "Control",\n  "\\u00f6": "Latin Small Letter O With Diaeresis"\n}',
  );
  assert.equal(
    canonicalJson(input),
    // U+000D, "1", U+0080, U+00F6, U+20AC, U+1F600 (D83D DE00), U+FB33: the surrogate pair sorts before U+FB33.
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  );
});

test('RFC 8785 Appendix B: numbers, from their IEEE 754 bits', () => {
  const vectors: [string, string | null][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['7fffffffffffffff', null], // NaN
    ['7ff0000000000000', null], // Infinity
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [bits, expected] of vectors) {
    const n = Buffer.from(bits, 'hex').readDoubleBE(0);
    if (expected === null) assert.throws(() => canonicalJson(n), `${bits} has no RFC 8785 form`);
    else assert.equal(canonicalJson(n), expected, bits);
  }
});

test('what RFC 8785 leaves to the caller: undefined as JSON.stringify treats it; no lone surrogates', () => {
  assert.equal(canonicalJson(undefined), 'null');
  assert.equal(canonicalJson({ b: undefined, a: [undefined, 1] }), '{"a":[null,1]}');
  assert.throws(() => canonicalJson({ a: '\ud800' }));
});

test('the chain hashes as it did before RFC 8785 was named: an event written by an earlier version keeps its hash', () => {
  // `after` and the hash as the hand-written serialiser of earlier versions computed them.
  const after = canonicalJson({ title: 'Ministerial — 장관급 “talks”', n: 3, nested: { z: [1, 2.5, null, true], a: 'tab\tnewline\n\u0001 é €' }, none: undefined });
  assert.equal(after, '{"n":3,"nested":{"a":"tab\\tnewline\\n\\u0001 é €","z":[1,2.5,null,true]},"title":"Ministerial — 장관급 “talks”"}');
  const e = {
    seq: 42,
    id: '0193a5b2-0000-7000-8000-000000000001',
    at: '2026-03-01T01:00:00.000Z',
    actor_user_id: 'u1',
    actor_org_id: 'o1',
    action: 'meeting.create',
    entity_type: 'meeting',
    entity_id: 'm1',
    before: null,
    after,
    request_id: 'req-1',
    wg_id: 'wg1',
    owner_org_id: 'o1',
    owner_party_id: 'p1',
    scope: 'group',
    classification: 1,
    prev_hash: GENESIS_HASH,
  };
  assert.equal(hashEvent(e as never), '7bce8654f3c8386dfa49c2c17a8b564e48d79d6b9250c774a42e7ac442bac293');
  assert.equal(hashEvent({ ...e, seq: '42', classification: '1' } as never), '7bce8654f3c8386dfa49c2c17a8b564e48d79d6b9250c774a42e7ac442bac293');
});
