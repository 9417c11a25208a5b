import { Modal, Stack, Text, Textarea } from '@mantine/core';
import type { DossierDetail } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useDossierStep } from './dossiers.api';

type Props = { dossier: DossierDetail; opened: boolean; onClose: () => void };

/** The chair closes the council's review with a summary of its opinion; the leader decides next. */
export function DossierCloseCouncilModal({ dossier, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('dossier.closeCouncil.title')} size="lg">
      <CloseCouncilForm dossier={dossier} onClose={onClose} />
    </Modal>
  );
}

function CloseCouncilForm({ dossier, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errors = useFormErrors(['summary'] as const);
  const step = useDossierStep(dossier.id);
  const [summary, setSummary] = useState('');
  const council = dossier.council;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(summary.trim() ? {} : { summary: t('common.required') })) return;
    step.mutate({ action: 'close_council_review', body: { summary: summary.trim() } }, {
      onSuccess: () => {
        notifySuccess(t('dossier.closeCouncil.done'));
        onClose();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        {council && (
          <Text size="sm">{t('dossier.closeCouncil.intro', { counted: council.votesCounted, quorum: council.quorum })}</Text>
        )}
        <FormProblemAlert problem={errors.problem} />
        <Textarea
          label={t('dossier.closeCouncil.summary')}
          description={t('dossier.closeCouncil.summaryHint')}
          required
          autosize
          minRows={4}
          data-autofocus
          value={summary}
          onChange={(event) => {
            setSummary(event.currentTarget.value);
            errors.clearFieldError('summary');
          }}
          error={errors.fieldErrors.summary}
        />
        <FormActions onCancel={onClose} submitLabel={t('dossier.actions.close_council_review')} isPending={step.isPending} />
      </Stack>
    </form>
  );
}
