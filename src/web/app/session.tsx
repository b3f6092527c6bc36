import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Session } from '../../core/api/session.ts';
import type { SignInStep } from '../../core/api/passkeys.ts';

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

/** A new session: its CSRF token kept, the signed-out data dropped. */
export function acceptSession(qc: QueryClient, s: Session): void {
  setCsrfToken(s.csrfToken);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  qc.setQueryData(sessionKey, s);
}

/** Signs in with e-mail and password: a session, or the passkey step the account needs next (202). */
export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session | SignInStep>('/session', { method: 'POST', body }),
    onSuccess: (s) => {
      if (!('next' in s)) acceptSession(qc, s);
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
