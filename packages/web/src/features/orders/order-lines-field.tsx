import { ActionIcon, Button, Fieldset, Grid, Group, Paper, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { formatDate, formatVnd, type CatalogueService, type OrderingMethod } from '@nghiemthu/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { VndInput } from '../catalogue/vnd-input';
import { HINT_BELOW } from './legend';
import { allowsContractPrice, lineRow, type LineRow } from './order-form-values';
import type { LinePrice, PricedLine } from './order-pricing';
import { ServiceSelect } from './service-select';
import type { OrderFormErrors } from './use-order-form-errors';

type Props = {
  rows: LineRow[];
  onChange: (rows: LineRow[]) => void;
  method: OrderingMethod | null;
  startDate: string | null;
  services: readonly CatalogueService[];
  priced: PricedLine[];
  total: number | null;
  errors: OrderFormErrors;
};

const FIELDS = ['serviceId', 'quantity', 'unitPrice'] as const;

/** The services ordered: service, quantity, optional contract price, and each line's amount as it is typed. */
export function OrderLinesField({ rows, onChange, method, startDate, services, priced, total, errors }: Props) {
  const { t } = useTranslation();
  const canAgreePrice = allowsContractPrice(method);
  function update(index: number, patch: Partial<LineRow>, field: (typeof FIELDS)[number]) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    errors.clear(`lines.${index}.${field}`);
    errors.clear(`lines.${index}`);
  }
  const isShown = (path: string) => rows.some((_, i) => path === `lines.${i}` || FIELDS.some((field) => path === `lines.${i}.${field}`));

  function priceText(price: LinePrice): string {
    switch (price.kind) {
      case 'contract':
        return t('orders.form.priceContract', { price: formatVnd(price.unitPrice) });
      case 'catalogue':
        return t('orders.form.priceOnStart', { date: formatDate(startDate ?? ''), price: formatVnd(price.unitPrice), decision: price.decision });
      case 'current':
        return t('orders.form.priceCurrent', { price: formatVnd(price.unitPrice), decision: price.decision });
      case 'loading':
        return t('common.loading');
      case 'none':
        return startDate ? t('orders.form.priceNoneOn', { date: formatDate(startDate) }) : t('orders.form.noPrice');
    }
  }

  return (
    <Fieldset legend={<VisuallyHidden>{t('orders.form.lines')}</VisuallyHidden>} variant="unstyled">
      <Stack gap="sm">
        {rows.map((row, index) => {
          const line = priced[index];
          const service = line?.service;
          const lineError = errors.at(`lines.${index}`);
          return (
            <Paper key={row.key} withBorder p="sm" data-testid={`order-line-${index + 1}`}>
              <Group justify="space-between" mb={4}>
                <Text fw={600} size="sm">{t('orders.form.lineNumber', { number: index + 1 })}</Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('orders.form.removeLine', { number: index + 1 })}
                  disabled={rows.length === 1}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
              <Grid gap="xs">
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <ServiceSelect
                    label={t('orders.form.service')}
                    placeholder={t('orders.form.servicePlaceholder')}
                    inputWrapperOrder={HINT_BELOW}
                    required
                    services={services}
                    method={method}
                    takenIds={rows.filter((_, i) => i !== index).flatMap((other) => (other.serviceId ? [other.serviceId] : []))}
                    value={row.serviceId}
                    onChange={(serviceId) => update(index, { serviceId, kpiTargets: [] }, 'serviceId')}
                    description={line && service ? priceText(line.price) : undefined}
                    error={errors.at(`lines.${index}.serviceId`) ?? lineError}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, md: 2 }}>
                  <TextInput
                    label={t('orders.form.quantity')}
                    description={service ? service.unit : t('orders.form.quantityHint')}
                    inputWrapperOrder={HINT_BELOW}
                    required
                    inputMode="decimal"
                    autoComplete="off"
                    value={row.quantity}
                    onChange={(event) => update(index, { quantity: event.currentTarget.value }, 'quantity')}
                    error={errors.at(`lines.${index}.quantity`)}
                    styles={{ input: { textAlign: 'right' } }}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, md: 2 }}>
                  <VndInput
                    label={t('orders.form.contractPrice')}
                    inputWrapperOrder={HINT_BELOW}
                    hint={t(canAgreePrice ? 'orders.form.contractPriceHint' : method === 'ordering' ? 'orders.form.contractPriceOrdering' : 'orders.form.contractPriceNoMethod')}
                    disabled={!canAgreePrice}
                    value={canAgreePrice ? row.contractPrice : ''}
                    onChange={(text) => update(index, { contractPrice: text }, 'unitPrice')}
                    error={errors.at(`lines.${index}.unitPrice`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 2 }}>
                  <Stack gap={2} align="flex-end">
                    <Text size="sm" fw={500}>{t('orders.form.amount')}</Text>
                    <Text fw={600} size="lg" style={{ whiteSpace: 'nowrap' }} data-testid="line-amount">
                      {line?.amount != null ? formatVnd(line.amount) : '—'}
                    </Text>
                  </Stack>
                </Grid.Col>
              </Grid>
            </Paper>
          );
        })}
        {errors.listMessages('lines', isShown).map((message) => (
          <Text key={message} size="sm" c="red" role="alert">{message}</Text>
        ))}
        <Group justify="space-between" align="center">
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, lineRow()])}>
            {t('orders.form.addLine')}
          </Button>
          <Group gap="xs" aria-live="polite">
            <Text fw={500}>{t('orders.form.total')}</Text>
            <Text fw={700} size="xl" data-testid="order-total">{total !== null ? formatVnd(total) : '—'}</Text>
          </Group>
        </Group>
      </Stack>
    </Fieldset>
  );
}
