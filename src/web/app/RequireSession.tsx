import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Center } from '@mantine/core';
import { useSession } from './session.tsx';
import { ErrorState, LoadingState } from './states.tsx';

const EnrolPasskeyPage = lazy(() => import('../features/account/EnrolPasskeyPage.tsx'));

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
  // A session that may only enrol a passkey (the server requires one of this user) shows nothing else.
  if (s.data.limitedTo === 'passkey_enrolment')
    return (
      <Suspense fallback={<LoadingState rows={2} />}>
        <EnrolPasskeyPage />
      </Suspense>
    );
  return <>{children}</>;
}
