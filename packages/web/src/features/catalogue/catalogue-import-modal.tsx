import { useTranslation } from 'react-i18next';
import { FileImportModal } from '../tasks/file-import-modal';
import { useStartCatalogueImport } from './catalogue.api';

/** Imports the service catalogue from the workbook the export produces (docs/catalogue-import.md). */
export function CatalogueImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const startImport = useStartCatalogueImport();
  return (
    <FileImportModal
      opened={opened}
      onClose={onClose}
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      start={(file) => startImport.mutateAsync(file)}
      invalidateKey="catalogue"
      texts={{
        title: t('catalogue.importTitle'),
        intro: t('catalogue.importIntro'),
        fileLabel: t('catalogue.importFile'),
        chooseFile: t('catalogue.importChooseFile'),
        start: t('catalogue.importStart'),
        running: (file) => t('catalogue.importRunning', { file }),
        succeeded: t('catalogue.importSucceeded'),
        failed: t('catalogue.importFailed'),
      }}
    />
  );
}
