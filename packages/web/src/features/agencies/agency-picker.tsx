import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { AgencyRef } from '@nghiemthu/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgency, useAgencyList } from './agencies.api';

type AgencyPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (agencyId: string | null) => void;
  /** Leave out an agency that cannot be chosen (the one being edited or closed). */
  excludeId?: string;
  /** Offer only agencies that are still active (parents and successors must be). */
  isActiveOnly?: boolean;
};

function optionLabel(agency: AgencyRef): string {
  return `${agency.name} (${agency.code})`;
}

/** Chooses an agency by typing part of its name or code; the registry is searched on the server. */
export function AgencyPicker({ value, onChange, excludeId, isActiveOnly = false, ...props }: AgencyPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const selected = useAgency(value);
  const selectedLabel = selected.data ? optionLabel(selected.data) : null;
  // Once chosen, the box shows the chosen label; that is not a search.
  const [query] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 300);
  const list = useAgencyList({
    page: 1,
    pageSize: 20,
    sort: 'name',
    order: 'asc',
    q: query || undefined,
    status: isActiveOnly ? 'active' : undefined,
  });

  const options = (list.data?.items ?? [])
    .filter((agency) => agency.id !== excludeId)
    .map((agency) => ({ value: agency.id, label: optionLabel(agency) }));
  if (selected.data && selectedLabel && !options.some((option) => option.value === selected.data.id)) {
    options.unshift({ value: selected.data.id, label: selectedLabel });
  }

  return (
    <Select
      {...props}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      openOnFocus={false}
      clearable={!props.required}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={list.isFetching ? t('common.loading') : t('agencies.pickerNothingFound')}
      placeholder={props.placeholder ?? t('agencies.pickerPlaceholder')}
    />
  );
}
