import canonicalize from 'canonicalize';

/**
 * Concord's one canonical JSON: RFC 8785, the JSON Canonicalization Scheme (members sorted by
 * their names' UTF-16 code units, no whitespace, numbers and strings as ECMAScript writes them),
 * by the `canonicalize` library, checked against the RFC's published test vectors in
 * canonical-json.test.ts. The audit chain hashes it, signed checkpoints sign it, bundles summarise
 * in it and documents hash their content as it.
 *
 * As JSON.stringify does, members whose value is undefined are left out, an undefined in an array
 * is written `null`, and a value's `toJSON` is used; undefined itself is written `null`. What
 * RFC 8785 cannot write throws: NaN and the infinities, and a string with a lone surrogate (the
 * API refuses such strings at the door, see routes/common.ts).
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}
