import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import type { List } from '../../../core/api/common.ts';
import type { WorkingGroup } from '../../../core/api/working-groups.ts';

export const useGroups = () => useQuery({ queryKey: ['working-groups'], queryFn: ({ signal }) => get<List<WorkingGroup>>('/working-groups', undefined, signal) });

export const useGroup = (id: string | undefined) =>
  useQuery({
    queryKey: ['working-groups', id],
    queryFn: ({ signal }) => get<WorkingGroup>(`/working-groups/${id}`, undefined, signal),
    enabled: !!id,
  });
