import { Alert, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { RecordPaymentBody } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { useFormErrors } from '../../ui/use-form-errors';
import { VndInput, parseVnd } from '../catalogue/vnd-input';

const FIELDS = ['amount', 'paidOn', 'treasuryReference', 'note'] as const;
type Field = (typeof FIELDS)[number];

type Props = {
  /** The figures the payment is checked against (advance limit, accepted and paid so far). */
  intro: ReactNode;
  amountLabel: string;
  initialAmount?: string;
  submitLabel: string;
  isPending: boolean;
  onCancel: () => void;
  /** Sends the payment; call `onError` with the API error to show it at the fields. */
  onSubmit: (payment: RecordPaymentBody, handlers: { onError: (error: unknown) => void }) => void;
};

/**
 * A payment through the State Treasury (amount, date, treasury reference, note): advances on an
 * order and interim or final payments on a dossier. The server applies the money rules and says why
 * it refuses; this form checks only what is missing.
 */
export function PaymentForm({ intro, amountLabel, initialAmount = '', submitLabel, isPending, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState({ amount: initialAmount, paidOn: todayIsoDate() as string | null, treasuryReference: '', note: '' });

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
    onSubmit(
      { amount, paidOn: values.paidOn, treasuryReference: values.treasuryReference.trim(), ...(values.note.trim() ? { note: values.note.trim() } : {}) },
      { onError: errors.showApiError },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">{intro}</Alert>
        <FormProblemAlert problem={errors.problem} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <VndInput
            label={amountLabel}
            hint={t('catalogue.amountHint')}
            required
            data-autofocus
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={values.amount}
            onChange={(text) => set('amount', text)}
            error={errors.fieldErrors.amount}
          />
          <DateField label={t('orders.paidOn')} required value={values.paidOn} onChange={(value) => set('paidOn', value)} error={errors.fieldErrors.paidOn} />
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
        <FormActions onCancel={onCancel} submitLabel={submitLabel} isPending={isPending} />
      </Stack>
    </form>
  );
}
