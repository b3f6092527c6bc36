/**
 * What a group's position log depends on, shared by the log cache (./cache.ts) and the compact
 * copy (./compact/): which audited actions cannot change any log, and whether a group is wholly
 * public (then one log serves every reader).
 */
import { sql } from 'kysely';
import type { AuditAction } from '../../core/api/audit.ts';
import type { Store } from '../db/database.ts';
import { positionsOfGroup } from './load.ts';

/** True when no issue or position of the group is anything but public and unclassified. */
export async function wholeGroupPublic(store: Store, wgId: string): Promise<boolean> {
  const positionsTerm = await positionsOfGroup(store, wgId);
  const inGroup = (t: 'issues' | 'positions') => (t === 'positions' ? positionsTerm : sql`issues.wg_id = ${wgId}`);
  const restricted = async (t: 'issues' | 'positions') => {
    const r = await sql<{ x: number }>`select 1 as x from ${sql.table(t)} where ${inGroup(t)} and (${sql.ref(`${t}.scope`)} <> 'public' or ${sql.ref(`${t}.classification`)} > 0) limit 1`.execute(
      store.db,
    );
    return r.rows.length > 0;
  };
  return !(await restricted('issues')) && !(await restricted('positions'));
}

/** Audited actions that cannot change any group's log: signing in and out, API tokens. */
export const UNRELATED_ACTIONS: AuditAction[] = [
  'session.sign_in',
  'session.sign_out',
  'session.revoke',
  'token.create',
  'token.revoke',
  'user.password_change',
  'user.password_reset_issue',
  'user.password_reset',
  'passkey.add',
  'passkey.rename',
  'passkey.remove',
  'user.notification_settings',
];
