import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { formatDate, formatVnd, isMessageKey, translate, type OrderDetail } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { formatQuantity } from '../../ui/format';

/** A dossier state in words, from the shared message catalogue the server uses too. */
function dossierStateLabel(state: string): string {
  const key = `dossierState_${state}`;
  const words = isMessageKey(key) ? translate(currentLanguage(), key) : state;
  // The shared catalogue writes states to sit inside sentences; a badge starts with a capital.
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Each acceptance period of the order in force, its planned value and the dossiers filed for it. */
export function OrderPeriodsTable({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const codeOfLine = new Map(order.content.lines.map((line) => [line.lineNo, line.serviceCode]));
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" data-testid="order-periods" aria-label={t('orders.sections.periods')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.period')}</Table.Th>
            <Table.Th>{t('orders.periodDates')}</Table.Th>
            <Table.Th>{t('orders.periodQuantities')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.plannedValue')}</Table.Th>
            <Table.Th>{t('orders.dossiers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.content.periods.map((period) => {
            const dossiers = order.periods.find((p) => p.periodNo === period.periodNo)?.dossiers ?? [];
            return (
              <Table.Tr key={period.periodNo} data-testid="order-period-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }} fw={500}>{period.label}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(period.startDate)} – {formatDate(period.endDate)}</Table.Td>
                <Table.Td>
                  {period.quantities.map((q) => (
                    <Text size="sm" key={q.lineNo} style={{ whiteSpace: 'nowrap' }}>
                      <span className="mono">{codeOfLine.get(q.lineNo)}</span>: {formatQuantity(q.quantity)}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(period.plannedValue)}</Table.Td>
                <Table.Td>
                  {dossiers.length === 0 ? (
                    <Text size="sm" c="dimmed">{t('orders.noDossier')}</Text>
                  ) : (
                    <Stack gap={4}>
                      {dossiers.map((dossier) => (
                        <div key={dossier.id}>
                          <Anchor component={Link} to={`/dossiers/${dossier.id}`} size="sm" className="mono">
                            {dossier.code ?? t('orders.dossierWithoutCode')}
                          </Anchor>{' '}
                          <Badge variant="light" color="gray" tt="none" size="sm">{dossierStateLabel(dossier.state)}</Badge>
                          {dossier.acceptedValue !== null && (
                            <Text size="xs" c="dimmed">{t('orders.dossierValue', { amount: formatVnd(dossier.acceptedValue) })}</Text>
                          )}
                        </div>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
