import { Alert, Modal, NumberInput, Stack, Textarea } from '@mantine/core';
import { formatDate, type DossierDetail } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useExtendDeadline } from './dossiers.api';

type Props = { dossier: DossierDetail; opened: boolean; onClose: () => void };

/** A new due date for the current step, once per step, with a written reason (counted in working days). */
export function DossierExtendModal({ dossier, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('dossier.extend.title')} size="lg">
      <ExtendForm dossier={dossier} onClose={onClose} />
    </Modal>
  );
}

function ExtendForm({ dossier, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errors = useFormErrors(['workingDays', 'reason'] as const);
  const extend = useExtendDeadline(dossier.id);
  const [workingDays, setWorkingDays] = useState<number | string>(3);
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const days = typeof workingDays === 'number' ? workingDays : Number.NaN;
    const problems: Partial<Record<'workingDays' | 'reason', string>> = {};
    if (!Number.isInteger(days) || days < 1 || days > 60) problems.workingDays = t('dossier.extend.daysForm');
    if (!reason.trim()) problems.reason = t('common.required');
    if (errors.showFieldErrors(problems)) return;
    extend.mutate({ workingDays: days, reason: reason.trim() }, {
      onSuccess: (updated) => {
        notifySuccess(t('dossier.extend.done', { date: updated.stepDueDate ? formatDate(updated.stepDueDate) : '' }));
        onClose();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
          {t('dossier.extend.intro', { date: dossier.stepDueDate ? formatDate(dossier.stepDueDate) : '—' })}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <NumberInput
          label={t('dossier.extend.workingDays')}
          required
          min={1}
          max={60}
          allowDecimal={false}
          allowNegative={false}
          data-autofocus
          value={workingDays}
          onChange={(value) => {
            setWorkingDays(value);
            errors.clearFieldError('workingDays');
          }}
          error={errors.fieldErrors.workingDays}
          maw={200}
        />
        <Textarea
          label={t('dossier.extend.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            errors.clearFieldError('reason');
          }}
          error={errors.fieldErrors.reason}
        />
        <FormActions onCancel={onClose} submitLabel={t('dossier.actions.extendDeadline')} isPending={extend.isPending} />
      </Stack>
    </form>
  );
}
