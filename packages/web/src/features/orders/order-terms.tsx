import { DataList, Stack, Table, Text } from '@mantine/core';
import { formatDate, formatVnd, type BasisDocument, type OrderDetail } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { DataItem } from '../../ui/section-card';

const prewrap = { whiteSpace: 'pre-wrap' } as const;

/** Funding sources, advance, payment terms and how acceptance is done. */
export function OrderFundingAndTerms({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { content } = order;
  return (
    <Stack>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="xs" data-testid="order-funding" aria-label={t('orders.form.funding')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.form.fundingSource')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('orders.form.fundingAmount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.fundingSources.map((funding) => (
              <Table.Tr key={funding.source}>
                <Table.Td>{t(`orders.fundingSources.${funding.source}`)}</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(funding.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <DataList labelWidth="220px">
        <DataItem label={t('orders.advancePercent')}>{content.advancePercent} %</DataItem>
        <DataItem label={t('orders.advanceLimit')}>{formatVnd(order.advanceLimit)}</DataItem>
        <DataItem label={t('orders.advanceTerms')}><Text size="sm" style={prewrap}>{content.advanceTerms}</Text></DataItem>
        <DataItem label={t('orders.paymentTerms')}><Text size="sm" style={prewrap}>{content.paymentTerms}</Text></DataItem>
        <DataItem label={t('orders.acceptanceMethod')}><Text size="sm" style={prewrap}>{content.acceptanceMethod}</Text></DataItem>
      </DataList>
    </Stack>
  );
}

export function BasisDocumentsTable({ documents }: { documents: BasisDocument[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" data-testid="order-basis-documents" aria-label={t('orders.form.basisDocuments')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.form.documentNumber')}</Table.Th>
            <Table.Th>{t('orders.form.documentDate')}</Table.Th>
            <Table.Th>{t('orders.form.documentSigner')}</Table.Th>
            <Table.Th>{t('orders.form.documentSummary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((document) => (
            <Table.Tr key={`${document.number}-${document.date}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{document.number}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(document.date)}</Table.Td>
              <Table.Td>{document.signer}</Table.Td>
              <Table.Td>{document.summary}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
