import { Checkbox, Stack, Table, Text } from '@mantine/core';
import { formatDateTimeMinutes } from '@nghiemthu/shared';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyRows } from '../../ui/empty-rows';
import { FilterTextInput } from '../../ui/filter-text-input';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { useRecordList } from '../records/records.api';

export type PickedRecord = { id: string; code: string; title: string };

const PAGE_SIZE = 20;

/**
 * Closed records within reach, searchable and paged, each with a checkbox; the
 * choice survives paging and searching, so a package can gather records from
 * several pages.
 */
export function RecordPicker({ picked, onChange }: { picked: Map<string, PickedRecord>; onChange: (picked: Map<string, PickedRecord>) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const records = useRecordList({ status: 'closed', q: q || undefined, page, pageSize: PAGE_SIZE, sort: 'closedAt', order: 'desc' });
  const items = records.data?.items ?? [];
  const pickedHere = items.filter((record) => picked.has(record.id)).length;

  function toggle(records: PickedRecord[], isPicked: boolean) {
    const next = new Map(picked);
    for (const record of records) {
      if (isPicked) next.set(record.id, { id: record.id, code: record.code, title: record.title });
      else next.delete(record.id);
    }
    onChange(next);
  }

  return (
    <Stack gap="sm">
      <FilterTextInput
        label={t('common.search')}
        placeholder={t('records.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(value) => {
          setQ(value);
          setPage(1);
        }}
        w={{ base: '100%', sm: 320 }}
      />
      {records.isError && <QueryError error={records.error} onRetry={() => void records.refetch()} />}
      {records.isPending && <PageLoader />}
      {records.data && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="xs" aria-label={t('archivalTransfer.closedRecords')} aria-busy={records.isPlaceholderData}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('archivalTransfer.pickPage')}
                      checked={items.length > 0 && pickedHere === items.length}
                      indeterminate={pickedHere > 0 && pickedHere < items.length}
                      onChange={(event) => toggle(items, event.currentTarget.checked)}
                    />
                  </Table.Th>
                  <Table.Th>{t('records.code')}</Table.Th>
                  <Table.Th>{t('records.recordTitle')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('records.documents')}</Table.Th>
                  <Table.Th>{t('records.closedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && <EmptyRows colSpan={5} hasFilters={q !== ''} />}
                {items.map((record) => (
                  <Table.Tr key={record.id} data-testid="archival-record-row">
                    <Table.Td>
                      <Checkbox
                        aria-label={t('archivalTransfer.pickRecord', { code: record.code })}
                        checked={picked.has(record.id)}
                        onChange={(event) => toggle([record], event.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>{record.code}</Table.Td>
                    <Table.Td maw={460}>
                      <Text size="sm">{record.title}</Text>
                      {record.dossierCode && <Text size="xs" c="dimmed">{record.dossierCode}</Text>}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{record.documentCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{record.closedAt ? formatDateTimeMinutes(record.closedAt) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={page} pageSize={PAGE_SIZE} total={records.data.total} onPageChange={setPage} />
        </>
      )}
    </Stack>
  );
}
