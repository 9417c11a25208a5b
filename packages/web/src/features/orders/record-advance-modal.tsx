import { Modal } from '@mantine/core';
import { formatVnd, type OrderDetail } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../ui/notify';
import { PaymentForm } from '../payments/payment-form';
import { useRecordAdvance } from './orders.api';

type Props = { opened: boolean; onClose: () => void; order: OrderDetail };

/** An advance (tạm ứng) paid through the State Treasury, within the limit the order sets. */
export function RecordAdvanceModal({ opened, onClose, order }: Props) {
  const { t } = useTranslation();
  const record = useRecordAdvance(order.id);
  const advanced = order.payments.filter((payment) => payment.kind === 'advance').reduce((sum, payment) => sum + payment.amount, 0);
  return (
    <Modal opened={opened} onClose={onClose} title={t('orders.recordAdvanceTitle')} size="lg">
      <PaymentForm
        intro={t('orders.advanceLimitText', { limit: formatVnd(order.advanceLimit), advanced: formatVnd(advanced) })}
        amountLabel={t('orders.form.fundingAmount')}
        submitLabel={t('orders.actions.recordAdvance')}
        isPending={record.isPending}
        onCancel={onClose}
        onSubmit={(payment, { onError }) =>
          record.mutate(payment, {
            onSuccess: () => {
              notifySuccess(t('orders.advanceRecorded', { amount: formatVnd(payment.amount) }));
              onClose();
            },
            onError,
          })
        }
      />
    </Modal>
  );
}
