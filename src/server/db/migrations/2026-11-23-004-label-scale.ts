import type { Kysely } from 'kysely';

/**
 * Each working group's own label scale for alignment figures (JSON: method, bands, minimum n);
 * null means Concord's documented default. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('working_groups').addColumn('label_scale', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('working_groups').dropColumn('label_scale').execute();
}
