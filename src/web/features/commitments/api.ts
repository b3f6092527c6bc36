import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { Static } from 'typebox';
import type { Commitment, CommitmentCreateBody, CommitmentSummary } from '../../../core/api/commitments.ts';
import type { List } from '../../../core/api/common.ts';
import type { ReportBody } from '../../../core/api/commitments.ts';

export const useCommitments = (wgId: string | undefined, q: { state?: 'open' | 'disputed' | 'done' | 'overdue'; documentId?: string; responsiblePartyId?: string } = {}) =>
  useQuery({
    queryKey: ['commitments', wgId, q],
    queryFn: ({ signal }) => get<List<CommitmentSummary>>('/commitments', { wgId, ...q, limit: 500 }, signal),
    enabled: !!wgId,
  });

export const useCommitment = (id: string | undefined) => useQuery({ queryKey: ['commitment', id], queryFn: ({ signal }) => get<Commitment>(`/commitments/${id}`, undefined, signal), enabled: !!id });

export type ReportInput = Static<typeof ReportBody>;

export function useReportProgress(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: ReportInput) => post<{ id: string }>(`/commitments/${id}/reports`, b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['commitments'] });
      void qc.invalidateQueries({ queryKey: ['commitment', id] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

/** The body of POST /commitments. */
export type CommitmentInput = Static<typeof CommitmentCreateBody>;

export function useCreateCommitment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: CommitmentInput) => post<{ id: string }>('/commitments', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['commitments'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
