import { Table, Text } from '@mantine/core';
import { describeDeductionRule, formatVnd, translate, type OrderLine } from '@nghiemthu/shared';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { formatQuantity } from '../../ui/format';

/** An order's lines with their amounts and total; with KPIs, each line's quality targets under it. */
export function OrderLinesTable({ lines, total, withKpis = false }: { lines: OrderLine[]; total: number; withKpis?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" data-testid="order-lines" aria-label={t('orders.sections.lines')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.lineNo')}</Table.Th>
            <Table.Th>{t('orders.form.service')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.form.quantity')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.unitPrice')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.form.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Fragment key={line.lineNo}>
              <Table.Tr data-testid="order-line-row">
                <Table.Td>{line.lineNo}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>{line.serviceName}</Text>
                  <Text size="xs" c="dimmed" className="mono">{line.serviceCode}</Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="line-quantity">
                  {formatQuantity(line.quantity)}
                  <Text size="xs" c="dimmed">{line.unit}</Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {formatVnd(line.unitPrice)}
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'normal' }}>{line.priceDecision ?? t('orders.contractPrice')}</Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} fw={500}>{formatVnd(line.amount)}</Table.Td>
              </Table.Tr>
              {withKpis && line.kpis.length > 0 && (
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={4} pt={0}>
                    <Text size="xs" fw={600} c="dimmed">{t('orders.kpiTargets')}</Text>
                    {line.kpis.map((kpi) => {
                      const rule = describeDeductionRule(kpi.deductionRule, kpi);
                      return (
                        <Text size="xs" key={kpi.code}>
                          {kpi.name}: {t(`catalogue.directions.${kpi.direction}`, { target: kpi.target, unit: kpi.unit })}
                          <Text span size="xs" c="dimmed"> · {translate(currentLanguage(), rule.key, rule.params)}</Text>
                        </Text>
                      );
                    })}
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={4} style={{ textAlign: 'right' }}>{t('orders.form.total')}</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="lines-total">{formatVnd(total)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
