import { Alert, Modal, Stack, Textarea } from '@mantine/core';
import type { CatalogueService } from '@nghiemthu/shared';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useRetireService } from './catalogue.api';

type Props = { opened: boolean; onClose: () => void; service: CatalogueService };

/** Stops offering a service; it stays on record with its prices. */
export function RetireServiceModal({ opened, onClose, service }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.retireTitle', { name: service.name })} size="lg">
      <RetireServiceForm service={service} onDone={onClose} />
    </Modal>
  );
}

function RetireServiceForm({ service, onDone }: { service: CatalogueService; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(['reason'] as const);
  const retire = useRetireService(service.id);
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(reason.trim() ? {} : { reason: t('common.required') })) return;
    retire.mutate({ reason: reason.trim() }, {
      onSuccess: () => {
        notifySuccess(t('catalogue.retired', { name: service.name }));
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t('catalogue.retireWarning')}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <Textarea
          label={t('catalogue.retireReason')}
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
        <FormActions onCancel={onDone} submitLabel={t('catalogue.retireConfirm')} isPending={retire.isPending} color="red" />
      </Stack>
    </form>
  );
}
