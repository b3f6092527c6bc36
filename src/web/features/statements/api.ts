import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { List } from '../../../core/api/common.ts';
import type { Statement, StatementCreateBody, StatementFilter } from '../../../core/api/statements.ts';

export type { StatementFilter };
import type { Static } from 'typebox';

export const useStatements = (f: StatementFilter, enabled = true) =>
  useQuery({
    queryKey: ['statements', f],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => get<List<Statement>>('/statements', { ...f }, signal),
    enabled,
  });

/** The body of POST /statements. */
export type StatementInput = Static<typeof StatementCreateBody>;

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
