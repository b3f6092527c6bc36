import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: two functions that take work off the hot paths. SQLite: nothing (its markers come
 * from the process and `data_version`, and the application seals there).
 *
 * `concord_markers()`: the two numbers every request reads before it may use its caches, the
 * newest audit sequence (any process's write moves it) and the newest sequence of an event that
 * can change an actor (the application's ACTOR_ACTIONS, listed here as they are today: the list of
 * migration 028's partial index `audit_actor_changes`). Sent as one query by the application,
 * PostgreSQL planned it on every request, and planning took 0.4–0.9 ms of its 1 ms (proving that
 * the action list implies the partial index's predicate); running it, 0.05 ms. PL/pgSQL plans each
 * statement of a function once per connection and keeps the plan, so a request pays for the run
 * alone. A function rather than the driver's named prepared statement, so that a pooler in
 * transaction mode in front of PostgreSQL needs no setting. STABLE: it reads the snapshot of the
 * statement that calls it, as the single query did.
 *
 * `concord_seal_keyed(...)`: the chain's seal without the notifications' insert under its lock.
 * Migration 028's `concord_seal` inserted a change's notifications inside the lock, each built from
 * JSON (`jsonb_populate_record`): for a meeting with eleven recipients, 57 KB of JSON and 2.2 ms of
 * the seal's 3.3 ms, while every other writer waited. The application now inserts them earlier in
 * the same transaction, each under a key of its own (`pending:<id>`, sequence 0), and this
 * function, under the lock, only gives them their event's sequence and their real key
 * (`<seq>:<user_id>`): an update by primary key, 0.55 ms for the same eleven. It fails the
 * transaction if a staged row is missing, so no notification is left unkeyed. The lock, the head,
 * the hashing and the events' insert are 028's own: this function calls `concord_seal` with no
 * notifications, then keys the staged ones (an event's sequence is the head's plus its place). 028's
 * function also stays for a process of the previous version still running beside this one.
 *
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
  await sql`
    create or replace function concord_seal_keyed(pre text[], post text[], events jsonb, notice_ids text[], notice_events int[])
    returns table (head_seq integer, head_hash text, hashes text[])
    language plpgsql volatile
    as $fn$
    declare
      sealed record;
      staged integer := coalesce(array_length(notice_ids, 1), 0);
      keyed integer;
    begin
      -- 028's seal, with no notifications: the lock (held until the commit), the head, the hashes and the events.
      select * into sealed from concord_seal(pre, post, events, null, null);
      if staged > 0 then
        update notifications n
          set audit_seq = sealed.head_seq + u.ev + 1, dedupe_key = (sealed.head_seq + u.ev + 1)::text || ':' || n.user_id
          from unnest(notice_ids, notice_events) as u(id, ev)
          where n.id = u.id and n.dedupe_key = 'pending:' || u.id;
        get diagnostics keyed = row_count;
        if keyed <> staged then
          raise exception 'concord_seal_keyed: % of % staged notifications found', keyed, staged;
        end if;
      end if;
      return query select sealed.head_seq, sealed.head_hash, sealed.hashes;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists concord_seal_keyed(text[], text[], jsonb, text[], int[])`.execute(db);
  await sql`drop function if exists concord_markers()`.execute(db);
}
