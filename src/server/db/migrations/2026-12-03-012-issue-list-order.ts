import type { Kysely } from 'kysely';

/**
 * The issue list's order (group, code, title, id) as an index: a page of a large group (the UN
 * roll calls' 6,202 issues) is read in order and stops at the page's end, instead of reading and
 * sorting every issue of the group on each request (18 ms → 5 ms for 1,000 of them). Frozen in
 * time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('issues_wg_order').ifNotExists().on('issues').columns(['wg_id', 'code', 'title', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('issues_wg_order').ifExists().execute();
}
