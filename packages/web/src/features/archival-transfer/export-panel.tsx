import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconFileExport, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { useStartArchivalExport } from './archival-transfer.api';
import { RecordPicker, type PickedRecord } from './record-picker';
import { TransferProgress } from './transfer-progress';

/** Choose closed records, export them as one package, follow the task, download the .tar. */
export function ExportPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<Map<string, PickedRecord>>(new Map());
  const [running, setRunning] = useState<{ id: string; taskId: string | null } | null>(null);
  const start = useStartArchivalExport();

  function exportPicked() {
    start.mutate({ recordIds: [...picked.keys()] }, {
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
          <Button variant="default" onClick={() => { setRunning(null); setPicked(new Map()); start.reset(); }}>
            {t('archivalTransfer.newExport')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const codes = [...picked.values()].map((record) => record.code).sort();
  return (
    <Stack gap="sm">
      <RecordPicker picked={picked} onChange={setPicked} />
      {start.isError && <Alert color="red" role="alert">{errorMessage(start.error)}</Alert>}
      <Group justify="space-between" align="center">
        <Text size="sm" aria-live="polite" data-testid="archival-picked">
          {picked.size === 0 ? t('archivalTransfer.noneChosen') : t('archivalTransfer.chosen', { count: picked.size, codes: codes.join(', ') })}
        </Text>
        <Group gap="sm">
          {picked.size > 0 && (
            <Button variant="subtle" leftSection={<IconX size={16} aria-hidden />} onClick={() => setPicked(new Map())}>
              {t('archivalTransfer.clearChoice')}
            </Button>
          )}
          <Button leftSection={<IconFileExport size={16} aria-hidden />} disabled={picked.size === 0} loading={start.isPending} onClick={exportPicked} data-testid="archival-export">
            {t('archivalTransfer.export')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
