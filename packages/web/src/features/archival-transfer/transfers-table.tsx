import { Anchor, Badge, Table, Text } from '@mantine/core';
import { formatDateTimeMinutes, type ArchivalTransfer } from '@nghiemthu/shared';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EmptyRows } from '../../ui/empty-rows';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { packageUrl, reportUrl, useArchivalTransferList } from './archival-transfer.api';
import { formatPackageSize } from './package-size';

const PAGE_SIZE = 10;
const STATUS_COLORS: Record<ArchivalTransfer['status'], string> = { running: 'blue', succeeded: 'teal', failed: 'red' };

/** Packages exported and imported so far, newest first, each with its file (and an import's report) to download. */
export function TransfersTable() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const transfers = useArchivalTransferList({ page, pageSize: PAGE_SIZE });
  if (transfers.isError) return <QueryError error={transfers.error} onRetry={() => void transfers.refetch()} />;
  if (transfers.isPending) return <PageLoader />;
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="xs" aria-label={t('archivalTransfer.history')} aria-busy={transfers.isPlaceholderData} data-testid="archival-transfers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('archivalTransfer.direction')}</Table.Th>
              <Table.Th>{t('archivalTransfer.package')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('archivalTransfer.recordCount')}</Table.Th>
              <Table.Th>{t('archivalTransfer.status')}</Table.Th>
              <Table.Th>{t('archivalTransfer.createdBy')}</Table.Th>
              <Table.Th>{t('archivalTransfer.downloads')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfers.data.items.length === 0 && <EmptyRows colSpan={6} hasFilters={false} />}
            {transfers.data.items.map((transfer) => (
              <Table.Tr key={transfer.id} data-testid="archival-transfer-row">
                <Table.Td>{t(`archivalTransfer.directions.${transfer.direction}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono">{transfer.packageCode ?? transfer.fileName ?? '—'}</Text>
                  {transfer.packageBytes !== null && <Text size="xs" c="dimmed">{formatPackageSize(transfer.packageBytes)}</Text>}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{transfer.recordCount}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[transfer.status]} variant="light" tt="none">{statusLabel(t, transfer)}</Badge>
                  {transfer.error && <Text size="xs" c="red" maw={320}>{i18n.language === 'en' ? transfer.error.en : transfer.error.vi}</Text>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{transfer.createdBy.fullName}</Text>
                  <Text size="xs" c="dimmed">{formatDateTimeMinutes(transfer.createdAt)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {transfer.fileName && transfer.status !== 'running' && (transfer.direction === 'import' || transfer.status === 'succeeded') && (
                    <Anchor href={packageUrl(transfer.id)} download size="sm">{t('archivalTransfer.tarFile')}</Anchor>
                  )}
                  {transfer.direction === 'import' && transfer.isValid !== null && (
                    <Anchor href={reportUrl(transfer.id)} download size="sm" ml="sm">{t('archivalTransfer.reportFile')}</Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFooter page={page} pageSize={PAGE_SIZE} total={transfers.data.total} onPageChange={setPage} />
    </>
  );
}

function statusLabel(t: TFunction, transfer: ArchivalTransfer): string {
  if (transfer.direction === 'import' && transfer.isValid !== null) return t(transfer.isValid ? 'archivalTransfer.valid' : 'archivalTransfer.invalid');
  return t(`archivalTransfer.statuses.${transfer.status}`);
}
