import type { Transaction } from 'kysely';
import { appendAudit, type AuditEntry } from '../audit/chain.ts';
import { signSignoff } from '../audit/party-keys.ts';
import { hashPassword } from '../auth/password.ts';
import { documentContentHash } from '../commands/document-hash.ts';
import { isEmpty, refreshStatistics, type Store } from '../db/database.ts';
import { TABLE_ORDER, type Database } from '../db/tables.ts';
import { SCOPES, type Scope } from '../../core/vocabulary.ts';
import { demoScenario } from './scenario.ts';
import type { DemoScenario } from './types.ts';

type Row = Record<string, unknown>;
type Table = keyof Database;

/** Tables with version/created_at/updated_at. */
const STAMPED = new Set<Table>([
  'parties',
  'organisations',
  'people',
  'users',
  'working_groups',
  'tracks',
  'meetings',
  'agenda_items',
  'attendance',
  'issues',
  'statements',
  'documents',
  'commitments',
  'projects',
  'notes',
]);
/** Append-only tables with created_at and a "who recorded it" column (null: the demo loader). */
const CREATED: Partial<Record<Table, string>> = {
  positions: 'recorded_by',
  document_versions: 'created_by',
  progress_reports: 'reported_by',
  project_stage_events: 'recorded_by',
  project_date_changes: 'recorded_by',
};
/** Guarded tables and the audit entity type of their rows. */
const GUARDED: Partial<Record<Table, string>> = {
  working_groups: 'working_group',
  meetings: 'meeting',
  issues: 'issue',
  positions: 'position',
  statements: 'statement',
  documents: 'document',
  commitments: 'commitment',
  projects: 'project',
  notes: 'note',
};
/** Self-references: rows are ordered so that the referenced row is inserted first. */
const SELF_REF: Partial<Record<Table, string>> = { organisations: 'parent_id', working_groups: 'predecessor_id', meetings: 'beside_meeting_id' };

const CHUNK = 100;

function fail(message: string): never {
  throw new Error(`demo scenario: ${message}`);
}

