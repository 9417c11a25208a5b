import { Alert, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { Task } from '@nghiemthu/shared';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { formatCount } from '../../ui/format';
import { QueryError } from '../../ui/query-error';
import { useFormErrors } from '../../ui/use-form-errors';
import { TaskProgress } from './task-progress';
import { isTaskFinished, taskErrorDetails, useTask } from './tasks.api';

/** What a feature says in its import dialog; the rest (progress, row errors) is the same for every import. */
export type FileImportTexts = {
  title: string;
  intro: string;
  fileLabel: string;
  fileHint?: string;
  chooseFile: string;
  start: string;
  running: (fileName: string) => string;
  succeeded: string;
  failed: string;
};

type Props = {
  opened: boolean;
  onClose: () => void;
  texts: FileImportTexts;
  /** File types the picker offers (the server checks the content anyway). */
  accept: string;
  /** Uploads the file and starts the import task. */
  start: (file: File) => Promise<Task>;
  /** Queries to refresh once the import has succeeded. */
  invalidateKey: string;
  /** What the import changed, from the task's result. */
  renderResult?: (task: Task) => ReactNode;
};

/**
 * Import of a spreadsheet as a background task: pick a file, watch progress,
 * then see what changed or, if any row was wrong, every error by row and
 * column (nothing is imported then).
 */
export function FileImportModal(props: Props) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.texts.title} size="lg">
      <FileImport {...props} />
    </Modal>
  );
}

function FileImport({ onClose, texts, accept, start, invalidateKey, renderResult }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(['file'] as const);
  const [file, setFile] = useState<File | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [taskId, setTaskId] = useState<string | null>(null);
  const taskQuery = useTask(taskId);
  const task = taskQuery.data;

  useEffect(() => {
    if (task?.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: [invalidateKey] });
  }, [task?.status, queryClient, invalidateKey]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(file ? {} : { file: texts.chooseFile }) || !file) return;
    setIsStarting(true);
    start(file)
      .then((started) => setTaskId(started.id), errors.showApiError)
      .finally(() => setIsStarting(false));
  }

  function startOver() {
    setTaskId(null);
    setFile(null);
    errors.reset();
  }

  if (taskId) {
    return (
      <Stack gap="md">
        {task?.status === 'succeeded' && (
          <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={texts.succeeded} role="status">
            {renderResult?.(task)}
          </Alert>
        )}
        {task?.status === 'failed' && <ImportFailed task={task} title={texts.failed} />}
        {taskQuery.isError && <QueryError error={taskQuery.error} onRetry={() => void taskQuery.refetch()} />}
        {!taskQuery.isError && !isTaskFinished(task) && <TaskProgress task={task} label={texts.running(file?.name ?? '')} />}
        <Group justify="flex-end">
          {task?.status === 'failed' && (
            <Button variant="default" onClick={startOver}>
              {t('common.importAnotherFile')}
            </Button>
          )}
          <Button onClick={onClose} variant={task?.status === 'succeeded' ? 'filled' : 'default'}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{texts.intro}</Text>
        <FormProblemAlert problem={errors.problem} />
        <FileInput
          label={texts.fileLabel}
          description={texts.fileHint}
          name="file"
          required
          accept={accept}
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          placeholder={t('common.importPlaceholder')}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            errors.clearFieldError('file');
          }}
          error={errors.fieldErrors.file}
          clearable
          data-autofocus
        />
        <FormActions onCancel={onClose} submitLabel={texts.start} isPending={isStarting} />
      </Stack>
    </form>
  );
}

function ImportFailed({ task, title }: { task: Task; title: string }) {
  const { t } = useTranslation();
  const details = taskErrorDetails(task);
  return (
    <Stack gap="sm">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={title} role="alert">
        {task.error?.message}
      </Alert>
      {details.length > 0 && (
        <ScrollArea.Autosize mah={320} type="auto">
          <Table striped withTableBorder stickyHeader captionSide="top">
            <Table.Caption>{t('common.importProblems', { count: formatCount(details.length) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.importWhere')}</Table.Th>
                <Table.Th>{t('common.importProblem')}</Table.Th>
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
