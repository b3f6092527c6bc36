import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { List, Statement } from '../../api/types.ts';
import type { Stance } from '../../../core/vocabulary.ts';

export interface StatementFilter {
  wgId?: string;
  partyId?: string;
  speakerPersonId?: string;
  speakerOrgId?: string;
  issueId?: string;
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export const useStatements = (f: StatementFilter, enabled = true) =>
  useQuery({
    queryKey: ['statements', f],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => get<List<Statement>>('/statements', { ...f }, signal),
    enabled,
  });

export interface StatementInput {
  wgId?: string | null;
  saidOn: string;
  medium: string;
  language: string;
  quote: string;
  partyId?: string | null;
  speakerPersonId?: string | null;
  speakerOrgId?: string | null;
  speakerDescription?: string | null;
  context?: string | null;
  sourceUrl?: string | null;
  sourceTitle?: string | null;
  passage?: string | null;
  issues?: { issueId: string; stance?: Stance | null }[];
  scope?: string;
}

export function useAddStatement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: StatementInput) => post<{ id: string }>('/statements', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['statements'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
