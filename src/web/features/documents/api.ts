import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { Static } from 'typebox';
import type { DocumentCreateBody, Diff as DocumentDiff, DocumentSummary, Version as DocumentVersion, Document as JointDocument } from '../../../core/api/documents.ts';
import type { ClauseInput as ClauseInputSchema } from '../../../core/api/documents.ts';
import type { List } from '../../../core/api/common.ts';

export const useDocuments = (wgId: string | undefined) =>
  useQuery({ queryKey: ['documents', wgId], queryFn: ({ signal }) => get<List<DocumentSummary>>('/documents', { wgId, limit: 500 }, signal), enabled: !!wgId });

export const useDocument = (id: string | undefined) => useQuery({ queryKey: ['document', id], queryFn: ({ signal }) => get<JointDocument>(`/documents/${id}`, undefined, signal), enabled: !!id });

export const useDocumentVersion = (id: string | undefined, number: number | null) =>
  useQuery({
    queryKey: ['document', id, 'version', number],
    queryFn: ({ signal }) => get<DocumentVersion>(`/documents/${id}/versions/${number}`, undefined, signal),
    enabled: !!id && number !== null,
  });

export const useDocumentDiff = (id: string | undefined, from: number | null, to: number | null) =>
  useQuery({
    queryKey: ['document', id, 'diff', from, to],
    queryFn: ({ signal }) => get<DocumentDiff>(`/documents/${id}/diff`, { from, to }, signal),
    enabled: !!id && from !== null && to !== null && from !== to,
  });

export function useSignOff(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { number: number; contentHash: string }) => post<{ id: string; adopted: boolean }>(`/documents/${id}/versions/${v.number}/sign-off`, { contentHash: v.contentHash }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['document', id] });
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

export type ClauseInput = Static<typeof ClauseInputSchema>;

export function useNewVersion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { version: number; note?: string; clauses: ClauseInput[] }) =>
      post<{ number: number; contentHash: string }>(`/documents/${id}/versions`, { note: v.note, clauses: v.clauses }, v.version),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['document', id] });
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

/** The body of POST /documents. */
export type DocumentInput = Static<typeof DocumentCreateBody>;

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: DocumentInput) => post<{ id: string; contentHash: string }>('/documents', b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}
