import { Alert, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { Task } from '@nghiemthu/shared';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { QueryError } from '../../ui/query-error';
import { useFormErrors } from '../../ui/use-form-errors';
import { TaskProgress } from '../tasks/task-progress';
import { isTaskFinished, taskErrorDetails, useTask } from '../tasks/tasks.api';
import { useStartCatalogueImport } from './catalogue.api';

export function CatalogueImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.importTitle')} size="lg">
      <CatalogueImport onDone={onClose} />
    </Modal>
  );
}

function CatalogueImport({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(['file'] as const);
  const startImport = useStartCatalogueImport();
  const [file, setFile] = useState<File | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const taskQuery = useTask(taskId);
  const task = taskQuery.data;

  useEffect(() => {
    if (task?.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['catalogue'] });
  }, [task?.status, queryClient]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(file ? {} : { file: t('catalogue.importChooseFile') }) || !file) return;
    startImport.mutate(file, { onSuccess: (started) => setTaskId(started.id), onError: errors.showApiError });
  }

  if (taskId) {
    return (
      <Stack gap="md">
        {task?.status === 'succeeded' && (
          <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={t('catalogue.importSucceeded')} role="status" />
        )}
        {task?.status === 'failed' && <ImportFailed task={task} />}
        {taskQuery.isError && <QueryError error={taskQuery.error} onRetry={() => void taskQuery.refetch()} />}
        {!taskQuery.isError && !isTaskFinished(task) && (
          <TaskProgress task={task} label={t('catalogue.importRunning', { file: file?.name ?? '' })} />
        )}
        <Group justify="flex-end">
          <Button onClick={onDone}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('catalogue.importIntro')}</Text>
        <FormProblemAlert problem={errors.problem} />
        <FileInput
          label={t('catalogue.importFile')}
          name="file"
          required
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            errors.clearFieldError('file');
          }}
          error={errors.fieldErrors.file}
          clearable
          data-autofocus
        />
        <FormActions onCancel={onDone} submitLabel={t('catalogue.importStart')} isPending={startImport.isPending} />
      </Stack>
    </form>
  );
}

function ImportFailed({ task }: { task: Task }) {
  const { t } = useTranslation();
  const details = taskErrorDetails(task);
  return (
    <Stack gap="sm">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('catalogue.importFailed')} role="alert">
        {task.error?.message}
      </Alert>
      {details.length > 0 && (
        <ScrollArea.Autosize mah={320} type="auto">
          <Table striped withTableBorder stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.importWhere')}</Table.Th>
                <Table.Th>{t('catalogue.importProblem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {details.map((detail) => (
                <Table.Tr key={`${detail.path}:${detail.message}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{detail.path}</Table.Td>
                  <Table.Td>{detail.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
