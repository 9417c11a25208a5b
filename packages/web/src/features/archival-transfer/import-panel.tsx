import { Alert, Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFileZip, IconShieldSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { useStartArchivalImport } from './archival-transfer.api';
import { TransferProgress } from './transfer-progress';

/** Upload a package received back (.tar) and see its verification report. */
export function ImportPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState(0);
  const [running, setRunning] = useState<{ id: string; taskId: string | null } | null>(null);
  const start = useStartArchivalImport(setSent);

  function upload() {
    if (!file) return;
    setSent(0);
    start.mutate(file, {
      onSuccess: (transfer) => {
        setRunning({ id: transfer.id, taskId: transfer.taskId });
        void queryClient.invalidateQueries({ queryKey: ['archival-transfers', 'list'] });
      },
    });
  }

  if (running) {
    return (
      <Stack gap="sm">
        <TransferProgress transferId={running.id} taskId={running.taskId} />
        <Group>
          <Button variant="default" onClick={() => { setRunning(null); setFile(null); start.reset(); }}>
            {t('archivalTransfer.checkAnother')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm">{t('archivalTransfer.importIntro')}</Text>
      {start.isError && <Alert color="red" role="alert">{errorMessage(start.error)}</Alert>}
      <Group align="flex-end">
        <FileInput
          label={t('archivalTransfer.packageFile')}
          accept=".tar,application/x-tar"
          leftSection={<IconFileZip size={18} aria-hidden />}
          placeholder={t('common.importPlaceholder')}
          value={file}
          onChange={setFile}
          clearable
          w={{ base: '100%', sm: 360 }}
        />
        <Button leftSection={<IconShieldSearch size={16} aria-hidden />} disabled={!file} loading={start.isPending} onClick={upload} data-testid="archival-import">
          {t('archivalTransfer.check')}
        </Button>
      </Group>
      {start.isPending && <Progress value={Math.round(sent * 100)} size="sm" aria-label={t('archivalTransfer.uploading')} />}
    </Stack>
  );
}
