import type { Kysely } from 'kysely';
import type { Store } from '../db/database.ts';
import { isEmpty } from '../db/database.ts';
import { TABLE_ORDER, type Database } from '../db/tables.ts';
import { verifyChain } from '../audit/chain.ts';
import { canonicalJson } from '../audit/chain.ts';

export const BUNDLE_FORMAT = 'concord-bundle';
export const BUNDLE_VERSION = 1;

/** Primary key columns per table, for a stable row order in the bundle. */
const KEYS: Partial<Record<keyof Database, string[]>> = {
  wg_parties: ['wg_id', 'party_id'],
  wg_members: ['wg_id', 'organisation_id'],
  wg_user_roles: ['wg_id', 'user_id'],
  meeting_leads: ['meeting_id', 'person_id'],
  statement_issues: ['statement_id', 'issue_id'],
  audit_events: ['seq'],
};

/** Columns that point at rows of their own table: imported null first, then set. */
const SELF_REFS: Partial<Record<keyof Database, string>> = {
  organisations: 'parent_id',
  working_groups: 'predecessor_id',
  meetings: 'beside_meeting_id',
};

/** Integer columns, so both databases write the same JSON numbers. */
const INTEGER_COLUMNS = new Set(['version', 'clearance', 'from_clearance', 'is_admin', 'disabled', 'classification', 'position', 'number', 'percent', 'seq', 'session', 'important', 'span_start', 'span_end', 'passage_start', 'passage_end']);

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  tables: Record<string, Record<string, unknown>[]>;
}

function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(row).sort()) {
    const v = row[k];
    out[k] = v !== null && INTEGER_COLUMNS.has(k) ? Number(v) : v;
  }
  return out;
}

/**
 * Reads the whole store into one bundle: every table, every row, in a fixed order with sorted
 * keys, so the same store always exports to the same bytes, whichever database holds it.
 */
export async function exportBundle(db: Kysely<Database>): Promise<Bundle> {
  const tables: Bundle['tables'] = {};
  for (const t of TABLE_ORDER) {
    const keys = KEYS[t] ?? ['id'];
    const rows = ((await (db as Kysely<any>).selectFrom(t).selectAll().execute()) as Record<string, unknown>[]).map(normaliseRow);
    // Sorted here, not in SQL: PostgreSQL's collation orders text differently from SQLite's.
    rows.sort((a, b) => {
      for (const k of keys) {
        const x = a[k] as string | number, y = b[k] as string | number;
        if (x < y) return -1;
        if (x > y) return 1;
      }
      return 0;
    });
    tables[t] = rows;
  }
  return { format: BUNDLE_FORMAT, formatVersion: BUNDLE_VERSION, tables };
}

/** The bundle as text: canonical JSON, one table per line block, ending in a newline. */
export function serializeBundle(b: Bundle): string {
  const lines = [`{"format":${JSON.stringify(b.format)},"formatVersion":${b.formatVersion},"tables":{`];
  const names = Object.keys(b.tables);
  names.forEach((t, i) => {
    const rows = b.tables[t];
    lines.push(`${JSON.stringify(t)}:[${rows.length ? '\n' + rows.map((r) => canonicalJson(r)).join(',\n') + '\n' : ''}]${i < names.length - 1 ? ',' : ''}`);
  });
  lines.push('}}');
  return lines.join('\n') + '\n';
}

export function parseBundle(text: string): Bundle {
  let b: Bundle;
  try {
    b = JSON.parse(text) as Bundle;
  } catch (e) {
    throw new Error(`The file is not JSON: ${(e as Error).message}`);
  }
  if (b?.format !== BUNDLE_FORMAT) throw new Error(`The file is not a Concord bundle (format "${String(b?.format)}")`);
  if (b.formatVersion !== BUNDLE_VERSION) throw new Error(`Bundle format version ${b.formatVersion} is not supported (this Concord reads ${BUNDLE_VERSION})`);
  for (const t of Object.keys(b.tables)) if (!TABLE_ORDER.includes(t as keyof Database)) throw new Error(`The bundle has an unknown table "${t}"`);
  return b;
}

/**
 * Loads a bundle into an empty store in one transaction. The store's audit chain is restored
 * verbatim (not re-written), and verified before commit: an import never forges history, and a
 * bundle whose chain was altered is refused whole.
 */
export async function importBundle(store: Store, b: Bundle, onProgress?: (table: string, rows: number) => void): Promise<Record<string, number>> {
  if (!(await isEmpty(store.db))) throw new Error('The store is not empty: import only into a fresh store');
  const counts: Record<string, number> = {};
  // The chain is replaced wholesale: forget the head this process last wrote.
  store.auditTail = null;
  await store.db.transaction().execute(async (tx) => {
    const t2 = tx as unknown as Kysely<any>;
    for (const t of TABLE_ORDER) {
      const rows = b.tables[t] ?? [];
      counts[t] = rows.length;
      if (!rows.length) continue;
      const self = SELF_REFS[t];
      const cols = Object.keys(rows[0]).length;
      const chunk = Math.max(1, Math.floor(900 / cols));
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk).map((r) => (self ? { ...r, [self]: null } : r));
        await t2.insertInto(t).values(part).execute();
      }
      if (self) {
        for (const r of rows) if (r[self] !== null && r[self] !== undefined) await t2.updateTable(t).set({ [self]: r[self] }).where('id', '=', r.id).execute();
      }
      onProgress?.(t, rows.length);
    }
    const v = await verifyChain(tx as unknown as Kysely<Database>);
    if (!v.ok) throw new Error(`The bundle's audit chain is broken at event ${v.firstBad!.seq} (${v.firstBad!.reason}); nothing was imported`);
  });
  return counts;
}
