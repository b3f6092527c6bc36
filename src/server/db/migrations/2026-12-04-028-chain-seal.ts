import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: `concord_seal`, which gives a change's audit events their place at the chain's head
 * and inserts them (and the change's notifications, which name their event's sequence) in one
 * statement. The chain's advisory lock is held from there until the commit, so every round trip
 * under it held up every other writer: the lock, the head, the events, the notifications, then the
 * commit were five, each waiting its turn on a busy server's event loop. Now they are two: this
 * call and the commit.
 *
 * The function takes each event's canonical JSON as the text before and after its sequence number
 * (the application's canonicalJson, split where `"seq":` stands), so the hash it computes is the
 * application's own (audit/chain.ts hashEvent): sha256 over the previous hash, a newline and that
 * JSON. The application checks every hash the function returns against its own before it commits.
 * Being VOLATILE, each statement in it reads a fresh snapshot: the head it selects after taking the
 * lock is the committed head.
 *
 * And `audit_actor_changes`, a partial index on the sequence of the events that can change who a
 * user is or what they may do (the application's ACTOR_ACTIONS, listed here as they are today):
 * the auth marker is the newest of them, one index probe, so a process keeps its signed-in callers
 * cached while other processes write records (before, every write anywhere made every process
 * load every caller again: three queries a request).
 *
 * SQLite: nothing (one writer at a time already; the application seals there, and the process
 * that writes counts its own writes).
 * Frozen in time: imports no app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create or replace function concord_seal(pre text[], post text[], events jsonb, notices jsonb, notice_events int[])
    returns table (head_seq integer, head_hash text, hashes text[])
    language plpgsql volatile
    as $fn$
    declare
      s integer;
      h text;
      first_seq integer;
      first_hash text;
      seqs integer[] := '{}';
      prevs text[] := '{}';
      out_hashes text[] := '{}';
    begin
      perform pg_advisory_xact_lock(7301);
      select e.seq, e.hash into s, h from audit_events e order by e.seq desc limit 1;
      if not found then
        s := 0;
        h := repeat('0', 64);
      end if;
      first_seq := s;
      first_hash := h;
      for i in 1 .. coalesce(array_length(pre, 1), 0) loop
        s := s + 1;
        seqs := seqs || s;
        prevs := prevs || h;
        h := encode(sha256(convert_to(h || E'\n' || pre[i] || s::text || post[i], 'UTF8')), 'hex');
        out_hashes := out_hashes || h;
      end loop;
      insert into audit_events
        select (jsonb_populate_record(null::audit_events, ev.v || jsonb_build_object('seq', seqs[ev.i], 'prev_hash', prevs[ev.i], 'hash', out_hashes[ev.i]))).*
        from jsonb_array_elements(events) with ordinality as ev(v, i);
      if notices is not null and jsonb_array_length(notices) > 0 then
        insert into notifications
          select (jsonb_populate_record(null::notifications, n.v || jsonb_build_object('audit_seq', seqs[notice_events[n.i] + 1], 'dedupe_key', seqs[notice_events[n.i] + 1]::text || ':' || (n.v ->> 'user_id')))).*
          from jsonb_array_elements(notices) with ordinality as n(v, i)
          on conflict (dedupe_key) do nothing;
      end if;
      return query select first_seq, first_hash, out_hashes;
    end
    $fn$`.execute(db);
  await sql`
    create index audit_actor_changes on audit_events (seq)
    where action in ('user.create', 'user.update', 'token.create', 'token.revoke', 'session.sign_out', 'session.revoke', 'user.password_change',
      'user.password_reset', 'passkey.add', 'organisation.create', 'organisation.update', 'party.update', 'working_group.create',
      'working_group.update', 'working_group.member_set', 'working_group.role_set', 'proposal.approve', 'proposal.apply', 'proposal.decline',
      'proposal.withdraw', 'store.import', 'store.demo_load')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop index if exists audit_actor_changes`.execute(db);
  await sql`drop function if exists concord_seal(text[], text[], jsonb, jsonb, int[])`.execute(db);
}
