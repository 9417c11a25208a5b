import { Button, Group, Menu, Stack } from '@mantine/core';
import { AGENCY_STATUSES, AGENCY_TYPES } from '@nghiemthu/shared';
import { IconChevronDown, IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { AGENCY_SORTS, agencyExportUrl, useAgencyList } from './agencies.api';
import { AgenciesTable } from './agencies-table';
import { AgencyCodeLookupBox } from './agency-code-lookup';
import { AGENCY_FILTERS, AgencyFilters } from './agency-filters';
import { AgencyFormModal } from './agency-form-modal';
import { AgencyImportModal } from './agency-import-modal';

export function AgenciesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [openModal, setOpenModal] = useState<'create' | 'import' | null>(null);
  const list = useListParams({
    sorts: AGENCY_SORTS,
    defaultSort: 'code',
    defaultOrder: 'asc',
    filters: AGENCY_FILTERS,
  });
  const agencies = useAgencyList({
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    order: list.order,
    q: list.filters.q || undefined,
    type: oneOf(AGENCY_TYPES, list.filters.type),
    status: oneOf(AGENCY_STATUSES, list.filters.status),
    parentId: list.filters.parentId || undefined,
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('agencies.title')}</PageTitle>
        <Group gap="sm">
          {me.permissions.createAgencies && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setOpenModal('create')}
              data-testid="agency-create"
            >
              {t('agencies.create')}
            </Button>
          )}
          {me.permissions.importAgencies && (
            <Button
              variant="default"
              leftSection={<IconUpload size={16} aria-hidden />}
              onClick={() => setOpenModal('import')}
            >
              {t('agencies.import')}
            </Button>
          )}
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
              >
                {t('agencies.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={agencyExportUrl('xlsx')} download>
                {t('agencies.exportXlsx')}
              </Menu.Item>
              <Menu.Item component="a" href={agencyExportUrl('csv')} download>
                {t('agencies.exportCsv')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <AgencyCodeLookupBox />
      <AgencyFilters list={list} />
      {agencies.isError && <QueryError error={agencies.error} onRetry={() => void agencies.refetch()} />}
      {agencies.isPending && <PageLoader />}
      {agencies.data && (
        <>
          <AgenciesTable
            agencies={agencies.data.items}
            sort={list.sort}
            order={list.order}
            onSort={list.toggleSort}
            hasFilters={list.hasFilters}
            isRefreshing={agencies.isPlaceholderData}
          />
          <ListFooter
            page={list.page}
            pageSize={list.pageSize}
            total={agencies.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
      <AgencyFormModal opened={openModal === 'create'} onClose={() => setOpenModal(null)} />
      <AgencyImportModal opened={openModal === 'import'} onClose={() => setOpenModal(null)} />
    </Stack>
  );
}
