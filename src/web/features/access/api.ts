import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AccessRequest, AccessRequestApprove, AccessRequestApproved } from '../../../core/api/identity.ts';

export const accessRequestsKey = ['access-requests'] as const;

/** First sign-ins through an identity provider waiting for an administrator of my party (empty, canReview false, for others). */
export const useAccessRequests = () => useQuery({ queryKey: accessRequestsKey, queryFn: ({ signal }) => api<{ items: AccessRequest[]; canReview: boolean }>('/access-requests', { signal }) });

export function useDecideAccessRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { request: AccessRequest; approve: AccessRequestApprove | null }) =>
      d.approve
        ? api<AccessRequestApproved>(`/access-requests/${encodeURIComponent(d.request.id)}/approve`, { method: 'POST', body: d.approve, version: d.request.version })
        : api<null>(`/access-requests/${encodeURIComponent(d.request.id)}/refuse`, { method: 'POST', version: d.request.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessRequestsKey }),
  });
}
