/**
 * The DuckDB baseline of `concord analyze matrix --method agree --csv`, end to end, as a program
 * of its own (bench/analytics/analyze.bench.ts runs it): start, read the UN CSV files, compute
 * every ordered pair's simple agreement over the roll calls both voted on in SQL, and print the
 * same CSV rows (method,a,b,n,value) to standard output. Countries are keyed by name, as the
 * importer keys them (a code is shared by more than one name in the data).
 *
 *   node bench/analytics/duckdb-matrix.ts DIR > matrix.csv
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: duckdb-matrix.ts DIR (the directory holding unvotes.csv)\n');
  process.exit(2);
}
const q = (s: string) => s.replace(/'/g, "''");
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`CREATE TABLE v AS
  SELECT rcid, country AS who, (CASE vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 WHEN 'no' THEN 3 END)::TINYINT AS x
  FROM read_csv('${q(path.join(dir, 'unvotes.csv'))}', header = true,
    columns = {'rcid': 'INTEGER', 'country': 'VARCHAR', 'country_code': 'VARCHAR', 'vote': 'VARCHAR'})`);
const reader = await con.runAndReadAll(`
  SELECT a.who AS a, b.who AS b, count(*)::INTEGER AS n, avg(CASE WHEN a.x = b.x THEN 1.0 ELSE 0.0 END)::DOUBLE AS value
  FROM v a JOIN v b ON a.rcid = b.rcid AND a.who <> b.who
  GROUP BY a.who, b.who ORDER BY a.who, b.who`);
const [a, b, n, value] = reader.getColumns() as [string[], string[], number[], number[]];
const lines = ['method,a,b,n,value'];
const cell = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
for (let i = 0; i < a.length; i++) lines.push(`agree,${cell(a[i])},${cell(b[i])},${n[i]},${value[i]}`);
process.stdout.write(`${lines.join('\n')}\n`);
con.closeSync();
instance.closeSync();
