/**
 * The DuckDB baseline of `concord import unvotes DIR`, as a program of its own (import.bench.ts
 * spawns it and times it the same way): start, and load unvotes.csv and roll_calls.csv into
 * tables of a new DuckDB database file, then close it (a checkpoint: the file holds the data).
 * Prints the rows loaded and DuckDB's own load time.
 *
 *   node bench/analytics/duckdb-load.ts DIR FILE.duckdb
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
  process.stderr.write('usage: duckdb-load.ts DIR FILE.duckdb\n');
  process.exit(2);
}
const q = (s: string) => s.replace(/'/g, "''");
const t0 = performance.now();
const instance = await DuckDBInstance.create(file);
const con = await instance.connect();
await con.run(`CREATE TABLE votes AS SELECT * FROM read_csv('${q(path.join(dir, 'unvotes.csv'))}', header = true,
  columns = {'rcid': 'INTEGER', 'country': 'VARCHAR', 'country_code': 'VARCHAR', 'vote': 'VARCHAR'})`);
await con.run(`CREATE TABLE roll_calls AS SELECT * FROM read_csv('${q(path.join(dir, 'roll_calls.csv'))}', header = true)`);
const n = Number((await con.runAndReadAll('SELECT count(*) FROM votes')).getColumns()[0][0]);
con.closeSync();
instance.closeSync();
process.stdout.write(`DuckDB loaded ${n} votes in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
