/**
 * The baseline of the export benchmark: reads every row of every table of the store named by
 * DATABASE_URL, in the export's order, from one read snapshot, and throws the rows away (no JSON,
 * no hashing, no output). What `concord export` costs beyond this is the bundle itself.
 */
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { openStore } from '../../src/server/db/database.ts';
import { TABLE_ORDER } from '../../src/server/db/tables.ts';

const store = openStore(process.env.DATABASE_URL);
let rows = 0;
const keys = (t: string) => (t === 'audit_events' ? ['seq'] : ['wg_parties', 'wg_members', 'wg_user_roles', 'meeting_leads', 'statement_issues'].includes(t) ? null : ['id']);
if (store.dialect === 'postgres') {
  await store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      for (const t of TABLE_ORDER) {
        const k = keys(t);
        await sql.raw(`declare c no scroll cursor for select * from "${t}"${k ? ` order by ${k.map((c) => (c === 'seq' ? c : `"${c}" collate "C"`)).join(', ')}` : ''}`).execute(tx);
        for (;;) {
          const r = await sql.raw(`fetch 500 from c`).execute(tx);
          if (!r.rows.length) break;
          rows += r.rows.length;
        }
        await sql.raw('close c').execute(tx);
      }
    });
} else {
  const conn = new DatabaseSync(store.location, { readOnly: true });
  conn.exec('BEGIN');
  for (const t of TABLE_ORDER) {
    const k = keys(t);
    for (const _ of conn.prepare(`select * from "${t}"${k ? ` order by ${k.join(', ')}` : ''}`).iterate()) rows++;
  }
  conn.exec('ROLLBACK');
  conn.close();
}
await store.close();
console.log(`scanned ${rows} rows`);
