import { List } from '@mantine/core';
import type { AgencyImportResult } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../ui/format';
import { FileImportModal } from '../tasks/file-import-modal';
import { useStartAgencyImport } from './agencies.api';

const ACCEPTED_FILES = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Imports the agency registry from the spreadsheet the export produces. */
export function AgencyImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const startImport = useStartAgencyImport();
  return (
    <FileImportModal
      opened={opened}
      onClose={onClose}
      accept={ACCEPTED_FILES}
      start={(file) => startImport.mutateAsync(file)}
      invalidateKey="agencies"
      texts={{
        title: t('agencies.importTitle'),
        intro: t('agencies.importIntro'),
        fileLabel: t('agencies.importFile'),
        fileHint: t('agencies.importFileHint'),
        chooseFile: t('agencies.importChooseFile'),
        start: t('agencies.importStart'),
        running: (file) => t('agencies.importRunning', { file }),
        succeeded: t('agencies.importSucceeded'),
        failed: t('agencies.importFailed'),
      }}
      renderResult={(task) => {
        const result = task.result as AgencyImportResult;
        return (
          <List size="sm">
            <List.Item>{t('agencies.importCreated', { count: formatCount(result.created) })}</List.Item>
            <List.Item>{t('agencies.importUpdated', { count: formatCount(result.updated) })}</List.Item>
            <List.Item>{t('agencies.importUnchanged', { count: formatCount(result.unchanged) })}</List.Item>
          </List>
        );
      }}
    />
  );
}
