import { Anchor, Table, Text } from '@mantine/core';
import { formatDate, formatDateTimeMinutes } from '@nghiemthu/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { SectionCard } from '../../ui/section-card';
import { BatchStatusBadge } from './batch-status-badge';
import { useDispositionBatches } from './disposition.api';

const PAGE_SIZE = 10;

/** The agency's disposition batches, newest first: what waits for approval, what was destroyed, what was cancelled. */
export function BatchesSection() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const batches = useDispositionBatches({ page, pageSize: PAGE_SIZE, sort: 'proposedAt', order: 'desc' });
  return (
    <SectionCard title={t('disposition.batchesTitle')} testId="disposition-batches">
      {batches.isError && <QueryError error={batches.error} onRetry={() => void batches.refetch()} />}
      {batches.isPending && <PageLoader />}
      {batches.data && batches.data.total === 0 && <Text size="sm" c="dimmed">{t('disposition.noBatches')}</Text>}
      {batches.data && batches.data.total > 0 && (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover aria-label={t('disposition.batchesTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('disposition.decision')}</Table.Th>
                  <Table.Th>{t('disposition.agency')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('disposition.recordCount')}</Table.Th>
                  <Table.Th>{t('disposition.proposedAt')}</Table.Th>
                  <Table.Th>{t('disposition.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.data.items.map((batch) => (
                  <Table.Tr key={batch.id} data-testid="batch-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/records/disposition/batches/${batch.id}`} fw={500}>
                        {t('disposition.decisionValue', { number: batch.decisionNumber, date: formatDate(batch.decisionDate) })}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{batch.agency.shortName}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{batch.recordCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeMinutes(batch.proposedAt)}</Table.Td>
                    <Table.Td><BatchStatusBadge status={batch.status} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={page} pageSize={PAGE_SIZE} total={batches.data.total} onPageChange={setPage} />
        </>
      )}
    </SectionCard>
  );
}
