import { Anchor, Group, Progress, Table, Text } from '@mantine/core';
import { formatVnd, type OverviewGroup, type OverviewGroupQuery } from '@nghiemthu/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { formatCount } from '../../ui/format';
import { ListFooter } from '../../ui/list-footer';
import { SectionCard } from '../../ui/section-card';
import { SortableTh } from '../../ui/sortable-th';
import { useOverviewGroups } from './dossiers.api';
import { dossierListLink } from './overview-stats';

const NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** A number that opens the dossiers it counts; its link names what it counts, not just "3". */
function CountLink({ count, to, what, color }: { count: number; to: string; what: string; color?: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={to} fw={600} c={count > 0 ? color : 'dimmed'} aria-label={t('dossierOverview.linkTo', { what: `${what}: ${formatCount(count)}` })}>
      {formatCount(count)}
    </Anchor>
  );
}

function MoneyLink({ amount, to, what }: { amount: number; to: string; what: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={to} c="inherit" underline="hover" aria-label={t('dossierOverview.linkTo', { what: `${what}: ${formatVnd(amount)}` })}>
      {formatVnd(amount)}
    </Anchor>
  );
}

/** Accepted against planned, as a bar and a percentage with one decimal in the reader's notation. */
function AcceptedShare({ accepted, planned }: { accepted: number; planned: number }) {
  const share = planned > 0 ? Math.min(100, (accepted / planned) * 100) : 0;
  const text = `${share.toLocaleString(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} %`;
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Progress value={share} w={80} size="sm" color="teal" aria-hidden />
      <Text span size="sm" w={56} ta="right">{text}</Text>
    </Group>
  );
}

type Sort = OverviewGroupQuery['sort'];
const PAGE_SIZE = 20;

/** What differs between the two groupings: the heading, the filter that opens a group's dossiers, and how a group is named. */
const GROUPINGS = {
  provider: { title: 'dossierOverview.byProvider', what: 'dossierOverview.provider', value: 'dossierOverview.plannedValue', filter: 'providerAgencyId', minWidth: 820 },
  order: { title: 'dossierOverview.byOrder', what: 'dossierOverview.order', value: 'dossierOverview.totalValue', filter: 'orderId', minWidth: 880 },
} as const;

function GroupName({ by, group }: { by: keyof typeof GROUPINGS; group: OverviewGroup }) {
  if (by === 'provider') {
    return (
      <>
        <Text size="sm">{group.name}</Text>
        <Text size="xs" c="dimmed" className="mono">{group.code}</Text>
      </>
    );
  }
  return (
    <>
      <Anchor component={Link} to={`/orders/${group.id}`} size="sm" className="mono">{group.code}</Anchor>
      <Text size="sm" lineClamp={2} title={group.name}>{group.name}</Text>
    </>
  );
}

/** Dossiers grouped by provider or by order, a page at a time, sortable by every figure; each figure opens the dossiers behind it. */
export function OverviewGroups({ by }: { by: keyof typeof GROUPINGS }) {
  const { t } = useTranslation();
  const grouping = GROUPINGS[by];
  const [query, setQuery] = useState<{ page: number; sort: Sort; order: 'asc' | 'desc' }>({ page: 1, sort: 'open', order: 'desc' });
  const groups = useOverviewGroups(by, { ...query, pageSize: PAGE_SIZE });
  const sortBy = (sort: Sort) =>
    setQuery((current) => ({ page: 1, sort, order: current.sort === sort ? (current.order === 'asc' ? 'desc' : 'asc') : sort === 'code' ? 'asc' : 'desc' }));
  const th = (sort: Sort, label: string) => (
    <SortableTh field={sort} sort={query.sort} order={query.order} onSort={sortBy} align={sort === 'code' ? 'left' : 'right'}>{label}</SortableTh>
  );
  if (groups.data && groups.data.total === 0) return null;
  return (
    <SectionCard title={t(grouping.title)} testId={`overview-by-${by}`}>
      <Table.ScrollContainer minWidth={grouping.minWidth}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {th('code', t(grouping.what))}
              {th('open', t('dossierOverview.open'))}
              {th('overdue', t('dossierOverview.overdueColumn'))}
              {th('value', t(grouping.value))}
              {th('accepted', t('dossierOverview.acceptedValue'))}
              <Table.Th style={NUMBER}>{t('dossierOverview.acceptedShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(groups.data?.items ?? []).map((group) => {
              const list = dossierListLink({ [grouping.filter]: group.id });
              const name = by === 'provider' ? group.name : group.code;
              return (
                <Table.Tr key={group.id} data-testid={`overview-${by}-row`}>
                  <Table.Td maw={380}><GroupName by={by} group={group} /></Table.Td>
                  <Table.Td style={NUMBER}><CountLink count={group.open} to={dossierListLink({ [grouping.filter]: group.id, open: 'true' })} what={`${name}, ${t('dossierOverview.open')}`} /></Table.Td>
                  <Table.Td style={NUMBER}>
                    <CountLink count={group.overdue} to={dossierListLink({ [grouping.filter]: group.id, deadline: 'overdue' })} what={`${name}, ${t('dossierOverview.overdueColumn')}`} color="red" />
                  </Table.Td>
                  <Table.Td style={NUMBER}><MoneyLink amount={group.value} to={list} what={`${name}, ${t(grouping.value)}`} /></Table.Td>
                  <Table.Td style={NUMBER}><MoneyLink amount={group.acceptedValue} to={list} what={`${name}, ${t('dossierOverview.acceptedValue')}`} /></Table.Td>
                  <Table.Td><AcceptedShare accepted={group.acceptedValue} planned={group.value} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {groups.data && (
        <ListFooter page={query.page} pageSize={PAGE_SIZE} total={groups.data.total} onPageChange={(page) => setQuery((current) => ({ ...current, page }))} />
      )}
    </SectionCard>
  );
}
