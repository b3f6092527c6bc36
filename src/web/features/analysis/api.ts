/**
 * The alignment explorer's reads: GET /alignment/agreement (a table per window), the group's
 * own pair figures with their trend (GET /working-groups/:id/alignment?a&b&method), the
 * participants (GET /alignment/matrix) and the group's label scale.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import type { Agreement, GroupAlignment, LabelScale, Participant } from '../../../core/api/alignment.ts';

export type { Figure, LabelScale, Participant } from '../../../core/api/alignment.ts';
export type AgreementResponse = Agreement;
export type AgreementRow = Agreement['rows'][number];
export type PairAlignment = GroupAlignment;
export type Trend = PairAlignment['pairs'][number]['trend'];
export type TrendPoint = Trend['points'][number];

export interface Basis {
  kind: 'all' | 'category' | 'dates' | 'rcids';
  category?: string;
  from?: string;
  to?: string;
  rcids?: string;
}

/** The basis as query parameters; a pasted list becomes a comma list (spaces, lines, semicolons accepted). */
export function basisQuery(b: Basis): Record<string, string | undefined> {
  if (b.kind === 'category') return { category: b.category || undefined };
  if (b.kind === 'dates') return { from: b.from || undefined, to: b.to || undefined };
  if (b.kind === 'rcids') {
    const list = (b.rcids ?? '')
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    return { basis: list.length ? list.join(',') : undefined };
  }
  return {};
}

export const useParticipants = (group: string) =>
  useQuery({
    queryKey: ['alignment-participants', group],
    queryFn: ({ signal }) => get<{ participants: Participant[]; items: number }>('/alignment/matrix', { group, method: 'agree' }, signal),
    staleTime: 10 * 60_000,
    retry: false,
  });

export const useAgreement = (q: { group: string; a?: string; b?: string; method: string; by: 'year' | 'session'; basis: Basis }) =>
  useQuery({
    queryKey: ['alignment-agreement', q],
    enabled: !!q.a && !!q.b,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) => get<AgreementResponse>('/alignment/agreement', { group: q.group, a: q.a, b: q.b, method: q.method, by: q.by, ...basisQuery(q.basis) }, signal),
  });

export const usePairAlignment = (q: { group: string; a?: string; b?: string; method: string }) =>
  useQuery({
    queryKey: ['alignment-pair', q],
    enabled: !!q.a && !!q.b,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) => get<PairAlignment>(`/working-groups/${q.group}/alignment`, { a: q.a, b: q.b, method: q.method }, signal),
  });

export const useLabelScale = (group: string) =>
  useQuery({
    queryKey: ['label-scale', group],
    retry: false,
    queryFn: ({ signal }) => get<{ scale: LabelScale; custom: boolean; version: number }>(`/working-groups/${group}/label-scale`, undefined, signal),
  });
