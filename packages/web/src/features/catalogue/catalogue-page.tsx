import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { CATALOGUE_SERVICE_STATUSES, ORDERING_METHODS, formatVnd } from '@nghiemthu/shared';
import { IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyRows } from '../../ui/empty-rows';
import { FilterTextInput } from '../../ui/filter-text-input';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { SortableTh } from '../../ui/sortable-th';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { CATALOGUE_EXPORT_URL, CATALOGUE_SORTS, useCatalogueList } from './catalogue.api';
import { CatalogueImportModal } from './catalogue-import-modal';
import { ServiceFormModal } from './service-form-modal';
import { FilterBar } from '../../ui/filter-bar';

const FILTERS = ['q', 'status', 'orderingMethod'] as const;

export function CataloguePage() {
  const { t } = useTranslation();
  const [openModal, setOpenModal] = useState<'create' | 'import' | null>(null);
  const closeModal = () => setOpenModal(null);
  const list = useListParams({ sorts: CATALOGUE_SORTS, defaultSort: 'code', defaultOrder: 'asc', filters: FILTERS });
  const services = useCatalogueList({
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    order: list.order,
    q: list.filters.q || undefined,
    status: oneOf(CATALOGUE_SERVICE_STATUSES, list.filters.status),
    orderingMethod: oneOf(ORDERING_METHODS, list.filters.orderingMethod),
  });
  const sortable = { sort: list.sort, order: list.order, onSort: list.toggleSort };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('catalogue.title')}</PageTitle>
        <Group gap="sm">
          {services.data?.canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpenModal('create')}>
              {t('catalogue.create')}
            </Button>
          )}
          {services.data?.canImport && (
            <Button variant="default" leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setOpenModal('import')}>
              {t('catalogue.import')}
            </Button>
          )}
          <Button variant="default" component="a" href={CATALOGUE_EXPORT_URL} download leftSection={<IconDownload size={16} aria-hidden />}>
            {t('catalogue.export')}
          </Button>
        </Group>
      </Group>
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <FilterTextInput
          label={t('common.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={list.filters.q}
          onChange={(value) => list.setFilter('q', value)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('catalogue.orderingMethod')}
          placeholder={t('common.all')}
          data={ORDERING_METHODS.map((method) => ({ value: method, label: t(`catalogue.methods.${method}`) }))}
          value={list.filters.orderingMethod || null}
          onChange={(value) => list.setFilter('orderingMethod', value)}
          clearable
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={t('catalogue.status')}
          placeholder={t('common.all')}
          data={CATALOGUE_SERVICE_STATUSES.map((status) => ({ value: status, label: t(`catalogue.statuses.${status}`) }))}
          value={list.filters.status || null}
          onChange={(value) => list.setFilter('status', value)}
          clearable
          w={{ base: '100%', sm: 170 }}
        />
      </FilterBar>
      {services.isError && <QueryError error={services.error} onRetry={() => void services.refetch()} />}
      {services.isPending && <PageLoader />}
      {services.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing="xs" aria-label={t('catalogue.title')} data-testid="catalogue-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="code" {...sortable}>{t('catalogue.code')}</SortableTh>
                  <SortableTh field="name" {...sortable}>{t('catalogue.name')}</SortableTh>
                  <Table.Th>{t('catalogue.unit')}</Table.Th>
                  <Table.Th>{t('catalogue.orderingMethods')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('catalogue.currentPrice')}</Table.Th>
                  <Table.Th>{t('catalogue.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {services.data.items.length === 0 && <EmptyRows colSpan={6} hasFilters={list.hasFilters} />}
                {services.data.items.map((service) => (
                  <Table.Tr key={service.id}>
                    <Table.Td className="mono">{service.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/catalogue/${service.id}`} fw={500}>{service.name}</Anchor>
                    </Table.Td>
                    <Table.Td>{service.unit}</Table.Td>
                    <Table.Td>{service.orderingMethods.map((method) => t(`catalogue.methods.${method}`)).join(', ')}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {service.currentPrice ? formatVnd(service.currentPrice.unitPrice) : <Text span c="dimmed">—</Text>}
                    </Table.Td>
                    {/* The status is short and must be read whole; the name column takes the squeeze. */}
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light" color={service.status === 'active' ? 'green' : 'gray'} style={{ overflow: 'visible' }}>
                        {t(`catalogue.statuses.${service.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={list.page} pageSize={list.pageSize} total={services.data.total} onPageChange={list.setPage} />
        </>
      )}
      <ServiceFormModal opened={openModal === 'create'} onClose={closeModal} />
      <CatalogueImportModal opened={openModal === 'import'} onClose={closeModal} />
    </Stack>
  );
}
