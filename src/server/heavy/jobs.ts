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
import { checkDiscipline, type CheckScope } from '../discipline/check.ts';
import { UNGA_GROUP_ID } from '../unvotes/import.ts';

async function analysed<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AnalysisInputError) throw badRequest(`querystring.${e.field}`, e.message);
    throw e;
  }
}

/** The group named (default unga) that the caller may see (404 otherwise), and its log as the caller may see it. */
async function logFor(store: Store, actor: Actor, group: string | undefined) {
  await getVisible(store.db, actor, 'working_groups', group ?? UNGA_GROUP_ID, 'Working group');
  return (await groupLog(store, actor, group ?? UNGA_GROUP_ID)).log;
}

export const JOBS = {
  groupAlignment: (store: Store, actor: Actor, a: { wgId: string; q: { method?: string; asOf?: string; a?: string; b?: string } }) =>
    analysed(() => groupAlignment(store, actor, a.wgId, a.q)),
  agreement: async (store: Store, actor: Actor, a: { group?: string; q: AnalysisOptions & { a: string; b: string; method: string; by?: WindowBy } }) => {
    const log = await logFor(store, actor, a.group);
    return analysed(() => agreement(log, a.q));
  },
  matrix: async (store: Store, actor: Actor, a: { group?: string; q: AnalysisOptions & { method: string } }) => {
    const log = await logFor(store, actor, a.group);
    return analysed(() => matrix(log, a.q));
  },
  bridging: async (store: Store, actor: Actor, a: { group?: string; q: AnalysisOptions & { groupA: string[]; groupB: string[]; top?: number } }) => {
    const log = await logFor(store, actor, a.group);
    return analysed(() => bridging(log, a.q));
  },
  discipline: (store: Store, actor: Actor, a: { scope: CheckScope }) => checkDiscipline(store.db, actor, a.scope),
};

export type JobName = keyof typeof JOBS;
export type JobArgs<K extends JobName> = Parameters<(typeof JOBS)[K]>[2];
export type JobResult<K extends JobName> = Awaited<ReturnType<(typeof JOBS)[K]>>;
