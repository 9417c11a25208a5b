import { ActionIcon, Group, Input, Pill, Select, Tooltip } from '@mantine/core';
import { DOSSIER_STATES } from '@nghiemthu/shared';
import { IconSearch, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../ui/filter-bar';
import { FilterTextInput } from '../../ui/filter-text-input';
import type { ListParams } from '../../ui/use-list-params';
import { ProviderPicker } from '../orders/provider-picker';
import { DOSSIER_SORTS, type DossierSort } from './dossiers.api';

/** Kept in the address bar under the API's own names, so the overview can link straight to a filtered list. */
export const DOSSIER_FILTERS = ['q', 'state', 'states', 'open', 'deadline', 'providerAgencyId', 'orderId'] as const;
export type DossierFilter = (typeof DOSSIER_FILTERS)[number];
export const DEADLINE_FILTERS = ['due_soon', 'overdue'] as const;

const SORT_LABELS = {
  stepDueDate: 'dossiers.dueDate',
  code: 'dossiers.code',
  submittedAt: 'dossiers.submittedAt',
  plannedValue: 'dossiers.plannedValue',
  state: 'dossiers.state',
  updatedAt: 'dossiers.updatedAt',
} as const satisfies Record<DossierSort, string>;

type DossierFiltersProps = {
  list: ListParams<DossierSort, DossierFilter>;
  /** Providers see only their own dossiers: choosing a provider means nothing to them. */
  canChooseProvider: boolean;
  /** The order the list is narrowed to (?orderId=), as people know it. */
  orderLabel: string | null;
};

export function DossierFilters({ list, canChooseProvider, orderLabel }: DossierFiltersProps) {
  const { t } = useTranslation();
  const isAscending = list.order === 'asc';
  return (
    <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
      <FilterTextInput
        label={t('common.search')}
        placeholder={t('dossiers.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={list.filters.q}
        onChange={(value) => list.setFilter('q', value)}
        w={{ base: '100%', sm: 240 }}
        data-testid="dossier-search"
      />
      <Select
        label={t('dossiers.state')}
        placeholder={t('common.all')}
        data={DOSSIER_STATES.map((state) => ({ value: state, label: t(`dossiers.states.${state}`) }))}
        value={list.filters.state || null}
        onChange={(value) => list.setFilter('state', value)}
        clearable
        w={{ base: '100%', sm: 220 }}
        data-testid="dossier-state-filter"
      />
      <Select
        label={t('dossiers.deadline')}
        placeholder={t('common.all')}
        data={DEADLINE_FILTERS.map((deadline) => ({ value: deadline, label: t(`dossiers.deadlines.${deadline}`) }))}
        value={list.filters.deadline || null}
        onChange={(value) => list.setFilter('deadline', value)}
        clearable
        w={{ base: '100%', sm: 160 }}
        data-testid="dossier-deadline-filter"
      />
      {canChooseProvider && (
        <ProviderPicker
          label={t('dossiers.provider')}
          value={list.filters.providerAgencyId || null}
          onChange={(value) => list.setFilter('providerAgencyId', value)}
          w={{ base: '100%', sm: 280 }}
        />
      )}
      {list.filters.orderId && (
        <Input.Wrapper label={t('dossiers.orderFilter')} labelElement="div" w={{ base: '100%', sm: 'auto' }}>
          <Group h={36} align="center">
            <Pill
              size="md"
              withRemoveButton
              onRemove={() => list.setFilter('orderId', null)}
              removeButtonProps={{ 'aria-label': t('dossiers.removeOrderFilter', { code: orderLabel ?? '' }) }}
              maw={320}
              data-testid="dossier-order-filter"
            >
              {orderLabel ?? '…'}
            </Pill>
          </Group>
        </Input.Wrapper>
      )}
      {/* Every sort, also those without a column, and on a phone where the headers scroll away. */}
      <Group gap={4} align="flex-end" wrap="nowrap" w={{ base: '100%', sm: 'auto' }}>
        <Select
          label={t('dossiers.sortBy')}
          data={DOSSIER_SORTS.map((sort) => ({ value: sort, label: t(SORT_LABELS[sort]) }))}
          value={list.sort}
          onChange={(value) => {
            const next = DOSSIER_SORTS.find((sort) => sort === value);
            if (next && next !== list.sort) list.toggleSort(next);
          }}
          allowDeselect={false}
          w={{ base: '100%', sm: 170 }}
        />
        <Tooltip label={t(isAscending ? 'dossiers.sortDescending' : 'dossiers.sortAscending')}>
          <ActionIcon
            variant="default"
            size={36}
            onClick={() => list.toggleSort(list.sort)}
            aria-label={t(isAscending ? 'dossiers.sortDescending' : 'dossiers.sortAscending')}
          >
            {isAscending ? <IconSortAscending size={18} aria-hidden /> : <IconSortDescending size={18} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      </Group>
    </FilterBar>
  );
}
