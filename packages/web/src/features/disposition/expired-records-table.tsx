import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import type { ExpiredRecordPage, Record as RecordItem } from '@nghiemthu/shared';
import { formatDate } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyRows } from '../../ui/empty-rows';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';

type Sortable = { sort: 'endDate' | 'code' | 'title'; order: SortOrder; onSort: (field: 'endDate' | 'code' | 'title') => void };

type Props = {
  page: ExpiredRecordPage;
  isLoading: boolean;
  hasFilters: boolean;
  sortable: Sortable;
  /** Selected records by id, kept across pages; null when the reader may not propose (no checkboxes). */
  selected: Map<string, RecordItem> | null;
  onToggle: (records: RecordItem[], isSelected: boolean) => void;
};

/** Closed records past their retention period, oldest end first, each to be picked for a disposition batch. */
export function ExpiredRecordsTable({ page, isLoading, hasFilters, sortable, selected, onToggle }: Props) {
  const { t } = useTranslation();
  const isAllSelected = selected !== null && page.items.length > 0 && page.items.every((r) => selected.has(r.id));
  const columns = selected ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={t('disposition.expiredTitle')} aria-busy={isLoading} data-testid="expired-table">
        <Table.Thead>
          <Table.Tr>
            {selected && (
              <Table.Th w={40}>
                <Checkbox aria-label={t('disposition.selectPage')} checked={isAllSelected} onChange={(event) => onToggle(page.items, event.currentTarget.checked)} />
              </Table.Th>
            )}
            <SortableTh field="code" {...sortable}>{t('disposition.code')}</SortableTh>
            <SortableTh field="title" {...sortable}>{t('disposition.recordTitle')}</SortableTh>
            <SortableTh field="endDate" {...sortable}>{t('disposition.endYear')}</SortableTh>
            <Table.Th>{t('disposition.retention')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('disposition.documents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page.items.length === 0 && <EmptyRows colSpan={columns} hasFilters={hasFilters} />}
          {page.items.map((record) => (
            <Table.Tr key={record.id} data-testid="expired-row">
              {selected && (
                <Table.Td>
                  <Checkbox aria-label={t('disposition.select', { code: record.code })} checked={selected.has(record.id)} onChange={(event) => onToggle([record], event.currentTarget.checked)} />
                </Table.Td>
              )}
              <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>{record.code}</Table.Td>
              <Table.Td maw={440}>
                <Anchor component={Link} to={`/records/${record.id}`} fw={500}>{record.title}</Anchor>
                <Text size="xs" c="dimmed">{record.recordClass.name} · {record.agency.shortName}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{record.endDate ? formatDate(record.endDate) : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t('disposition.years', { count: record.retentionYears ?? 0 })}
                {record.keptUntilYear && <Text size="xs" c="dimmed">{t('records.keptUntil', { year: record.keptUntilYear })}</Text>}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{record.documentCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
