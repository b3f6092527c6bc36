import { sql, type CompiledQuery, type Kysely, type OperationNode } from 'kysely';
import type { Store } from '../db/database.ts';
import type { Database } from '../db/tables.ts';
import { AppError, badRequest, isForeignKeyViolation, isUniqueViolation } from '../errors.ts';

/**
 * A write that names a record that does not exist (an agenda item's `leadOrgId`, a position's
 * `issueId`, a meeting's `invite`) fails on the store's foreign key, and the command's transaction
 * is rolled back. This turns that failure into a 400 naming the request field, in one place and on
 * both stores, so no command looks each reference up before it writes.
 *
 * The field is `body.<column in camelCase>` (lead_org_id → body.leadOrgId), unless the command
 * names it: rows written from a list (a meeting's invitations, a group's parties) say which list
 * their column came from, e.g. `{ 'attendance.organisation_id': 'body.invite' }`.
 */
export type ReferenceFields = Readonly<Record<string, string>>;

/** What the store said about the broken reference. */
interface Broken {
  table: string;
  column: string;
  value: unknown;
  parent: string;
}

/**
 * The error to answer with for `e`, or `e` itself when it is not a broken reference. Called inside
 * the failed transaction (`db`), where the rows written before the failure can still be seen.
 */
export async function referenceError(db: Kysely<Database>, dialect: Store['dialect'], e: unknown, fields: ReferenceFields = {}): Promise<unknown> {
  if (isUniqueViolation(e)) return duplicateError(e, fields);
  if (!isForeignKeyViolation(e)) return e;
  let broken: Broken | undefined;
  try {
    broken = dialect === 'postgres' ? fromPostgres(e) : await fromSqlite(db, e);
  } catch {
    broken = undefined;
  }
  if (!broken) return new AppError('bad_request', 'body: names a record that does not exist', { reason: 'unknown_record', field: 'body' });
  const field = fields[`${broken.table}.${broken.column}`] ?? `body.${camel(broken.column)}`;
  return badRequest(field, `names an unknown ${RECORD_NAMES[broken.parent] ?? broken.parent.replace(/_/g, ' ')} "${String(broken.value)}"`, 'unknown_record');
}

/**
 * A unique constraint that a write would break (the same organisation invited twice, a party
 * code already taken) is a 409 naming the field: the column of the constraint that the command
 * maps to a field, else the last one (the first are usually the parent's id).
 */
function duplicateError(e: unknown, fields: ReferenceFields): AppError {
  const x = e as { message?: string; table?: string; detail?: string };
  let table: string | undefined;
  let columns: string[] = [];
  const lite = /UNIQUE constraint failed: (.+)$/.exec(x.message ?? '');
  if (lite) {
    const names = lite[1].split(',').map((s) => s.trim().split('.'));
    table = names[0]?.[0];
    columns = names.map((n) => n[1]).filter(Boolean);
  } else {
    const m = /^Key \(([^)]+)\)=/.exec(x.detail ?? '');
    table = x.table;
    columns = m ? m[1].split(',').map((s) => s.trim()) : [];
  }
  const mapped = columns.find((c) => fields[`${table}.${c}`]);
  const column = mapped ?? columns.at(-1);
  const field = column ? (fields[`${table}.${column}`] ?? `body.${camel(column)}`) : 'body';
  return new AppError('conflict', `${field}: names a record that already exists or repeats an entry`, { reason: 'duplicate', field });
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Parent tables by the name of one of their records, for the message. */
const RECORD_NAMES: Record<string, string> = {
  parties: 'party',
  organisations: 'organisation',
  people: 'person',
  users: 'user',
  working_groups: 'working group',
  tracks: 'track',
  meetings: 'meeting',
  issues: 'issue',
  statements: 'statement',
  documents: 'document',
  document_versions: 'document version',
  clauses: 'clause',
  commitments: 'commitment',
  projects: 'project',
  articles: 'article',
};

/** PostgreSQL names the table and, in the detail, the column and value: `Key (lead_org_id)=(x) is not present in table "organisations".` */
function fromPostgres(e: unknown): Broken | undefined {
  const x = e as { table?: string; detail?: string };
  const m = /^Key \(([^)]+)\)=\((.*)\) is not present in table "([^"]+)"/s.exec(x.detail ?? '');
  if (!x.table || !m) return undefined;
  return { table: x.table, column: m[1], value: m[2], parent: m[3] };
}

/**
 * SQLite says only "FOREIGN KEY constraint failed"; the store's driver attaches the statement
 * (see db/sqlite-adapter.ts). From it: the table and the value written to each column; the first
 * referencing column whose value its parent table lacks is the broken one.
 */
async function fromSqlite(db: Kysely<Database>, e: unknown): Promise<Broken | undefined> {
  const q = (e as { statement?: CompiledQuery }).statement;
  if (!q) return undefined;
  const written = columnValues(q);
  if (!written) return undefined;
  const keys = await sql<{ from: string; table: string; to: string | null }>`select "from", "table", "to" from pragma_foreign_key_list(${written.table})`.execute(db);
  for (const fk of keys.rows) {
    for (const values of written.rows) {
      const value = values.get(fk.from);
      if (value === undefined || value === null) continue;
      const found = await sql`select 1 from ${sql.table(fk.table)} where ${sql.ref(fk.to ?? 'id')} = ${value} limit 1`.execute(db);
      if (found.rows.length === 0) return { table: written.table, column: fk.from, value, parent: fk.table };
    }
  }
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: walks Kysely operation nodes of every kind, whose fields differ per kind
type Node = OperationNode & Record<string, any>;

/** The table of an insert or update and the value of each column it writes, row by row. */
function columnValues(q: CompiledQuery): { table: string; rows: Map<string, unknown>[] } | undefined {
  const node = q.query as Node;
  if (node.kind === 'InsertQueryNode') {
    const table: string | undefined = node.into?.table?.identifier?.name;
    const columns: string[] = (node.columns ?? []).map((c: Node) => c.column?.name);
    if (!table || columns.length === 0 || q.parameters.length % columns.length !== 0) return undefined;
    const rows: Map<string, unknown>[] = [];
    for (let i = 0; i < q.parameters.length; i += columns.length) rows.push(new Map(columns.map((c, j) => [c, q.parameters[i + j]])));
    return { table, rows };
  }
  if (node.kind === 'UpdateQueryNode') {
    const table: string | undefined = node.table?.table?.identifier?.name;
    if (!table) return undefined;
    // The SET clause comes first in the SQL, so its values are the first parameters, one per
    // plain value; anything else (an expression) ends what can be known.
    const row = new Map<string, unknown>();
    let p = 0;
    for (const u of (node.updates ?? []) as Node[]) {
      if (u.value?.kind !== 'ValueNode' || u.value.immediate) break;
      row.set(u.column?.column?.name, q.parameters[p++]);
    }
    return { table, rows: [row] };
  }
  return undefined;
}
