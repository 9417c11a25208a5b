import { ActionIcon, Anchor, Badge, Button, DataList, Group, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { formatBytes, formatDate, formatDateTimeMinutes, type RecordDetail, type RecordDocument } from '@nghiemthu/shared';
import { IconDownload, IconExternalLink, IconLock, IconScan } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailPage } from '../../ui/detail-page';
import { LegalHoldPanel } from '../disposition/legal-hold-panel';
import { PageTitle } from '../../ui/page-title';
import { DataItem, SectionCard } from '../../ui/section-card';
import { DocumentSignaturesModal } from './document-signatures-modal';
import { RecordScanModal } from './record-scan-modal';
import { RecordStatusBadge } from './record-status-badge';
import { documentUrl, useRecord } from './records.api';

export function RecordPage() {
  const { t } = useTranslation();
  const { recordId = null } = useParams();
  const record = useRecord(recordId);
  return (
    <DetailPage backTo="/records" backLabel={t('records.backToList')} query={record}>
      {(data) => <RecordView record={data} />}
    </DetailPage>
  );
}

const SIGNATURE_COLORS: Record<RecordDocument['signatureStatus'], string> = {
  none: 'gray', not_checked: 'gray', valid: 'green', invalid: 'red', unknown_signer: 'yellow', modified_after_signing: 'red',
};

/** A record: its metadata (Decree 30 / Circular 05), the seal that locks it, and its documents in order. */
function RecordView({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const [isScanning, setScanning] = useState(false);
  const [signaturesOf, setSignaturesOf] = useState<RecordDocument | null>(null);
  return (
    <>
      <Stack gap={4}>
        <PageTitle>{record.title}</PageTitle>
        <Group gap="sm">
          <Text className="mono" data-testid="record-code">{record.code}</Text>
          <RecordStatusBadge status={record.status} />
          {record.sealHash && (
            <Tooltip label={t('records.sealHint')} multiline w={320}>
              <Badge variant="outline" color="teal" tt="none" leftSection={<IconLock size={12} aria-hidden />}>{t('records.sealed')}</Badge>
            </Tooltip>
          )}
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title={t('records.metadata')} testId="record-metadata">
          <DataList labelWidth="170px">
            <DataItem label={t('records.agency')}>{record.agency.name}</DataItem>
            <DataItem label={t('records.recordClass')}>{record.recordClass.name}</DataItem>
            <DataItem label={t('records.retention')}>
              {record.retentionYears === null ? t('records.permanent') : t('records.years', { count: record.retentionYears })}
              {record.keptUntilYear ? ` · ${t('records.keptUntil', { year: record.keptUntilYear })}` : ''}
            </DataItem>
            <DataItem label={t('records.period')}>{formatDate(record.startDate)} – {record.endDate ? formatDate(record.endDate) : '…'}</DataItem>
            <DataItem label={t('records.accessLevel')}>{t(`records.accessLevels.${record.accessLevel}`)}</DataItem>
            <DataItem label={t('records.responsible')}>{record.responsible?.fullName ?? '—'}</DataItem>
          </DataList>
        </SectionCard>
        <SectionCard title={t('records.origin')} testId="record-origin">
          <DataList labelWidth="170px">
            <DataItem label={t('records.dossier')}>
              {record.dossierId ? <Anchor component={Link} to={`/dossiers/${record.dossierId}`} className="mono">{record.dossierCode}</Anchor> : '—'}
            </DataItem>
            <DataItem label={t('records.documents')}>{t('records.documentsAndPages', { documents: record.documentCount, pages: record.pageCount })}</DataItem>
            <DataItem label={t('records.closedAt')}>{record.closedAt ? formatDateTimeMinutes(record.closedAt) : '—'}</DataItem>
            <DataItem label={t('records.sealHash')}>
              {/* Two halves on two lines: 64 hex digits fit no card, and a broken word is hard to compare by eye. */}
              {record.sealHash ? (
                <Text size="xs" className="mono" data-testid="record-seal">{record.sealHash.slice(0, 32)}<br />{record.sealHash.slice(32)}</Text>
              ) : '—'}
            </DataItem>
          </DataList>
        </SectionCard>
      </SimpleGrid>
      <LegalHoldPanel recordId={record.id} />
      <SectionCard
        title={t('records.documentsInOrder')}
        testId="record-documents"
        action={record.status !== 'destroyed' && (
          <Button variant="default" size="xs" leftSection={<IconScan size={14} aria-hidden />} onClick={() => setScanning(true)}>{t('records.scan.open')}</Button>
        )}
      >
        <Table.ScrollContainer minWidth={980}>
          <Table verticalSpacing="xs" highlightOnHover aria-label={t('records.documentsInOrder')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.ordinal')}</Table.Th>
                <Table.Th>{t('records.document')}</Table.Th>
                <Table.Th>{t('records.issuer')}</Table.Th>
                <Table.Th>{t('records.issueDate')}</Table.Th>
                <Table.Th>{t('records.signature')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('records.size')}</Table.Th>
                <Table.Th aria-label={t('records.open')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {record.documents.map((doc) => (
                <Table.Tr key={doc.id} data-testid="record-document">
                  <Table.Td>{doc.ordinal}</Table.Td>
                  <Table.Td maw={420}>
                    <Text size="sm" fw={500}>{doc.summary}</Text>
                    <Text size="xs" c="dimmed" className="mono">{doc.fileName}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`records.types.${doc.typeCode}`)}{doc.numberAndSymbol ? ` · ${t('records.numberAndSymbol', { value: doc.numberAndSymbol })}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={220}><Text size="sm">{doc.issuerName}</Text></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(doc.issueDate)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      component="button"
                      type="button"
                      onClick={() => setSignaturesOf(doc)}
                      color={SIGNATURE_COLORS[doc.signatureStatus]}
                      variant="light"
                      tt="none"
                      style={{ cursor: 'pointer' }}
                      styles={{ label: { overflow: 'visible' } }}
                      aria-label={t('records.signatures.open', { name: doc.fileName, status: t(`records.signatureStatuses.${doc.signatureStatus}`) })}
                    >
                      {t(`records.signatureStatuses.${doc.signatureStatus}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatBytes(doc.size)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon component="a" href={documentUrl(record.id, doc.id, 'inline')} target="_blank" rel="noopener" variant="subtle" aria-label={t('records.openDocument', { name: doc.fileName })}>
                        <IconExternalLink size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon component="a" href={documentUrl(record.id, doc.id, 'attachment')} download variant="subtle" aria-label={t('records.downloadDocument', { name: doc.fileName })}>
                        <IconDownload size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="sm">{t('records.accessNote')}</Text>
      </SectionCard>
      <RecordScanModal record={record} opened={isScanning} onClose={() => setScanning(false)} />
      <DocumentSignaturesModal recordId={record.id} document={signaturesOf} onClose={() => setSignaturesOf(null)} />
    </>
  );
}
