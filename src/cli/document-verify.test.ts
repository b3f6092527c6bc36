/**
 * `concord document export` / `verify`: an adopted document's bundle verifies offline; a changed
 * clause, a swapped signature, a sign-off made with the wrong key and a removed sign-off are each
 * caught (exit 3, naming what failed); a missing file is a usage error (exit 2).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { keyIdOf, signoffMessage } from '../server/audit/party-keys.ts';
import type { DocumentBundle } from '../core/api/documents.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'concord-doc-verify-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, CONCORD_KEY_FILE: join(dir, 'keys', 'instance.pem') };
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/concord.js'), ...args], { env, encoding: 'utf8' });
const BUNDLE = join(dir, 'jfs.json');
const KEYS = join(dir, 'keys.json');
let original: DocumentBundle;

/** Writes a changed copy of the bundle and verifies it. */
function verifyChanged(name: string, change: (b: DocumentBundle) => void, ...extra: string[]) {
  const b = structuredClone(original);
  change(b);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(b));
  return cli('document', 'verify', file, ...extra);
}

describe('concord document export / verify', () => {
  before(() => {
    const demo = cli('demo');
    assert.equal(demo.status, 0, demo.stderr);
    const x = cli('document', 'export', 'doc-jfs-2025', BUNDLE);
    assert.equal(x.status, 0, x.stderr);
    assert.match(x.stdout, /adopted; 2 of 2 parties signed/);
    const k = cli('document', 'keys', KEYS);
    assert.equal(k.status, 0, k.stderr);
    original = JSON.parse(readFileSync(BUNDLE, 'utf8'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the bundle holds the text, its hash, the parties and each signed sign-off with its public key', () => {
    assert.equal(original.format, 'concord-document-bundle/1');
    assert.equal(original.adopted, true);
    assert.deepEqual(original.parties.map((p) => p.id).sort(), ['KR', 'US']);
    for (const s of original.signOffs) {
      assert.match(s.signature!, /^[A-Za-z0-9+/]+=*$/);
      assert.match(s.publicKey!, /BEGIN PUBLIC KEY/);
      assert.match(s.keyId!, /^[0-9a-f]{32}$/);
    }
    const keys = JSON.parse(readFileSync(KEYS, 'utf8'));
    assert.deepEqual(keys.items.map((k: { partyId: string }) => k.partyId).sort(), ['KR', 'US']);
  });

  test('a round trip verifies, with the bundle’s keys and with the trusted keys file', () => {
    const r = cli('document', 'verify', BUNDLE);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /verified: version 1 .* signed by every party: KR, US; the keys are the bundle's own/);
    const t = cli('document', 'verify', BUNDLE, '--keys', KEYS);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /each with its trusted key/);
  });

  test('a changed clause is caught', () => {
    const r = verifyChanged('clause', (b) => {
      b.version.clauses[0].textEn = `${b.version.clauses[0].textEn} (amended)`;
    });
    assert.equal(r.status, 3, r.stdout);
    assert.match(r.stderr, /the clauses do not hash to version 1's content hash: the text was changed/);
  });

  test('a changed content hash with the changed text is caught by the signatures', () => {
    const r = verifyChanged('rehash', (b) => {
      b.version.clauses[0].textKo = '바뀐 문구';
      b.version.contentHash = 'f'.repeat(64);
      for (const s of b.signOffs) s.contentHash = b.version.contentHash;
    });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /do not hash/);
    assert.match(r.stderr, /signature does not match the sign-off/);
  });

  test('swapped signatures are caught, naming each party', () => {
    const r = verifyChanged('swapped', (b) => {
      const [a, c] = b.signOffs;
      [a.signature, c.signature] = [c.signature, a.signature];
    });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /Republic of Korea|KR/);
    assert.equal((r.stderr.match(/signature does not match the sign-off/g) ?? []).length, 2, r.stderr);
  });

  test("a sign-off made with another party's key is caught", () => {
    // KR's sign-off re-signed with a key that is not KR's (the signature itself is valid): the
    // trusted keys file catches it.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const forge = (b: DocumentBundle) => {
      const kr = b.signOffs.find((s) => s.partyId === 'KR')!;
      kr.signature = sign(
        null,
        signoffMessage({ documentId: b.document.id, versionNumber: b.version.number, contentHash: b.version.contentHash, partyId: 'KR', signedAt: kr.signedAt }),
        privateKey,
      ).toString('base64');
      kr.publicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      kr.keyId = keyIdOf(publicKey);
    };
    const r = verifyChanged('wrong-key', forge, '--keys', KEYS);
    assert.equal(r.status, 3, r.stdout);
    assert.match(r.stderr, new RegExp(`KR\\)'s sign-off was signed by key ${keyIdOf(publicKey)}, not by KR's key`));
    // The US sign-off put in as KR's: its key signs for two parties.
    const r2 = verifyChanged('us-key', (b) => {
      const us = b.signOffs.find((s) => s.partyId === 'US')!;
      const kr = b.signOffs.find((s) => s.partyId === 'KR')!;
      Object.assign(kr, { signature: us.signature, publicKey: us.publicKey, keyId: us.keyId });
    });
    assert.equal(r2.status, 3);
    assert.match(r2.stderr, /signed for more than one party \(KR, US\)/);
  });

  test('a removed sign-off is caught', () => {
    const r = verifyChanged('removed', (b) => {
      b.signOffs = b.signOffs.filter((s) => s.partyId !== 'US');
    });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /\(US\) has no sign-off on version 1/);
  });

  test('usage: a missing bundle is exit 2; a file that is not a bundle is exit 3', () => {
    assert.equal(cli('document', 'verify', join(dir, 'nothing.json')).status, 2);
    assert.equal(cli('document', 'verify').status, 2);
    writeFileSync(join(dir, 'not.json'), '{"format":"something else"}');
    const r = cli('document', 'verify', join(dir, 'not.json'));
    assert.equal(r.status, 3);
    assert.match(r.stderr, /format is not concord-document-bundle\/1/);
  });
});
