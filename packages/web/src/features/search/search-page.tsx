import { Button, EmptyState, Group, Select, Stack, Text } from '@mantine/core';
import { DOCUMENT_SIGNATURE_STATUSES, DOCUMENT_TYPES, type SearchExportQuery } from '@nghiemthu/shared';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiUrl } from '../../app/api-client';
import { FilterBar } from '../../ui/filter-bar';
import { FilterTextInput } from '../../ui/filter-text-input';
import { ListFooter } from '../../ui/list-footer';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { SavedSearches } from './saved-searches';
import { SEARCH_SORTS, useSearch } from './search.api';
import { SearchHitCard } from './search-hit';

const SEARCH_FILTERS = ['q', 'year', 'typeCode', 'signatureStatus'] as const;

/** Full-text search of the records' documents: type with or without diacritics; exact matches come first. */
export function SearchPage() {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const list = useListParams({ sorts: SEARCH_SORTS, defaultSort: 'relevance', defaultOrder: 'desc', filters: SEARCH_FILTERS });
  const year = Number(list.filters.year);
  const query: SearchExportQuery = {
    sort: list.sort,
    order: list.order,
    q: list.filters.q.trim() || undefined,
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined,
    typeCode: oneOf(DOCUMENT_TYPES, list.filters.typeCode),
    signatureStatus: oneOf(DOCUMENT_SIGNATURE_STATUSES, list.filters.signatureStatus),
  };
  const hasQuery = list.hasFilters;
  const results = useSearch({ ...query, page: list.page, pageSize: list.pageSize }, hasQuery);
  const thisYear = new Date().getFullYear();

  function apply(saved: SearchExportQuery) {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(saved)) if (value !== undefined && value !== null && value !== '') next.set(key, String(value));
    setParams(next);
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('search.title')}</PageTitle>
        <Button
          component="a"
          href={apiUrl('/api/search/export.xlsx', query)}
          download
          variant="default"
          disabled={!hasQuery}
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('search.export')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">{t('search.intro')}</Text>
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <FilterTextInput
          label={t('search.words')}
          placeholder={t('search.wordsPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={list.filters.q}
          onChange={(value) => list.setFilter('q', value)}
          w={{ base: '100%', sm: 320 }}
        />
        <Select
          label={t('search.year')}
          placeholder={t('common.all')}
          data={Array.from({ length: 10 }, (_, i) => String(thisYear - i))}
          value={list.filters.year || null}
          onChange={(value) => list.setFilter('year', value)}
          clearable
          w={{ base: '100%', sm: 110 }}
        />
        <Select
          label={t('search.type')}
          placeholder={t('common.all')}
          data={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`records.types.${type}`) }))}
          value={list.filters.typeCode || null}
          onChange={(value) => list.setFilter('typeCode', value)}
          clearable
          w={{ base: '100%', sm: 190 }}
        />
        <Select
          label={t('search.signature')}
          placeholder={t('common.all')}
          data={DOCUMENT_SIGNATURE_STATUSES.map((status) => ({ value: status, label: t(`records.signatureStatuses.${status}`) }))}
          value={list.filters.signatureStatus || null}
          onChange={(value) => list.setFilter('signatureStatus', value)}
          clearable
          w={{ base: '100%', sm: 190 }}
        />
        <Select
          label={t('search.sort')}
          data={SEARCH_SORTS.map((sort) => ({ value: sort, label: t(`search.sorts.${sort}`) }))}
          value={list.sort}
          onChange={(value) => value && list.toggleSort(value as (typeof SEARCH_SORTS)[number])}
          allowDeselect={false}
          w={{ base: '100%', sm: 170 }}
        />
      </FilterBar>
      <SavedSearches current={query} onApply={apply} />
      {!hasQuery && <EmptyState py="xl" icon={<IconSearch aria-hidden />} title={t('search.startHint')} />}
      {results.isError && <QueryError error={results.error} onRetry={() => void results.refetch()} />}
      {hasQuery && results.isPending && <PageLoader />}
      {hasQuery && results.data && (
        <Stack gap="sm" aria-busy={results.isPlaceholderData} data-testid="search-results">
          <Text size="sm" aria-live="polite">{t('search.found', { count: results.data.total })}</Text>
          {results.data.items.map((hit) => <SearchHitCard key={hit.documentId} hit={hit} />)}
          <ListFooter page={list.page} pageSize={list.pageSize} total={results.data.total} onPageChange={list.setPage} />
        </Stack>
      )}
    </Stack>
  );
}
