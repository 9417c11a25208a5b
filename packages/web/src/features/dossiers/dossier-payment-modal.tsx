import { Alert, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { formatVnd, type DossierDetail, type RecordPaymentBody } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { VndInput, parseVnd } from '../catalogue/vnd-input';
import { useDossierStep, useRecordInterimPayment } from './dossiers.api';

const FIELDS = ['amount', 'paidOn', 'treasuryReference', 'note'] as const;
type Field = (typeof FIELDS)[number];
type Kind = 'interim' | 'final';
type Props = { dossier: DossierDetail; kind: Kind; opened: boolean; onClose: () => void };

/**
 * A payment through the State Treasury on an accepted dossier: an interim one, or the final one that
 * closes the dossier (pre-filled with what is accepted and not yet paid).
 */
export function DossierPaymentModal({ dossier, kind, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(`dossier.payment.${kind}Title`)} size="lg">
      <PaymentForm dossier={dossier} kind={kind} onClose={onClose} />
    </Modal>
  );
}

/** The final payment's fields come back under `payment.`; the form's fields have no prefix. */
function unprefixed(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details.map((detail) => ({ ...detail, path: detail.path.replace(/^payment\./, '') }));
  return new ApiError(error.status, error.code, error.message, details);
}

function PaymentForm({ dossier, kind, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const step = useDossierStep(dossier.id);
  const interim = useRecordInterimPayment(dossier.id);
  const outstanding = Math.max(0, (dossier.acceptedValue ?? 0) - dossier.paidTotal);
  const [values, setValues] = useState({
    amount: kind === 'final' && outstanding > 0 ? String(outstanding) : '',
    paidOn: todayIsoDate() as string | null,
    treasuryReference: '',
    note: '',
  });

  function set<K extends keyof typeof values>(name: K, value: (typeof values)[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const amount = parseVnd(values.amount);
    const problems: Partial<Record<Field, string>> = {};
    if (amount === null || amount <= 0) problems.amount = t('dossier.payment.amountForm');
    if (!values.paidOn) problems.paidOn = t('common.required');
    if (!values.treasuryReference.trim()) problems.treasuryReference = t('common.required');
    if (errors.showFieldErrors(problems) || amount === null || !values.paidOn) return;
    const payment: RecordPaymentBody = {
      amount,
      paidOn: values.paidOn,
      treasuryReference: values.treasuryReference.trim(),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    };
    const done = {
      onSuccess: () => {
        notifySuccess(t(`dossier.payment.${kind}Done`, { amount: formatVnd(amount) }));
        onClose();
      },
      onError: (error: unknown) => errors.showApiError(unprefixed(error)),
    };
    if (kind === 'final') step.mutate({ action: 'record_final_payment', body: { payment } }, done);
    else interim.mutate(payment, done);
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
          {t('dossier.payment.figures', { accepted: formatVnd(dossier.acceptedValue ?? 0), paid: formatVnd(dossier.paidTotal), outstanding: formatVnd(outstanding) })}
          {kind === 'final' && ` ${t('dossier.payment.finalHint')}`}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <VndInput
            label={t('dossier.payment.amount')}
            hint={t('catalogue.amountHint')}
            required
            data-autofocus
            value={values.amount}
            onChange={(text) => set('amount', text)}
            error={errors.fieldErrors.amount}
          />
          <DateField
            label={t('orders.paidOn')}
            required
            value={values.paidOn}
            onChange={(value) => set('paidOn', value)}
            error={errors.fieldErrors.paidOn}
          />
        </SimpleGrid>
        <TextInput
          label={t('orders.treasuryReference')}
          description={t('orders.treasuryReferenceHint')}
          required
          value={values.treasuryReference}
          onChange={(event) => set('treasuryReference', event.currentTarget.value)}
          error={errors.fieldErrors.treasuryReference}
        />
        <Textarea
          label={t('orders.note')}
          autosize
          minRows={2}
          value={values.note}
          onChange={(event) => set('note', event.currentTarget.value)}
          error={errors.fieldErrors.note}
        />
        <FormActions
          onCancel={onClose}
          submitLabel={t(kind === 'final' ? 'dossier.actions.record_final_payment' : 'dossier.actions.recordPayment')}
          isPending={step.isPending || interim.isPending}
        />
      </Stack>
    </form>
  );
}
