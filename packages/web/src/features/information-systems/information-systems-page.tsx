import { Anchor, Badge, Button, Group, Select, Stack, Table } from '@mantine/core';
import { INFORMATION_SYSTEM_STATUSES, SECURITY_LEVELS } from '@nghiemthu/shared';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AgencyPicker } from '../agencies/agency-picker';
import { EmptyRows } from '../../ui/empty-rows';
import { FilterTextInput } from '../../ui/filter-text-input';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { SortableTh } from '../../ui/sortable-th';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { InformationSystemFormModal } from './information-system-form-modal';
import { SYSTEM_SORTS, useSystemList } from './information-systems.api';
import { FilterBar } from '../../ui/filter-bar';

const FILTERS = ['q', 'status', 'securityLevel', 'ownerAgencyId'] as const;

export function InformationSystemsPage() {
  const { t } = useTranslation();
  const [isCreateOpen, setCreateOpen] = useState(false);
  const list = useListParams({ sorts: SYSTEM_SORTS, defaultSort: 'code', defaultOrder: 'asc', filters: FILTERS });
  const level = Number(list.filters.securityLevel);
  const systems = useSystemList({
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    order: list.order,
    q: list.filters.q || undefined,
    status: oneOf(INFORMATION_SYSTEM_STATUSES, list.filters.status),
    securityLevel: level >= 1 && level <= 5 ? level : undefined,
    ownerAgencyId: list.filters.ownerAgencyId || undefined,
  });
  const sortable = { sort: list.sort, order: list.order, onSort: list.toggleSort };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('informationSystems.title')}</PageTitle>
        {systems.data?.canCreate && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreateOpen(true)}>
            {t('informationSystems.create')}
          </Button>
        )}
      </Group>
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <FilterTextInput
          label={t('common.search')}
          placeholder={t('informationSystems.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={list.filters.q}
          onChange={(value) => list.setFilter('q', value)}
          w={{ base: '100%', sm: 240 }}
        />
        <Select
          label={t('informationSystems.status')}
          placeholder={t('common.all')}
          data={INFORMATION_SYSTEM_STATUSES.map((status) => ({ value: status, label: t(`informationSystems.statuses.${status}`) }))}
          value={list.filters.status || null}
          onChange={(value) => list.setFilter('status', value)}
          clearable
          w={{ base: '100%', sm: 170 }}
        />
        <Select
          label={t('informationSystems.securityLevel')}
          placeholder={t('common.all')}
          data={SECURITY_LEVELS.map((value) => ({ value: String(value), label: t('informationSystems.level', { level: value }) }))}
          value={list.filters.securityLevel || null}
          onChange={(value) => list.setFilter('securityLevel', value)}
          clearable
          w={{ base: '100%', sm: 150 }}
        />
        <AgencyPicker
          label={t('informationSystems.owner')}
          value={list.filters.ownerAgencyId || null}
          onChange={(value) => list.setFilter('ownerAgencyId', value)}
          w={{ base: '100%', sm: 300 }}
        />
      </FilterBar>
      {systems.isError && <QueryError error={systems.error} onRetry={() => void systems.refetch()} />}
      {systems.isPending && <PageLoader />}
      {systems.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing="xs" aria-label={t('informationSystems.title')} data-testid="systems-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="code" {...sortable}>{t('informationSystems.code')}</SortableTh>
                  <SortableTh field="name" {...sortable}>{t('informationSystems.name')}</SortableTh>
                  <Table.Th>{t('informationSystems.owner')}</Table.Th>
                  <Table.Th>{t('informationSystems.operator')}</Table.Th>
                  <SortableTh field="securityLevel" {...sortable}>{t('informationSystems.securityLevel')}</SortableTh>
                  <Table.Th>{t('informationSystems.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {systems.data.items.length === 0 && <EmptyRows colSpan={6} hasFilters={list.hasFilters} />}
                {systems.data.items.map((system) => (
                  <Table.Tr key={system.id}>
                    <Table.Td className="mono">{system.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/information-systems/${system.id}`} fw={500}>
                        {system.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{system.owner.name}</Table.Td>
                    <Table.Td>{system.operator?.name ?? '—'}</Table.Td>
                    <Table.Td>{t('informationSystems.level', { level: system.securityLevel })}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={system.status === 'active' ? 'green' : 'gray'}>
                        {t(`informationSystems.statuses.${system.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={list.page} pageSize={list.pageSize} total={systems.data.total} onPageChange={list.setPage} />
        </>
      )}
      <InformationSystemFormModal opened={isCreateOpen} onClose={() => setCreateOpen(false)} />
    </Stack>
  );
}
