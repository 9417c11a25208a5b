import { Select } from '@mantine/core';
import { ROLES } from '@nghiemthu/shared';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterTextInput } from '../../ui/filter-text-input';
import type { ListParams } from '../../ui/use-list-params';
import { AgencyPicker } from '../agencies/agency-picker';
import type { UserSort } from './users.api';
import { FilterBar } from '../../ui/filter-bar';

export const USER_FILTERS = ['q', 'agencyId', 'role', 'isActive'] as const;
type UserFilter = (typeof USER_FILTERS)[number];

export function UserFilters({ list }: { list: ListParams<UserSort, UserFilter> }) {
  const { t } = useTranslation();
  return (
    <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
      <FilterTextInput
        label={t('common.search')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={list.filters.q}
        onChange={(value) => list.setFilter('q', value)}
        w={{ base: '100%', sm: 240 }}
      />
      <AgencyPicker
        label={t('users.agency')}
        value={list.filters.agencyId || null}
        onChange={(value) => list.setFilter('agencyId', value)}
        w={{ base: '100%', sm: 300 }}
      />
      <Select
        label={t('users.role')}
        placeholder={t('common.all')}
        data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={list.filters.role || null}
        onChange={(value) => list.setFilter('role', value)}
        clearable
        w={{ base: '100%', sm: 220 }}
      />
      <Select
        label={t('users.status')}
        placeholder={t('common.all')}
        data={[
          { value: 'true', label: t('users.active') },
          { value: 'false', label: t('users.inactive') },
        ]}
        value={list.filters.isActive || null}
        onChange={(value) => list.setFilter('isActive', value)}
        clearable
        w={{ base: '100%', sm: 170 }}
      />
    </FilterBar>
  );
}
