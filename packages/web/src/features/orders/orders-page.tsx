import { Button, Group, Stack } from '@mantine/core';
import { ORDERING_METHODS, ORDER_STATUSES } from '@nghiemthu/shared';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiUrl } from '../../app/api-client';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { ORDER_FILTERS, OrderFilters } from './order-filters';
import { ORDER_SORTS, useOrderList } from './orders.api';
import { OrdersTable } from './orders-table';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Orders the user's agency placed or received, most recently changed first. */
export function OrdersPage() {
  const { t } = useTranslation();
  const list = useListParams({ sorts: ORDER_SORTS, defaultSort: 'updatedAt', defaultOrder: 'desc', filters: ORDER_FILTERS });
  const year = Number(list.filters.budgetYear);
  const params = {
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    order: list.order,
    q: list.filters.q || undefined,
    status: oneOf(ORDER_STATUSES, list.filters.status),
    method: oneOf(ORDERING_METHODS, list.filters.method),
    budgetYear: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    providerAgencyId: UUID.test(list.filters.provider) ? list.filters.provider : undefined,
  };
  const orders = useOrderList(params);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('orders.title')}</PageTitle>
        <Group gap="sm">
          {orders.data?.canCreate && (
            <Button component={Link} to="/orders/new" leftSection={<IconPlus size={16} aria-hidden />} data-testid="order-create">
              {t('orders.create')}
            </Button>
          )}
          {/* The same filters and order as on screen, every page of it. */}
          <Button
            component="a"
            href={apiUrl('/api/orders/export.xlsx', { ...params, page: undefined, pageSize: undefined })}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            data-testid="order-export"
          >
            {t('orders.export')}
          </Button>
        </Group>
      </Group>
      <OrderFilters list={list} />
      {orders.isError && <QueryError error={orders.error} onRetry={() => void orders.refetch()} />}
      {orders.isPending && <PageLoader />}
      {orders.data && (
        <>
          <OrdersTable
            orders={orders.data.items}
            sort={list.sort}
            order={list.order}
            onSort={list.toggleSort}
            hasFilters={list.hasFilters}
            isRefreshing={orders.isPlaceholderData}
          />
          <ListFooter page={list.page} pageSize={list.pageSize} total={orders.data.total} onPageChange={list.setPage} />
        </>
      )}
    </Stack>
  );
}
