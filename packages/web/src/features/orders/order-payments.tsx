import { Anchor, Table, Text } from '@mantine/core';
import { formatDate, formatVnd, type Payment } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Payments on the order: advances, interim and final payments, oldest first. */
export function OrderPaymentsTable({ payments }: { payments: Payment[] }) {
  const { t } = useTranslation();
  if (payments.length === 0) return <Text size="sm" c="dimmed">{t('orders.noPayments')}</Text>;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" data-testid="order-payments" aria-label={t('orders.sections.payments')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.paymentKind')}</Table.Th>
            <Table.Th>{t('orders.paidOn')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('orders.form.fundingAmount')}</Table.Th>
            <Table.Th>{t('orders.treasuryReference')}</Table.Th>
            <Table.Th>{t('orders.dossier')}</Table.Th>
            <Table.Th>{t('orders.note')}</Table.Th>
            <Table.Th>{t('orders.recordedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {payments.map((payment) => (
            <Table.Tr key={payment.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`orders.paymentKinds.${payment.kind}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(payment.paidOn)}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(payment.amount)}</Table.Td>
              <Table.Td>{payment.treasuryReference}</Table.Td>
              <Table.Td>
                {payment.dossierId ? (
                  <Anchor component={Link} to={`/dossiers/${payment.dossierId}`} size="sm" className="mono">
                    {payment.dossierCode ?? t('orders.dossierWithoutCode')}
                  </Anchor>
                ) : '—'}
              </Table.Td>
              <Table.Td maw={240}>{payment.note ?? '—'}</Table.Td>
              <Table.Td>{payment.recordedBy.fullName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
