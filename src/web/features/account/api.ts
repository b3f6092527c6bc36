import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client.ts';
import type { PasswordChange, PasswordReset, SessionInfo } from '../../../core/api/session.ts';

export const sessionsKey = ['my-sessions'] as const;

/** My live browser sessions and this server's session lifetimes. */
export const useMySessions = () =>
  useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => api<{ items: SessionInfo[]; limits: { idleMinutes: number; maxHours: number } }>('/sessions', { signal }),
  });

/** Ends one of my sessions (another browser's, or this one's). */
export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Changes my password; the server ends every session and opens a new one for this browser. */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => api<{ csrfToken: string; sessionsEnded: number }>('/session/password', { method: 'POST', body }),
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken);
      void qc.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

/** Sets a new password with a reset link's secret (no sign-in). */
export const useResetPassword = () => useMutation({ mutationFn: (body: PasswordReset) => api<{ email: string }>('/password-reset', { method: 'POST', body }) });
