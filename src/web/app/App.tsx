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
import { sessionKey } from './session.tsx';
import SignInPage from '../features/auth/SignInPage.tsx';
import NotFoundPage from './NotFoundPage.tsx';

const GroupsPage = lazy(() => import('../features/groups/GroupsPage.tsx'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx'));
const MeetingsPage = lazy(() => import('../features/meetings/MeetingsPage.tsx'));
const MeetingPage = lazy(() => import('../features/meetings/MeetingPage.tsx'));
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

const router = createBrowserRouter([
  {
    element: <SessionWatch />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: (
          <RequireSession>
            <Layout />
          </RequireSession>
        ),
        children: [
          { path: '/', element: <GroupsPage /> },
          {
            path: '/groups/:wgId',
            element: <DashboardPage />,
            // Non-blocking: starts the dashboard's modules and data in parallel, renders at once.
            loader: ({ params }) => {
              if (params.wgId) prefetchDashboard(queryClient, params.wgId);
              return null;
            },
          },
          { path: '/groups/:wgId/meetings', element: <MeetingsPage /> },
          { path: '/groups/:wgId/meetings/:meetingId', element: <MeetingPage /> },
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
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => makeTheme(t('action.close')), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<LoadingState />}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>
  );
}
