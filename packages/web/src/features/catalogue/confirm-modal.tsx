import { Modal, Stack, Text, type MantineColor } from '@mantine/core';
import type { FormEvent } from 'react';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { useFormErrors } from '../../ui/use-form-errors';

type Props = {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: string;
  confirmLabel: string;
  /** Runs the change; resolves when done, rejects with the API error to show. */
  onConfirm: () => Promise<unknown>;
  isPending: boolean;
  /** Red by default: most confirmed changes remove something. */
  color?: MantineColor;
};

/** Asks before a change without fields (removing a KPI, unlinking a system); shows the server's refusal in place. */
export function ConfirmModal({ opened, onClose, title, message, confirmLabel, onConfirm, isPending, color = 'red' }: Props) {
  const errors = useFormErrors([] as const);

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    onConfirm().then(onClose, errors.showApiError);
  }

  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form ref={errors.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{message}</Text>
          <FormProblemAlert problem={errors.problem} />
          <FormActions onCancel={onClose} submitLabel={confirmLabel} isPending={isPending} color={color} />
        </Stack>
      </form>
    </Modal>
  );
}
