import { Modal, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CatalogueServiceDetail } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useSystemList } from '../information-systems/information-systems.api';
import { useLinkSystem } from './catalogue.api';

type Props = { opened: boolean; onClose: () => void; service: CatalogueServiceDetail };

/** Links an information system the service operates or uses. */
export function LinkSystemModal({ opened, onClose, service }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.linkSystemTitle', { name: service.name })} size="lg">
      <LinkSystemForm service={service} onDone={onClose} />
    </Modal>
  );
}

function LinkSystemForm({ service, onDone }: { service: CatalogueServiceDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(['informationSystemId'] as const);
  const link = useLinkSystem(service.id);
  const [systemId, setSystemId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState<string | null>(null);
  // Once chosen, the box shows the chosen label; that is not a search.
  const [query] = useDebouncedValue(search === chosenLabel ? '' : search.trim(), 300);
  // Systems are searched on the server; only those in use can be linked.
  const systems = useSystemList({ page: 1, pageSize: 20, sort: 'name', order: 'asc', q: query || undefined, status: 'active' });
  const linked = new Set(service.informationSystems.map((system) => system.id));
  const options = (systems.data?.items ?? [])
    .filter((system) => !linked.has(system.id))
    .map((system) => ({ value: system.id, label: `${system.name} (${system.code})` }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(systemId ? {} : { informationSystemId: t('common.required') }) || !systemId) return;
    link.mutate(systemId, {
      onSuccess: () => {
        notifySuccess(t('catalogue.systemLinked'));
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <Select
          label={t('catalogue.system')}
          name="informationSystemId"
          required
          data-autofocus
          searchable
          data={options}
          value={systemId}
          onChange={(value, option) => {
            setSystemId(value);
            setChosenLabel(option?.label ?? null);
            errors.clearFieldError('informationSystemId');
          }}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          nothingFoundMessage={systems.isFetching ? t('common.loading') : t('catalogue.systemPickerNothingFound')}
          placeholder={t('catalogue.systemPickerPlaceholder')}
          error={errors.fieldErrors.informationSystemId}
        />
        <FormActions onCancel={onDone} submitLabel={t('catalogue.linkSystem')} isPending={link.isPending} />
      </Stack>
    </form>
  );
}
