import { Anchor, Table, Text } from '@mantine/core';
import { formatDate, formatDateTime, type Agency } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyRows } from '../../ui/empty-rows';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';
import type { AgencySort } from './agencies.api';
import { AgencyStatusBadge } from './agency-status-badge';

type AgenciesTableProps = {
  agencies: Agency[];
  sort: AgencySort;
  order: SortOrder;
  onSort: (field: AgencySort) => void;
  hasFilters: boolean;
  isRefreshing: boolean;
};

const COLUMN_COUNT = 7;

export function AgenciesTable({ agencies, sort, order, onSort, hasFilters, isRefreshing }: AgenciesTableProps) {
  const { t } = useTranslation();
  const sortable = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        data-testid="agencies-table"
        highlightOnHover
        verticalSpacing="xs"
        aria-label={t('agencies.tableCaption')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="code" {...sortable}>
              {t('agencies.code')}
            </SortableTh>
            <SortableTh field="name" {...sortable}>
              {t('agencies.name')}
            </SortableTh>
            <SortableTh field="type" {...sortable}>
              {t('agencies.type')}
            </SortableTh>
            <Table.Th>{t('agencies.parent')}</Table.Th>
            <SortableTh field="validFrom" {...sortable}>
              {t('agencies.validFrom')}
            </SortableTh>
            <Table.Th>{t('agencies.status')}</Table.Th>
            <SortableTh field="updatedAt" {...sortable}>
              {t('agencies.updatedAt')}
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.length === 0 && <EmptyRows colSpan={COLUMN_COUNT} hasFilters={hasFilters} />}
          {agencies.map((agency) => (
            <Table.Tr key={agency.id}>
              <Table.Td className="mono">{agency.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/agencies/${agency.id}`} fw={500}>
                  {agency.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {agency.shortName}
                </Text>
              </Table.Td>
              <Table.Td>{t(`agencyTypes.${agency.type}`)}</Table.Td>
              <Table.Td>{agency.parent?.name ?? '—'}</Table.Td>
              <Table.Td>{formatDate(agency.validFrom)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <AgencyStatusBadge status={agency.status} />
                {agency.successor && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('agencies.mergedInto', { name: agency.successor.shortName })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(agency.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
