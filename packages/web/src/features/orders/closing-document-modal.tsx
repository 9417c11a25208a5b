import { DataList, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { formatVnd, type OrderDetail } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { DataItem } from '../../ui/section-card';
import { useFormErrors } from '../../ui/use-form-errors';
import { useLiquidateOrder, useSettleOrder } from './orders.api';

type Step = 'liquidate' | 'settle';
type Props = { step: Step | null; onClose: () => void; order: OrderDetail };

/** The API's field names for the document of each step. */
const NAMES = {
  liquidate: { number: 'minutesNumber', date: 'minutesDate' },
  settle: { number: 'decisionNumber', date: 'decisionDate' },
} as const;

/**
 * Closing an order is recorded with its document: the liquidation minutes
 * (biên bản thanh lý) or the settlement decision (quyết định quyết toán).
 */
export function ClosingDocumentModal({ step, onClose, order }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={step !== null} onClose={onClose} title={step ? t(`orders.closing.${step}.title`, { code: order.code }) : ''} size="lg">
      {step && <ClosingDocumentForm key={step} step={step} order={order} onDone={onClose} />}
    </Modal>
  );
}

function ClosingDocumentForm({ step, order, onDone }: { step: Step; order: OrderDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const names = NAMES[step];
  const errors = useFormErrors([names.number, names.date, 'note'] as const);
  const liquidate = useLiquidateOrder(order.id);
  const settle = useSettleOrder(order.id);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState<string | null>(todayIsoDate());
  const [note, setNote] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('common.required');
    if (errors.showFieldErrors({ ...(number.trim() ? {} : { [names.number]: required }), ...(date ? {} : { [names.date]: required }) }) || !date) return;
    const options = {
      onSuccess: () => {
        notifySuccess(t(`orders.closing.${step}.done`, { code: order.code }));
        onDone();
      },
      onError: errors.showApiError,
    };
    const extra = note.trim() ? { note: note.trim() } : {};
    if (step === 'liquidate') liquidate.mutate({ minutesNumber: number.trim(), minutesDate: date, ...extra }, options);
    else settle.mutate({ decisionNumber: number.trim(), decisionDate: date, ...extra }, options);
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <DataList labelWidth="220px">
          <DataItem label={t('orders.summary.ordered')}>{formatVnd(order.totalValue)}</DataItem>
          <DataItem label={t('orders.summary.accepted')}>{formatVnd(order.acceptedValue)}</DataItem>
          <DataItem label={t('orders.summary.paid')}>{formatVnd(order.paidValue)}</DataItem>
        </DataList>
        <FormProblemAlert problem={errors.problem} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t(`orders.closing.${step}.number`)}
            placeholder={t(`orders.closing.${step}.numberPlaceholder`)}
            required
            data-autofocus
            value={number}
            onChange={(event) => {
              setNumber(event.currentTarget.value);
              errors.clearFieldError(names.number);
            }}
            error={errors.fieldErrors[names.number]}
          />
          <DateField
            label={t(`orders.closing.${step}.date`)}
            required
            value={date}
            onChange={(value) => {
              setDate(value);
              errors.clearFieldError(names.date);
            }}
            error={errors.fieldErrors[names.date]}
          />
        </SimpleGrid>
        <Textarea label={t('orders.note')} autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.fieldErrors.note} />
        <FormActions onCancel={onDone} submitLabel={t(`orders.actions.${step}`)} isPending={liquidate.isPending || settle.isPending} />
      </Stack>
    </form>
  );
}
