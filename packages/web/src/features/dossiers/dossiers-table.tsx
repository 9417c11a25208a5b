import { Anchor, Group, Table, Text } from '@mantine/core';
import { formatDate, formatVnd, type Dossier } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyRows } from '../../ui/empty-rows';
import { SortableTh } from '../../ui/sortable-th';
import type { SortOrder } from '../../ui/use-list-params';
import { DossierDeadlineBadge, DossierStateBadge } from './dossier-state-badge';
import type { DossierSort } from './dossiers.api';

type DossiersTableProps = {
  dossiers: Dossier[];
  sort: DossierSort;
  order: SortOrder;
  onSort: (field: DossierSort) => void;
  hasFilters: boolean;
  isRefreshing: boolean;
};

/** Period and provider sit with the order, the appraiser under the state, so the list fits a 1366-pixel screen. */
const COLUMN_COUNT = 6;
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
const Dash = () => <Text span c="dimmed">—</Text>;

export function DossiersTable({ dossiers, sort, order, onSort, hasFilters, isRefreshing }: DossiersTableProps) {
  const { t } = useTranslation();
  const sortable = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        highlightOnHover
        verticalSpacing="xs"
        aria-label={t('dossiers.tableCaption')}
        aria-busy={isRefreshing}
        style={{ opacity: isRefreshing ? 0.6 : 1 }}
        data-testid="dossiers-table"
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="code" {...sortable}>{t('dossiers.code')}</SortableTh>
            <Table.Th style={NOWRAP}>{t('dossiers.orderAndPeriod')}</Table.Th>
            <SortableTh field="state" {...sortable}>{t('dossiers.state')}</SortableTh>
            <SortableTh field="stepDueDate" {...sortable}>{t('dossiers.dueDate')}</SortableTh>
            <SortableTh field="plannedValue" {...sortable}>{t('dossiers.plannedValue')}</SortableTh>
            <Table.Th style={NUMBER}>{t('dossiers.acceptedValue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dossiers.length === 0 && <EmptyRows colSpan={COLUMN_COUNT} hasFilters={hasFilters} />}
          {dossiers.map((dossier) => (
            <Table.Tr key={dossier.id} data-testid="dossier-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {dossier.code ? (
                  <Anchor component={Link} to={`/dossiers/${dossier.id}`} fw={600} fz={13} className="mono">
                    {dossier.code}
                  </Anchor>
                ) : (
                  <Anchor
                    component={Link}
                    to={`/dossiers/${dossier.id}`}
                    fs="italic"
                    aria-label={t('dossiers.openUnsubmitted', { period: dossier.periodLabel, order: dossier.order.code })}
                  >
                    {t('dossiers.notSubmitted')}
                  </Anchor>
                )}
                {dossier.submittedAt && (
                  <Text size="xs" c="dimmed">{t('dossiers.submittedOn', { date: formatDate(dossier.submittedAt) })}</Text>
                )}
              </Table.Td>
              <Table.Td miw={240} maw={320}>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={`/orders/${dossier.order.id}`} size="sm" className="mono">
                    {dossier.order.code}
                  </Anchor>
                  <Text span size="sm" fw={600} style={NOWRAP} data-testid="dossier-period">{dossier.periodLabel}</Text>
                </Group>
                <Text size="sm" lineClamp={2} title={dossier.order.title}>{dossier.order.title}</Text>
                <Text size="xs" c="dimmed" lineClamp={2} title={dossier.providerAgency.name} data-testid="dossier-provider">
                  {t('dossiers.providedBy', { name: dossier.providerAgency.name })}
                </Text>
              </Table.Td>
              <Table.Td>
                <DossierStateBadge state={dossier.state} />
                {dossier.appraiser && <Text size="xs" c="dimmed" mt={2}>{t('dossiers.appraisedBy', { name: dossier.appraiser.fullName })}</Text>}
              </Table.Td>
              <Table.Td style={NOWRAP}>
                {/* The date, and beneath it what it means now: the column stays narrow. */}
                {dossier.stepDueDate ? <Text size="sm">{formatDate(dossier.stepDueDate)}</Text> : <Dash />}
                <DossierDeadlineBadge deadline={dossier.deadline} stepDueDate={dossier.stepDueDate} stepExtended={dossier.stepExtended} withDate={false} />
              </Table.Td>
              <Table.Td style={NUMBER}>{formatVnd(dossier.plannedValue)}</Table.Td>
              <Table.Td style={NUMBER}>{dossier.acceptedValue === null ? <Dash /> : formatVnd(dossier.acceptedValue)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
