import { DataList, SimpleGrid, Stack, Title } from '@mantine/core';
import { formatDate, type OrderDetail } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { DataItem } from '../../ui/section-card';
import { BasisDocumentsTable } from './order-terms';

/** Who orders what from whom, under which rules and when; and the documents it rests on. */
export function OrderGeneral({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        <DataList labelWidth="170px">
          <DataItem label={t('orders.method')}>{t(`catalogue.methods.${order.method}`)}</DataItem>
          <DataItem label={t('orders.legalRegime')}>{t(`orders.legalRegimes.${order.legalRegime}`)}</DataItem>
          <DataItem label={t('orders.orderingAgency')}>{order.orderingAgency.name}</DataItem>
          <DataItem label={t('orders.provider')}>{order.providerAgency.name}</DataItem>
        </DataList>
        <DataList labelWidth="170px">
          <DataItem label={t('orders.budgetYear')}>{order.budgetYear}</DataItem>
          <DataItem label={t('orders.executionPeriod')}>{formatDate(order.startDate)} – {formatDate(order.endDate)}</DataItem>
          <DataItem label={t('orders.periodKind')}>{t(`orders.periodKinds.${order.content.periodKind}`)}</DataItem>
          <DataItem label={t('orders.createdAt')}>{formatDate(order.createdAt)}</DataItem>
        </DataList>
      </SimpleGrid>
      <div>
        <Title order={3} size="h5" mb="xs">{t('orders.form.basisDocuments')}</Title>
        <BasisDocumentsTable documents={order.content.basisDocuments} />
      </div>
    </Stack>
  );
}
