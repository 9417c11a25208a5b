import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ListParams } from '../../ui/use-list-params';
import { DELEGATION_STATUSES, type DelegationSort } from './delegations.api';

export const DELEGATION_FILTERS = ['status'] as const;
type DelegationFilter = (typeof DELEGATION_FILTERS)[number];

export function DelegationFilters({ list }: { list: ListParams<DelegationSort, DelegationFilter> }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm" role="search" aria-label={t('list.filters')}>
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
      {list.hasFilters && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={list.clearFilters}>
          {t('list.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
