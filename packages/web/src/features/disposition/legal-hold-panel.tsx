import { Anchor, Button, DataList, Group, Stack, Text } from '@mantine/core';
import { formatDateTimeMinutes } from '@nghiemthu/shared';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../ui/page-loader';
import { QueryError } from '../../ui/query-error';
import { ReasonConfirmModal } from '../../ui/reason-confirm-modal';
import { DataItem, SectionCard } from '../../ui/section-card';
import { usePlaceHold, useLegalHold, useReleaseHold } from './disposition.api';

/** On the record page: whether the record is held, by whom and why, the buttons the server allows, and its disposition batch if any. */
export function LegalHoldPanel({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const hold = useLegalHold(recordId);
  const place = usePlaceHold(recordId);
  const release = useReleaseHold(recordId);
  const [dialog, setDialog] = useState<'place' | 'release' | null>(null);
  const data = hold.data;
  const action = data?.allowedActions[0];
  return (
    <SectionCard
      title={t('disposition.legalHold.title')} testId="legal-hold"
      action={action && (
        <Button
          size="xs" variant="light" color={action === 'place' ? 'orange' : 'gray'} onClick={() => setDialog(action)} data-testid={`legal-hold-${action}`}
          leftSection={action === 'place' ? <IconLock size={14} aria-hidden /> : <IconLockOpen size={14} aria-hidden />}
        >
          {t(action === 'place' ? 'disposition.legalHold.place' : 'disposition.legalHold.release')}
        </Button>
      )}
    >
      {hold.isPending && <PageLoader />}
      {hold.isError && <QueryError error={hold.error} onRetry={() => void hold.refetch()} />}
      {data && (
        <Stack gap="xs">
          {data.recordStatus === 'destroyed' && data.disposition ? (
            <Text size="sm">{t('disposition.legalHold.destroyed', { number: data.disposition.decisionNumber })}</Text>
          ) : data.reason ? (
            <>
              <Text size="sm" fw={500} c="orange.8">{t('disposition.legalHold.held')}</Text>
              <DataList labelWidth="170px">
                <DataItem label={t('disposition.legalHold.reason')}>{data.reason}</DataItem>
                {data.placedBy && data.placedAt && (
                  <DataItem label={t('disposition.legalHold.placedBy')}>{`${data.placedBy.fullName} · ${formatDateTimeMinutes(data.placedAt)}`}</DataItem>
                )}
              </DataList>
            </>
          ) : (
            <Text size="sm" c="dimmed">{t('disposition.legalHold.none')}</Text>
          )}
          {data.disposition && (
            <Group gap="xs">
              {data.recordStatus !== 'destroyed' && (
                <Text size="sm">{t('disposition.legalHold.inBatch', { number: data.disposition.decisionNumber, status: t(`disposition.statuses.${data.disposition.status}`) })}</Text>
              )}
              <Anchor component={Link} to={`/records/disposition/batches/${data.disposition.batchId}`} size="sm">{t('disposition.legalHold.openBatch')}</Anchor>
            </Group>
          )}
        </Stack>
      )}
      <ReasonConfirmModal
        opened={dialog === 'place'} onClose={() => setDialog(null)} title={t('disposition.legalHold.placeTitle')} warning={t('disposition.legalHold.placeWarning')}
        reasonLabel={t('disposition.legalHold.placeReason')} confirmLabel={t('disposition.legalHold.place')} successMessage={t('disposition.legalHold.placed')}
        onConfirm={(reason) => place.mutateAsync(reason)} isPending={place.isPending}
      />
      <ReasonConfirmModal
        opened={dialog === 'release'} onClose={() => setDialog(null)} title={t('disposition.legalHold.releaseTitle')} warning={t('disposition.legalHold.releaseWarning')}
        reasonLabel={t('disposition.legalHold.releaseReason')} confirmLabel={t('disposition.legalHold.release')} successMessage={t('disposition.legalHold.released')}
        onConfirm={(reason) => release.mutateAsync(reason)} isPending={release.isPending}
      />
    </SectionCard>
  );
}
