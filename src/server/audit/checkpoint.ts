import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, verifyChain } from './chain.ts';

/**
 * Signed checkpoints of the audit chain.
 *
 * The hash chain shows that no event was changed without recomputing every hash after it; it
 * cannot show that nobody did recompute them, or dropped the newest events. A checkpoint holds a
 * fixed point outside the database: the newest event's sequence and hash at a moment, signed
 * with this instance's Ed25519 key (kept in a file outside the database). Verifying the store
 * against a checkpoint fails when any event up to it was removed, changed or re-chained, because
 * the chain up to that sequence must end in the signed hash.
 *
 * What it does not prove: anything about events after the checkpoint (take them often — `concord
 * serve` logs one periodically), or that the key file itself was not copied by whoever could
 * alter the database (keep it readable by the service only, and keep checkpoints elsewhere).
 */

export const CHECKPOINT_FORMAT = 'concord-audit-checkpoint/1';

export interface InstanceKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as PEM (SPKI), for administrators and checkpoint files. */
  publicPem: string;
  /** The first 16 bytes of SHA-256 of the public key (DER), in hex. */
  keyId: string;
  path: string;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** The newest audit event's sequence when the checkpoint was taken (0: no events yet). */
  seq: number;
  /** That event's hash (the genesis hash when there were none). */
  head: string;
  /** How many events the chain held up to and including `seq`. */
  events: number;
  at: string;
  keyId: string;
  publicKey: string;
  /** Ed25519 over the canonical JSON of the fields above except publicKey, base64. */
  signature: string;
}

/** Where the instance key lives: CONCORD_KEY_FILE, or beside the default store. */
export function keyPath(): string {
  return resolve(process.env.CONCORD_KEY_FILE || './data/concord-signing-key.pem');
}

function describe(privateKey: KeyObject, path: string): InstanceKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 32),
    path,
  };
}

/** Reads the instance key, making it (readable by its owner only) the first time. */
export function loadOrCreateKey(path: string = keyPath()): InstanceKey {
  if (existsSync(path)) return describe(createPrivateKey(readFileSync(path)), path);
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return describe(privateKey, path);
}

/** Reads the instance key; undefined when there is none yet. */
export function loadKey(path: string = keyPath()): InstanceKey | undefined {
  return existsSync(path) ? describe(createPrivateKey(readFileSync(path)), path) : undefined;
}

function signedPart(c: Omit<Checkpoint, 'signature' | 'publicKey'>): Buffer {
  const { format, seq, head, events, at, keyId } = c;
  return Buffer.from(canonicalJson({ format, seq, head, events, at, keyId }));
}

/** A checkpoint of the store's audit chain as it is now, signed with the instance key. */
export async function takeCheckpoint(db: Kysely<Database>, key: InstanceKey, at = new Date()): Promise<Checkpoint> {
  const newest = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const count = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const body = { format: CHECKPOINT_FORMAT, seq: newest ? Number(newest.seq) : 0, head: newest?.hash ?? GENESIS_HASH, events: Number(count.n), at: at.toISOString(), keyId: key.keyId } as const;
  return { ...body, publicKey: key.publicPem, signature: sign(null, signedPart(body), key.privateKey).toString('base64') };
}

/** Reads a checkpoint file's text; throws with what is wrong. */
export function parseCheckpoint(text: string): Checkpoint {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    throw new Error('The checkpoint is not JSON');
  }
  if (c.format !== CHECKPOINT_FORMAT) throw new Error(`The checkpoint's format is not ${CHECKPOINT_FORMAT}`);
  for (const f of ['seq', 'events'] as const) if (!Number.isSafeInteger(c[f]) || (c[f] as number) < 0) throw new Error(`The checkpoint's ${f} is not a whole number`);
  for (const f of ['head', 'at', 'keyId', 'publicKey', 'signature'] as const) if (typeof c[f] !== 'string' || !c[f]) throw new Error(`The checkpoint has no ${f}`);
  return c as Checkpoint;
}

export type CheckpointCheck = { ok: true; checked: number } | { ok: false; reason: string };

/**
 * Checks the store against a checkpoint: signed by the trusted key, and the chain up to its
 * sequence intact, holding as many events as it did, and ending in the signed hash.
 */
export async function verifyAgainstCheckpoint(db: Kysely<Database>, c: Checkpoint, trusted: KeyObject): Promise<CheckpointCheck> {
  const trustedPem = trusted.export({ type: 'spki', format: 'pem' }).toString();
  if (c.publicKey.trim() !== trustedPem.trim()) return { ok: false, reason: "the checkpoint was signed by another key than this instance's" };
  let valid = false;
  try {
    valid = verify(null, signedPart(c), trusted, Buffer.from(c.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "the checkpoint's signature does not match its content" };
  const chain = await verifyChain(db, c.seq);
  if (!chain.ok) return { ok: false, reason: `the chain is broken at event ${chain.firstBad!.seq}: ${chain.firstBad!.reason}` };
  if (c.seq === 0) return c.events === 0 ? { ok: true, checked: 0 } : { ok: false, reason: 'the checkpoint is inconsistent' };
  const at = await db.selectFrom('audit_events').select(['hash']).where('seq', '=', c.seq).executeTakeFirst();
  if (!at) return { ok: false, reason: `event ${c.seq}, the checkpoint's newest, is missing: events were removed` };
  if (chain.checked !== c.events) return { ok: false, reason: `the chain holds ${chain.checked} events up to ${c.seq}, the checkpoint ${c.events}: events were removed or added` };
  if (at.hash !== c.head) return { ok: false, reason: `event ${c.seq}'s hash differs from the checkpoint's: events up to it were changed and the chain recomputed` };
  return { ok: true, checked: chain.checked };
}
