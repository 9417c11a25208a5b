import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AuditVerifyResult } from '@nghiemthu/shared';
import { IconAlertOctagon, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { formatCount } from '../../ui/format';
import { QueryError } from '../../ui/query-error';
import { TaskProgress } from '../tasks/task-progress';
import { isTaskFinished, useTask } from '../tasks/tasks.api';
import { useStartAuditVerify } from './audit.api';

/** Re-computes the log's hash chain and says whether any event was altered or removed. */
export function AuditVerifyButton({ onTaskStarted }: { onTaskStarted: (taskId: string) => void }) {
  const { t } = useTranslation();
  const start = useStartAuditVerify();
  return (
    <Button
      variant="default"
      leftSection={<IconShieldCheck size={16} aria-hidden />}
      loading={start.isPending}
      onClick={() =>
        start.mutate(undefined, {
          onSuccess: (task) => onTaskStarted(task.id),
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
        })
      }
      data-testid="audit-verify"
    >
      {t('audit.verify')}
    </Button>
  );
}

export function AuditVerification({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const taskQuery = useTask(taskId);
  const task = taskQuery.data;

  if (taskQuery.isError) return <QueryError error={taskQuery.error} onRetry={() => void taskQuery.refetch()} />;
  if (!isTaskFinished(task)) return <TaskProgress task={task} label={t('audit.verifying')} />;
  if (task?.status === 'failed') {
    return (
      <Alert color="red" icon={<IconAlertOctagon aria-hidden />} title={t('audit.verifyFailed')} role="alert">
        {task.error?.message}
      </Alert>
    );
  }
  return <VerifyResult result={task?.result as AuditVerifyResult} />;
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const summary = t('audit.verifyChecked', { checked: formatCount(result.checked), headSeq: result.headSeq });
  if (result.isIntact) {
    return (
      <Alert
        color="green"
        icon={<IconShieldCheck aria-hidden />}
        title={t('audit.intact')}
        role="status"
        data-testid="audit-verify-result"
      >
        <Stack gap={2}>
          <Text size="sm">{summary}</Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {t('audit.headHash')}: <span className="mono">{result.headHash}</span>
          </Text>
        </Stack>
      </Alert>
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      color="red"
      icon={<IconAlertOctagon aria-hidden />}
      title={t('audit.broken')}
      role="alert"
      data-testid="audit-verify-result"
    >
      <Stack gap={2}>
        {broken && (
          <Text size="sm" fw={500}>
            {t('audit.firstBroken', { seq: broken.seq, problem: t(`audit.problems.${broken.problem}`) })}
            {broken.id && <span className="mono"> ({broken.id})</span>}
          </Text>
        )}
        <Text size="sm">{summary}</Text>
        <Text size="sm">{t('audit.brokenAdvice')}</Text>
      </Stack>
    </Alert>
  );
}
