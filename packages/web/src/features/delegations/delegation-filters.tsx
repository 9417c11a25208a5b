import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ListParams } from '../../ui/use-list-params';
import { DELEGATION_STATUSES, type DelegationSort } from './delegations.api';
import { FilterBar } from '../../ui/filter-bar';

export const DELEGATION_FILTERS = ['status'] as const;
type DelegationFilter = (typeof DELEGATION_FILTERS)[number];

export function DelegationFilters({ list }: { list: ListParams<DelegationSort, DelegationFilter> }) {
  const { t } = useTranslation();
  return (
    <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
      <Select
        label={t('delegations.status')}
        placeholder={t('common.all')}
        data={DELEGATION_STATUSES.map((status) => ({ value: status, label: t(`delegations.statuses.${status}`) }))}
        value={list.filters.status || null}
        onChange={(value) => list.setFilter('status', value)}
        clearable
        w={{ base: '100%', sm: 200 }}
        data-testid="delegation-status-filter"
      />
    </FilterBar>
  );
}
