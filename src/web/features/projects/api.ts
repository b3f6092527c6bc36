import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client.ts';
import type { Dashboard } from '../../../core/api/working-groups.ts';
import type { List } from '../../../core/api/common.ts';
import type { Static } from 'typebox';
import type { Project, ProjectCreateBody, ProjectSummary, StageChangeBody } from '../../../core/api/projects.ts';

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
    mutationFn: ({ version, ...body }: { version: number } & Static<typeof StageChangeBody>) => post(`/projects/${id}/stage`, body, version),
    onSuccess: inv,
  });
}

/** The body of POST /projects. */
export type ProjectInput = Static<typeof ProjectCreateBody>;

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: ProjectInput) => post<{ id: string }>('/projects', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useReschedule(id: string) {
  const inv = useInvalidate(id);
  return useMutation({
    mutationFn: (v: { version: number; newDate: string | null; reason: string }) => post(`/projects/${id}/reschedule`, { newDate: v.newDate, reason: v.reason }, v.version),
    onSuccess: inv,
  });
}
