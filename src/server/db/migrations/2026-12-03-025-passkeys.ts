import type { Kysely } from 'kysely';

/**
 * Passkeys (WebAuthn) as a second factor or for signing in without a password.
 *
 * `passkeys`: a user's registered credentials: the credential id and COSE public key (base64url),
 * the authenticator's signature counter (checked and moved at each use), the transports the
 * browser reported (JSON array), whether it is a multi-device credential and backed up, the name
 * its owner gave it, when it was made and last used; versioned, as its owner renames it.
 * `webauthn_challenges`: the challenges the server issued, kept server-side until used once or
 * expired (operational state: not exported); `purpose` says what answering it does (register,
 * second_factor, passwordless, confirm), `user_id` whose it is (null for a passwordless sign-in,
 * where the credential says who).
 * `user_sessions.limited_to`: a session that may only enrol a passkey (`passkey_enrolment`), for a
 * user the instance requires to have one and who has none yet; null for a full session.
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webauthn_challenges_expiry').on('webauthn_challenges').column('expires_at').execute();
  await db.schema.alterTable('user_sessions').addColumn('limited_to', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_sessions').dropColumn('limited_to').execute();
  await db.schema.dropTable('webauthn_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}