/** Orders rows so that each row's self-reference points to an earlier row. */
function parentsFirst(table: Table, rows: Row[], col: string): Row[] {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const out: Row[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: Row) => {
    const id = r.id as string;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') fail(`${table}.${col} forms a cycle at ${id}`);
    state.set(id, 'visiting');
    const ref = r[col] as string | null;
    if (ref) {
      const parent = byId.get(ref);
      if (!parent) fail(`${table} ${id}: ${col} ${ref} is not in the scenario`);
      visit(parent);
    }
    state.set(id, 'done');
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}

/** Turns the scenario into the exact rows to insert, table by table. */
function buildRows(s: DemoScenario, passwordHash: string, at: string): Map<Table, Row[]> {
  const rows = new Map<Table, Row[]>();
  const src = s as unknown as Record<string, Row[] | undefined>;
  for (const table of TABLE_ORDER) {
    if (table === 'audit_events' || table === 'user_sessions' || table === 'api_tokens') continue;
    if (table === 'wg_user_roles') {
      rows.set(
        table,
        s.users.flatMap((u) => u.roles.map((r) => ({ wg_id: r.wg_id, user_id: u.id, role: r.role }))),
      );
      continue;
    }
    // Tables the scenario does not describe (sessions, tokens, later additions) start empty.
    if (!(table in src)) continue;
    let list = (src[table] ?? []).map((r) => ({ ...r }));
    if (table === 'users') {
      list = list.map(({ password: _p, roles: _r, note: _n, ...u }) => ({ ...u, password_hash: passwordHash }));
    }
    if (table === 'notes') list = list.map((r) => ({ ...r, created_by: null }));
    if (table === 'signoffs') list = list.map((r) => ({ ...r, signed_by: null }));
    // Loaded by the server: recorded by the owner organisation, by no user (migration 016 fills older stores alike).
    if (table === 'statements') list = list.map((r) => ({ ...r, recorded_org_id: r.owner_org_id, recorded_by: null, recorded_via: 'import' }));
    if (STAMPED.has(table)) list = list.map((r) => ({ ...r, version: 1, created_at: at, updated_at: at }));
    const who = CREATED[table];
    if (who) list = list.map((r) => ({ ...r, [who]: null, created_at: (r.created_at as string | undefined) ?? at }));
    const self = SELF_REF[table];
    if (self) list = parentsFirst(table, list, self);
    rows.set(table, list);
  }

  // Document versions are hashed over their clauses and alternatives; sign-offs bind to that hash.
  const alternatives = new Map<string, Row[]>();
  for (const a of rows.get('clause_alternatives') ?? []) {
    const k = a.clause_id as string;
    alternatives.set(k, [...(alternatives.get(k) ?? []), a]);
  }
  const hashes = new Map<string, string>();
  for (const v of rows.get('document_versions') ?? []) {
    const clauses = (rows.get('clauses') ?? []).filter((c) => c.version_id === v.id);
    v.content_hash = documentContentHash(
      clauses.map((c) => ({
        clause_key: c.clause_key as string,
        position: c.position as number,
        status: c.status as string,
        text_en: c.text_en as string,
        text_ko: (c.text_ko as string | null) ?? null,
        alternatives: (alternatives.get(c.id as string) ?? []).map((a) => ({ party_id: a.party_id as string, text_en: a.text_en as string, text_ko: (a.text_ko as string | null) ?? null })),
      })),
    );
    hashes.set(v.id as string, v.content_hash as string);
  }
  // Each party's sign-off is signed with that party's key, as a sign-off through the API is.
  const numbers = new Map((rows.get('document_versions') ?? []).map((v) => [v.id as string, v.number as number]));
  for (const so of rows.get('signoffs') ?? []) {
    const h = hashes.get(so.version_id as string);
    if (!h) fail(`signoff ${so.id as string} names version ${so.version_id as string}, which is not in the scenario`);
    so.content_hash = h;
    const signed = signSignoff({
      documentId: so.document_id as string,
      versionNumber: numbers.get(so.version_id as string)!,
      contentHash: h,
      partyId: so.party_id as string,
      signedAt: so.signed_at as string,
    });
    Object.assign(so, { signature: signed.signature, key_id: signed.keyId, public_key: signed.publicKey });
  }
  return rows;
}

/** Checks what the database cannot: the guard columns agree with the owner organisation. */
function checkGuards(rows: Map<Table, Row[]>): void {
  const orgParty = new Map((rows.get('organisations') ?? []).map((o) => [o.id as string, o.party_id as string]));
  for (const [table, entity] of Object.entries(GUARDED) as [Table, string][]) {
    for (const r of rows.get(table) ?? []) {
      const where = `${entity} ${r.id as string}`;
      const party = orgParty.get(r.owner_org_id as string);
      if (!party) fail(`${where}: owner organisation ${r.owner_org_id as string} is not in the scenario`);
      if (party !== r.owner_party_id) fail(`${where}: owner party ${r.owner_party_id as string} is not the party of ${r.owner_org_id as string} (${party})`);
      if (!(SCOPES as readonly string[]).includes(r.scope as string)) fail(`${where}: unknown scope ${r.scope as string}`);
      const c = r.classification as number;
      if (!Number.isInteger(c) || c < 0 || c > 3) fail(`${where}: classification must be 0..3`);
    }
  }
}

async function insertAll(tx: Transaction<Database>, table: Table, list: Row[]): Promise<void> {
  for (let i = 0; i < list.length; i += CHUNK) {
    await tx
      .insertInto(table)
      .values(list.slice(i, i + CHUNK) as never)
      .execute();
  }
}

/**
 * Loads the demo scenario into an empty store in one transaction: every row, the demo users (one
 * shared password, hashed once), and one audit event per guarded record.
 */
export async function loadDemo(store: Store, scenario: DemoScenario = demoScenario): Promise<{ counts: Record<string, number> }> {
  if (!(await isEmpty(store.db))) throw new Error(`${store.location} is not empty; the demo loads only into an empty store`);
  const at = new Date().toISOString();
  const passwordHashes = new Map<string, string>();
  for (const u of scenario.users) {
    if (!passwordHashes.has(u.password)) passwordHashes.set(u.password, await hashPassword(u.password));
  }
  if (passwordHashes.size > 1) fail('demo users share one password');
  const rows = buildRows(scenario, passwordHashes.values().next().value ?? '', at);
  checkGuards(rows);

  // Documents are inserted without their adopted version (it does not exist yet) and updated once it does.
  const adopted = (rows.get('documents') ?? []).filter((d) => d.adopted_version_id).map((d) => [d.id as string, d.adopted_version_id as string] as const);

  const counts: Record<string, number> = {};
  await store.transaction(async (tx) => {
    if (!(await isEmpty(tx))) throw new Error(`${store.location} is not empty; the demo loads only into an empty store`);
    for (const [table, list] of rows) {
      const insert = table === 'documents' ? list.map((d) => ({ ...d, adopted_version_id: null })) : list;
      await insertAll(tx, table, insert);
      counts[table] = list.length;
      if (table === 'document_versions') {
        for (const [docId, versionId] of adopted) {
          await tx.updateTable('documents').set({ adopted_version_id: versionId }).where('id', '=', docId).execute();
        }
      }
    }
    const entries: AuditEntry[] = [];
    for (const [table, entityType] of Object.entries(GUARDED) as [Table, string][]) {
      for (const r of rows.get(table) ?? []) {
        entries.push({
          action: 'store.demo_load',
          entityType,
          entityId: r.id as string,
          after: r,
          guard: {
            owner_org_id: r.owner_org_id as string,
            owner_party_id: r.owner_party_id as string,
            scope: r.scope as Scope,
            classification: r.classification as number,
            wg_id: (r.wg_id as string | null) ?? null,
          },
        });
      }
    }
    for (let i = 0; i < entries.length; i += CHUNK) {
      await appendAudit(tx, store, { actorUserId: null, actorOrgId: null, requestId: null }, entries.slice(i, i + CHUNK), at);
    }
    counts.audit_events = entries.length;
  });
  store.countWrite(true);
  await refreshStatistics(store);
  return { counts };
}
