import { Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { CatalogueServiceDetail } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useAddPrice } from './catalogue.api';
import { VndInput, parseVnd } from './vnd-input';

const FIELDS = ['unitPrice', 'validFrom', 'validTo', 'decisionNumber', 'decisionDate', 'decisionIssuer'] as const;
type Field = (typeof FIELDS)[number];

type Props = { opened: boolean; onClose: () => void; service: CatalogueServiceDetail };

/** A new unit price period; the server ends the open period the day before and refuses overlaps. */
export function AddPriceModal({ opened, onClose, service }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.addPriceTitle', { name: service.name })} size="lg">
      <AddPriceForm service={service} onDone={onClose} />
    </Modal>
  );
}

type Values = {
  unitPrice: string;
  validFrom: string | null;
  validTo: string | null;
  decisionNumber: string;
  decisionDate: string | null;
  decisionIssuer: string;
};

function AddPriceForm({ service, onDone }: { service: CatalogueServiceDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const addPrice = useAddPrice(service.id);
  const [values, setValues] = useState<Values>({
    unitPrice: '',
    validFrom: todayIsoDate(),
    validTo: null,
    decisionNumber: '',
    decisionDate: null,
    // The issuer usually stays the same from one decision to the next.
    decisionIssuer: service.prices.at(-1)?.decisionIssuer ?? '',
  });

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function check(): Partial<Record<Field, string>> {
    const required = t('common.required');
    const problems: Partial<Record<Field, string>> = {};
    if (!values.unitPrice.trim()) problems.unitPrice = required;
    else if (parseVnd(values.unitPrice) === null) problems.unitPrice = t('catalogue.amountForm');
    if (!values.validFrom) problems.validFrom = required;
    if (values.validFrom && values.validTo && values.validTo < values.validFrom) problems.validTo = t('catalogue.validToBeforeFrom');
    if (!values.decisionNumber.trim()) problems.decisionNumber = required;
    if (!values.decisionDate) problems.decisionDate = required;
    if (!values.decisionIssuer.trim()) problems.decisionIssuer = required;
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const unitPrice = parseVnd(values.unitPrice);
    if (errors.showFieldErrors(check()) || unitPrice === null || !values.validFrom || !values.decisionDate) return;
    addPrice.mutate(
      {
        unitPrice,
        validFrom: values.validFrom,
        validTo: values.validTo,
        decisionNumber: values.decisionNumber.trim(),
        decisionDate: values.decisionDate,
        decisionIssuer: values.decisionIssuer.trim(),
      },
      {
        onSuccess: () => {
          notifySuccess(t('catalogue.priceAdded'));
          onDone();
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <VndInput
          label={t('catalogue.unitPriceOf', { unit: service.unit })}
          hint={t('catalogue.amountHint')}
          name="unitPrice"
          required
          data-autofocus
          value={values.unitPrice}
          onChange={(text) => set('unitPrice', text)}
          error={errors.fieldErrors.unitPrice}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t('catalogue.validFrom')}
            description={t('catalogue.validFromHint')}
            name="validFrom"
            required
            value={values.validFrom}
            onChange={(value) => set('validFrom', value)}
            error={errors.fieldErrors.validFrom}
          />
          <DateField
            label={t('catalogue.validTo')}
            description={t('catalogue.validToHint')}
            name="validTo"
            value={values.validTo}
            onChange={(value) => set('validTo', value)}
            error={errors.fieldErrors.validTo}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('catalogue.decisionNumber')}
            placeholder={t('catalogue.decisionNumberPlaceholder')}
            name="decisionNumber"
            required
            value={values.decisionNumber}
            onChange={(event) => set('decisionNumber', event.currentTarget.value)}
            error={errors.fieldErrors.decisionNumber}
          />
          <DateField
            label={t('catalogue.decisionDate')}
            name="decisionDate"
            required
            value={values.decisionDate}
            onChange={(value) => set('decisionDate', value)}
            error={errors.fieldErrors.decisionDate}
          />
        </SimpleGrid>
        <TextInput
          label={t('catalogue.decisionIssuer')}
          placeholder={t('catalogue.decisionIssuerPlaceholder')}
          name="decisionIssuer"
          required
          value={values.decisionIssuer}
          onChange={(event) => set('decisionIssuer', event.currentTarget.value)}
          error={errors.fieldErrors.decisionIssuer}
        />
        <FormActions onCancel={onDone} submitLabel={t('catalogue.addPrice')} isPending={addPrice.isPending} />
      </Stack>
    </form>
  );
}
