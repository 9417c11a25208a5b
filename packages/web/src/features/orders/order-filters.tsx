import { Select } from '@mantine/core';
import { ORDERING_METHODS, ORDER_STATUSES } from '@nghiemthu/shared';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../ui/filter-bar';
import { FilterTextInput } from '../../ui/filter-text-input';
import { todayIsoDate } from '../../ui/format';
import type { ListParams } from '../../ui/use-list-params';
import type { OrderSort } from './orders.api';
import { ProviderPicker } from './provider-picker';

export const ORDER_FILTERS = ['q', 'status', 'method', 'budgetYear', 'provider'] as const;
type OrderFilter = (typeof ORDER_FILTERS)[number];

/** Budget years offered: next year back to five years ago, and any other year already in the address. */
function budgetYears(chosen: string): string[] {
  const thisYear = Number(todayIsoDate().slice(0, 4));
  const years = Array.from({ length: 7 }, (_, i) => String(thisYear + 1 - i));
  return chosen && !years.includes(chosen) ? [chosen, ...years] : years;
}

export function OrderFilters({ list }: { list: ListParams<OrderSort, OrderFilter> }) {
  const { t } = useTranslation();
  return (
    <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
      <FilterTextInput
        label={t('common.search')}
        placeholder={t('orders.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={list.filters.q}
        onChange={(value) => list.setFilter('q', value)}
        w={{ base: '100%', sm: 220 }}
      />
      <Select
        label={t('orders.status')}
        placeholder={t('common.all')}
        data={ORDER_STATUSES.map((status) => ({ value: status, label: t(`orders.statuses.${status}`) }))}
        value={list.filters.status || null}
        onChange={(value) => list.setFilter('status', value)}
        clearable
        w={{ base: '100%', sm: 160 }}
      />
      <Select
        label={t('orders.method')}
        placeholder={t('common.all')}
        data={ORDERING_METHODS.map((method) => ({ value: method, label: t(`catalogue.methods.${method}`) }))}
        value={list.filters.method || null}
        onChange={(value) => list.setFilter('method', value)}
        clearable
        w={{ base: '100%', sm: 160 }}
      />
      <Select
        label={t('orders.budgetYear')}
        placeholder={t('common.all')}
        data={budgetYears(list.filters.budgetYear)}
        value={list.filters.budgetYear || null}
        onChange={(value) => list.setFilter('budgetYear', value)}
        clearable
        w={{ base: '100%', sm: 120 }}
      />
      <ProviderPicker
        label={t('orders.provider')}
        value={list.filters.provider || null}
        onChange={(value) => list.setFilter('provider', value)}
        w={{ base: '100%', sm: 260 }}
      />
    </FilterBar>
  );
}
