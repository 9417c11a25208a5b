import { Alert, Badge, Button, DataList, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { formatDateTime, type RecordDocument, type SignatureCheck, type SignatureReport } from '@nghiemthu/shared';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost } from '../../app/api-client';
import { currentLanguage } from '../../app/i18n';
import { errorMessage } from '../../ui/error-message';
import { PageLoader } from '../../ui/page-loader';
import { DataItem } from '../../ui/section-card';

type Signatures = { status: RecordDocument['signatureStatus']; report: SignatureReport | null };
const STATUS_COLORS: Record<string, string> = { valid: 'green', invalid: 'red', unknown_signer: 'yellow', modified_after_signing: 'red' };

/** The validation report of a document's signatures, in plain words, with a way to check again. */
export function DocumentSignaturesModal({ recordId, document, onClose }: { recordId: string; document: RecordDocument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const url = document ? `/api/records/${recordId}/documents/${document.id}/signatures` : '';
  const query = useQuery({ queryKey: ['records', 'signatures', document?.id], queryFn: () => apiGet<Signatures>(url), enabled: document !== null });
  const recheck = useMutation({
    mutationFn: () => apiPost<Signatures>(`${url}/check`, {}),
    onSuccess: async (result) => {
      queryClient.setQueryData(['records', 'signatures', document?.id], result);
      await queryClient.invalidateQueries({ queryKey: ['records', 'detail', recordId] });
    },
  });
  return (
    <Modal opened={document !== null} onClose={onClose} title={t('records.signatures.title', { name: document?.fileName ?? '' })} size="xl">
      {query.isPending && <PageLoader />}
      {query.data && (
        <Stack gap="sm" data-testid="signature-report">
          {query.data.report === null || query.data.report.signatures.length === 0 ? (
            <Text size="sm">{t(query.data.status === 'not_checked' ? 'records.signatures.notChecked' : 'records.signatures.none')}</Text>
          ) : (
            <>
              <Text size="sm" c="dimmed">{t('records.signatures.checkedAt', { at: formatDateTime(query.data.report.checkedAt), count: query.data.report.revisionCount })}</Text>
              {query.data.report.signatures.map((signature) => <SignatureCard key={signature.fieldName} signature={signature} />)}
            </>
          )}
          {recheck.isError && <Alert color="red" role="alert">{errorMessage(recheck.error)}</Alert>}
          <Group>
            <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={recheck.isPending} onClick={() => recheck.mutate()}>
              {t('records.signatures.recheck')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function SignatureCard({ signature }: { signature: SignatureCheck }) {
  const { t } = useTranslation();
  const language = currentLanguage() === 'en' ? 'en' : 'vi';
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{signature.signer?.commonName ?? signature.claimedName ?? signature.fieldName}</Text>
          <Badge color={STATUS_COLORS[signature.status] ?? 'gray'} variant="light" tt="none">{t(`records.signatureStatuses.${signature.status}`)}</Badge>
        </Group>
        <Text size="sm">{signature.summary[language]}</Text>
        <DataList labelWidth="200px">
          <DataItem label={t('records.signatures.organization')}>{signature.signer?.organization ?? '—'}</DataItem>
          <DataItem label={t('records.signatures.serial')}><Text size="xs" className="mono">{signature.signer?.serialNumber ?? '—'}</Text></DataItem>
          <DataItem label={t('records.signatures.chain')}>{signature.chain ? t(`records.signatures.chainStatuses.${signature.chain.status}`, { defaultValue: signature.chain.status }) : '—'}</DataItem>
          <DataItem label={t('records.signatures.signedAt')}>
            {signature.timestamp ? `${formatDateTime(signature.timestamp.time)} (${t('records.signatures.timestamped')})` : signature.signingTimeDictionary ? `${formatDateTime(signature.signingTimeDictionary)} (${t('records.signatures.claimed')})` : '—'}
          </DataItem>
          <DataItem label={t('records.signatures.digest')}>{t(signature.isDigestMatching && signature.isCmsSignatureValid ? 'records.signatures.digestOk' : 'records.signatures.digestBad')}</DataItem>
          <DataItem label={t('records.signatures.coverage')}>
            {t(signature.coversWholeRevision ? 'records.signatures.coversWhole' : 'records.signatures.coversPart')}
            {signature.laterUpdates.length > 0 && ` · ${t('records.signatures.laterUpdates', { count: signature.laterUpdates.length })}`}
          </DataItem>
        </DataList>
        {signature.findings.length > 0 && (
          <Stack gap={2}>
            {signature.findings.map((finding, index) => (
              <Text key={index} size="xs" c={finding.severity === 'error' ? 'red.8' : finding.severity === 'warning' ? 'orange.8' : 'dimmed'}>• {finding[language]}</Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
