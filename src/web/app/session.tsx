import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Session } from '../../core/api/session.ts';

export const sessionKey = ['session'] as const;

/** GET /api/session as a query: the signed-in user (null when signed out). */
export const sessionQuery = {
  queryKey: sessionKey,
  queryFn: async (): Promise<Session | null> => {
    try {
      const s = await api<Session>('/session');
      setCsrfToken(s.csrfToken);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken(undefined);
        return null;
      }
      throw e;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
} as const;

/** The signed-in user (null when signed out). Keeps the CSRF token current for writes. */
export function useSession() {
  return useQuery(sessionQuery);
}

export const useUser = () => useSession().data?.user ?? null;

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session>('/session', { method: 'POST', body }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      qc.setQueryData(sessionKey, s);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api('/session', { method: 'DELETE' });
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
    },
    onSettled: () => {
      setCsrfToken(undefined);
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}
