import { Select, type ComboboxItem, type OptionsFilter, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { useDelegationCandidates } from './delegations.api';

type DeputyPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'> & {
  value: string | null;
  onChange: (deputyId: string | null) => void;
};

/** Lowercase without Vietnamese diacritics, so "nguyen van" finds "Nguyễn Văn". */
function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

const byNameOrUsername: OptionsFilter = ({ options, search }) => {
  const wanted = plain(search.trim());
  return (options as ComboboxItem[]).filter((option) => plain(option.label).includes(wanted));
};

/** Chooses the deputy among the active colleagues of the leader's agency (the server lists them). */
export function DeputyPicker({ value, onChange, ...props }: DeputyPickerProps) {
  const { t } = useTranslation();
  const candidates = useDelegationCandidates(true);
  const options = (candidates.data ?? []).map((person) => ({ value: person.id, label: `${person.fullName} (${person.username})` }));
  return (
    <Select
      {...props}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      openOnFocus={false}
      clearable={!props.required}
      filter={byNameOrUsername}
      nothingFoundMessage={
        candidates.isPending ? t('common.loading') : candidates.isError ? errorMessage(candidates.error) : t('delegations.deputyNothingFound')
      }
      placeholder={props.placeholder ?? t('delegations.deputyPlaceholder')}
    />
  );
}
