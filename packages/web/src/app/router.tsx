import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/auth/sign-in-page';
import { NotFoundPage } from './not-found-page';
import { RequireSession } from './require-session';
import { RouteErrorPage } from './route-error-page';
import { PageLoader } from '../ui/page-loader';

/** Every page after sign-in loads on first visit, so the sign-in page stays small and fast. */
export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoader />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            index: true,
            lazy: () => import('../features/my-work/my-work-page').then((m) => ({ Component: m.MyWorkPage })),
          },
          {
            path: 'change-password',
            lazy: () =>
              import('../features/auth/change-password-page').then((m) => ({ Component: m.ChangePasswordPage })),
          },
          {
            path: 'agencies',
            lazy: () => import('../features/agencies/agencies-page').then((m) => ({ Component: m.AgenciesPage })),
          },
          {
            path: 'agencies/:agencyId',
            lazy: () =>
              import('../features/agencies/agency-detail-page').then((m) => ({ Component: m.AgencyDetailPage })),
          },
          {
            path: 'users',
            lazy: () => import('../features/users/users-page').then((m) => ({ Component: m.UsersPage })),
          },
          {
            path: 'audit',
            lazy: () => import('../features/audit/audit-page').then((m) => ({ Component: m.AuditPage })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
