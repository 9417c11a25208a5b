import { Anchor, Table, Text } from '@mantine/core';
import { formatDateTimeMinutes, formatVnd, type Order } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyRows } from '../../ui/empty-rows';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';
import { OrderStatusBadge } from './order-status-badge';
import type { OrderSort } from './orders.api';

type Props = {
  orders: Order[];
  sort: OrderSort;
  order: SortOrder;
  onSort: (field: OrderSort) => void;
  hasFilters: boolean;
  isRefreshing: boolean;
};

const COLUMN_COUNT = 6;

export function OrdersTable({ orders, sort, order, onSort, hasFilters, isRefreshing }: Props) {
  const { t } = useTranslation();
  const sortable = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        highlightOnHover
        verticalSpacing="xs"
        aria-label={t('orders.title')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
        data-testid="orders-table"
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="code" {...sortable}>{t('orders.code')}</SortableTh>
            <SortableTh field="title" {...sortable}>{t('orders.orderTitle')}</SortableTh>
            <SortableTh field="budgetYear" {...sortable}>{t('orders.budgetYearShort')}</SortableTh>
            <SortableTh field="totalValue" {...sortable}>{t('orders.totalValue')}</SortableTh>
            <SortableTh field="status" {...sortable}>{t('orders.status')}</SortableTh>
            <SortableTh field="updatedAt" {...sortable}>{t('orders.updatedAt')}</SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.length === 0 && <EmptyRows colSpan={COLUMN_COUNT} hasFilters={hasFilters} />}
          {orders.map((item) => (
            <Table.Tr key={item.id} data-testid="order-row">
              <Table.Td className="mono">{item.code}</Table.Td>
              <Table.Td maw={420}>
                <Anchor component={Link} to={`/orders/${item.id}`} fw={500}>{item.title}</Anchor>
                <Text size="xs" c="dimmed">
                  {t(`catalogue.methods.${item.method}`)} · {item.providerAgency.name}
                </Text>
              </Table.Td>
              <Table.Td>{item.budgetYear}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                {formatVnd(item.totalValue)}
                {item.acceptedValue > 0 && (
                  <Text size="xs" c="dimmed">{t('orders.acceptedShort', { amount: formatVnd(item.acceptedValue) })}</Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <OrderStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeMinutes(item.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
