import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post, put } from '../../api/client.ts';
import type { List } from '../../../core/api/common.ts';
import type { Static } from 'typebox';
import type { AgendaItemBody, AgendaItemPatch, Meeting, MeetingSummary } from '../../../core/api/meetings.ts';
import type { MeetingCreateBody } from '../../../core/api/meetings.ts';
import type { AttendanceStatus, MeetingStatus } from '../../../core/vocabulary.ts';

export const useMeetings = (wgId: string | undefined, q: { from?: string; to?: string; status?: MeetingStatus; limit?: number } = {}) =>
  useQuery({
    queryKey: ['meetings', wgId, q],
    queryFn: ({ signal }) => get<List<MeetingSummary>>('/meetings', { wgId, ...q }, signal),
    enabled: !!wgId,
  });

export const useMeeting = (id: string | undefined) => useQuery({ queryKey: ['meeting', id], queryFn: ({ signal }) => get<Meeting>(`/meetings/${id}`, undefined, signal), enabled: !!id });

export type MeetingCreateInput = Static<typeof MeetingCreateBody>;

function useInvalidateMeetings() {
  const qc = useQueryClient();
  return (id?: string) => {
    void qc.invalidateQueries({ queryKey: ['meetings'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    if (id) void qc.invalidateQueries({ queryKey: ['meeting', id] });
  };
}

export function useCreateMeeting() {
  const inv = useInvalidateMeetings();
  return useMutation({ mutationFn: (b: MeetingCreateInput) => post<{ id: string }>('/meetings', b), onSuccess: (_r, b) => inv(b.besideMeetingId) });
}

export function useMeetingAction(id: string) {
  const inv = useInvalidateMeetings();
  const done = { onSuccess: () => inv(id) };
  return {
    postpone: useMutation({
      mutationFn: (v: { version: number; reason: string; newStartsAt?: string }) => post(`/meetings/${id}/postpone`, { reason: v.reason, newStartsAt: v.newStartsAt }, v.version),
      ...done,
    }),
    cancel: useMutation({ mutationFn: (v: { version: number; reason: string }) => post(`/meetings/${id}/cancel`, { reason: v.reason }, v.version), ...done }),
    hold: useMutation({ mutationFn: (v: { version: number; outcome?: string }) => post(`/meetings/${id}/hold`, { outcome: v.outcome || undefined }, v.version), ...done }),
    update: useMutation({ mutationFn: (v: { version: number; body: Record<string, unknown> }) => patch(`/meetings/${id}`, v.body, v.version), ...done }),
    attendance: useMutation({
      mutationFn: (v: { organisationId: string; status: AttendanceStatus; reason?: string; version?: number }) =>
        put<{ id: string }>(`/meetings/${id}/attendance`, { organisationId: v.organisationId, status: v.status, reason: v.reason || undefined }, v.version),
      ...done,
    }),
    addAgenda: useMutation({
      mutationFn: (b: Static<typeof AgendaItemBody>) => post<{ id: string }>(`/meetings/${id}/agenda`, b),
      ...done,
    }),
    updateAgenda: useMutation({
      mutationFn: (v: { itemId: string; version: number; body: Static<typeof AgendaItemPatch> }) => patch(`/meetings/${id}/agenda/${v.itemId}`, v.body, v.version),
      ...done,
    }),
  };
}
