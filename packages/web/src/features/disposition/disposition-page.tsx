import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { Record as RecordItem } from '@nghiemthu/shared';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FilterBar } from '../../ui/filter-bar';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { SectionCard } from '../../ui/section-card';
import { useListParams } from '../../ui/use-list-params';
import { BatchesSection } from './batches-section';
import { EXPIRED_SORTS, useExpiredRecords } from './disposition.api';
import { ExpiredRecordsTable } from './expired-records-table';
import { ProposeBatchModal } from './propose-batch-modal';

const FILTERS = ['year'] as const;

/** "Tiêu hủy hồ sơ hết hạn": the records past their retention period, picked into a batch, and the batches so far. */
export function DispositionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useListParams({ sorts: EXPIRED_SORTS, defaultSort: 'endDate', defaultOrder: 'asc', filters: FILTERS });
  const year = Number(list.filters.year);
  const expired = useExpiredRecords({
    page: list.page, pageSize: list.pageSize, sort: list.sort, order: list.order, year: Number.isInteger(year) && year >= 1900 ? year : undefined,
  });
  const [selected, setSelected] = useState<Map<string, RecordItem>>(new Map());
  const [isProposing, setProposing] = useState(false);
  const canPropose = expired.data?.canPropose ?? false;
  const lastExpiredYear = (expired.data?.currentYear ?? new Date().getFullYear()) - 1;

  function toggle(records: RecordItem[], isSelected: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      for (const record of records) {
        if (isSelected) next.set(record.id, record);
        else next.delete(record.id);
      }
      return next;
    });
  }

  return (
    <Stack>
      <Anchor component={Link} to="/records" size="sm">
        <Group gap={4}><IconArrowLeft size={14} aria-hidden />{t('disposition.backToRecords')}</Group>
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('disposition.title')}</PageTitle>
        {canPropose && (
          <Button leftSection={<IconTrash size={16} aria-hidden />} disabled={selected.size === 0} onClick={() => setProposing(true)} data-testid="propose-batch">
            {t('disposition.propose')}{selected.size > 0 ? ` (${selected.size})` : ''}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">{t('disposition.intro')}</Text>
      <SectionCard title={t('disposition.expiredTitle')} testId="disposition-expired">
        <Stack gap="sm">
          <Text size="sm">{t('disposition.expiredAsOf', { year: lastExpiredYear + 1, last: lastExpiredYear })}</Text>
          <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
            <Select
              label={t('disposition.endYear')} placeholder={t('common.all')} clearable w={{ base: '100%', sm: 140 }}
              data={Array.from({ length: 30 }, (_, i) => String(lastExpiredYear - i))}
              value={list.filters.year || null} onChange={(value) => list.setFilter('year', value)}
            />
          </FilterBar>
          {expired.isError && <QueryError error={expired.error} onRetry={() => void expired.refetch()} />}
          {expired.isPending && <PageLoader />}
          {expired.data && (
            <>
              {canPropose && selected.size > 0 && <Text size="sm" aria-live="polite">{t('disposition.selected', { count: selected.size })}</Text>}
              <ExpiredRecordsTable
                page={expired.data} isLoading={expired.isPlaceholderData} hasFilters={list.hasFilters}
                sortable={{ sort: list.sort, order: list.order, onSort: list.toggleSort }}
                selected={canPropose ? selected : null} onToggle={toggle}
              />
              <ListFooter page={list.page} pageSize={list.pageSize} total={expired.data.total} onPageChange={list.setPage} />
            </>
          )}
        </Stack>
      </SectionCard>
      <BatchesSection />
      {isProposing && (
        <ProposeBatchModal
          records={[...selected.values()]} onClose={() => setProposing(false)}
          onProposed={(batch) => void navigate(`/records/disposition/batches/${batch.id}`)}
        />
      )}
    </Stack>
  );
}
