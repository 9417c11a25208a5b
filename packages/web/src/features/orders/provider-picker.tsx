import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { AgencyRef, AgencyType } from '@nghiemthu/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { useAgency, useAgencyList } from '../agencies/agencies.api';

type ProviderPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (agencyId: string | null) => void;
};

/** Providers are mostly public service units and enterprises: they come first, other agencies after. */
const FIRST_TYPES: readonly AgencyType[] = ['public_service_unit', 'enterprise'];

const optionLabel = (agency: AgencyRef) => `${agency.name} (${agency.code})`;

/**
 * Chooses the provider (đơn vị cung cấp dịch vụ) of an order among active agencies other
 * than one's own, searched on the server by name or code.
 */
export function ProviderPicker({ value, onChange, ...props }: ProviderPickerProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const selected = useAgency(value);
  const selectedLabel = selected.data ? optionLabel(selected.data) : null;
  const [query] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 300);
  const list = useAgencyList({ page: 1, pageSize: 100, sort: 'name', order: 'asc', q: query || undefined, status: 'active' });

  const agencies = (list.data?.items ?? []).filter((agency) => agency.id !== me.agency.id);
  const groups = [
    ...FIRST_TYPES.map((type) => ({ group: t(`agencyTypes.${type}`), items: agencies.filter((agency) => agency.type === type) })),
    { group: t('orders.form.otherAgencies'), items: agencies.filter((agency) => !FIRST_TYPES.includes(agency.type)) },
  ]
    .filter((group) => group.items.length > 0)
    .map((group) => ({ group: group.group, items: group.items.map((agency) => ({ value: agency.id, label: optionLabel(agency) })) }));
  if (selected.data && selectedLabel && !agencies.some((agency) => agency.id === selected.data.id)) {
    groups.unshift({ group: t('orders.form.chosen'), items: [{ value: selected.data.id, label: selectedLabel }] });
  }

  return (
    <Select
      {...props}
      data={groups}
      value={value}
      onChange={onChange}
      searchable
      clearable={!props.required}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={list.isFetching ? t('common.loading') : t('agencies.pickerNothingFound')}
      placeholder={t('agencies.pickerPlaceholder')}
    />
  );
}
