import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: `concord_markers()`, the two numbers every request reads before it may use its
 * caches: the newest audit sequence (any process's write moves it) and the newest sequence of an
 * event that can change an actor (the application's ACTOR_ACTIONS, listed here as they are today,
 * the list of migration 028's partial index `audit_actor_changes`).
 *
 * As one query sent by the application, PostgreSQL planned it on every request, and planning took
 * 0.4–0.9 ms of its 1 ms (proving that the action list implies the partial index's predicate);
 * running it, 0.05 ms. PL/pgSQL plans each statement of a function once per connection and keeps
 * the plan, so the request pays for the run alone. A function, not a named prepared statement of
 * the driver, so that a pooler in transaction mode in front of PostgreSQL needs nothing.
 *
 * STABLE: it reads the snapshot of the statement that calls it, as the single query did.
 * SQLite: nothing (its markers come from the process and `data_version`).
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create or replace function concord_markers(out change_seq integer, out actor_seq integer)
    language plpgsql stable
    as $fn$
    begin
      select coalesce(max(seq), 0) into change_seq from audit_events;
      select coalesce(max(seq), 0) into actor_seq from audit_events
        where action in ('user.create', 'user.update', 'token.create', 'token.revoke', 'session.sign_out', 'session.revoke', 'user.password_change',
          'user.password_reset', 'passkey.add', 'organisation.create', 'organisation.update', 'party.update', 'working_group.create',
          'working_group.update', 'working_group.member_set', 'working_group.role_set', 'proposal.approve', 'proposal.apply', 'proposal.decline',
          'proposal.withdraw', 'store.import', 'store.demo_load');
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists concord_markers()`.execute(db);
}
