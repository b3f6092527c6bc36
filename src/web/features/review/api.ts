/** Articles and the review queue: POST /articles, GET /statement-candidates, PATCH/confirm/reject a candidate. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../../api/client.ts';
import type { Static } from 'typebox';
import type { ArticleCreateBody, CANDIDATE_STATUSES, CandidateConfirmBody, Candidate, CandidateIssue, CandidateUpdateBody } from '../../../core/api/articles.ts';

export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export type { Candidate, CandidateIssue };
export type ArticleInput = Static<typeof ArticleCreateBody>;
export type CandidatePatch = Static<typeof CandidateUpdateBody>;

export const useCandidates = (wgId: string, status: CandidateStatus | 'all') =>
  useQuery({
    queryKey: ['candidates', wgId, status],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => get<{ items: Candidate[] }>('/statement-candidates', { wgId, status: status === 'all' ? undefined : status, limit: 500 }, signal),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['candidates'] });
    void qc.invalidateQueries({ queryKey: ['statements'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useAddArticle() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (b: ArticleInput) => post<{ items: { id: string; candidates: Candidate[] }[] }>('/articles', b),
    onSuccess: done,
  });
}

export function useUpdateCandidate() {
  const done = useInvalidate();
  return useMutation({ mutationFn: ({ c, body }: { c: Candidate; body: CandidatePatch }) => patch<void>(`/statement-candidates/${c.id}`, body, c.version), onSuccess: done });
}

export function useConfirmCandidate() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ c, issues }: { c: Candidate; issues: NonNullable<Static<typeof CandidateConfirmBody>['issues']> }) =>
      post<{ statementId: string }>(`/statement-candidates/${c.id}/confirm`, { issues }, c.version),
    onSuccess: done,
  });
}

export function useRejectCandidate() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ c, reason }: { c: Candidate; reason: string | null }) => post<void>(`/statement-candidates/${c.id}/reject`, { reason }, c.version),
    onSuccess: done,
  });
}
