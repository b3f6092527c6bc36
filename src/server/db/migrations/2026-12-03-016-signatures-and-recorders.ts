import { sql, type Kysely } from 'kysely';

/**
 * Sign-offs signed by their party's key, and statements that say who recorded them.
 *
 * `signoffs` gains the Ed25519 signature of the sign-off (base64), the id of the key that made it
 * (the first 16 bytes of SHA-256 of its public key, hex) and that public key (PEM), so a store's
 * export carries what is needed to check each signature. Sign-offs made before this migration
 * keep all three null: nothing signed them, and nothing here can.
 *
 * `statements` gains the organisation that recorded the statement (`recorded_org_id`), the user
 * who did (`recorded_by`) and how it came in (`recorded_via`: `entry` by hand, `article` confirmed
 * from an article in the review queue, `import` loaded by the server). Existing statements are
 * filled from their `statement.create` audit event (its actor's organisation and user), else from
 * the owner organisation, which every command sets to the recorder's; `article` when the statement
 * keeps its article, `import` when no user recorded it. Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const c of ['signature', 'key_id', 'public_key']) await db.schema.alterTable('signoffs').addColumn(c, 'text').execute();
  await db.schema.alterTable('statements').addColumn('recorded_org_id', 'text').execute();
  await db.schema.alterTable('statements').addColumn('recorded_by', 'text').execute();
  await db.schema.alterTable('statements').addColumn('recorded_via', 'text', (c) => c.notNull().defaultTo('entry')).execute();
  const created = sql`(select e.actor_org_id from audit_events e where e.entity_type = 'statement' and e.entity_id = statements.id and e.action = 'statement.create' order by e.seq limit 1)`;
  const createdBy = sql`(select e.actor_user_id from audit_events e where e.entity_type = 'statement' and e.entity_id = statements.id and e.action = 'statement.create' order by e.seq limit 1)`;
  await db
    .updateTable('statements')
    .set({
      recorded_org_id: sql`coalesce(${created}, owner_org_id)`,
      recorded_by: createdBy,
    })
    .execute();
  await db
    .updateTable('statements')
    .set({ recorded_via: sql`case when article_id is not null then 'article' when recorded_by is null then 'import' else 'entry' end` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['recorded_via', 'recorded_by', 'recorded_org_id']) await db.schema.alterTable('statements').dropColumn(c).execute();
  for (const c of ['public_key', 'key_id', 'signature']) await db.schema.alterTable('signoffs').dropColumn(c).execute();
}
