import { Alert, Stack, Text } from '@mantine/core';
import type { OrderDetail } from '@nghiemthu/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DetailPage } from '../../ui/detail-page';
import { todayIsoDate } from '../../ui/format';
import { PageTitle } from '../../ui/page-title';
import { OrderForm } from './order-form';
import { emptyOrderValues, orderValues, type OrderFormMode } from './order-form-values';
import { useOrder } from './orders.api';

/** /orders/new */
export function NewOrderPage() {
  const { t } = useTranslation();
  const [initial] = useState(() => emptyOrderValues(Number(todayIsoDate().slice(0, 4)), t('orders.form.noAdvance')));
  return (
    <Stack>
      <PageTitle>{t('orders.form.createTitle')}</PageTitle>
      <OrderForm mode="create" initial={initial} />
    </Stack>
  );
}

/** /orders/:orderId/edit (drafts) and /orders/:orderId/amend (signed or running orders). */
export function EditOrderPage() {
  return <ExistingOrderForm mode="edit" />;
}

export function AmendOrderPage() {
  return <ExistingOrderForm mode="amend" />;
}

function ExistingOrderForm({ mode }: { mode: Exclude<OrderFormMode, 'create'> }) {
  const { t } = useTranslation();
  const { orderId = null } = useParams();
  const order = useOrder(orderId);
  return (
    <DetailPage backTo={`/orders/${orderId}`} backLabel={t('orders.backToOrder')} query={order}>
      {(data) => <ExistingOrderView mode={mode} order={data} />}
    </DetailPage>
  );
}

function ExistingOrderView({ mode, order }: { mode: Exclude<OrderFormMode, 'create'>; order: OrderDetail }) {
  const { t } = useTranslation();
  const isAllowed = order.allowedActions.includes(mode);
  return (
    <Stack>
      <Stack gap={2}>
        <PageTitle>{t(mode === 'edit' ? 'orders.form.editTitle' : 'orders.form.amendTitle', { code: order.code })}</PageTitle>
        <Text c="dimmed">{order.title}</Text>
      </Stack>
      {isAllowed ? (
        // Keyed by version: if someone amends the order meanwhile, the form starts again from the new content.
        <OrderForm key={order.version} mode={mode} initial={orderValues(order)} order={order} />
      ) : (
        <Alert color="yellow">{t(mode === 'edit' ? 'orders.form.editNotAllowed' : 'orders.form.amendNotAllowed')}</Alert>
      )}
    </Stack>
  );
}
