import { Alert, Badge, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import type { ArchivalProblem, ArchivalTransferDetail } from '@nghiemthu/shared';
import { IconAlertOctagon, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { reportUrl } from './archival-transfer.api';
import { formatPackageSize } from './package-size';

/** An import's verification report: the verdict, the bag's problems, then each record with what was found. */
export function ImportReport({ transfer }: { transfer: ArchivalTransferDetail }) {
  const { t } = useTranslation();
  const report = transfer.imported;
  if (!report) return null;
  const verified = report.records.filter((record) => record.isVerified).length;
  return (
    <Stack gap="sm" data-testid="archival-import-report">
      <Alert
        color={report.isValid ? 'green' : 'red'}
        icon={report.isValid ? <IconShieldCheck aria-hidden /> : <IconAlertOctagon aria-hidden />}
        title={t(report.isValid ? 'archivalTransfer.packageValid' : 'archivalTransfer.packageInvalid', { name: report.bagName ?? transfer.fileName })}
        role={report.isValid ? 'status' : 'alert'}
      >
        <Stack gap="xs">
          <Text size="sm">
            {t('archivalTransfer.importSummary', {
              verified, records: report.records.length, files: report.payloadFiles, size: formatPackageSize(report.payloadBytes),
            })}
          </Text>
          <Group>
            <Button component="a" href={reportUrl(transfer.id)} download variant="light" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
              {t('archivalTransfer.downloadReport')}
            </Button>
          </Group>
        </Stack>
      </Alert>
      {report.bagProblems.length > 0 && (
        <Stack gap={4}>
          <Text fw={500} size="sm">{t('archivalTransfer.bagProblems')}</Text>
          <Problems problems={report.bagProblems} />
        </Stack>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" withTableBorder aria-label={t('archivalTransfer.recordsChecked')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('records.code')}</Table.Th>
              <Table.Th>{t('records.recordTitle')}</Table.Th>
              <Table.Th>{t('archivalTransfer.verdict')}</Table.Th>
              <Table.Th>{t('archivalTransfer.heldHere')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.records.map((record) => (
              <Table.Tr key={record.metadataPath} data-testid="archival-record-check">
                <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>{record.code ?? record.metadataPath}</Table.Td>
                <Table.Td maw={420}>
                  <Text size="sm">{record.title ?? '—'}</Text>
                  {record.problems.length > 0 && <Problems problems={record.problems} />}
                </Table.Td>
                <Table.Td>
                  <Badge color={record.isVerified ? 'teal' : 'red'} variant="light" tt="none">
                    {t(record.isVerified ? 'archivalTransfer.verified' : 'archivalTransfer.notVerified')}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`archivalTransfer.held.${record.heldHere}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Each problem in the reader's language, as the server worded it. */
function Problems({ problems }: { problems: ArchivalProblem[] }) {
  const { i18n } = useTranslation(); // re-renders when the language changes
  const isVietnamese = i18n.language !== 'en';
  return (
    <List size="sm" spacing={2}>
      {problems.map((problem, index) => (
        <List.Item key={`${problem.code}:${problem.path ?? ''}:${index}`} c={problem.severity === 'error' ? 'red' : 'yellow.8'}>
          {isVietnamese ? problem.message_vi : problem.message_en}
        </List.Item>
      ))}
    </List>
  );
}
