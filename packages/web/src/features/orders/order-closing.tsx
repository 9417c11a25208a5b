import { DataList, SimpleGrid, Text, Title } from '@mantine/core';
import { formatDate, formatVnd, type OrderDetail } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { DataItem } from '../../ui/section-card';

/** The liquidation minutes and the settlement decision with its figures, once recorded. */
export function OrderClosing({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { liquidation, settlement } = order;
  if (!liquidation && !settlement) return <Text size="sm" c="dimmed">{t('orders.noClosing')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      {liquidation && (
        <div data-testid="order-liquidation">
          <Title order={3} size="h5" mb="xs">{t('orders.closing.liquidate.heading')}</Title>
          <DataList labelWidth="200px">
            <DataItem label={t('orders.closing.liquidate.number')}>{liquidation.minutesNumber}</DataItem>
            <DataItem label={t('orders.closing.liquidate.date')}>{formatDate(liquidation.minutesDate)}</DataItem>
            <DataItem label={t('orders.summary.accepted')}>{formatVnd(liquidation.acceptedValue)}</DataItem>
            {liquidation.note && <DataItem label={t('orders.note')}>{liquidation.note}</DataItem>}
          </DataList>
        </div>
      )}
      {settlement && (
        <div data-testid="order-settlement">
          <Title order={3} size="h5" mb="xs">{t('orders.closing.settle.heading')}</Title>
          <DataList labelWidth="200px">
            <DataItem label={t('orders.closing.settle.number')}>{settlement.decisionNumber}</DataItem>
            <DataItem label={t('orders.closing.settle.date')}>{formatDate(settlement.decisionDate)}</DataItem>
            <DataItem label={t('orders.summary.ordered')}>{formatVnd(settlement.orderedValue)}</DataItem>
            <DataItem label={t('orders.summary.accepted')}>{formatVnd(settlement.acceptedValue)}</DataItem>
            <DataItem label={t('orders.summary.paid')}>{formatVnd(settlement.paidValue)}</DataItem>
            <DataItem label={t('orders.returnedToBudget')}>{formatVnd(settlement.returnedToBudget)}</DataItem>
            <DataItem label={t('orders.refundDue')}>
              <Text span size="sm" c={settlement.refundDue > 0 ? 'red' : undefined} fw={settlement.refundDue > 0 ? 600 : undefined}>
                {formatVnd(settlement.refundDue)}
              </Text>
            </DataItem>
            {settlement.note && <DataItem label={t('orders.note')}>{settlement.note}</DataItem>}
          </DataList>
        </div>
      )}
    </SimpleGrid>
  );
}
