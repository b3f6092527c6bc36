import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post, put } from '../../api/client.ts';
import type { List } from '../../../core/api/common.ts';
import type { GroupPerson, WorkingGroup, WorkingGroupSummary } from '../../../core/api/working-groups.ts';
import type { Proposal } from '../../../core/api/proposals.ts';
import type { GroupRole } from '../../../core/vocabulary.ts';
import type { Static } from 'typebox';
import type { TrackCreateBody, WorkingGroupCreateBody } from '../../../core/api/working-groups.ts';
import { sessionKey } from '../../app/session.tsx';

export const useGroups = () => useQuery({ queryKey: ['working-groups'], queryFn: ({ signal }) => get<List<WorkingGroup>>('/working-groups', undefined, signal) });

/** "My working groups": those my organisation takes part in or where I hold a role, and whether I may found one. */
export const useMyGroups = () =>
  useQuery({
    queryKey: ['working-groups', 'mine'],
    queryFn: ({ signal }) => get<{ items: WorkingGroupSummary[]; abilities: { create: boolean } }>('/working-groups', { mine: true }, signal),
  });

export const useGroup = (id: string | undefined) =>
  useQuery({
    queryKey: ['working-groups', id],
    queryFn: ({ signal }) => get<WorkingGroup>(`/working-groups/${id}`, undefined, signal),
    enabled: !!id,
  });

/** The proposals of one group (or all I may see), newest first. */
export const useProposals = (wgId?: string) =>
  useQuery({
    queryKey: ['proposals', wgId ?? null],
    queryFn: ({ signal }) => get<List<Proposal>>('/proposals', { wgId }, signal),
  });

export const useGroupPeople = (wgId: string | undefined) =>
  useQuery({
    queryKey: ['working-groups', wgId, 'people'],
    queryFn: ({ signal }) => get<List<GroupPerson>>(`/working-groups/${wgId}/people`, undefined, signal),
    enabled: !!wgId,
  });

/** After any change to a group: its record, the lists, the proposals, and my roles (in the session) may have moved. */
function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['working-groups'] }), qc.invalidateQueries({ queryKey: ['proposals'] }), qc.invalidateQueries({ queryKey: sessionKey })]);
}

/** The body of POST /working-groups, and the tracks to add once the group exists. */
export type GroupCreateInput = Static<typeof WorkingGroupCreateBody> & { tracks: Omit<Static<typeof TrackCreateBody>, 'code'>[] };

/** Founds (proposes) a group, then adds its tracks one by one. */
export function useCreateGroup() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ tracks, ...body }: GroupCreateInput) => {
      const { id } = await post<{ id: string }>('/working-groups', body);
      for (const [i, tr] of tracks.entries()) await post(`/working-groups/${id}/tracks`, { code: `track-${i + 1}`, name: tr.name, nameKo: tr.nameKo || undefined, position: i + 1 });
      return id;
    },
    onSettled: refresh,
  });
}

/** PATCH a group; answers the proposal when the change waits for the other parties (202). */
export function useUpdateGroup(wgId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, version }: { body: Record<string, unknown>; version: number }) => patch<{ proposal: Proposal } | undefined>(`/working-groups/${wgId}`, body, version),
    onSettled: refresh,
  });
}

export function useSetMember(wgId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ organisationId, participation, note }: { organisationId: string; participation: string; note?: string | null }) =>
      put<{ proposal?: Proposal; participation?: string }>(`/working-groups/${wgId}/members/${organisationId}`, { participation, note }),
    onSettled: refresh,
  });
}

export function useSetRole(wgId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: GroupRole | null }) => put(`/working-groups/${wgId}/roles/${userId}`, { role }),
    onSettled: refresh,
  });
}

export function useSaveTrack(wgId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version, code, name, nameKo }: { id?: string; version?: number; code?: string; name: string; nameKo: string | null }) =>
      id ? patch(`/working-groups/${wgId}/tracks/${id}`, { name, nameKo }, version!) : post(`/working-groups/${wgId}/tracks`, { code, name, nameKo: nameKo || undefined }),
    onSettled: refresh,
  });
}

export function useDecideProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version, decision, reason }: { id: string; version: number; decision: 'approve' | 'decline' | 'withdraw'; reason?: string }) =>
      post<Proposal>(`/proposals/${id}/${decision}`, decision === 'decline' ? { reason } : {}, version),
    onSettled: refresh,
  });
}
