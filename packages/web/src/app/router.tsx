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
            path: 'information-systems',
            lazy: () =>
              import('../features/information-systems/information-systems-page').then((m) => ({
                Component: m.InformationSystemsPage,
              })),
          },
          {
            path: 'information-systems/:systemId',
            lazy: () =>
              import('../features/information-systems/information-system-detail-page').then((m) => ({
                Component: m.InformationSystemDetailPage,
              })),
          },
          {
            path: 'catalogue',
            lazy: () => import('../features/catalogue/catalogue-page').then((m) => ({ Component: m.CataloguePage })),
          },
          {
            path: 'catalogue/:serviceId',
            lazy: () =>
              import('../features/catalogue/catalogue-service-page').then((m) => ({ Component: m.CatalogueServicePage })),
          },
          {
            path: 'users',
            lazy: () => import('../features/users/users-page').then((m) => ({ Component: m.UsersPage })),
          },
          {
            path: 'audit',
            lazy: () => import('../features/audit/audit-page').then((m) => ({ Component: m.AuditPage })),
          },
          {
            path: 'delegations',
            lazy: () => import('../features/delegations/delegations-page').then((m) => ({ Component: m.DelegationsPage })),
          },
          {
            path: 'notifications',
            lazy: () =>
              import('../features/notifications/notifications-page').then((m) => ({ Component: m.NotificationsPage })),
          },
          {
            path: 'settings/acceptance',
            lazy: () => import('../features/acceptance-settings/acceptance-settings-page').then((m) => ({ Component: m.AcceptanceSettingsPage })),
          },
          {
            path: 'calendar',
            lazy: () => import('../features/calendar/calendar-page').then((m) => ({ Component: m.CalendarPage })),
          },
          {
            path: 'orders',
            lazy: () => import('../features/orders/orders-page').then((m) => ({ Component: m.OrdersPage })),
          },
          {
            path: 'orders/new',
            lazy: () => import('../features/orders/order-form-page').then((m) => ({ Component: m.NewOrderPage })),
          },
          {
            path: 'orders/:orderId',
            lazy: () => import('../features/orders/order-detail-page').then((m) => ({ Component: m.OrderDetailPage })),
          },
          {
            path: 'orders/:orderId/edit',
            lazy: () => import('../features/orders/order-form-page').then((m) => ({ Component: m.EditOrderPage })),
          },
          {
            path: 'orders/:orderId/amend',
            lazy: () => import('../features/orders/order-form-page').then((m) => ({ Component: m.AmendOrderPage })),
          },
          {
            path: 'dossiers',
            lazy: () => import('../features/dossiers/dossiers-page').then((m) => ({ Component: m.DossiersPage })),
          },
          {
            path: 'dossiers/new',
            lazy: () => import('../features/dossiers/dossier-create-page').then((m) => ({ Component: m.DossierCreatePage })),
          },
          {
            path: 'dossiers/overview',
            lazy: () => import('../features/dossiers/overview-page').then((m) => ({ Component: m.OverviewPage })),
          },
          {
            path: 'dossiers/:dossierId',
            lazy: () => import('../features/dossiers/dossier-page').then((m) => ({ Component: m.DossierPage })),
          },
          {
            path: 'records',
            lazy: () => import('../features/records/records-page').then((m) => ({ Component: m.RecordsPage })),
          },
          {
            path: 'records/search',
            lazy: () => import('../features/search/search-page').then((m) => ({ Component: m.SearchPage })),
          },
          {
            path: 'records/archival-transfer',
            lazy: () => import('../features/archival-transfer/archival-transfer-page').then((m) => ({ Component: m.ArchivalTransferPage })),
          },
          {
            path: 'records/disposition',
            lazy: () => import('../features/disposition/disposition-page').then((m) => ({ Component: m.DispositionPage })),
          },
          {
            path: 'records/disposition/batches/:batchId',
            lazy: () => import('../features/disposition/batch-page').then((m) => ({ Component: m.DispositionBatchPage })),
          },
          {
            path: 'records/:recordId',
            lazy: () => import('../features/records/record-page').then((m) => ({ Component: m.RecordPage })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
