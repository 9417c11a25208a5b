import { Alert, Button, FileInput, Group, List, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { AgencyImportResult, Task } from '@nghiemthu/shared';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert } from '../../ui/form-problem';
import { formatCount } from '../../ui/format';
import { QueryError } from '../../ui/query-error';
import { useFormErrors } from '../../ui/use-form-errors';
import { TaskProgress } from '../tasks/task-progress';
import { isTaskFinished, taskErrorDetails, useTask } from '../tasks/tasks.api';
import { useStartAgencyImport } from './agencies.api';
import { FormActions } from '../../ui/form-actions';

const ACCEPTED_FILES = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

type AgencyImportModalProps = { opened: boolean; onClose: () => void };

export function AgencyImportModal({ opened, onClose }: AgencyImportModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('agencies.importTitle')} size="lg">
      <AgencyImport onDone={onClose} />
    </Modal>
  );
}

function AgencyImport({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(['file'] as const);
  const startImport = useStartAgencyImport();
  const [file, setFile] = useState<File | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const taskQuery = useTask(taskId);
  const task = taskQuery.data;

  useEffect(() => {
    if (task?.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['agencies'] });
  }, [task?.status, queryClient]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(file ? {} : { file: t('agencies.importChooseFile') }) || !file) return;
    startImport.mutate(file, { onSuccess: (started) => setTaskId(started.id), onError: errors.showApiError });
  }

  function startOver() {
    setTaskId(null);
    setFile(null);
    errors.reset();
  }

  if (taskId) {
    return (
      <Stack gap="md">
        {task?.status === 'succeeded' && <ImportSucceeded result={task.result as AgencyImportResult} />}
        {task?.status === 'failed' && <ImportFailed task={task} />}
        {taskQuery.isError && <QueryError error={taskQuery.error} onRetry={() => void taskQuery.refetch()} />}
        {!taskQuery.isError && !isTaskFinished(task) && (
          <TaskProgress task={task} label={t('agencies.importRunning', { file: file?.name ?? '' })} />
        )}
        <Group justify="flex-end">
          {task?.status === 'failed' && (
            <Button variant="default" onClick={startOver}>
              {t('agencies.importAnotherFile')}
            </Button>
          )}
          <Button onClick={onDone} variant={task?.status === 'succeeded' ? 'filled' : 'default'}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('agencies.importIntro')}</Text>
        <FormProblemAlert problem={errors.problem} />
        <FileInput
          label={t('agencies.importFile')}
          description={t('agencies.importFileHint')}
          name="file"
          required
          accept={ACCEPTED_FILES}
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          placeholder={t('agencies.importPlaceholder')}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            errors.clearFieldError('file');
          }}
          error={errors.fieldErrors.file}
          clearable
          data-autofocus
        />
        <FormActions onCancel={onDone} submitLabel={t('agencies.importStart')} isPending={startImport.isPending} />
      </Stack>
    </form>
  );
}

function ImportSucceeded({ result }: { result: AgencyImportResult }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={t('agencies.importSucceeded')} role="status">
      <List size="sm">
        <List.Item>{t('agencies.importCreated', { count: formatCount(result.created) })}</List.Item>
        <List.Item>{t('agencies.importUpdated', { count: formatCount(result.updated) })}</List.Item>
        <List.Item>{t('agencies.importUnchanged', { count: formatCount(result.unchanged) })}</List.Item>
      </List>
    </Alert>
  );
}

function ImportFailed({ task }: { task: Task }) {
  const { t } = useTranslation();
  const details = taskErrorDetails(task);
  return (
    <Stack gap="sm">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('agencies.importFailed')} role="alert">
        {task.error?.message}
      </Alert>
      {details.length > 0 && (
        <ScrollArea.Autosize mah={320} type="auto">
          <Table striped withTableBorder stickyHeader captionSide="top">
            <Table.Caption>{t('agencies.importProblems', { count: formatCount(details.length) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agencies.importWhere')}</Table.Th>
                <Table.Th>{t('agencies.importProblem')}</Table.Th>
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
