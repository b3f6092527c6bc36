import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { Static } from 'typebox';
import type { Issue, IssueCreateBody } from '../../../core/api/issues.ts';
import type { List } from '../../../core/api/common.ts';
import type { Position, PositionCreateBody } from '../../../core/api/positions.ts';

export const usePositionHistory = (q: { issueId: string; partyId?: string; organisationId?: string } | null) =>
  useQuery({
    queryKey: ['positions', 'history', q],
    queryFn: ({ signal }) => get<List<Position>>('/positions/history', q ?? undefined, signal),
    enabled: !!q,
  });

export const useIssues = (wgId: string | undefined) =>
  useQuery({
    queryKey: ['issues', wgId],
    queryFn: ({ signal }) => get<List<Issue>>('/issues', { wgId, limit: 1000 }, signal),
    enabled: !!wgId,
    staleTime: 5 * 60_000,
  });

/** Positions in force on a date (the server answers with what the caller may see). */
export const usePositions = (wgId: string | undefined, asOf?: string, extra?: { issueId?: string; partyId?: string; organisationId?: string }) =>
  useQuery({
    queryKey: ['positions', wgId, asOf ?? null, extra ?? null],
    queryFn: ({ signal }) => get<List<Position>>('/positions', { wgId, asOf, ...extra }, signal),
    enabled: !!wgId,
  });

/** The body of POST /positions, and the group it is in (which only keys the caches: the issue names the group). */
export type PositionInput = Static<typeof PositionCreateBody> & { wgId: string };

export function useRecordPosition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ wgId: _wg, ...body }: PositionInput) => post<{ id: string }>('/positions', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['positions'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void qc.invalidateQueries({ queryKey: ['alignment'] });
    },
  });
}

/** The body of POST /issues. */
export type IssueInput = Static<typeof IssueCreateBody>;

export function useCreateIssue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: IssueInput) => post<{ id: string }>('/issues', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['issues'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
