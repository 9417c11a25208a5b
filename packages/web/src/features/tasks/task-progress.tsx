import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Task } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../ui/format';

/** How far a background task has come; a moving bar while the total is not yet known. */
export function TaskProgress({ task, label }: { task: Task | undefined; label: string }) {
  const { t } = useTranslation();
  const total = task?.progressTotal ?? null;
  const done = task?.progressDone ?? 0;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : 100;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="sm" c="dimmed" aria-live="polite">
          {total ? t('tasks.progress', { done: formatCount(done), total: formatCount(total) }) : t('tasks.waiting')}
        </Text>
      </Group>
      <Progress value={percent} animated={!total} striped={!total} size="lg" aria-label={label} />
    </Stack>
  );
}
