import { ActionIcon, Alert, Button, Fieldset, Grid, Group, Select, Stack, Text } from '@mantine/core';
import { FUNDING_SOURCES, formatVnd, translate, type FundingSourceKind } from '@nghiemthu/shared';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { VndInput, parseVnd } from '../catalogue/vnd-input';
import { HINT_BELOW, LEGEND } from './legend';
import { fundingRow, type FundingRow } from './order-form-values';
import type { OrderFormErrors } from './use-order-form-errors';

type Props = { rows: FundingRow[]; onChange: (rows: FundingRow[]) => void; total: number | null; errors: OrderFormErrors };

/**
 * Where the money comes from (nguồn kinh phí), at most one row per source; the
 * sources must add up to the order total, and a button fills in what is missing.
 */
export function FundingField({ rows, onChange, total, errors }: Props) {
  const { t } = useTranslation();
  function update(index: number, patch: Partial<FundingRow>) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    for (const field of Object.keys(patch)) errors.clear(`fundingSources.${index}.${field === 'source' ? 'source' : 'amount'}`);
    errors.clear('fundingSources');
  }
  const amounts = rows.map((row) => parseVnd(row.amount));
  const funding = amounts.every((amount) => amount !== null) ? amounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0) : null;
  const isShown = (path: string) => rows.some((_, i) => path === `fundingSources.${i}.source` || path === `fundingSources.${i}.amount`);
  const listMessages = errors.listMessages('fundingSources', isShown);
  const isMismatch = total !== null && funding !== null && funding !== total;

  /** This row's amount so that all rows add up to the total. */
  function fillRemainder(index: number) {
    if (total === null) return;
    const others = amounts.reduce<number>((sum, amount, i) => (i === index ? sum : sum + (amount ?? 0)), 0);
    update(index, { amount: String(Math.max(0, total - others)) });
  }

  return (
    <Fieldset legend={t('orders.form.funding')} variant="unstyled" styles={LEGEND} data-testid="funding-field">
      <Stack gap="sm">
        {rows.map((row, index) => (
          <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap" data-testid={`funding-${index + 1}`}>
            <Grid gap="xs" flex={1}>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <Select
                  label={t('orders.form.fundingSource')}
                  required
                  data={FUNDING_SOURCES.map((source) => ({
                    value: source,
                    label: t(`orders.fundingSources.${source}`),
                    disabled: source !== row.source && rows.some((other) => other.source === source),
                  }))}
                  value={row.source}
                  onChange={(value) => update(index, { source: value as FundingSourceKind | null })}
                  error={errors.at(`fundingSources.${index}.source`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <VndInput
                    label={t('orders.form.fundingAmount')}
                    hint={t('catalogue.amountHint')}
                    required
                    flex={1}
                    inputWrapperOrder={HINT_BELOW}
                    value={row.amount}
                    onChange={(text) => update(index, { amount: text })}
                    error={errors.at(`fundingSources.${index}.amount`) ?? (listMessages.length > 0 || undefined)}
                  />
                  <Button
                    variant="light"
                    mt={25}
                    disabled={total === null}
                    onClick={() => fillRemainder(index)}
                    aria-label={t('orders.form.fillTotalFor', { number: index + 1 })}
                  >
                    {t('orders.form.fillTotal')}
                  </Button>
                </Group>
              </Grid.Col>
            </Grid>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mt={26}
              aria-label={t('orders.form.removeFunding', { number: index + 1 })}
              disabled={rows.length === 1}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {listMessages.map((message) => (
          <Text key={message} size="sm" c="red" role="alert" data-testid="funding-error">{message}</Text>
        ))}
        {isMismatch && listMessages.length === 0 && (
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} p="xs" role="status" data-testid="funding-mismatch">
            {translate(currentLanguage(), 'orderFundingMismatch', { funding: formatVnd(funding), total: formatVnd(total) })}
          </Alert>
        )}
        {rows.length < FUNDING_SOURCES.length && (
          <Group>
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, fundingRow()])}>
              {t('orders.form.addFunding')}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
