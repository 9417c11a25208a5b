import { Anchor, Badge, Button, DataList, Group, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import { formatDate, formatDateTimeMinutes, type DispositionBatchDetail, type UserBrief } from '@nghiemthu/shared';
import { IconDownload, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailPage } from '../../ui/detail-page';
import { PageTitle } from '../../ui/page-title';
import { DataItem, SectionCard } from '../../ui/section-card';
import { RecordStatusBadge } from '../records/record-status-badge';
import { BatchActions } from './batch-actions';
import { BatchStatusBadge } from './batch-status-badge';
import { minutesUrl, useDispositionBatch } from './disposition.api';

export function DispositionBatchPage() {
  const { t } = useTranslation();
  const { batchId = null } = useParams();
  const batch = useDispositionBatch(batchId);
  return (
    <DetailPage backTo="/records/disposition" backLabel={t('disposition.backToPage')} query={batch}>
      {(data) => <BatchView batch={data} />}
    </DetailPage>
  );
}

/** A batch: the decision it rests on, who proposed, approved and carried it out and when, its records and, once done, the minutes. */
function BatchView({ batch }: { batch: DispositionBatchDetail }) {
  const { t } = useTranslation();
  const steps: { label: string; who: UserBrief | null; at: string | null; testId: string }[] = [
    { label: t('disposition.stepProposed'), who: batch.proposedBy, at: batch.proposedAt, testId: 'step-proposed' },
    { label: t('disposition.stepFirst'), who: batch.firstApprovedBy, at: batch.firstApprovedAt, testId: 'step-first' },
    { label: t('disposition.stepSecond'), who: batch.secondApprovedBy, at: batch.secondApprovedAt, testId: 'step-second' },
    { label: t('disposition.stepExecuted'), who: batch.executedBy, at: batch.executedAt, testId: 'step-executed' },
  ];
  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageTitle>{t('disposition.batchTitle', { number: batch.decisionNumber })}</PageTitle>
          <Group gap="sm"><BatchStatusBadge status={batch.status} /><Text size="sm" c="dimmed">{batch.agency.name}</Text></Group>
        </Stack>
        <BatchActions batch={batch} />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title={t('disposition.decision')} testId="batch-decision">
          <DataList labelWidth="190px">
            <DataItem label={t('disposition.decision')}>{t('disposition.decisionValue', { number: batch.decisionNumber, date: formatDate(batch.decisionDate) })}</DataItem>
            <DataItem label={t('disposition.archiveOpinion')}>{batch.archiveOpinion}</DataItem>
            <DataItem label={t('disposition.recordCount')}>{batch.recordCount}</DataItem>
          </DataList>
          {batch.cancelReason && <Text size="sm" c="red" mt="sm">{t('disposition.cancelledBecause', { reason: batch.cancelReason })}</Text>}
          {batch.minutesFileId && (
            <Button component="a" href={minutesUrl(batch.minutesFileId)} download variant="light" mt="md" leftSection={<IconDownload size={16} aria-hidden />} data-testid="batch-minutes">
              {t('disposition.downloadMinutes')}
            </Button>
          )}
        </SectionCard>
        <SectionCard title={t('disposition.steps')} testId="batch-steps">
          <Timeline active={steps.filter((s) => s.at).length - 1} bulletSize={18} lineWidth={2}>
            {steps.map((step) => (
              <Timeline.Item key={step.testId} title={step.label} data-testid={step.testId}>
                <Text size="sm" c={step.at ? undefined : 'dimmed'}>
                  {step.who && step.at ? `${step.who.fullName} · ${formatDateTimeMinutes(step.at)}` : t('disposition.stepPending')}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
          <Text size="xs" c="dimmed" mt="sm">{t('disposition.twoPeople')}</Text>
        </SectionCard>
      </SimpleGrid>
      <SectionCard title={t('disposition.recordsInBatch')} testId="batch-records">
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" aria-label={t('disposition.recordsInBatch')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('disposition.code')}</Table.Th>
                <Table.Th>{t('disposition.recordTitle')}</Table.Th>
                <Table.Th>{t('disposition.endYear')}</Table.Th>
                <Table.Th>{t('disposition.retention')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('disposition.documents')}</Table.Th>
                <Table.Th>{t('disposition.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batch.items.map((item) => (
                <Table.Tr key={item.recordId} data-testid="batch-record">
                  <Table.Td className="mono" style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{item.code}</Table.Td>
                  <Table.Td maw={520}>
                    <Anchor component={Link} to={`/records/${item.recordId}`} fw={500}>{item.title}</Anchor>
                    <Text size="xs" c="dimmed">{item.recordClass.name}</Text>
                    {item.legalHold && (
                      <Badge color="orange" variant="light" tt="none" mt={4} leftSection={<IconLock size={12} aria-hidden />}>{t('disposition.held', { reason: item.legalHold })}</Badge>
                    )}
                    {item.files.length > 0 && <DestroyedFiles files={item.files} />}
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>{item.endDate ? item.endDate.slice(0, 4) : '—'}</Table.Td>
                  <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>{item.retentionYears === null ? t('records.permanent') : t('disposition.years', { count: item.retentionYears })}</Table.Td>
                  <Table.Td style={{ verticalAlign: 'top', textAlign: 'right' }}>{item.documentCount}</Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    {/* As wide as the badge's text: a truncated "Đã t…" says nothing. */}
                    <div style={{ width: 'max-content' }}><RecordStatusBadge status={item.recordStatus} /></div>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </SectionCard>
    </>
  );
}

/** What was destroyed, file by file, with the hash that proves it; the hash is whole, to be compared by eye or by tool. */
function DestroyedFiles({ files }: { files: DispositionBatchDetail['items'][number]['files'] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} mt="xs" aria-label={t('disposition.files')}>
      <Text size="xs" fw={600}>{t('disposition.files')}</Text>
      {files.map((file) => (
        <Text key={`${file.ordinal}:${file.sha256}`} size="xs" className="mono" style={{ wordBreak: 'break-all' }} data-testid="destroyed-file">
          {file.fileName} · {file.sha256}{file.isKeptElsewhere ? ` (${t('disposition.keptElsewhere')})` : ''}
        </Text>
      ))}
    </Stack>
  );
}
