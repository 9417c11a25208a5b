import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { RECORD_STATUSES, formatDate, formatDateTimeMinutes, type RecordStatus } from '@nghiemthu/shared';
import { IconArchive, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyRows } from '../../ui/empty-rows';
import { FilterBar } from '../../ui/filter-bar';
import { FilterTextInput } from '../../ui/filter-text-input';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { SortableTh } from '../../ui/sortable-th';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { DispositionLink } from '../disposition/disposition-link';
import { RecordStatusBadge } from './record-status-badge';
import { RECORD_SORTS, useRecordList } from './records.api';

const RECORD_FILTERS = ['q', 'status', 'year'] as const;

/** The electronic records within reach, newest closed first: each one the sealed file of an acceptance. */
export function RecordsPage() {
  const { t } = useTranslation();
  const list = useListParams({ sorts: RECORD_SORTS, defaultSort: 'closedAt', defaultOrder: 'desc', filters: RECORD_FILTERS });
  const year = Number(list.filters.year);
  const records = useRecordList({
    page: list.page, pageSize: list.pageSize, sort: list.sort, order: list.order, q: list.filters.q || undefined,
    status: oneOf(RECORD_STATUSES, list.filters.status) as RecordStatus | undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
  });
  const sortable = { sort: list.sort, order: list.order, onSort: list.toggleSort };
  const thisYear = new Date().getFullYear();

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('records.title')}</PageTitle>
        <Group gap="sm">
          <Button component={Link} to="/records/search" variant="default" leftSection={<IconSearch size={16} aria-hidden />} data-testid="records-search">
            {t('search.title')}
          </Button>
          <Button component={Link} to="/records/archival-transfer" variant="default" leftSection={<IconArchive size={16} aria-hidden />} data-testid="records-archival-transfer">
            {t('archivalTransfer.title')}
          </Button>
          <DispositionLink />
        </Group>
      </Group>
      <Text size="sm" c="dimmed">{t('records.intro')}</Text>
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <FilterTextInput
          label={t('common.search')}
          placeholder={t('records.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={list.filters.q}
          onChange={(value) => list.setFilter('q', value)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('records.status')}
          placeholder={t('common.all')}
          data={RECORD_STATUSES.map((status) => ({ value: status, label: t(`records.statuses.${status}`) }))}
          value={list.filters.status || null}
          onChange={(value) => list.setFilter('status', value)}
          clearable
          w={{ base: '100%', sm: 160 }}
        />
        <Select
          label={t('records.year')}
          placeholder={t('common.all')}
          data={Array.from({ length: 8 }, (_, i) => String(thisYear - i))}
          value={list.filters.year || null}
          onChange={(value) => list.setFilter('year', value)}
          clearable
          w={{ base: '100%', sm: 120 }}
        />
      </FilterBar>
      {records.isError && <QueryError error={records.error} onRetry={() => void records.refetch()} />}
      {records.isPending && <PageLoader />}
      {records.data && (
        <>
          <Table.ScrollContainer minWidth={960}>
            <Table highlightOnHover verticalSpacing="xs" aria-label={t('records.title')} aria-busy={records.isPlaceholderData} data-testid="records-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="code" {...sortable}>{t('records.code')}</SortableTh>
                  <SortableTh field="title" {...sortable}>{t('records.recordTitle')}</SortableTh>
                  <Table.Th>{t('records.retention')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('records.documents')}</Table.Th>
                  <Table.Th>{t('records.status')}</Table.Th>
                  <SortableTh field="closedAt" {...sortable}>{t('records.closedAt')}</SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.data.items.length === 0 && <EmptyRows colSpan={6} hasFilters={list.hasFilters} />}
                {records.data.items.map((record) => (
                  <Table.Tr key={record.id} data-testid="record-row">
                    <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>{record.code}</Table.Td>
                    <Table.Td maw={460}>
                      <Anchor component={Link} to={`/records/${record.id}`} fw={500}>{record.title}</Anchor>
                      <Text size="xs" c="dimmed">
                        {record.recordClass.name}{record.dossierCode ? ` · ${record.dossierCode}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {record.retentionYears === null ? t('records.permanent') : t('records.years', { count: record.retentionYears })}
                      {record.keptUntilYear && <Text size="xs" c="dimmed">{t('records.keptUntil', { year: record.keptUntilYear })}</Text>}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{record.documentCount}</Table.Td>
                    <Table.Td><RecordStatusBadge status={record.status} /></Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {record.closedAt ? formatDateTimeMinutes(record.closedAt) : '—'}
                      {record.endDate && <Text size="xs" c="dimmed">{t('records.endedOn', { date: formatDate(record.endDate) })}</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={list.page} pageSize={list.pageSize} total={records.data.total} onPageChange={list.setPage} />
        </>
      )}
    </Stack>
  );
}
