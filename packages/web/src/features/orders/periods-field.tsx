import { Alert, Fieldset, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDate, formatVnd, numberPeriods, splitEvenly, type AcceptancePeriod, type PeriodKind } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatQuantity } from '../../ui/format';
import { MilestonesField } from './milestones-field';
import type { LineRow, MilestoneRow } from './order-form-values';
import type { PricedLine } from './order-pricing';
import type { OrderFormErrors } from './use-order-form-errors';

/** The API accepts at most this many periods. */
const MAX_PERIODS = 60;

type Props = {
  periodKind: PeriodKind;
  startDate: string | null;
  endDate: string | null;
  lines: LineRow[];
  priced: PricedLine[];
  /** Lines with quantity and price, or null while one is incomplete. */
  periodLines: { lineNo: number; quantity: string; unitPrice: number }[] | null;
  milestones: MilestoneRow[];
  onMilestonesChange: (rows: MilestoneRow[]) => void;
  errors: OrderFormErrors;
};

/**
 * Acceptance periods: for months, quarters and years the server splits each line
 * evenly, so the form shows the same split (from packages/shared) read-only; for
 * milestones the officer writes each period.
 */
export function PeriodsField(props: Props) {
  const { t } = useTranslation();
  const { periodKind, startDate, endDate, periodLines, errors } = props;
  if (periodKind === 'milestones') return <MilestonesField {...props} />;

  let periods: AcceptancePeriod[] | null = null;
  let isTooMany = false;
  if (startDate && endDate && startDate <= endDate && periodLines) {
    const split = splitEvenly(periodKind, startDate, endDate, periodLines);
    isTooMany = split.length > MAX_PERIODS;
    if (!isTooMany) periods = numberPeriods(split, periodLines);
  }
  const messages = errors.listMessages('periods', () => false);

  return (
    <Fieldset legend={<VisuallyHidden>{t('orders.form.periods')}</VisuallyHidden>} variant="unstyled">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">{t('orders.form.periodsGenerated')}</Text>
        {isTooMany && <Alert color="yellow" p="xs" role="status">{t('orders.form.periodsTooMany', { max: MAX_PERIODS })}</Alert>}
        {!periods && !isTooMany && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs" role="status">
            {t('orders.form.periodsWaiting')}
          </Alert>
        )}
        {periods && <PeriodsTable periods={periods} priced={props.priced} />}
        {messages.map((message) => (
          <Text key={message} size="sm" c="red" role="alert">{message}</Text>
        ))}
      </Stack>
    </Fieldset>
  );
}

/** Periods with each line's quantity and the planned value; also used to preview milestones. */
export function PeriodsTable({ periods, priced }: { periods: AcceptancePeriod[]; priced: PricedLine[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={4} striped data-testid="periods-preview" aria-label={t('orders.form.periods')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.period')}</Table.Th>
            <Table.Th>{t('orders.periodDates')}</Table.Th>
            <Table.Th>{t('orders.periodQuantities')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.plannedValue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {periods.map((period) => (
            <Table.Tr key={period.periodNo}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{period.label}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(period.startDate)} – {formatDate(period.endDate)}
              </Table.Td>
              <Table.Td>
                {period.quantities
                  .map((q) => `${priced[q.lineNo - 1]?.service?.code ?? t('orders.form.lineNumber', { number: q.lineNo })}: ${formatQuantity(q.quantity)}`)
                  .join(' · ')}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(period.plannedValue)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
