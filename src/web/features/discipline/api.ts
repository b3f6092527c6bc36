/** Message discipline: GET /working-groups/:id/discipline, the rules (GET/PUT with If-Match). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from '../../api/client.ts';
import type { Static } from 'typebox';
import type { DisciplineReport, RulesView as RulesViewSchema } from '../../../core/api/discipline.ts';

export type { Grade } from '../../../core/api/discipline-rules.ts';
export type { Finding, FindingSide, OtherVoice, Rules, Summary } from '../../../core/api/discipline.ts';
export type Report = Static<typeof DisciplineReport>;
export type RulesView = Static<typeof RulesViewSchema>;

export const useDiscipline = (wgId: string, q: { from?: string; to?: string; includeConsistent?: boolean }) =>
  useQuery({
    queryKey: ['discipline', wgId, q],
    queryFn: ({ signal }) => get<Report>(`/working-groups/${wgId}/discipline`, { from: q.from, to: q.to, includeConsistent: q.includeConsistent || undefined }, signal),
  });

export const useRules = (wgId: string) => useQuery({ queryKey: ['discipline-rules', wgId], queryFn: ({ signal }) => get<RulesView>(`/working-groups/${wgId}/discipline-rules`, undefined, signal) });

export function useSaveRules(wgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ overrides, version }: { overrides: Record<string, unknown> | null; version: number }) => put<RulesView>(`/working-groups/${wgId}/discipline-rules`, { overrides }, version),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['discipline-rules', wgId] });
      void qc.invalidateQueries({ queryKey: ['discipline', wgId] });
      void qc.invalidateQueries({ queryKey: ['discipline-marks', wgId] });
    },
  });
}

/** A DOM id for a finding (its API id carries ':' and '#'). */
export const findingAnchor = (id: string) => `finding-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export interface Mark {
  grade: 'nuance' | 'contradiction';
  href: string;
}

const monthRange = (d: string) => {
  const [y, m] = d.slice(0, 7).split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${d.slice(0, 7)}-01`, to: `${d.slice(0, 7)}-${String(last).padStart(2, '0')}` };
};

/**
 * Statement id → its worst finding (contradiction over nuance) with a link to it in the
 * discipline view: one call for the group, so the feed and the dashboard mark every statement.
 */
export function useStatementMarks(wgId: string | undefined) {
  return useQuery({
    queryKey: ['discipline-marks', wgId],
    enabled: !!wgId,
    staleTime: 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      const r = await get<Report>(`/working-groups/${wgId}/discipline`, undefined, signal);
      const marks = new Map<string, Mark>();
      for (const f of r.findings) {
        if (f.grade === 'consistent') continue;
        for (const side of [f.subject, f.against]) {
          if (side.kind !== 'statement') continue;
          const cur = marks.get(side.id);
          if (cur && (cur.grade === 'contradiction' || f.grade === 'nuance')) continue;
          const { from, to } = monthRange(f.subject.date);
          marks.set(side.id, { grade: f.grade, href: `/groups/${wgId}/discipline?from=${from}&to=${to}#${findingAnchor(f.id)}` });
        }
      }
      return marks;
    },
  });
}
