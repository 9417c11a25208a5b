import { Alert, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { formatCount } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useLoadCalendarDefaults } from './calendar.api';

type LoadDefaultsModalProps = { opened: boolean; onClose: () => void; year: number };

/** Loads the built-in holidays of a year, after saying what they are and that they must be checked. */
export function LoadDefaultsModal({ opened, onClose, year }: LoadDefaultsModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('workingCalendar.loadDefaultsTitle', { year })} size="lg">
      <LoadDefaultsForm year={year} onDone={onClose} />
    </Modal>
  );
}

function LoadDefaultsForm({ year, onDone }: { year: number; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors([] as const);
  const load = useLoadCalendarDefaults();

  function submit(event: FormEvent) {
    event.preventDefault();
    load.mutate(year, {
      onSuccess: (result) => {
        notifySuccess(
          t('workingCalendar.defaultsLoaded', { added: formatCount(result.added.length), kept: formatCount(result.skipped.length) }),
        );
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <Text size="sm">{t('workingCalendar.loadDefaultsExplain')}</Text>
        <List size="sm" spacing={2}>
          <List.Item>{t('workingCalendar.defaultsList.newYear')}</List.Item>
          <List.Item>{t('workingCalendar.defaultsList.tet')}</List.Item>
          <List.Item>{t('workingCalendar.defaultsList.hungKings')}</List.Item>
          <List.Item>{t('workingCalendar.defaultsList.mayDays')}</List.Item>
          <List.Item>{t('workingCalendar.defaultsList.nationalDay')}</List.Item>
          <List.Item>{t('workingCalendar.defaultsList.compensatory')}</List.Item>
        </List>
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t('workingCalendar.loadDefaultsWarning')}
        </Alert>
        <FormActions onCancel={onDone} submitLabel={t('workingCalendar.loadDefaultsConfirm')} isPending={load.isPending} />
      </Stack>
    </form>
  );
}
