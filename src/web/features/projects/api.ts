import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { Dashboard } from '../../../core/api/working-groups.ts';
import type { List } from '../../../core/api/common.ts';
import type { Project, ProjectSummary } from '../../../core/api/projects.ts';
import type { ProjectStage } from '../../../core/vocabulary.ts';

export const useProjects = (wgId: string | undefined) =>
  useQuery({
    queryKey: ['projects', wgId],
    queryFn: ({ signal }) => get<List<ProjectSummary>>('/projects', { wgId, limit: 500 }, signal),
    enabled: !!wgId,
  });

export const useProject = (id: string | undefined) => useQuery({ queryKey: ['project', id], queryFn: ({ signal }) => get<Project>(`/projects/${id}`, undefined, signal), enabled: !!id });

/** The dashboard already carries each project's days in its current stage. */
export const useDashboardData = (wgId: string | undefined) =>
  useQuery({ queryKey: ['dashboard', wgId], queryFn: ({ signal }) => get<Dashboard>(`/working-groups/${wgId}/dashboard`, undefined, signal), enabled: !!wgId });

function useInvalidate(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['project', id] });
    void qc.invalidateQueries({ queryKey: ['projects'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useChangeStage(id: string) {
  const inv = useInvalidate(id);
  return useMutation({
    mutationFn: (v: { version: number; stage: ProjectStage; occurredOn: string; timezone?: string; reason: string }) =>
      post(`/projects/${id}/stage`, { stage: v.stage, occurredOn: v.occurredOn, timezone: v.timezone, reason: v.reason }, v.version),
    onSuccess: inv,
  });
}

export function useReschedule(id: string) {
  const inv = useInvalidate(id);
  return useMutation({
    mutationFn: (v: { version: number; newDate: string | null; reason: string }) => post(`/projects/${id}/reschedule`, { newDate: v.newDate, reason: v.reason }, v.version),
    onSuccess: inv,
  });
}
