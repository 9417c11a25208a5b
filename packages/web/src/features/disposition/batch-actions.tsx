import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DispositionBatchDetail } from '@nghiemthu/shared';
import { IconAlertTriangle, IconCheck, IconFlame, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { ReasonConfirmModal } from '../../ui/reason-confirm-modal';
import { useFormErrors } from '../../ui/use-form-errors';
import { useBatchAction, useCancelBatch } from './disposition.api';

/** The buttons for what the server says the reader may do with the batch now (allowedActions). */
export function BatchActions({ batch }: { batch: DispositionBatchDetail }) {
  const { t } = useTranslation();
  const act = useBatchAction(batch.id);
  const cancel = useCancelBatch(batch.id);
  const [dialog, setDialog] = useState<'execute' | 'cancel' | null>(null);
  const can = (action: DispositionBatchDetail['allowedActions'][number]) => batch.allowedActions.includes(action);
  if (batch.allowedActions.length === 0) return null;

  function approve() {
    act.mutate('approve', {
      onSuccess: () => notifySuccess(t('disposition.approved')),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error), autoClose: false }),
    });
  }

  return (
    <Group gap="sm">
      {can('approve') && (
        <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={approve} loading={act.isPending} data-testid="batch-approve">
          {t('disposition.approve')}
        </Button>
      )}
      {can('execute') && (
        <Button color="red" leftSection={<IconFlame size={16} aria-hidden />} onClick={() => setDialog('execute')} data-testid="batch-execute">
          {t('disposition.execute')}
        </Button>
      )}
      {can('cancel') && (
        <Button variant="subtle" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDialog('cancel')} data-testid="batch-cancel">
          {t('disposition.cancel')}
        </Button>
      )}
      <Modal opened={dialog === 'execute'} onClose={() => setDialog(null)} title={t('disposition.executeTitle')} size="lg">
        <ExecuteConfirm batch={batch} onDone={() => setDialog(null)} />
      </Modal>
      <ReasonConfirmModal
        opened={dialog === 'cancel'} onClose={() => setDialog(null)} title={t('disposition.cancelTitle')} warning={t('disposition.cancelWarning')}
        reasonLabel={t('disposition.cancelReason')} confirmLabel={t('disposition.cancel')} successMessage={t('disposition.cancelled')}
        onConfirm={(reason) => cancel.mutateAsync({ reason })} isPending={cancel.isPending}
      />
    </Group>
  );
}

/** Destruction cannot be undone: one more look at what goes, then the server does it. */
function ExecuteConfirm({ batch, onDone }: { batch: DispositionBatchDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useBatchAction(batch.id);
  const errors = useFormErrors([] as const);
  return (
    <Stack gap="sm">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>{t('disposition.executeWarning', { count: batch.recordCount })}</Alert>
      <FormProblemAlert problem={errors.problem} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button
          color="red" loading={act.isPending} data-testid="batch-execute-confirm"
          onClick={() => act.mutate('execute', { onSuccess: () => { notifySuccess(t('disposition.executed')); onDone(); }, onError: errors.showApiError })}
        >
          {t('disposition.executeConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
