import { Select } from '@mantine/core';
import { AGENCY_STATUSES, AGENCY_TYPES } from '@nghiemthu/shared';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterTextInput } from '../../ui/filter-text-input';
import type { ListParams } from '../../ui/use-list-params';
import type { AgencySort } from './agencies.api';
import { AgencyPicker } from './agency-picker';
import { FilterBar } from '../../ui/filter-bar';

export const AGENCY_FILTERS = ['q', 'type', 'status', 'parentId'] as const;
type AgencyFilter = (typeof AGENCY_FILTERS)[number];

export function AgencyFilters({ list }: { list: ListParams<AgencySort, AgencyFilter> }) {
  const { t } = useTranslation();
  return (
    <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
      <FilterTextInput
        label={t('common.search')}
        placeholder={t('agencies.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={list.filters.q}
        onChange={(value) => list.setFilter('q', value)}
        w={{ base: '100%', sm: 260 }}
      />
      <Select
        label={t('agencies.type')}
        placeholder={t('common.all')}
        data={AGENCY_TYPES.map((type) => ({ value: type, label: t(`agencyTypes.${type}`) }))}
        value={list.filters.type || null}
        onChange={(value) => list.setFilter('type', value)}
        clearable
        w={{ base: '100%', sm: 220 }}
      />
      <Select
        label={t('agencies.status')}
        placeholder={t('common.all')}
        data={AGENCY_STATUSES.map((status) => ({ value: status, label: t(`agencyStatus.${status}`) }))}
        value={list.filters.status || null}
        onChange={(value) => list.setFilter('status', value)}
        clearable
        w={{ base: '100%', sm: 170 }}
      />
      <AgencyPicker
        label={t('agencies.parent')}
        value={list.filters.parentId || null}
        onChange={(value) => list.setFilter('parentId', value)}
        w={{ base: '100%', sm: 300 }}
      />
    </FilterBar>
  );
}
