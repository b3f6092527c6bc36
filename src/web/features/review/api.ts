/** Articles and the review queue: POST /articles, GET /statement-candidates, PATCH/confirm/reject a candidate. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../../api/client.ts';
import type { Stance } from '../../../core/vocabulary.ts';

export type CandidateStatus = 'pending' | 'confirmed' | 'rejected';

export interface CandidateIssue {
  issueId: string;
  title: string;
  score: number | null;
  matched: string[];
  selected: boolean;
  stance: Stance | null;
}

export interface Candidate {
  id: string;
  version: number;
  articleId: string;
  position: number;
  status: CandidateStatus;
  kind: 'direct' | 'partial' | 'indirect';
  quote: string;
  sentence: string | null;
  cue: string | null;
  confidence: number | null;
  speakerAsWritten: { text: string; name: string | null; role: string | null; organisation: string | null; anonymous: boolean; description: string | null; isOrganisation: boolean };
  resolution: {
    match: 'exact' | 'alias' | 'romanisation' | 'role' | 'none';
    personId: string | null;
    organisationId: string | null;
    partyId: string | null;
    role: string | null;
    anonymous: boolean;
    description: string | null;
    proposal: { kind: 'person' | 'organisation'; name: string; roles: { title: string; organisationName: string | null }[]; partyId: string | null } | null;
  };
  speakerPersonId: string | null;
  speakerPersonName: string | null;
  speakerOrgId: string | null;
  speakerOrgName: string | null;
  speakerDescription: string | null;
  partyId: string | null;
  issues: CandidateIssue[];
  statementId: string | null;
  reviewedAt: string | null;
  createdAt: string;
  article: { id: string; wgId: string | null; title: string | null; sourceUrl: string | null; publishedOn: string | null };
  abilities: { review: boolean };
}

export interface ArticleInput {
  wgId: string;
  text: string;
  format: 'auto' | 'text' | 'html' | 'rss' | 'atom';
  sourceUrl?: string | null;
  publishedOn?: string | null;
}

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

export interface CandidatePatch {
  quote?: string;
  speakerPersonId?: string | null;
  speakerOrgId?: string | null;
  speakerDescription?: string | null;
  issues?: { issueId: string; stance: Stance | null }[];
}

export function useUpdateCandidate() {
  const done = useInvalidate();
  return useMutation({ mutationFn: ({ c, body }: { c: Candidate; body: CandidatePatch }) => patch<void>(`/statement-candidates/${c.id}`, body, c.version), onSuccess: done });
}

export function useConfirmCandidate() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ c, issues }: { c: Candidate; issues: { issueId: string; stance: Stance | null }[] }) =>
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
