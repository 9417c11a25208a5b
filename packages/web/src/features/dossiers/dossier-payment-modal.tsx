import { Modal } from '@mantine/core';
import { formatVnd, type DossierDetail } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { notifySuccess } from '../../ui/notify';
import { PaymentForm } from '../payments/payment-form';
import { useDossierStep, useRecordInterimPayment } from './dossiers.api';

type Kind = 'interim' | 'final';
type Props = { dossier: DossierDetail; kind: Kind; opened: boolean; onClose: () => void };

/** The final payment's fields come back under `payment.`; the form's fields have no prefix. */
function unprefixed(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details.map((detail) => ({ ...detail, path: detail.path.replace(/^payment\./, '') }));
  return new ApiError(error.status, error.code, error.message, details);
}

/**
 * A payment through the State Treasury on an accepted dossier: an interim one, or the final one that
 * closes the dossier (pre-filled with what is accepted and not yet paid).
 */
export function DossierPaymentModal({ dossier, kind, opened, onClose }: Props) {
  const { t } = useTranslation();
  const step = useDossierStep(dossier.id);
  const interim = useRecordInterimPayment(dossier.id);
  const outstanding = Math.max(0, (dossier.acceptedValue ?? 0) - dossier.paidTotal);
  const figures = t('dossier.payment.figures', { accepted: formatVnd(dossier.acceptedValue ?? 0), paid: formatVnd(dossier.paidTotal), outstanding: formatVnd(outstanding) });
  return (
    <Modal opened={opened} onClose={onClose} title={t(`dossier.payment.${kind}Title`)} size="lg">
      <PaymentForm
        intro={kind === 'final' ? `${figures} ${t('dossier.payment.finalHint')}` : figures}
        amountLabel={t('dossier.payment.amount')}
        initialAmount={kind === 'final' && outstanding > 0 ? String(outstanding) : ''}
        submitLabel={t(kind === 'final' ? 'dossier.actions.record_final_payment' : 'dossier.actions.recordPayment')}
        isPending={step.isPending || interim.isPending}
        onCancel={onClose}
        onSubmit={(payment, { onError }) => {
          const done = {
            onSuccess: () => {
              notifySuccess(t(`dossier.payment.${kind}Done`, { amount: formatVnd(payment.amount) }));
              onClose();
            },
            onError: (error: unknown) => onError(unprefixed(error)),
          };
          if (kind === 'final') step.mutate({ action: 'record_final_payment', body: { payment } }, done);
          else interim.mutate(payment, done);
        }}
      />
    </Modal>
  );
}
