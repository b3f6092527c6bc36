import { constants, type DatabaseSync } from 'node:sqlite';
import { openReadOnly } from './sqlite-connection.ts';

/**
 * Which connection a statement may run on, decided by SQLite itself, never by reading the SQL.
 *
 * SQLite calls an authorizer for every action a statement will take while it compiles it
 * (`sqlite3_set_authorizer`): reading a column, selecting, calling a function, inserting, setting
 * a pragma … A statement whose every action is a read is a `read`; one that inserts, updates,
 * deletes or changes the schema is a `write`; one that acts on the connection rather than on the
 * data (a pragma, BEGIN/COMMIT, a savepoint, ATTACH) is `connection` and must run on the
 * connection it is meant for, outside any transaction of ours. A `WITH … SELECT`, a
 * `SELECT … FROM pragma_table_info(…)` and a recursive CTE are reads; `INSERT … RETURNING` and
 * `WITH … DELETE` are writes, whatever their first word.
 */
export type StatementKind = 'read' | 'write' | 'connection';

const READS = new Set<number>([constants.SQLITE_READ, constants.SQLITE_SELECT, constants.SQLITE_FUNCTION, constants.SQLITE_RECURSIVE]);
const CONNECTION = new Set<number>([constants.SQLITE_PRAGMA, constants.SQLITE_TRANSACTION, constants.SQLITE_SAVEPOINT, constants.SQLITE_ATTACH, constants.SQLITE_DETACH]);

/**
 * Classifies statements by compiling them (never running them) on a connection of their own, and
 * remembers the answer per SQL text. For a file store that connection is opened read-only on the
 * same file, so it knows the schema; for `:memory:` it is the store's only connection.
 */
export class StatementClassifier {
  readonly #path: string;
  readonly #own: boolean;
  #db: DatabaseSync;
  readonly #known = new Map<string, StatementKind>();

  constructor(path: string, memoryConnection?: DatabaseSync) {
    this.#path = path;
    this.#own = !memoryConnection;
    this.#db = memoryConnection ?? openReadOnly(path);
  }

  kind(sql: string): StatementKind {
    const known = this.#known.get(sql);
    if (known) return known;
    let kind: StatementKind;
    try {
      kind = this.#compile(sql);
    } catch {
      // The classifier's idea of the schema may be older than the file's (a migration ran on
      // another connection since): reopen and try once more.
      if (this.#own) {
        this.#db.close();
        this.#db = openReadOnly(this.#path);
      }
      try {
        kind = this.#compile(sql);
      } catch {
        // A statement SQLite cannot compile: the write connection will report why.
        return 'write';
      }
    }
    if (this.#known.size >= 2000) this.#known.clear();
    this.#known.set(sql, kind);
    return kind;
  }

  #compile(sql: string): StatementKind {
    let kind: StatementKind = 'read';
    this.#db.setAuthorizer((action) => {
      if (CONNECTION.has(action)) {
        if (kind === 'read') kind = 'connection';
      } else if (!READS.has(action)) kind = 'write';
      return constants.SQLITE_OK;
    });
    try {
      this.#db.prepare(sql);
    } finally {
      this.#db.setAuthorizer(null);
    }
    return kind;
  }

  close(): void {
    if (this.#own && this.#db.isOpen) this.#db.close();
  }
}
