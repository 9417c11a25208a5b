import { Anchor, Badge, Button, DataList, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { formatDate, type DossierDetail } from '@nghiemthu/shared';
import { IconCash, IconDownload, IconFileUpload, IconPaperclip } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { notifySuccess } from '../../ui/notify';
import { DataItem } from '../../ui/section-card';
import { OrderPaymentsTable } from '../orders/order-payments';
import { DetailBlock } from './dossier-detail-block';
import { DossierPaymentModal } from './dossier-payment-modal';
import { dossierFileUrl, useAttachSignedMinutes, useUploadFile } from './dossiers.api';

/** The acceptance minutes (generated PDF, signed copy, which one is official, where to verify) and the payments. */
export function DossierMinutesPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const [isPaying, setPaying] = useState(false);
  const canPay = dossier.allowedActions.includes('recordPayment');
  return (
    <Stack gap="md">
      <DetailBlock title={t('dossier.minutes.title')} testId="dossier-minutes">
        <MinutesDetails dossier={dossier} />
      </DetailBlock>
      {dossier.allowedActions.includes('uploadSignedMinutes') && <SignedMinutesUpload dossier={dossier} />}
      <DetailBlock
        title={t('dossier.minutes.payments', { count: dossier.payments.length })}
        testId="dossier-payments"
        action={canPay && (
          <Button size="xs" variant="light" leftSection={<IconCash size={14} aria-hidden />} onClick={() => setPaying(true)}>
            {t('dossier.actions.recordPayment')}
          </Button>
        )}
      >
        <OrderPaymentsTable payments={dossier.payments} />
      </DetailBlock>
      {canPay && <DossierPaymentModal dossier={dossier} kind="interim" opened={isPaying} onClose={() => setPaying(false)} />}
    </Stack>
  );
}

function OfficialBadge() {
  const { t } = useTranslation();
  return <Badge color="green" variant="light" tt="none" data-testid="minutes-official">{t('dossier.minutes.official')}</Badge>;
}

function MinutesDetails({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const { minutes } = dossier;
  if (!minutes) {
    return <Text size="sm" c="dimmed">{dossier.state === 'approved' ? t('dossier.minutes.pending') : t('dossier.minutes.none')}</Text>;
  }
  return (
    <DataList labelWidth="190px" orientation={isPhone ? 'vertical' : 'horizontal'}>
      <DataItem label={t('dossier.minutes.number')}><span className="mono" data-testid="minutes-number">{minutes.number}</span></DataItem>
      <DataItem label={t('dossier.minutes.issuedOn')}>{formatDate(minutes.issuedOn)}</DataItem>
      <DataItem label={t('dossier.minutes.generated')}>
        <Group gap="xs">
          <Anchor href={dossierFileUrl(dossier.id, minutes.fileId)} download size="sm" data-testid="minutes-download">
            <Group gap={4} wrap="nowrap"><IconDownload size={14} aria-hidden />{t('dossier.minutes.downloadPdf')}</Group>
          </Anchor>
          {minutes.officialFileId === minutes.fileId && <OfficialBadge />}
        </Group>
      </DataItem>
      <DataItem label={t('dossier.minutes.signed')}>
        {minutes.signedFileId ? (
          <Group gap="xs">
            <Anchor href={dossierFileUrl(dossier.id, minutes.signedFileId)} download size="sm" data-testid="minutes-signed-download">
              <Group gap={4} wrap="nowrap"><IconDownload size={14} aria-hidden />{t('dossier.minutes.downloadSigned')}</Group>
            </Anchor>
            {minutes.officialFileId === minutes.signedFileId && <OfficialBadge />}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">{t('dossier.minutes.notSigned')}</Text>
        )}
      </DataItem>
      <DataItem label={t('dossier.minutes.verify')}>
        <Anchor href={minutes.verifyUrl} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
          {minutes.verifyUrl}
        </Anchor>
      </DataItem>
    </DataList>
  );
}

/** The copy signed by hand and scanned (or signed with a token), as a PDF: from then on the official version. */
function SignedMinutesUpload({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const upload = useUploadFile();
  const attach = useAttachSignedMinutes(dossier.id);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function fail(error: unknown) {
    setProblem(errorMessage(error));
    setProgress(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem(t('dossier.upload.chooseFile'));
      return;
    }
    setProblem(null);
    setProgress(0);
    upload.mutate({ file, onProgress: setProgress }, {
      onError: fail,
      onSuccess: (stored) => attach.mutate(stored.id, {
        onError: fail,
        onSuccess: () => {
          notifySuccess(t('dossier.minutes.signedDone'));
          setFile(null);
          setProgress(null);
        },
      }),
    });
  }

  return (
    <DetailBlock title={t('dossier.minutes.uploadSigned')} testId="dossier-signed-upload">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm">
            <FileInput
              label={t('dossier.minutes.signedFile')}
              description={t('dossier.minutes.signedFileHint')}
              placeholder={t('common.importPlaceholder')}
              accept="application/pdf,.pdf"
              leftSection={<IconPaperclip size={16} aria-hidden />}
              clearable
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                setProblem(null);
              }}
              error={problem}
              style={{ flex: '1 1 260px' }}
            />
            <Button type="submit" loading={upload.isPending || attach.isPending} leftSection={<IconFileUpload size={16} aria-hidden />}>
              {t('dossier.minutes.uploadSignedSubmit')}
            </Button>
          </Group>
          {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('dossier.upload.progress')} />}
        </Stack>
      </form>
    </DetailBlock>
  );
}
