import { Alert, Button, FileInput, Modal, Progress, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DOCUMENT_TYPES, type RecordDetail, type StoredFile, type Task } from '@nghiemthu/shared';
import { IconAlertTriangle, IconScan } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost, apiUploadWithProgress } from '../../app/api-client';
import { DateField } from '../../ui/date-field';
import { errorMessage } from '../../ui/error-message';
import { todayIsoDate } from '../../ui/format';
import { TaskProgress } from '../tasks/task-progress';
import { isTaskFinished, useTask } from '../tasks/tasks.api';

/**
 * Digitised paper: upload a scan (PDF, TIFF, JPEG or PNG, at least 200 dpi), describe it,
 * then watch text recognition run; the scan is kept exactly as uploaded.
 */
export function RecordScanModal({ record, opened, onClose }: { record: RecordDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState('');
  const [issuerName, setIssuerName] = useState(record.agency.name);
  const [issueDate, setIssueDate] = useState<string | null>(todayIsoDate());
  const [typeCode, setTypeCode] = useState<string>('BB');
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const task = useTask(taskId);
  const isBusy = uploaded !== null && !isTaskFinished(task.data) && !problem;

  useEffect(() => {
    if (isTaskFinished(task.data)) void queryClient.invalidateQueries({ queryKey: ['records', 'detail', record.id] });
  }, [task.data, queryClient, record.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || !summary.trim() || !issueDate) {
      setProblem(t('records.scan.fillAll'));
      return;
    }
    setProblem(null);
    try {
      setUploaded(0);
      const stored = await apiUploadWithProgress<StoredFile>('/api/files', file, (fraction) => setUploaded(fraction));
      const started = await apiPost<Task>(`/api/records/${record.id}/scans`, { fileId: stored.id, summary: summary.trim(), issuerName: issuerName.trim(), issueDate, typeCode });
      setTaskId(started.id);
    } catch (error) {
      setUploaded(null);
      setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('records.scan.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('records.scan.intro')}</Text>
          {problem && <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">{problem}</Alert>}
          <FileInput label={t('records.scan.file')} accept=".pdf,.tif,.tiff,.jpg,.jpeg,.png" value={file} onChange={setFile} required clearable disabled={isBusy || taskId !== null} />
          <TextInput label={t('records.scan.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} required disabled={taskId !== null} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('records.issuer')} value={issuerName} onChange={(e) => setIssuerName(e.currentTarget.value)} required disabled={taskId !== null} />
            <DateField label={t('records.issueDate')} value={issueDate} onChange={setIssueDate} required />
            <Select
              label={t('search.type')}
              data={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`records.types.${type}`) }))}
              value={typeCode}
              onChange={(value) => value && setTypeCode(value)}
              allowDeselect={false}
              disabled={taskId !== null}
            />
          </SimpleGrid>
          {uploaded !== null && taskId === null && <Progress value={uploaded * 100} aria-label={t('records.scan.uploading')} />}
          {taskId && <TaskProgress task={task.data} label={t('records.scan.recognising')} />}
          {task.data?.status === 'succeeded' && <Alert color="green">{t('records.scan.done')}</Alert>}
          {task.data?.status === 'failed' && <Alert color="red" role="alert">{task.data.error?.message}</Alert>}
          {taskId === null ? (
            <Button type="submit" leftSection={<IconScan size={16} aria-hidden />} loading={isBusy}>{t('records.scan.submit')}</Button>
          ) : (
            <Button variant="default" onClick={onClose}>{t('records.scan.close')}</Button>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
