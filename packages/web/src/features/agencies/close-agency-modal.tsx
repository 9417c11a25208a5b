import { Alert, Modal, Stack, Textarea } from '@mantine/core';
import type { Agency } from '@nghiemthu/shared';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useCloseAgency } from './agencies.api';
import { AgencyPicker } from './agency-picker';
import { FormActions } from '../../ui/form-actions';

const FIELDS = ['validTo', 'successorId', 'reason'] as const;

type CloseAgencyModalProps = { opened: boolean; onClose: () => void; agency: Agency };

/** Closes an agency; naming a successor records a merger ("sáp nhập vào"). */
export function CloseAgencyModal({ opened, onClose, agency }: CloseAgencyModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('agencies.closeTitle', { name: agency.name })} size="lg">
      <CloseAgencyForm agency={agency} onDone={onClose} />
    </Modal>
  );
}

function CloseAgencyForm({ agency, onDone }: { agency: Agency; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const close = useCloseAgency(agency.id);
  const [validTo, setValidTo] = useState<string | null>(todayIsoDate());
  const [successorId, setSuccessorId] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('common.required');
    const problems = {
      ...(validTo ? {} : { validTo: required }),
      ...(reason.trim() ? {} : { reason: required }),
    };
    if (errors.showFieldErrors(problems) || !validTo) return;
    close.mutate(
      { validTo, successorId, reason: reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('agencies.closed', { name: agency.name }));
          onDone();
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t('agencies.closeWarning')}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <DateField
          label={t('agencies.validTo')}
          name="validTo"
          required
          data-autofocus
          value={validTo}
          onChange={(value) => {
            setValidTo(value);
            errors.clearFieldError('validTo');
          }}
          error={errors.fieldErrors.validTo}
        />
        <AgencyPicker
          label={t('agencies.successor')}
          description={t('agencies.successorHint')}
          name="successorId"
          isActiveOnly
          excludeId={agency.id}
          value={successorId}
          onChange={(value) => {
            setSuccessorId(value);
            errors.clearFieldError('successorId');
          }}
          error={errors.fieldErrors.successorId}
        />
        <Textarea
          label={t('agencies.closingReason')}
          description={t('agencies.closingReasonHint')}
          name="reason"
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
        <FormActions onCancel={onDone} submitLabel={t(successorId ? 'agencies.closeAndMerge' : 'agencies.closeConfirm')} isPending={close.isPending} color="red" />
      </Stack>
    </form>
  );
}
