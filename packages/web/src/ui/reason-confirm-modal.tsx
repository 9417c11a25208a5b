import { Alert, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from './form-actions';
import { FormProblemAlert } from './form-problem';
import { notifySuccess } from './notify';
import { useFormErrors } from './use-form-errors';

type Props = {
  opened: boolean;
  onClose: () => void;
  title: string;
  warning: string;
  reasonLabel: string;
  confirmLabel: string;
  successMessage: string;
  /** Makes the change with the written reason; rejects with the API error to show. */
  onConfirm: (reason: string) => Promise<unknown>;
  isPending: boolean;
};

/** Asks for a written reason before a change that cannot be undone (retiring a service or a system). */
export function ReasonConfirmModal(props: Props) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      <ReasonForm {...props} />
    </Modal>
  );
}

function ReasonForm({ onClose, warning, reasonLabel, confirmLabel, successMessage, onConfirm, isPending }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors(['reason'] as const);
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(reason.trim() ? {} : { reason: t('common.required') })) return;
    onConfirm(reason.trim()).then(() => {
      notifySuccess(successMessage);
      onClose();
    }, errors.showApiError);
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {warning}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <Textarea
          label={reasonLabel}
          name="reason"
          required
          autosize
          minRows={2}
          data-autofocus
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            errors.clearFieldError('reason');
          }}
          error={errors.fieldErrors.reason}
        />
        <FormActions onCancel={onClose} submitLabel={confirmLabel} isPending={isPending} color="red" />
      </Stack>
    </form>
  );
}
