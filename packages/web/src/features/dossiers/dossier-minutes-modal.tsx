import { Modal, Stack, Text, TextInput } from '@mantine/core';
import type { DossierDetail } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useDossierStep } from './dossiers.api';

type Props = { dossier: DossierDetail; opened: boolean; onClose: () => void };

/** Issues the acceptance minutes: the server numbers them and renders the PDF to sign. */
export function DossierMinutesModal({ dossier, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('dossier.issueMinutes.title')} size="lg">
      <MinutesForm dossier={dossier} onClose={onClose} />
    </Modal>
  );
}

function MinutesForm({ dossier, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errors = useFormErrors(['place'] as const);
  const step = useDossierStep(dossier.id);
  const [place, setPlace] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    step.mutate({ action: 'issue_minutes', body: place.trim() ? { place: place.trim() } : {} }, {
      onSuccess: (updated) => {
        notifySuccess(t('dossier.issueMinutes.done', { number: updated.minutes?.number ?? '' }));
        onClose();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('dossier.issueMinutes.intro')}</Text>
        <FormProblemAlert problem={errors.problem} />
        <TextInput
          label={t('dossier.issueMinutes.place')}
          description={t('dossier.issueMinutes.placeHint')}
          data-autofocus
          value={place}
          onChange={(event) => {
            setPlace(event.currentTarget.value);
            errors.clearFieldError('place');
          }}
          error={errors.fieldErrors.place}
        />
        <FormActions onCancel={onClose} submitLabel={t('dossier.actions.issue_minutes')} isPending={step.isPending} />
      </Stack>
    </form>
  );
}
