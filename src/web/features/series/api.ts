import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../../api/client.ts';
import type { Series } from '../../../core/api/series.ts';
import type { Static } from 'typebox';
import type { SeriesCreateBody } from '../../../core/api/series.ts';

export const useSeries = (id: string | null | undefined) => useQuery({ queryKey: ['series', id], queryFn: ({ signal }) => get<Series>(`/series/${id}`, undefined, signal), enabled: !!id });

export type SeriesCreateInput = Static<typeof SeriesCreateBody>;

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['series'] });
    void qc.invalidateQueries({ queryKey: ['meetings'] });
    void qc.invalidateQueries({ queryKey: ['meeting'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useCreateSeries() {
  const inv = useInvalidate();
  return useMutation({ mutationFn: (b: SeriesCreateInput) => post<{ id: string }>('/series', b), onSuccess: inv });
}

export function useUpdateSeries(id: string) {
  const inv = useInvalidate();
  return useMutation({ mutationFn: (v: { version: number; body: Record<string, unknown> }) => patch(`/series/${id}`, v.body, v.version), onSuccess: inv });
}

export function useOccurrenceAction(seriesId: string) {
  const inv = useInvalidate();
  return {
    move: useMutation({
      mutationFn: (v: { meetingId: string; version: number; startsAt: string; reason?: string }) =>
        post(`/series/${seriesId}/occurrences/${v.meetingId}/move`, { startsAt: v.startsAt, reason: v.reason || undefined }, v.version),
      onSuccess: inv,
    }),
    cancel: useMutation({
      mutationFn: (v: { meetingId: string; version: number; reason: string }) => post(`/series/${seriesId}/occurrences/${v.meetingId}/cancel`, { reason: v.reason }, v.version),
      onSuccess: inv,
    }),
  };
}
