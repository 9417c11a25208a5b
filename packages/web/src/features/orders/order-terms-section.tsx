import { SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { formatVnd } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { SectionCard } from '../../ui/section-card';
import { FundingField } from './funding-field';
import { HINT_BELOW } from './legend';
import type { SectionProps } from './order-general-section';
import { advanceLimitOf } from './order-pricing';

/** Funding sources, the advance and the terms of payment and acceptance. */
export function OrderTermsSection({ values, set, errors, total }: SectionProps & { total: number | null }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('orders.sections.fundingAndTerms')}>
      <Stack gap="md">
        <FundingField rows={values.fundingSources} onChange={(rows) => set('fundingSources', rows)} total={total} errors={errors} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('orders.advancePercent')}
            description={
              total !== null
                ? t('orders.form.advanceLimitPreview', { amount: formatVnd(advanceLimitOf(total, values.advancePercent)) })
                : t('orders.form.advancePercentHint')
            }
            inputMode="decimal"
            autoComplete="off"
            inputWrapperOrder={HINT_BELOW}
            rightSection="%"
            value={values.advancePercent}
            onChange={(event) => set('advancePercent', event.currentTarget.value)}
            error={errors.at('advancePercent')}
            styles={{ input: { textAlign: 'right' } }}
          />
          <Textarea
            label={t('orders.advanceTerms')}
            required
            autosize
            minRows={1}
            value={values.advanceTerms}
            onChange={(event) => set('advanceTerms', event.currentTarget.value)}
            error={errors.at('advanceTerms')}
          />
        </SimpleGrid>
        <Textarea
          label={t('orders.paymentTerms')}
          placeholder={t('orders.form.paymentTermsPlaceholder')}
          required
          autosize
          minRows={2}
          value={values.paymentTerms}
          onChange={(event) => set('paymentTerms', event.currentTarget.value)}
          error={errors.at('paymentTerms')}
        />
        <Textarea
          label={t('orders.acceptanceMethod')}
          placeholder={t('orders.form.acceptanceMethodPlaceholder')}
          required
          autosize
          minRows={2}
          value={values.acceptanceMethod}
          onChange={(event) => set('acceptanceMethod', event.currentTarget.value)}
          error={errors.at('acceptanceMethod')}
        />
      </Stack>
    </SectionCard>
  );
}
