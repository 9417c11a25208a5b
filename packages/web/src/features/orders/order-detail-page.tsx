import { Badge, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { formatVnd, type OrderDetail } from '@nghiemthu/shared';
import { IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DetailPage } from '../../ui/detail-page';
import { PageTitle } from '../../ui/page-title';
import { oneOf } from '../../ui/use-list-params';
import { OrderActions } from './order-actions';
import { OrderClosing } from './order-closing';
import { OrderCouncilPanel } from './order-council';
import { OrderGeneral } from './order-general';
import { OrderLinesTable } from './order-lines-table';
import { OrderPaymentsTable } from './order-payments';
import { OrderPeriodsTable } from './order-periods-table';
import { OrderStatusBadge } from './order-status-badge';
import { OrderFundingAndTerms } from './order-terms';
import { OrderVersionModal, OrderVersionsTable } from './order-versions';
import { useOrder } from './orders.api';
import { RecordAdvanceModal } from './record-advance-modal';

const TABS = ['general', 'lines', 'periods', 'council', 'funding', 'versions', 'payments', 'closing'] as const;

export function OrderDetailPage() {
  const { t } = useTranslation();
  const { orderId = null } = useParams();
  const order = useOrder(orderId);
  return (
    <DetailPage backTo="/orders" backLabel={t('orders.backToList')} query={order}>
      {(data) => <OrderView order={data} />}
    </DetailPage>
  );
}

function SummaryCard({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Paper>
  );
}

function OrderView({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The version stays chosen while its dialog closes, so the dialog does not empty itself on the way out.
  const [version, setVersion] = useState<{ number: number; isOpen: boolean } | null>(null);
  const [isRecordingAdvance, setRecordingAdvance] = useState(false);
  const tab = oneOf(TABS, params.get('tab') ?? '') ?? 'general';
  const { content } = order;
  const hasClosing = order.liquidation !== null || order.settlement !== null;

  function changeTab(next: string | null) {
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      if (next && next !== 'general') updated.set('tab', next);
      else updated.delete('tab');
      return updated;
    }, { replace: true });
  }

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} maw={760}>
          <PageTitle>{order.title}</PageTitle>
          <Group gap="sm">
            <Text className="mono" data-testid="order-code">{order.code}</Text>
            <OrderStatusBadge status={order.status} />
            <Badge variant="outline" color="gray" tt="none" data-testid="order-version">{t('orders.versionNumber', { version: order.version })}</Badge>
          </Group>
        </Stack>
        <OrderActions order={order} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <SummaryCard testId="summary-ordered" label={t('orders.summary.ordered')} value={formatVnd(order.totalValue)} />
        <SummaryCard testId="summary-accepted" label={t('orders.summary.accepted')} value={formatVnd(order.acceptedValue)} />
        <SummaryCard testId="summary-paid" label={t('orders.summary.paid')} value={formatVnd(order.paidValue)} />
        <SummaryCard
          testId="summary-remaining"
          label={t('orders.summary.remaining')}
          value={formatVnd(Math.max(0, order.totalValue - order.paidValue))}
          hint={t(order.settlement ? 'orders.summary.remainingSettled' : 'orders.summary.remainingHint')}
        />
        <SummaryCard
          testId="summary-advance"
          label={t('orders.advanceLimit')}
          value={formatVnd(order.advanceLimit)}
          hint={t('orders.summary.advanceHint', { percent: content.advancePercent })}
        />
      </SimpleGrid>
      <Tabs value={tab} onChange={changeTab}>
        <Tabs.List aria-label={t('orders.tabsLabel')}>
          <Tabs.Tab value="general">{t('orders.form.general')}</Tabs.Tab>
          <Tabs.Tab value="lines">{t('orders.sections.lines')}</Tabs.Tab>
          <Tabs.Tab value="periods">{t('orders.sections.periods')}</Tabs.Tab>
          <Tabs.Tab value="council">{t('orders.sections.council')}</Tabs.Tab>
          <Tabs.Tab value="funding">{t('orders.sections.fundingAndTerms')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('orders.sections.versionsCount', { count: order.versions.length })}</Tabs.Tab>
          <Tabs.Tab value="payments">{t('orders.sections.paymentsCount', { count: order.payments.length })}</Tabs.Tab>
          {hasClosing && <Tabs.Tab value="closing">{t('orders.sections.closing')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <OrderGeneral order={order} />
        </Tabs.Panel>
        <Tabs.Panel value="lines" pt="md">
          <OrderLinesTable lines={content.lines} total={order.totalValue} withKpis />
        </Tabs.Panel>
        <Tabs.Panel value="periods" pt="md">
          <OrderPeriodsTable order={order} />
        </Tabs.Panel>
        <Tabs.Panel value="council" pt="md">
          <OrderCouncilPanel order={order} />
        </Tabs.Panel>
        <Tabs.Panel value="funding" pt="md">
          <OrderFundingAndTerms order={order} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <OrderVersionsTable order={order} onOpen={(number) => setVersion({ number, isOpen: true })} />
        </Tabs.Panel>
        <Tabs.Panel value="payments" pt="md">
          <Stack gap="sm">
            {order.allowedActions.includes('recordAdvance') && (
              <Group>
                <Button variant="light" leftSection={<IconCash size={16} aria-hidden />} onClick={() => setRecordingAdvance(true)}>
                  {t('orders.actions.recordAdvance')}
                </Button>
              </Group>
            )}
            <OrderPaymentsTable payments={order.payments} />
          </Stack>
        </Tabs.Panel>
        {hasClosing && (
          <Tabs.Panel value="closing" pt="md">
            <OrderClosing order={order} />
          </Tabs.Panel>
        )}
      </Tabs>
      <OrderVersionModal
        orderId={order.id}
        version={version?.number ?? null}
        opened={version?.isOpen ?? false}
        onClose={() => setVersion((current) => current && { ...current, isOpen: false })}
      />
      {order.allowedActions.includes('recordAdvance') && (
        <RecordAdvanceModal opened={isRecordingAdvance} onClose={() => setRecordingAdvance(false)} order={order} />
      )}
    </>
  );
}
