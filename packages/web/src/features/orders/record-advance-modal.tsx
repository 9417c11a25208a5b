import { Alert, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { formatVnd, type OrderDetail } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { VndInput, parseVnd } from '../catalogue/vnd-input';
import { HINT_BELOW } from './legend';
import { useRecordAdvance } from './orders.api';

const FIELDS = ['amount', 'paidOn', 'treasuryReference', 'note'] as const;
type Field = (typeof FIELDS)[number];

type Props = { opened: boolean; onClose: () => void; order: OrderDetail };

/** An advance (tạm ứng) paid through the State Treasury, within the limit the order sets. */
export function RecordAdvanceModal({ opened, onClose, order }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('orders.recordAdvanceTitle')} size="lg">
      <RecordAdvanceForm order={order} onDone={onClose} />
    </Modal>
  );
}

function RecordAdvanceForm({ order, onDone }: { order: OrderDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const record = useRecordAdvance(order.id);
  const [values, setValues] = useState({ amount: '', paidOn: todayIsoDate() as string | null, treasuryReference: '', note: '' });
  const advanced = order.payments.filter((payment) => payment.kind === 'advance').reduce((sum, payment) => sum + payment.amount, 0);

  function set<K extends keyof typeof values>(name: K, value: (typeof values)[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const amount = parseVnd(values.amount);
    const problems: Partial<Record<Field, string>> = {};
    if (amount === null || amount <= 0) problems.amount = t('catalogue.amountForm');
    if (!values.paidOn) problems.paidOn = t('common.required');
    if (!values.treasuryReference.trim()) problems.treasuryReference = t('common.required');
    if (errors.showFieldErrors(problems) || amount === null || !values.paidOn) return;
    record.mutate(
      { amount, paidOn: values.paidOn, treasuryReference: values.treasuryReference.trim(), ...(values.note.trim() ? { note: values.note.trim() } : {}) },
      {
        onSuccess: () => {
          notifySuccess(t('orders.advanceRecorded', { amount: formatVnd(amount) }));
          onDone();
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
          {t('orders.advanceLimitText', { limit: formatVnd(order.advanceLimit), advanced: formatVnd(advanced) })}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <VndInput
            label={t('orders.form.fundingAmount')}
            hint={t('catalogue.amountHint')}
            required
            data-autofocus
            inputWrapperOrder={HINT_BELOW}
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
        <FormActions onCancel={onDone} submitLabel={t('orders.actions.recordAdvance')} isPending={record.isPending} />
      </Stack>
    </form>
  );
}
