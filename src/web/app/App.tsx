import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { queryClient } from './queryClient.ts';
import { prefetchDashboard } from '../features/dashboard/prefetch.ts';
import { createBrowserRouter, RouterProvider, Outlet, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from '../api/client.ts';
import { makeTheme, cssVariablesResolver } from './theme.ts';
import { Layout } from './Layout.tsx';
import { RequireSession } from './RequireSession.tsx';
import { LoadingState } from './states.tsx';
import { sessionKey, sessionQuery } from './session.tsx';
import { preloadable } from './preloadable.tsx';
import SignInPage from '../features/auth/SignInPage.tsx';
import NotFoundPage from './NotFoundPage.tsx';

const GroupsPage = lazy(() => import('../features/groups/GroupsPage.tsx'));
const DashboardPage = preloadable(() => import('../features/dashboard/DashboardPage.tsx'));
const MeetingsPage = lazy(() => import('../features/meetings/MeetingsPage.tsx'));
const MeetingPage = lazy(() => import('../features/meetings/MeetingPage.tsx'));
const BriefingPage = lazy(() => import('../features/meetings/BriefingPage.tsx'));
const SeriesPage = lazy(() => import('../features/series/SeriesPage.tsx'));
const PositionsPage = lazy(() => import('../features/positions/PositionsPage.tsx'));
const StatementsPage = lazy(() => import('../features/statements/StatementsPage.tsx'));
const DocumentsPage = lazy(() => import('../features/documents/DocumentsPage.tsx'));
const DocumentPage = lazy(() => import('../features/documents/DocumentPage.tsx'));
const CommitmentsPage = lazy(() => import('../features/commitments/CommitmentsPage.tsx'));
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage.tsx'));
const AlignmentExplorerPage = lazy(() => import('../features/analysis/AlignmentExplorerPage.tsx'));
const ReviewQueuePage = lazy(() => import('../features/review/ReviewQueuePage.tsx'));
const DisciplinePage = lazy(() => import('../features/discipline/DisciplinePage.tsx'));
const GroupSettingsPage = lazy(() => import('../features/groups/GroupSettingsPage.tsx'));
const SearchPage = lazy(() => import('../features/search/SearchPage.tsx'));
const AccountPage = lazy(() => import('../features/account/AccountPage.tsx'));
const NotificationsPage = lazy(() => import('../features/account/NotificationsPage.tsx'));
const NotificationSettingsPage = lazy(() => import('../features/account/NotificationSettingsPage.tsx'));
const ResetPasswordPage = lazy(() => import('../features/account/ResetPasswordPage.tsx'));
const AccessRequestsPage = lazy(() => import('../features/access/AccessRequestsPage.tsx'));

/** Any 401 after sign-in (expired or revoked session) sends the user back to sign-in. */
function SessionWatch() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      qc.setQueryData(sessionKey, null);
      if (!location.pathname.startsWith('/sign-in')) navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
    });
  }, [qc, navigate]);
  return <Outlet />;
}

// Every screen but sign-in waits for the session: ask for it now, beside the route's own data.
void queryClient.prefetchQuery(sessionQuery);

const router = createBrowserRouter([
  {
    element: <SessionWatch />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        path: '/reset-password',
        element: (
          <Suspense fallback={<LoadingState />}>
            <ResetPasswordPage />
          </Suspense>
        ),
      },
      {
        element: (
          <RequireSession>
            <Layout />
          </RequireSession>
        ),
        children: [
          { path: '/', element: <GroupsPage /> },
          { path: '/account', element: <AccountPage /> },
          { path: '/notifications', element: <NotificationsPage /> },
          { path: '/access-requests', element: <AccessRequestsPage /> },
          { path: '/settings/notifications', element: <NotificationSettingsPage /> },
          {
            path: '/groups/:wgId',
            element: <DashboardPage />,
            hydrateFallbackElement: <LoadingState />,
            // Starts the dashboard's modules and data in parallel. Waits for the modules only (the
            // data streams in): the page then renders without suspending, and no Suspense fallback
            // holds its content back.
            loader: async ({ params }) => {
              const page = DashboardPage.preload().catch(() => undefined);
              if (params.wgId) await prefetchDashboard(queryClient, params.wgId);
              await page;
              return null;
            },
          },
          { path: '/groups/:wgId/meetings', element: <MeetingsPage /> },
          { path: '/groups/:wgId/meetings/:meetingId', element: <MeetingPage /> },
          { path: '/groups/:wgId/meetings/:meetingId/briefing', element: <BriefingPage /> },
          { path: '/groups/:wgId/series/:seriesId', element: <SeriesPage /> },
          { path: '/groups/:wgId/positions', element: <PositionsPage /> },
          { path: '/groups/:wgId/statements', element: <StatementsPage /> },
          { path: '/groups/:wgId/documents', element: <DocumentsPage /> },
          { path: '/groups/:wgId/documents/:documentId', element: <DocumentPage /> },
          { path: '/groups/:wgId/commitments', element: <CommitmentsPage /> },
          { path: '/groups/:wgId/projects', element: <ProjectsPage /> },
          { path: '/groups/:wgId/audit', element: <AuditPage /> },
          { path: '/groups/:wgId/calendar', element: <CalendarPage /> },
          { path: '/groups/:wgId/alignment', element: <AlignmentExplorerPage /> },
          { path: '/alignment/:group', element: <AlignmentExplorerPage /> },
          { path: '/groups/:wgId/review', element: <ReviewQueuePage /> },
          { path: '/groups/:wgId/discipline', element: <DisciplinePage /> },
          { path: '/groups/:wgId/settings', element: <GroupSettingsPage /> },
          { path: '/search', element: <SearchPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/**
 * Resolves once the first route's loaders have finished (or after `ms`, whichever is first). The
 * dashboard's loader waits for its page and chart modules, so rendering after this draws the page
 * in one pass instead of a loading shell first and the page over it.
 */
export function routerReady(ms = 3000): Promise<void> {
  if (router.state.initialized) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = router.subscribe((s) => {
      if (s.initialized) done();
    });
  });
}

export function App() {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language rebuilds the theme (its close label) on a language switch, whatever t's identity does
  const theme = useMemo(() => makeTheme(t('action.close')), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<LoadingState />}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>
  );
}
