import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ArchivalTransferDetail } from '@nghiemthu/shared';
import { IconAlertTriangle, IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../ui/query-error';
import { TaskProgress } from '../tasks/task-progress';
import { isTaskFinished, useTask } from '../tasks/tasks.api';
import { packageUrl, useArchivalTransfer } from './archival-transfer.api';
import { ImportReport } from './import-report';
import { formatPackageSize } from './package-size';

/**
 * A running export or import: the task's progress (files for an export, MB of
 * the package for an import) with the bytes so far, then the package to
 * download or the verification report.
 */
export function TransferProgress({ transferId, taskId }: { transferId: string; taskId: string | null }) {
  const { t } = useTranslation();
  const taskQuery = useTask(taskId);
  const transferQuery = useArchivalTransfer(transferId);
  const task = taskQuery.data;
  const transfer = transferQuery.data;
  const queryClient = useQueryClient();
  const isFinished = transfer !== undefined && transfer.status !== 'running';

  // The list of transfers shows the outcome too.
  useEffect(() => {
    if (isFinished) void queryClient.invalidateQueries({ queryKey: ['archival-transfers', 'list'] });
  }, [isFinished, queryClient]);

  if (taskQuery.isError) return <QueryError error={taskQuery.error} onRetry={() => void taskQuery.refetch()} />;
  if (transferQuery.isError) return <QueryError error={transferQuery.error} onRetry={() => void transferQuery.refetch()} />;
  if (!isTaskFinished(task) || !transfer || transfer.status === 'running') {
    return <TaskProgress task={task} label={progressLabel(t, transfer)} />;
  }
  if (task?.status === 'failed') {
    return (
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t(`archivalTransfer.${transfer.direction}Failed`)} role="alert" data-testid="archival-transfer-failed">
        {task.error?.message}
      </Alert>
    );
  }
  if (transfer.direction === 'import') return <ImportReport transfer={transfer} />;
  return <ExportDone transfer={transfer} />;
}

function progressLabel(t: TFunction, transfer: ArchivalTransferDetail | undefined): string {
  const progress = transfer?.progress;
  const doing = t(transfer?.direction === 'import' ? 'archivalTransfer.importing' : 'archivalTransfer.exporting');
  if (!progress) return doing;
  const bytes = progress.totalBytes
    ? t('archivalTransfer.bytesOf', { done: formatPackageSize(progress.bytes), total: formatPackageSize(progress.totalBytes) })
    : formatPackageSize(progress.bytes);
  return `${doing} ${t('archivalTransfer.filesSoFar', { count: progress.files })}, ${bytes}`;
}

function ExportDone({ transfer }: { transfer: ArchivalTransferDetail }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={t('archivalTransfer.exportDone', { code: transfer.packageCode })} role="status" data-testid="archival-export-done">
      <Stack gap="xs">
        <Text size="sm">
          {t('archivalTransfer.exportSummary', {
            records: transfer.recordCount,
            files: transfer.exported?.payloadFiles ?? 0,
            size: formatPackageSize(transfer.packageBytes ?? 0),
          })}
        </Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          SHA-256: <span className="mono">{transfer.packageSha256}</span>
        </Text>
        <Group>
          <Button component="a" href={packageUrl(transfer.id)} download leftSection={<IconDownload size={16} aria-hidden />} data-testid="archival-download">
            {t('archivalTransfer.download', { name: transfer.fileName })}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
