import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import type { List, Project } from '../../api/types.ts';

export const useProjects = (wgId: string | undefined) =>
  useQuery({
    queryKey: ['projects', wgId],
    queryFn: ({ signal }) => get<List<Project>>('/projects', { wgId, limit: 500 }, signal),
    enabled: !!wgId,
  });

export const useProject = (id: string | undefined) =>
  useQuery({ queryKey: ['project', id], queryFn: ({ signal }) => get<Project>(`/projects/${id}`, undefined, signal), enabled: !!id });
