import type { Actor } from '../auth/actor.ts';
import type { MeetingSeriesRow } from '../db/tables.ts';
import { canManageGroup } from './group-role.ts';
import type { SERIES_ABILITIES } from '../../core/api/series.ts';

export type SeriesAbilities = Record<(typeof SERIES_ABILITIES)[number], boolean>;

/**
 * What an actor may do with a meeting series they can see: the group's chair and secretariat
 * schedule it, change it, and move or cancel one occurrence (each occurrence is a meeting, and
 * its own abilities still decide what may be done with it: a held one is not moved or cancelled).
 */
export function seriesAbilities(actor: Actor, s: Pick<MeetingSeriesRow, 'wg_id'>): SeriesAbilities {
  const manage = canManageGroup(actor, s.wg_id);
  return { update: manage, moveOccurrence: manage, cancelOccurrence: manage };
}

/** A user may schedule a series in a group they manage. */
export const canCreateSeries = (actor: Actor, wgId: string): boolean => canManageGroup(actor, wgId);
