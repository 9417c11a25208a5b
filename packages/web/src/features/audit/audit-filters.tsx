import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FilterTextInput } from '../../ui/filter-text-input';
import type { ListParams } from '../../ui/use-list-params';
import { AgencyPicker } from '../agencies/agency-picker';
import type { AuditFilter } from './audit.api';
import { FilterBar } from '../../ui/filter-bar';

export function AuditFilters({ list }: { list: ListParams<'seq', AuditFilter> }) {
  const { t } = useTranslation();
  const text = (name: 'action' | 'entityType' | 'entityId' | 'actor', width: number) => (
    <FilterTextInput
      label={t(`audit.${name}`)}
      value={list.filters[name]}
      onChange={(value) => list.setFilter(name, value)}
      spellCheck={false}
      w={{ base: '100%', sm: width }}
    />
  );
  return (
    <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
      {text('actor', 170)}
      {text('action', 190)}
      {text('entityType', 160)}
      {text('entityId', 200)}
      <AgencyPicker
        label={t('audit.agency')}
        value={list.filters.agencyId || null}
        onChange={(value) => list.setFilter('agencyId', value)}
        w={{ base: '100%', sm: 280 }}
      />
      <DateField
        label={t('audit.from')}
        value={list.filters.from || null}
        onChange={(value) => list.setFilter('from', value)}
        maxDate={list.filters.to || undefined}
        w={{ base: '100%', sm: 150 }}
      />
      <DateField
        label={t('audit.to')}
        value={list.filters.to || null}
        onChange={(value) => list.setFilter('to', value)}
        minDate={list.filters.from || undefined}
        w={{ base: '100%', sm: 150 }}
      />
    </FilterBar>
  );
}
