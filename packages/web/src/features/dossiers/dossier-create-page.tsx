import { Alert, Anchor, Button, DataList, Group, Radio, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { DOSSIER_STATES, formatDate, formatVnd, type DossierState, type OrderDetail } from '@nghiemthu/shared';
import { IconAlertTriangle, IconArrowLeft, IconFilePlus, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../ui/error-message';
import { notifySuccess } from '../../ui/notify';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { DataItem, SectionCard } from '../../ui/section-card';
import { OrderStatusBadge } from '../orders/order-status-badge';
import { useOrder, useOrderList } from '../orders/orders.api';
import { DossierStateBadge } from './dossier-state-badge';
import { useCreateDossier } from './dossiers.api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A period is taken while it has a dossier that was neither withdrawn nor refused (the server's rule for a new one). */
const ENDED: readonly string[] = ['rejected', 'withdrawn'];
const isDossierState = (state: string): state is DossierState => (DOSSIER_STATES as readonly string[]).includes(state);

/**
 * The provider prepares a dossier for one period of an order (/dossiers/new?orderId=…): the
 * order, its periods and which already have a dossier, then the new draft opens.
 */
export function DossierCreatePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  const chooseOrder = (id: string | null) => setParams(id ? { orderId: id } : {}, { replace: true });

  return (
    <Stack>
      <Anchor component={Link} to="/dossiers" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('dossiers.new.backToList')}
        </Group>
      </Anchor>
      <PageTitle>{t('dossiers.new.title')}</PageTitle>
      <OrderChoice orderId={UUID.test(orderId) ? orderId : null} onChange={chooseOrder} />
      {UUID.test(orderId) && <OrderPeriods key={orderId} orderId={orderId} />}
    </Stack>
  );
}

/** The signed and running orders the user's agency provides: only those can get a dossier. */
function OrderChoice({ orderId, onChange }: { orderId: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const base = { page: 1, pageSize: 200, sort: 'code', order: 'asc' } as const;
  const signed = useOrderList({ ...base, status: 'signed' });
  const running = useOrderList({ ...base, status: 'in_progress' });
  const orders = [...(running.data?.items ?? []), ...(signed.data?.items ?? [])].filter((order) => order.allowedActions.includes('createDossier'));
  const isPending = signed.isPending || running.isPending;
  const error = signed.error ?? running.error;
  if (error) return <QueryError error={error} onRetry={() => void Promise.all([signed.refetch(), running.refetch()])} />;
  if (!isPending && orders.length === 0 && !orderId) {
    return <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>{t('dossiers.new.noOrders')}</Alert>;
  }
  return (
    <Select
      label={t('dossiers.new.order')}
      description={t('dossiers.new.orderHint')}
      placeholder={t('dossiers.new.orderPlaceholder')}
      data={orders.map((order) => ({ value: order.id, label: `${order.code} – ${order.title}` }))}
      value={orders.some((order) => order.id === orderId) ? orderId : null}
      onChange={onChange}
      searchable
      disabled={isPending}
      maw={720}
      data-testid="dossier-new-order"
    />
  );
}

function OrderPeriods({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const order = useOrder(orderId);
  if (order.isPending) return <PageLoader />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  return (
    <>
      <SectionCard title={t('dossiers.new.order')}>
        <DataList labelWidth="170px">
          <DataItem label={t('orders.code')}>
            <Anchor component={Link} to={`/orders/${order.data.id}`} className="mono">{order.data.code}</Anchor>
          </DataItem>
          <DataItem label={t('orders.orderTitle')}>{order.data.title}</DataItem>
          <DataItem label={t('orders.orderingAgency')}>{order.data.orderingAgency.name}</DataItem>
          <DataItem label={t('orders.provider')}>{order.data.providerAgency.name}</DataItem>
          <DataItem label={t('orders.executionPeriod')}>{formatDate(order.data.startDate)} – {formatDate(order.data.endDate)}</DataItem>
          <DataItem label={t('orders.status')}><OrderStatusBadge status={order.data.status} /></DataItem>
        </DataList>
      </SectionCard>
      {order.data.allowedActions.includes('createDossier') ? (
        <PeriodChoice order={order.data} />
      ) : (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">{t('dossiers.new.notAllowed')}</Alert>
      )}
    </>
  );
}

function PeriodChoice({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateDossier();
  const [periodNo, setPeriodNo] = useState<string | null>(null);
  const [isAsked, setAsked] = useState(false);
  const periods = order.content.periods.map((period) => {
    const dossiers = order.periods.find((p) => p.periodNo === period.periodNo)?.dossiers ?? [];
    return { ...period, dossiers, isFree: dossiers.every((dossier) => ENDED.includes(dossier.state)) };
  });
  const hasFree = periods.some((period) => period.isFree);

  function submit() {
    setAsked(true);
    const chosen = periods.find((period) => String(period.periodNo) === periodNo && period.isFree);
    if (!chosen) return;
    create.mutate(
      { orderId: order.id, periodNo: chosen.periodNo },
      {
        onSuccess: (dossier) => {
          notifySuccess(t('dossiers.new.done', { period: dossier.periodLabel }));
          void navigate(`/dossiers/${dossier.id}`);
        },
      },
    );
  }

  return (
    <SectionCard title={t('dossiers.new.periods')}>
      <Stack>
        {!hasFree && <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>{t('dossiers.new.noFreePeriod')}</Alert>}
        <Radio.Group
          value={periodNo}
          onChange={setPeriodNo}
          label={<VisuallyHidden>{t('dossiers.new.periods')}</VisuallyHidden>}
          description={t('dossiers.new.periodsHint')}
          error={isAsked && !periods.some((period) => String(period.periodNo) === periodNo) ? t('dossiers.new.pickPeriod') : undefined}
        >
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="dossier-new-periods">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('dossiers.new.choose')}</Table.Th>
                  <Table.Th>{t('dossiers.period')}</Table.Th>
                  <Table.Th>{t('dossiers.new.periodDates')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('dossiers.plannedValue')}</Table.Th>
                  <Table.Th>{t('dossiers.new.periodDossiers')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {periods.map((period) => (
                  <Table.Tr key={period.periodNo} data-testid="dossier-new-period" style={{ opacity: period.isFree ? 1 : 0.7 }}>
                    <Table.Td>
                      <Radio value={String(period.periodNo)} disabled={!period.isFree} aria-label={period.label} />
                    </Table.Td>
                    <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>{period.label}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(period.startDate)} – {formatDate(period.endDate)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(period.plannedValue)}</Table.Td>
                    <Table.Td>
                      {period.dossiers.length === 0 ? (
                        <Text size="sm" c="dimmed">{t('dossiers.new.free')}</Text>
                      ) : (
                        <Stack gap={4}>
                          {period.dossiers.map((dossier) => (
                            <Group key={dossier.id} gap={6} wrap="nowrap">
                              <Anchor component={Link} to={`/dossiers/${dossier.id}`} size="sm" className="mono">
                                {dossier.code ?? t('dossiers.notSubmitted')}
                              </Anchor>
                              {isDossierState(dossier.state) && <DossierStateBadge state={dossier.state} size="sm" />}
                            </Group>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Radio.Group>
        {create.isError && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">{errorMessage(create.error)}</Alert>
        )}
        <Group>
          <Button onClick={submit} loading={create.isPending} disabled={!hasFree} leftSection={<IconFilePlus size={16} aria-hidden />} data-testid="dossier-new-submit">
            {t('dossiers.new.submit')}
          </Button>
        </Group>
      </Stack>
    </SectionCard>
  );
}
