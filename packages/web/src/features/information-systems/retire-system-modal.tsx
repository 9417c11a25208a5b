import { Alert, Modal, Stack, Textarea } from '@mantine/core';
import type { InformationSystem } from '@nghiemthu/shared';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useRetireSystem } from './information-systems.api';

type Props = { opened: boolean; onClose: () => void; system: InformationSystem };

/** Stops using a system; it stays on record, with the services that were linked to it. */
export function RetireSystemModal({ opened, onClose, system }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('informationSystems.retireTitle', { name: system.name })} size="lg">
      <RetireSystemForm system={system} onDone={onClose} />
    </Modal>
  );
}

function RetireSystemForm({ system, onDone }: { system: InformationSystem; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(['reason'] as const);
  const retire = useRetireSystem(system.id);
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(reason.trim() ? {} : { reason: t('common.required') })) return;
    retire.mutate({ reason: reason.trim() }, {
      onSuccess: () => {
        notifySuccess(t('informationSystems.retired', { name: system.name }));
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t('informationSystems.retireWarning')}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <Textarea
          label={t('informationSystems.retireReason')}
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
        <FormActions onCancel={onDone} submitLabel={t('informationSystems.retireConfirm')} isPending={retire.isPending} color="red" />
      </Stack>
    </form>
  );
}
