import { Button, Group, Stack } from '@mantine/core';
import { DOSSIER_STATES } from '@nghiemthu/shared';
import { IconChartBar, IconDownload, IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiUrl } from '../../app/api-client';
import { useMe } from '../../app/session';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { useOrder } from '../orders/orders.api';
import { DEADLINE_FILTERS, DOSSIER_FILTERS, DossierFilters } from './dossier-filters';
import { canSeeOverview, isProviderOnly } from './dossier-roles';
import { DOSSIER_SORTS, useDossierList, type DossierListParams } from './dossiers.api';
import { DossiersTable } from './dossiers-table';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrUndefined = (value: string) => (UUID.test(value) ? value : undefined);

/** Acceptance dossiers within the user's reach, the most pressing due date first. */
export function DossiersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useListParams({ sorts: DOSSIER_SORTS, defaultSort: 'stepDueDate', defaultOrder: 'asc', filters: DOSSIER_FILTERS });
  const filters = {
    q: list.filters.q || undefined,
    state: oneOf(DOSSIER_STATES, list.filters.state),
    // Several states (from the overview's groups), kept only when every one is a real state.
    states: list.filters.states && list.filters.states.split(',').every((s) => (DOSSIER_STATES as readonly string[]).includes(s)) ? list.filters.states : undefined,
    open: list.filters.open === 'true' ? ('true' as const) : undefined,
    deadline: oneOf(DEADLINE_FILTERS, list.filters.deadline),
    providerAgencyId: uuidOrUndefined(list.filters.providerAgencyId),
    orderId: uuidOrUndefined(list.filters.orderId),
  };
  const params: DossierListParams = { page: list.page, pageSize: list.pageSize, sort: list.sort, order: list.order, ...filters };
  const dossiers = useDossierList(params);
  const order = useOrder(filters.orderId ?? null);
  const isProvider = me.user.roles.includes('provider_officer');

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('dossiers.title')}</PageTitle>
        <Group gap="sm">
          {isProvider && (
            <Button
              component={Link}
              to={filters.orderId ? `/dossiers/new?orderId=${filters.orderId}` : '/dossiers/new'}
              leftSection={<IconFilePlus size={16} aria-hidden />}
              data-testid="dossier-create"
            >
              {t('dossiers.create')}
            </Button>
          )}
          {canSeeOverview(me.user.roles) && (
            <Button component={Link} to="/dossiers/overview" variant="default" leftSection={<IconChartBar size={16} aria-hidden />}>
              {t('dossiers.overview')}
            </Button>
          )}
          {/* The same filters and order as on screen, every page of it. */}
          <Button
            component="a"
            href={apiUrl('/api/dossiers/export.xlsx', { ...filters, sort: list.sort, order: list.order })}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            data-testid="dossier-export"
          >
            {t('dossiers.export')}
          </Button>
        </Group>
      </Group>
      <DossierFilters
        list={list}
        canChooseProvider={!isProviderOnly(me.user.roles)}
        orderLabel={order.data ? `${order.data.code} – ${order.data.title}` : null}
      />
      {dossiers.isError && <QueryError error={dossiers.error} onRetry={() => void dossiers.refetch()} />}
      {dossiers.isPending && <PageLoader />}
      {dossiers.data && (
        <>
          <DossiersTable
            dossiers={dossiers.data.items}
            sort={list.sort}
            order={list.order}
            onSort={list.toggleSort}
            hasFilters={list.hasFilters}
            isRefreshing={dossiers.isPlaceholderData}
          />
          <ListFooter page={list.page} pageSize={list.pageSize} total={dossiers.data.total} onPageChange={list.setPage} />
        </>
      )}
    </Stack>
  );
}
