import { Modal, Stack, Text } from '@mantine/core';
import { formatDateTimeMinutes, type Delegation } from '@nghiemthu/shared';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useRevokeDelegation } from './delegations.api';

type RevokeDelegationModalProps = { delegation: Delegation | null; onClose: () => void };

/** Ends a delegation now: from then on the deputy no longer acts for the leader. */
export function RevokeDelegationModal({ delegation, onClose }: RevokeDelegationModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={delegation !== null} onClose={onClose} title={t('delegations.revokeTitle')}>
      {delegation && <RevokeDelegationForm key={delegation.id} delegation={delegation} onDone={onClose} />}
    </Modal>
  );
}

function RevokeDelegationForm({ delegation, onDone }: { delegation: Delegation; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors([] as const);
  const revoke = useRevokeDelegation();

  function submit(event: FormEvent) {
    event.preventDefault();
    revoke.mutate(delegation.id, {
      onSuccess: () => {
        notifySuccess(t('delegations.revoked', { name: delegation.deputy.fullName }));
        onDone();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <Text size="sm">
          {t('delegations.revokeText', {
            delegator: delegation.delegator.fullName,
            deputy: delegation.deputy.fullName,
            from: formatDateTimeMinutes(delegation.validFrom),
            to: formatDateTimeMinutes(delegation.validTo),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('delegations.reasonValue', { reason: delegation.reason })}
        </Text>
        <FormActions onCancel={onDone} submitLabel={t('delegations.revokeConfirm')} isPending={revoke.isPending} color="red" />
      </Stack>
    </form>
  );
}
