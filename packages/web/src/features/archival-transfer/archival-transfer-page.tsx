import { Alert, Stack, Text } from '@mantine/core';
import { canTransferRecordsWith } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { PageTitle } from '../../ui/page-title';
import { SectionCard } from '../../ui/section-card';
import { ExportPanel } from './export-panel';
import { ImportPanel } from './import-panel';
import { TransfersTable } from './transfers-table';

/**
 * Chuyển giao hồ sơ lưu trữ: closed records handed to the historical archive
 * as a BagIt package, packages checked when they come back, and every
 * transfer so far.
 */
export function ArchivalTransferPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack>
      <PageTitle>{t('archivalTransfer.title')}</PageTitle>
      <Text size="sm" c="dimmed">{t('archivalTransfer.intro')}</Text>
      {!canTransferRecordsWith(me.user.roles) ? (
        <Alert color="yellow" role="status">{t('archivalTransfer.notAllowed')}</Alert>
      ) : (
        <>
          <SectionCard title={t('archivalTransfer.exportTitle')} testId="archival-export-section">
            <ExportPanel />
          </SectionCard>
          <SectionCard title={t('archivalTransfer.importTitle')} testId="archival-import-section">
            <ImportPanel />
          </SectionCard>
          <SectionCard title={t('archivalTransfer.history')}>
            <TransfersTable />
          </SectionCard>
        </>
      )}
    </Stack>
  );
}
