import { Alert, DataList, Group, NumberInput, Radio, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { LEGAL_REGIMES, ORDERING_METHODS, type LegalRegime, type OrderDetail, type OrderingMethod } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { DataItem, SectionCard } from '../../ui/section-card';
import { BasisDocumentsField } from './basis-documents-field';
import type { OrderFormMode, OrderFormValues } from './order-form-values';
import { ProviderPicker } from './provider-picker';
import type { OrderFormErrors } from './use-order-form-errors';

export type SectionProps = {
  values: OrderFormValues;
  set: <K extends keyof OrderFormValues>(name: K, value: OrderFormValues[K]) => void;
  errors: OrderFormErrors;
};

/** Why an amendment is made and which document approves it. */
export function AmendmentBasisSection({ values, set, errors, nextVersion }: SectionProps & { nextVersion: number }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('orders.form.amendmentBasis')}>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
          {t('orders.form.amendmentIntro', { version: nextVersion })}
        </Alert>
        <Textarea
          label={t('orders.form.reason')}
          required
          autosize
          minRows={2}
          value={values.reason}
          onChange={(event) => set('reason', event.currentTarget.value)}
          error={errors.at('reason')}
        />
        <TextInput
          label={t('orders.form.approvalDocument')}
          placeholder={t('orders.form.approvalDocumentPlaceholder')}
          required
          value={values.approvalDocument}
          onChange={(event) => set('approvalDocument', event.currentTarget.value)}
          error={errors.at('approvalDocument')}
        />
      </Stack>
    </SectionCard>
  );
}

/**
 * What is ordered from whom, under which rules, for which year and dates, on which documents.
 * An amendment cannot change the method, the legal basis or the provider: they are shown, not edited.
 */
export function OrderGeneralSection({ values, set, errors, mode, order }: SectionProps & { mode: OrderFormMode; order?: OrderDetail }) {
  const { t } = useTranslation();
  const methodLabel = (method: OrderingMethod) => t(`catalogue.methods.${method}`);
  return (
    <SectionCard title={t('orders.form.general')}>
      <Stack gap="sm">
        <Textarea
          label={t('orders.orderTitle')}
          placeholder={t('orders.form.titlePlaceholder')}
          required
          autosize
          minRows={1}
          value={values.title}
          onChange={(event) => set('title', event.currentTarget.value)}
          error={errors.at('title')}
        />
        {mode === 'amend' && order ? (
          <DataList labelWidth="200px">
            <DataItem label={t('orders.method')}>{methodLabel(order.method)}</DataItem>
            <DataItem label={t('orders.legalRegime')}>{t(`orders.legalRegimes.${order.legalRegime}`)}</DataItem>
            <DataItem label={t('orders.provider')}>{order.providerAgency.name}</DataItem>
          </DataList>
        ) : (
          <>
            <Radio.Group
              label={t('orders.method')}
              description={t('orders.form.methodHint')}
              required
              value={values.method}
              onChange={(value) => set('method', value as OrderingMethod)}
              error={errors.at('method')}
            >
              <Group gap="lg" mt={6}>
                {ORDERING_METHODS.map((method) => <Radio key={method} value={method} label={methodLabel(method)} />)}
              </Group>
            </Radio.Group>
            <Radio.Group
              label={t('orders.legalRegime')}
              required
              value={values.legalRegime}
              onChange={(value) => set('legalRegime', value as LegalRegime)}
              error={errors.at('legalRegime')}
            >
              <Group gap="lg" mt={6}>
                {LEGAL_REGIMES.map((regime) => <Radio key={regime} value={regime} label={t(`orders.legalRegimes.${regime}`)} />)}
              </Group>
            </Radio.Group>
            <ProviderPicker
              label={t('orders.provider')}
              description={t('orders.form.providerHint')}
              required
              value={values.providerAgencyId}
              onChange={(value) => set('providerAgencyId', value)}
              error={errors.at('providerAgencyId')}
            />
          </>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NumberInput
            label={t('orders.budgetYear')}
            required
            min={2000}
            max={2100}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=""
            value={values.budgetYear}
            onChange={(value) => set('budgetYear', value)}
            error={errors.at('budgetYear')}
          />
          <DateField
            label={t('orders.startDate')}
            required
            value={values.startDate}
            onChange={(value) => set('startDate', value)}
            error={errors.at('startDate')}
          />
          <DateField
            label={t('orders.endDate')}
            required
            value={values.endDate}
            onChange={(value) => set('endDate', value)}
            error={errors.at('endDate')}
          />
        </SimpleGrid>
        <BasisDocumentsField rows={values.basisDocuments} onChange={(rows) => set('basisDocuments', rows)} errors={errors} />
      </Stack>
    </SectionCard>
  );
}
