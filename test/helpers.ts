/**
 * Test helpers: fresh stores on both databases, a small two-party world built by factories, and
 * an authenticated `inject` for each factory user.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { migrateToLatest, openStore, type Store } from '../src/server/db/database.ts';
import { WriteThread } from '../src/server/commands/write-thread.ts';
import { buildApp, type AppOptions } from '../src/server/app.ts';
import { sha256 } from '../src/server/auth/sessions.ts';
import { appendAudit } from '../src/server/audit/chain.ts';
import type { GroupRole } from '../src/core/vocabulary.ts';
import type { Scope } from '../src/core/vocabulary.ts';

export type StoreKind = 'sqlite' | 'postgres';

// Keys (the instance's, and each party's sign-off key beside it) go to a folder of this run, not ./data.
if (!process.env.CONCORD_KEY_FILE) {
  const keys = mkdtempSync(join(tmpdir(), 'concord-keys-'));
  process.env.CONCORD_KEY_FILE = join(keys, 'concord-signing-key.pem');
  process.on('exit', () => rmSync(keys, { recursive: true, force: true }));
}

/** The store kinds to run store tests on: SQLite always, PostgreSQL when CONCORD_TEST_PG names a server. */
export function storeKinds(): StoreKind[] {
  return process.env.CONCORD_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** True when a missing PostgreSQL must fail the run (CI) rather than skip. */
export const requirePg = () => process.env.CONCORD_REQUIRE_PG === '1';

/**
 * A fresh, migrated store. On PostgreSQL a new database is created for it (and dropped by
 * `close`), so test files never see each other's data.
 */
export async function freshStore(kind: StoreKind): Promise<Store> {
  if (kind === 'sqlite') {
    // A file, as in production: two connections (reads see committed data only) and group commit.
    const dir = mkdtempSync(join(tmpdir(), 'concord-test-'));
    const store = openStore(`sqlite:${join(dir, 'store.db')}`);
    await migrateToLatest(store.db);
    const close = store.close;
    store.close = async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    };
    return store;
  }
  const admin = process.env.CONCORD_TEST_PG;
  if (!admin) throw new Error('CONCORD_TEST_PG is not set');
  const name = `concord_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const store = openStore(url.toString());
  await migrateToLatest(store.db);
  const close = store.close;
  store.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    // The pool's end() resolves before its sockets have closed; a forced drop would kill those
    // backends and the closing clients would throw. Wait (briefly) for them to go first.
    for (let i = 0; i < 100; i++) {
      const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return store;
}

/** A precomputed scrypt hash of "password", so factories do not pay for scrypt per user. */
export const PASSWORD = 'password';
export const PASSWORD_HASH = 'scrypt$16384$8$1$G3W-VoilErPOIcipwrx-Aw$4l2yu_Oa-kRpFp_pX0ZutQ_3RN6nkkdyFsYRNL7wTQ4';

const ts = '2026-01-01T00:00:00.000Z';
const stamp = { version: 1, created_at: ts, updated_at: ts };

export interface WorldUser {
  id: string;
  email: string;
  orgId: string;
  partyId: string;
  clearance: number;
  role?: GroupRole;
  token: string;
}

export interface World {
  wgId: string;
  otherWgId: string;
  trackId: string;
  parties: { kr: string; us: string };
  orgs: { mofa: string; mou: string; state: string; dod: string };
  users: Record<string, WorldUser>;
}

/**
 * The factory world: two parties, four organisations (ROK: MOFA, MOU; US: State, DoD), one
 * working group whose members are MOFA, MOU and State (DoD is not a member), and a second group
 * with only MOFA and State. Users: one per organisation × role, each with a bearer token.
 */
export async function seedWorld(store: Store): Promise<World> {
  const db = store.db;
  const parties = { kr: 'p-kr', us: 'p-us' };
  const orgs = { mofa: 'o-mofa', mou: 'o-mou', state: 'o-state', dod: 'o-dod' };
  await db
    .insertInto('parties')
    .values([
      { id: parties.kr, code: 'KR', name: 'Republic of Korea', name_ko: '대한민국', kind: 'government', ...stamp },
      { id: parties.us, code: 'US', name: 'United States', name_ko: '미국', kind: 'government', ...stamp },
    ])
    .execute();
  await db
    .insertInto('organisations')
    .values([
      { id: orgs.mofa, party_id: parties.kr, parent_id: null, acronym: 'MOFA', name: 'Ministry of Foreign Affairs', name_ko: '외교부', kind: 'ministry', ...stamp },
      { id: orgs.mou, party_id: parties.kr, parent_id: null, acronym: 'MOU', name: 'Ministry of Unification', name_ko: '통일부', kind: 'ministry', ...stamp },
      { id: orgs.state, party_id: parties.us, parent_id: null, acronym: 'DOS', name: 'Department of State', name_ko: '국무부', kind: 'ministry', ...stamp },
      { id: orgs.dod, party_id: parties.us, parent_id: null, acronym: 'DOD', name: 'Department of Defense', name_ko: '국방부', kind: 'ministry', ...stamp },
    ])
    .execute();
  const wgId = 'wg-test';
  const otherWgId = 'wg-other';
  const wgBase = {
    wg_id: null,
    name_ko: null,
    short_name: null,
    mandate: 'Test mandate',
    mandate_ko: null,
    kind: 'bilateral' as const,
    status: 'established' as const,
    established_on: '2026-01-01',
    termination_agreed_on: null,
    ended_on: null,
    cadence_rrule: 'FREQ=MONTHLY;BYDAY=3TU',
    cadence_note: null,
    timezone: 'Asia/Seoul',
    predecessor_id: null,
    owner_org_id: orgs.mofa,
    owner_party_id: parties.kr,
    scope: 'public' as Scope,
    classification: 0,
    ...stamp,
  };
  await db
    .insertInto('working_groups')
    .values([
      { ...wgBase, id: wgId, wg_id: wgId, name: 'Test Working Group' },
      { ...wgBase, id: otherWgId, wg_id: otherWgId, name: 'Other Group', scope: 'group' },
    ])
    .execute();
  await db
    .insertInto('wg_parties')
    .values([
      { wg_id: wgId, party_id: parties.kr },
      { wg_id: wgId, party_id: parties.us },
      { wg_id: otherWgId, party_id: parties.kr },
      { wg_id: otherWgId, party_id: parties.us },
    ])
    .execute();
  await db
    .insertInto('wg_members')
    .values([
      { wg_id: wgId, organisation_id: orgs.mofa, participation: 'member' as const, note: null },
      { wg_id: wgId, organisation_id: orgs.mou, participation: 'member' as const, note: null },
      { wg_id: wgId, organisation_id: orgs.state, participation: 'member' as const, note: null },
      { wg_id: otherWgId, organisation_id: orgs.mofa, participation: 'member' as const, note: null },
      { wg_id: otherWgId, organisation_id: orgs.state, participation: 'member' as const, note: null },
    ])
    .execute();
  const trackId = 'tr-sanctions';
  await db
    .insertInto('tracks')
    .values({ id: trackId, wg_id: wgId, code: 'sanctions', name: 'Sanctions implementation', name_ko: '제재 이행', position: 1, ...stamp })
    .execute();

  const users: Record<string, WorldUser> = {};
  const orgParty: Record<string, string> = { [orgs.mofa]: parties.kr, [orgs.mou]: parties.kr, [orgs.state]: parties.us, [orgs.dod]: parties.us };
  const specs: [string, string, GroupRole | undefined, number][] = [];
  for (const [key, orgId] of Object.entries(orgs)) {
    specs.push([`${key}_chair`, orgId, 'chair', 3]);
    specs.push([`${key}_secretariat`, orgId, 'secretariat', 2]);
    specs.push([`${key}_member`, orgId, 'member', 1]);
    specs.push([`${key}_observer`, orgId, 'observer', 0]);
    specs.push([`${key}_none`, orgId, undefined, 3]);
  }
  for (const [key, orgId, role, clearance] of specs) {
    const id = `u-${key}`;
    const token = `cct_test_${key}`;
    await db
      .insertInto('users')
      .values({ id, email: `${key}@test.example`, display_name: key, organisation_id: orgId, password_hash: PASSWORD_HASH, clearance, is_admin: 0, locale: 'en', disabled: 0, ...stamp })
      .execute();
    await db
      .insertInto('api_tokens')
      .values({
        id: `t-${key}`,
        user_id: id,
        name: 'test',
        token_hash: sha256(token),
        created_at: ts,
        revoked_at: null,
        scope: 'write',
        wg_id: null,
        expires_at: '2999-01-01T00:00:00.000Z',
        last_used_at: null,
      })
      .execute();
    if (role) await db.insertInto('wg_user_roles').values({ wg_id: wgId, user_id: id, role }).execute();
    users[key] = { id, email: `${key}@test.example`, orgId, partyId: orgParty[orgId], clearance, role, token };
  }
  await appendAudit(db, store, { actorUserId: null, actorOrgId: null, requestId: null }, [
    {
      action: 'store.import',
      entityType: 'store',
      entityId: 'factory',
      after: { factory: true },
      guard: { owner_org_id: orgs.mofa, owner_party_id: parties.kr, scope: 'organisation', classification: 0, wg_id: null },
    },
  ]);
  return { wgId, otherWgId, trackId, parties, orgs, users };
}

/** Builds the app over a store for `inject` tests (no web root, generous sign-in limit). */
export async function testApp(store: Store, signInPerMinute = 1000, more: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  // CONCORD_TEST_WRITE_THREAD=1: the API's commands run on a write thread, as under `concord serve`.
  if (process.env.CONCORD_TEST_WRITE_THREAD === '1' && store.dialect === 'sqlite' && store.location !== ':memory:') {
    const writer = await WriteThread.start(store.location, store);
    const app = await buildApp({ ...more, store, webRoot: false, signInPerMinute, writer });
    app.addHook('onClose', () => writer.close());
    return app;
  }
  return buildApp({ ...more, store, webRoot: false, signInPerMinute });
}

/** `inject` as a factory user (bearer token), or anonymously when `user` is undefined. */
export async function call(app: FastifyInstance, user: WorldUser | undefined, opts: InjectOptions) {
  const headers = { ...(opts.headers ?? {}), ...(user ? { authorization: `Bearer ${user.token}` } : {}) };
  const res = await app.inject({ ...opts, headers });
  let body: any;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, headers: res.headers };
}

/** The newest audit event, to assert that a write left its trail. */
export async function lastAudit(store: Store) {
  return store.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}
