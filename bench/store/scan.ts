/**
 * The baseline of the export benchmark: reads every row of every table of the store named by
 * DATABASE_URL, in the export's order, from one read snapshot, and throws the rows away (no JSON,
 * no hashing, no output). What `concord export` costs beyond this is the bundle itself.
 */
import { sql } from 'kysely';
import { openStore } from '../../src/server/db/database.ts';
import { TABLE_ORDER } from '../../src/server/db/tables.ts';
import { keysOf } from '../../src/server/store/bundle.ts';
import { openReadOnly } from '../../src/server/db/sqlite-connection.ts';

const store = openStore(process.env.DATABASE_URL);
let rows = 0;
if (store.dialect === 'postgres') {
  await store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      for (const t of TABLE_ORDER) {
        // The export's own row order (its primary keys), so the scan reads as the export does.
        const order = keysOf(t).map((c) => (c === 'seq' ? c : `"${c}" collate "C"`));
        await sql.raw(`declare c no scroll cursor for select * from "${t}" order by ${order.join(', ')}`).execute(tx);
        for (;;) {
          const r = await sql.raw(`fetch 500 from c`).execute(tx);
          if (!r.rows.length) break;
          rows += r.rows.length;
        }
        await sql.raw('close c').execute(tx);
      }
    });
} else {
  const conn = openReadOnly(store.location);
  conn.exec('BEGIN');
  for (const t of TABLE_ORDER) {
    for (const _ of conn.prepare(`select * from "${t}" order by ${keysOf(t).join(', ')}`).iterate()) rows++;
  }
  conn.exec('ROLLBACK');
  conn.close();
}
await store.close();
console.log(`scanned ${rows} rows`);
