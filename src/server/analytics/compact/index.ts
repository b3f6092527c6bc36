/**
 * The compact copy of a group's whole position log, kept beside the positions (table
 * `analytics_logs`, migration 019), so that `concord analyze …` and a cold server read one row of
 * a few megabytes instead of every position of the group (870,000 for the UN roll calls).
 *
 * Two calls, and nothing else in the code knows the copy is there:
 * - `wholeLog(store, wg)`: every position of the group, as no user (the CLI's operator view):
 *   the copy when it is current, else loaded from the positions, and the copy rebuilt;
 * - `currentPublicLog(store, wg)`: the copy, only when it is current and the group was wholly
 *   public and unclassified when it was built, i.e. exactly what every signed-in user sees (the
 *   API's shared log of such a group); null otherwise, and the caller loads with its visibility.
 *
 * Consistency with every write path: a copy carries the marker it was built at, the audit
 * chain's newest event that can change a log (seq and hash; sign-ins and tokens left out, as in
 * ../cache.ts). Every write appends its audit event in its own transaction, so a copy whose
 * marker is not the store's current one is never used, whatever process wrote since. A copy is
 * saved only when the marker was the same before and after its positions were read, so its rows
 * are those of its marker. Visibility: the copy holds every position, so the API uses it only
 * for a group it found wholly public in that same state; any restricted issue or position makes
 * the group's copy unusable by the API (the caller's own visibility-filtered load runs).
 *
 * The copy is built by the CLI (`wholeLog`); the server only reads it. The figure that justifies
 * it: `npm run bench:analyze` (end to end, against DuckDB).
 */
import type { Store } from '../../db/database.ts';
import { loadPositionLog, type PositionLog } from '../load.ts';
import { UNRELATED_ACTIONS, wholeGroupPublic } from '../relevance.ts';
import { CODEC_FORMAT, decodeLog, encodeLog } from './codec.ts';

/** The newest audit event that can change a group's log, as `seq:hash` ('0' before any). */
async function currentMarker(store: Store): Promise<string> {
  const r = await store.db.selectFrom('audit_events').select(['seq', 'hash']).where('action', 'not in', UNRELATED_ACTIONS).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? `${r.seq}:${r.hash}` : '0';
}

interface Copy {
  log: PositionLog;
  public: boolean;
}

/** The group's copy when it was built at `marker`; null when there is none, it is older, or of another format. */
async function readCopy(store: Store, wgId: string, marker: string): Promise<Copy | null> {
  const head = await store.db.selectFrom('analytics_logs').select(['marker', 'format']).where('wg_id', '=', wgId).executeTakeFirst();
  if (!head || head.marker !== marker || head.format !== CODEC_FORMAT) return null;
  const row = await store.db.selectFrom('analytics_logs').select(['marker', 'data']).where('wg_id', '=', wgId).executeTakeFirst();
  if (!row || row.marker !== marker) return null;
  const bytes = row.data;
  // The public flag rides in front of the log's bytes.
  const log = decodeLog(bytes.subarray(1));
  return log ? { log, public: bytes[0] === 1 } : null;
}

/** CONCORD_ANALYTICS_COPY=off: no copy is read or kept (the benchmark's baseline; a fallback). */
const off = () => process.env.CONCORD_ANALYTICS_COPY === 'off';

/** Every position of the group (no visibility: an operator's view), from the copy when it is current. */
export async function wholeLog(store: Store, wgId: string): Promise<PositionLog> {
  if (off()) return loadPositionLog(store, wgId, null);
  const before = await currentMarker(store);
  const copy = await readCopy(store, wgId, before);
  if (copy) return copy.log;
  const log = await loadPositionLog(store, wgId, null);
  const isPublic = await wholeGroupPublic(store, wgId);
  if ((await currentMarker(store)) === before) await saveCopy(store, wgId, before, log, isPublic);
  return log;
}

/** The copy, when current and built over a wholly public group (what every signed-in user sees); else null. */
export async function currentPublicLog(store: Store, wgId: string): Promise<PositionLog | null> {
  if (off()) return null;
  const copy = await readCopy(store, wgId, await currentMarker(store));
  return copy?.public ? copy.log : null;
}

async function saveCopy(store: Store, wgId: string, marker: string, log: PositionLog, isPublic: boolean): Promise<void> {
  const body = encodeLog(log);
  const bytes = Buffer.allocUnsafe(body.length + 1);
  bytes[0] = isPublic ? 1 : 0;
  body.copy(bytes, 1);
  const row = { wg_id: wgId, marker, format: CODEC_FORMAT, built_at: new Date().toISOString(), data: bytes };
  try {
    await store.db
      .insertInto('analytics_logs')
      .values(row)
      .onConflict((oc) => oc.column('wg_id').doUpdateSet({ marker: row.marker, format: row.format, built_at: row.built_at, data: row.data }))
      .execute();
  } catch {
    // A store that cannot take the write (read-only, full) keeps no copy: the next run loads again.
  }
}
