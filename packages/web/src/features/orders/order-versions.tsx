import { Badge, Button, DataList, Modal, Stack, Table, Text } from '@mantine/core';
import { formatDate, formatDateTimeMinutes, formatVnd, type OrderDetail, type OrderVersionSummary } from '@nghiemthu/shared';
import { useMediaQuery } from '@mantine/hooks';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { DataItem } from '../../ui/section-card';
import { OrderLinesTable } from './order-lines-table';
import { useOrderVersion } from './orders.api';

/** Who approved an amendment, and for whom when acting under a delegation. */
function Approver({ version }: { version: OrderVersionSummary }) {
  const { t } = useTranslation();
  if (!version.approvedBy) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Text size="sm">
      {version.approvedBy.fullName}
      {version.approvedActingFor && (
        <Text span size="sm" c="dimmed"> ({t('orders.actingFor', { name: version.approvedActingFor.fullName })})</Text>
      )}
    </Text>
  );
}

/** Every version of the order, newest first; each opens read-only. */
export function OrderVersionsTable({ order, onOpen }: { order: OrderDetail; onOpen: (version: number) => void }) {
  const { t } = useTranslation();
  const versions = [...order.versions].reverse();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" data-testid="order-versions" aria-label={t('orders.sections.versions')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.version')}</Table.Th>
            <Table.Th>{t('orders.versionCreated')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.totalValue')}</Table.Th>
            <Table.Th>{t('orders.amendReason')}</Table.Th>
            <Table.Th>{t('orders.approvalDocumentShort')}</Table.Th>
            <Table.Th>{t('orders.approvedBy')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((version) => (
            <Table.Tr key={version.version} data-testid="order-version-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t('orders.versionNumber', { version: version.version })}
                {version.version === order.version && (
                  <Badge ml={6} size="sm" variant="light" tt="none">{t('orders.versionCurrent')}</Badge>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTimeMinutes(version.createdAt)}
                <Text size="xs" c="dimmed">{version.createdBy.fullName}</Text>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(version.totalValue)}</Table.Td>
              <Table.Td maw={280}>{version.reason ?? <Text span size="sm" c="dimmed">{t('orders.originalVersion')}</Text>}</Table.Td>
              <Table.Td maw={240}>{version.approvalDocument ?? '—'}</Table.Td>
              <Table.Td><Approver version={version} /></Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconEye size={14} aria-hidden />}
                  onClick={() => onOpen(version.version)}
                  aria-label={t('orders.openVersion', { version: version.version })}
                >
                  {t('orders.view')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One version read-only: what it said, why it was made and who approved it. */
export function OrderVersionModal({ orderId, version, opened, onClose }: { orderId: string; version: number | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useOrderVersion(orderId, version);
  // A version is mostly its table of lines: on a phone it gets the whole screen.
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} size={1000} fullScreen={isPhone} title={t('orders.versionTitle', { version: version ?? '' })}>
      {detail.isPending && <PageLoader />}
      {detail.isError && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && (
        <Stack data-testid="order-version-detail">
          <DataList labelWidth="180px" orientation={isPhone ? 'vertical' : 'horizontal'}>
            <DataItem label={t('orders.orderTitle')}>{detail.data.content.title}</DataItem>
            <DataItem label={t('orders.executionPeriod')}>
              {formatDate(detail.data.content.startDate)} – {formatDate(detail.data.content.endDate)}
            </DataItem>
            <DataItem label={t('orders.versionCreated')}>
              {formatDateTimeMinutes(detail.data.createdAt)} · {detail.data.createdBy.fullName}
            </DataItem>
            {detail.data.reason && <DataItem label={t('orders.amendReason')}>{detail.data.reason}</DataItem>}
            {detail.data.approvalDocument && <DataItem label={t('orders.form.approvalDocument')}>{detail.data.approvalDocument}</DataItem>}
            {detail.data.approvedBy && <DataItem label={t('orders.approvedBy')}><Approver version={detail.data} /></DataItem>}
          </DataList>
          <OrderLinesTable lines={detail.data.content.lines} total={detail.data.totalValue} />
        </Stack>
      )}
    </Modal>
  );
}
