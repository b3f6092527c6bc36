import type { Kysely } from 'kysely';

/**
 * API tokens with a purpose: a scope (`read`: GETs only; `write`: reads and writes; `calendar`:
 * the iCalendar feed of one working group, `wg_id`, and nothing else), an expiry and the time
 * the token was last used (written at most once a minute per token).
 *
 * Tokens made before this migration were the whole account: they become `write` tokens (what
 * they could do, short of minting tokens, which no token may do any more) that expire 90 days
 * after this migration runs, so every script's token must be replaced within that time. A token
 * with no expiry is refused by the server, so every row gets one here. `wg_id` names a group
 * without a foreign key, as `api_tokens` comes before `working_groups` in an export bundle.
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('scope', 'text', (c) => c.notNull().defaultTo('write')).execute();
  await db.schema.alterTable('api_tokens').addColumn('wg_id', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'text').execute();
  const expires = new Date(Date.now() + 90 * 86400_000).toISOString();
  await db.updateTable('api_tokens').set({ scope: 'write', expires_at: expires }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['last_used_at', 'expires_at', 'wg_id', 'scope']) await db.schema.alterTable('api_tokens').dropColumn(c).execute();
}
