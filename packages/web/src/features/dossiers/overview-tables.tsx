import { Anchor, Group, Progress, Table, Text } from '@mantine/core';
import { formatVnd, type Overview } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { formatCount } from '../../ui/format';
import { SectionCard } from '../../ui/section-card';
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

export function OverviewByProvider({ rows }: { rows: Overview['byProvider'] }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('dossierOverview.byProvider')} testId="overview-by-provider">
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dossierOverview.provider')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.open')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.overdueColumn')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.plannedValue')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.acceptedValue')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.acceptedShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const list = dossierListLink({ providerAgencyId: row.agency.id });
              const name = row.agency.name;
              return (
                <Table.Tr key={row.agency.id} data-testid="overview-provider-row">
                  <Table.Td maw={360}>
                    <Text size="sm">{name}</Text>
                    <Text size="xs" c="dimmed" className="mono">{row.agency.code}</Text>
                  </Table.Td>
                  <Table.Td style={NUMBER}><CountLink count={row.open} to={list} what={`${name}, ${t('dossierOverview.open')}`} /></Table.Td>
                  <Table.Td style={NUMBER}>
                    <CountLink count={row.overdue} to={dossierListLink({ providerAgencyId: row.agency.id, deadline: 'overdue' })} what={`${name}, ${t('dossierOverview.overdueColumn')}`} color="red" />
                  </Table.Td>
                  <Table.Td style={NUMBER}><MoneyLink amount={row.plannedValue} to={list} what={`${name}, ${t('dossierOverview.plannedValue')}`} /></Table.Td>
                  <Table.Td style={NUMBER}><MoneyLink amount={row.acceptedValue} to={list} what={`${name}, ${t('dossierOverview.acceptedValue')}`} /></Table.Td>
                  <Table.Td><AcceptedShare accepted={row.acceptedValue} planned={row.plannedValue} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}

export function OverviewByOrder({ rows }: { rows: Overview['byOrder'] }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('dossierOverview.byOrder')} testId="overview-by-order">
      <Table.ScrollContainer minWidth={880}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dossierOverview.order')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.open')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.overdueColumn')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.totalValue')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.acceptedValue')}</Table.Th>
              <Table.Th style={NUMBER}>{t('dossierOverview.acceptedShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const list = dossierListLink({ orderId: row.order.id });
              const code = row.order.code;
              return (
                <Table.Tr key={row.order.id} data-testid="overview-order-row">
                  <Table.Td maw={380}>
                    <Anchor component={Link} to={`/orders/${row.order.id}`} size="sm" className="mono">{code}</Anchor>
                    <Text size="sm" lineClamp={2} title={row.order.title}>{row.order.title}</Text>
                  </Table.Td>
                  <Table.Td style={NUMBER}><CountLink count={row.open} to={list} what={`${code}, ${t('dossierOverview.open')}`} /></Table.Td>
                  <Table.Td style={NUMBER}>
                    <CountLink count={row.overdue} to={dossierListLink({ orderId: row.order.id, deadline: 'overdue' })} what={`${code}, ${t('dossierOverview.overdueColumn')}`} color="red" />
                  </Table.Td>
                  <Table.Td style={NUMBER}><MoneyLink amount={row.totalValue} to={list} what={`${code}, ${t('dossierOverview.totalValue')}`} /></Table.Td>
                  <Table.Td style={NUMBER}><MoneyLink amount={row.acceptedValue} to={list} what={`${code}, ${t('dossierOverview.acceptedValue')}`} /></Table.Td>
                  <Table.Td><AcceptedShare accepted={row.acceptedValue} planned={row.totalValue} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}
