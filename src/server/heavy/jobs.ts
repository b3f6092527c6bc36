/**
 * The heavy reads of the API, by name: alignment (a group's pairs, agreement, the all-pairs
 * matrix, bridging) and message discipline. Each takes the store, the caller and plain arguments
 * and returns a plain result, so it can run in place or on the analysis thread (./thread.ts) alike.
 * A bad argument is thrown as 400 naming the query field, so it crosses threads as an AppError.
 */
import type { Actor } from '../auth/actor.ts';
import type { Store } from '../db/database.ts';
import { badRequest } from '../errors.ts';
import { getVisible } from '../queries/visible.ts';
import { groupLog } from '../analytics/cache.ts';
import { agreement, bridging, matrix, AnalysisInputError, type AnalysisOptions, type WindowBy } from '../analytics/compute.ts';
import { groupAlignment } from '../analytics/group.ts';
import type { PositionLog } from '../analytics/load.ts';
import { checkDiscipline, type CheckScope } from '../discipline/check.ts';
import { UNGA_GROUP_ID } from '../unvotes/import.ts';

async function analysed<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AnalysisInputError) throw badRequest(`querystring.${e.field}`, e.message, 'not_allowed_value');
    throw e;
  }
}

/**
 * Figures already computed over a log, by job and query: the agreement, matrix and bridging of a
 * log depend on nothing else, so one user's answer serves the next user of the same shared log
 * (the read cache is per user). Dropped with the log when a write replaces it.
 */
const computed = new WeakMap<PositionLog, Map<string, unknown>>();
function memo<T>(log: PositionLog, key: string, fn: () => T): T {
  let m = computed.get(log);
  if (!m) {
    m = new Map();
    computed.set(log, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = fn();
  if (m.size >= 64) m.delete(m.keys().next().value!);
  m.set(key, v);
  return v;
}

/** The group named (default unga) that the caller may see (404 otherwise), and its log as the caller may see it. */
async function logFor(store: Store, actor: Actor, group: string | undefined) {
  await getVisible(store.db, actor, 'working_groups', group ?? UNGA_GROUP_ID, 'Working group');
  return (await groupLog(store, actor, group ?? UNGA_GROUP_ID)).log;
}

export const JOBS = {
  groupAlignment: (store: Store, actor: Actor, a: { wgId: string; q: { method?: string; asOf?: string; a?: string; b?: string } }) => analysed(() => groupAlignment(store, actor, a.wgId, a.q)),
  agreement: async (store: Store, actor: Actor, a: { group?: string; q: AnalysisOptions & { a: string; b: string; method: string; by?: WindowBy } }) => {
    const log = await logFor(store, actor, a.group);
    return analysed(() => memo(log, `agreement ${JSON.stringify(a.q)}`, () => agreement(log, a.q)));
  },
  matrix: async (store: Store, actor: Actor, a: { group?: string; q: AnalysisOptions & { method: string } }) => {
    const log = await logFor(store, actor, a.group);
    return analysed(() => memo(log, `matrix ${JSON.stringify(a.q)}`, () => matrix(log, a.q)));
  },
  bridging: async (store: Store, actor: Actor, a: { group?: string; q: AnalysisOptions & { groupA: string[]; groupB: string[]; top?: number } }) => {
    const log = await logFor(store, actor, a.group);
    return analysed(() => memo(log, `bridging ${JSON.stringify(a.q)}`, () => bridging(log, a.q)));
  },
  discipline: (store: Store, actor: Actor, a: { scope: CheckScope }) => checkDiscipline(store.db, actor, a.scope),
};

export type JobName = keyof typeof JOBS;
export type JobArgs<K extends JobName> = Parameters<(typeof JOBS)[K]>[2];
export type JobResult<K extends JobName> = Awaited<ReturnType<(typeof JOBS)[K]>>;
