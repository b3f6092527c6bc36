import { documentContentHash } from '../commands/document-hash.ts';
import { checkSignoff, fingerprintOf } from './party-keys.ts';
import { BUNDLE_FORMAT, KEYS_FORMAT, type DocumentBundle, type SigningKeys } from '../../core/api/documents.ts';

/**
 * Checks a document bundle (`concord document export`, `GET /api/documents/:id/export`) offline:
 * the clauses hash to the version's content hash; every party of the group has exactly one
 * sign-off, on that hash, whose signature is valid under the public key it names; that key's
 * fingerprint is its key id; and, when the trusted keys are given (a file of
 * `GET /api/signing-keys`, kept apart from the bundle), that key is the one trusted for that party.
 * Without trusted keys, the keys in the bundle are taken on trust: a rewrite of the whole bundle
 * with new keys would pass, so say so.
 */

export type BundleCheck = { ok: true; parties: string[]; keysFrom: 'trusted' | 'bundle' } | { ok: false; problems: string[] };

/** Reads a bundle's text; throws with what is wrong with its form. */
export function parseBundle(text: string): DocumentBundle {
  let b: DocumentBundle;
  try {
    b = JSON.parse(text) as DocumentBundle;
  } catch {
    throw new Error('the bundle is not JSON');
  }
  if (b?.format !== BUNDLE_FORMAT) throw new Error(`the bundle's format is not ${BUNDLE_FORMAT}`);
  if (!b.document?.id || !b.version || !Array.isArray(b.version.clauses) || !Array.isArray(b.parties) || !Array.isArray(b.signOffs)) {
    throw new Error('the bundle lacks its document, version, parties or sign-offs');
  }
  return b;
}

/** Reads a trusted keys file: party id → PEM public key. */
export function parseKeys(text: string): Map<string, string> {
  let k: SigningKeys;
  try {
    k = JSON.parse(text) as SigningKeys;
  } catch {
    throw new Error('the keys file is not JSON');
  }
  if (k?.format !== KEYS_FORMAT || !Array.isArray(k.items)) throw new Error(`the keys file's format is not ${KEYS_FORMAT}`);
  return new Map(k.items.map((i) => [i.partyId, i.publicKey]));
}

export function verifyDocumentBundle(b: DocumentBundle, trusted?: Map<string, string>): BundleCheck {
  const problems: string[] = [];
  const hash = documentContentHash(
    b.version.clauses.map((c) => ({
      clause_key: c.key,
      position: c.position,
      status: c.status,
      text_en: c.textEn,
      text_ko: c.textKo ?? null,
      alternatives: (c.alternatives ?? []).map((a) => ({ party_id: a.partyId, text_en: a.textEn, text_ko: a.textKo ?? null })),
    })),
  );
  if (hash !== b.version.contentHash) problems.push(`the clauses do not hash to version ${b.version.number}'s content hash: the text was changed`);
  if (b.parties.length === 0) problems.push('the bundle names no party');
  for (const p of b.parties) {
    const who = `${p.name} (${p.id})`;
    const mine = b.signOffs.filter((s) => s.partyId === p.id);
    if (mine.length === 0) {
      problems.push(`${who} has no sign-off on version ${b.version.number}`);
      continue;
    }
    if (mine.length > 1) problems.push(`${who} has ${mine.length} sign-offs on version ${b.version.number}; one is expected`);
    for (const s of mine) {
      if (s.contentHash !== b.version.contentHash) problems.push(`${who}'s sign-off is on another text (content hash ${s.contentHash})`);
      if (!s.signature || !s.publicKey || !s.keyId) {
        problems.push(`${who}'s sign-off carries no signature`);
        continue;
      }
      if (fingerprintOf(s.publicKey) !== s.keyId) problems.push(`${who}'s sign-off names key ${s.keyId}, but its public key's fingerprint is ${fingerprintOf(s.publicKey) ?? 'unreadable'}`);
      const want = trusted?.get(p.id);
      if (trusted && !want) problems.push(`no trusted key for ${who} in the keys file`);
      else if (want && fingerprintOf(want) !== fingerprintOf(s.publicKey)) {
        problems.push(`${who}'s sign-off was signed by key ${fingerprintOf(s.publicKey) ?? s.keyId}, not by ${p.id}'s key ${fingerprintOf(want)}`);
      }
      const fields = { documentId: b.document.id, versionNumber: b.version.number, contentHash: b.version.contentHash, partyId: p.id, signedAt: s.signedAt };
      if (!checkSignoff(fields, s.signature, s.publicKey)) problems.push(`${who}'s signature does not match the sign-off (document, version, content hash, party, time) under key ${s.keyId}`);
    }
  }
  // A key that signs for one party must not also be another party's key in the same bundle.
  const keyOwners = new Map<string, Set<string>>();
  for (const s of b.signOffs) if (s.keyId) keyOwners.set(s.keyId, new Set([...(keyOwners.get(s.keyId) ?? []), s.partyId]));
  for (const [keyId, owners] of keyOwners)
    if (owners.size > 1) problems.push(`key ${keyId} signed for more than one party (${[...owners].sort().join(', ')}): a sign-off was made with the wrong party's key`);
  for (const s of b.signOffs) if (!b.parties.some((p) => p.id === s.partyId)) problems.push(`a sign-off names ${s.partyId}, which is not a party of the group`);
  return problems.length ? { ok: false, problems } : { ok: true, parties: b.parties.map((p) => p.id), keysFrom: trusted ? 'trusted' : 'bundle' };
}
