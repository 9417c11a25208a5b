import { Button, Group, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { useListParams } from '../../ui/use-list-params';
import { AUDIT_FILTERS, auditExportUrl, useAuditEvents } from './audit.api';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { AuditVerification, AuditVerifyButton } from './audit-verify';

export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [verifyTaskId, setVerifyTaskId] = useState<string | null>(null);
  const list = useListParams({
    sorts: ['seq'] as const,
    defaultSort: 'seq',
    defaultOrder: 'desc',
    filters: AUDIT_FILTERS,
  });
  const events = useAuditEvents({ page: list.page, pageSize: list.pageSize, order: list.order, filters: list.filters });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('audit.title')}</PageTitle>
        <Group gap="sm">
          <Button
            component="a"
            href={auditExportUrl(list.filters)}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('audit.exportCsv')}
          </Button>
          {me.permissions.verifyAudit && <AuditVerifyButton onTaskStarted={setVerifyTaskId} />}
        </Group>
      </Group>
      <div aria-live="polite">{verifyTaskId && <AuditVerification key={verifyTaskId} taskId={verifyTaskId} />}</div>
      <AuditFilters list={list} />
      {events.isError && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      {events.isPending && <PageLoader />}
      {events.data && (
        <>
          <AuditTable
            events={events.data.items}
            order={list.order}
            onSort={list.toggleSort}
            hasFilters={list.hasFilters}
            isRefreshing={events.isPlaceholderData}
          />
          <ListFooter page={list.page} pageSize={list.pageSize} total={events.data.total} onPageChange={list.setPage} />
        </>
      )}
    </Stack>
  );
}
