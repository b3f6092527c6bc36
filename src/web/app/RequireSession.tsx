import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Center } from '@mantine/core';
import { useSession } from './session.tsx';
import { ErrorState, LoadingState } from './states.tsx';

export function RequireSession({ children }: { children: ReactNode }) {
  const s = useSession();
  const loc = useLocation();
  if (s.isPending)
    return (
      <Center h="60vh">
        <LoadingState rows={2} />
      </Center>
    );
  if (s.error) return <ErrorState error={s.error} onRetry={() => void s.refetch()} />;
  if (!s.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}
