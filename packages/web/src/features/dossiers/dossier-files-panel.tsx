import { ActionIcon, Anchor, CopyButton, Group, List, Stack, Table, Text, ThemeIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { DOSSIER_DOCUMENT_TYPES, formatDateTime, type DossierDetail, type DossierDocumentType, type DossierFile } from '@nghiemthu/shared';
import { IconCheck, IconCircleCheck, IconCircleX, IconCopy, IconDownload, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { notifySuccess } from '../../ui/notify';
import { ConfirmModal } from '../catalogue/confirm-modal';
import { DetailBlock } from './dossier-detail-block';
import { fileSizeText } from './dossier-detail-format';
import { DossierUploadPanel } from './dossier-upload-panel';
import { dossierFileUrl, useDetachDossierFile } from './dossiers.api';

/** Required documents ticked off, the evidence grouped by type with its fingerprint, and (for the provider) the upload. */
export function DossierFilesPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<{ file: DossierFile; isOpen: boolean } | null>(null);
  const detach = useDetachDossierFile(dossier.id);
  const canAttach = dossier.allowedActions.includes('attach');
  // Files of earlier rounds are part of the record; the current round's can be taken off before sending.
  const isRemovable = (file: DossierFile) =>
    canAttach && file.round === dossier.supplementRounds && !(dossier.state === 'supplement_requested' && file.round === 0);
  const types = DOSSIER_DOCUMENT_TYPES.filter((type) => dossier.files.some((file) => file.documentType === type));

  return (
    <Stack gap="md">
      <DetailBlock title={t('dossier.files.required')} testId="dossier-required-documents">
        {dossier.requiredDocuments.length === 0 ? (
          <Text size="sm" c="dimmed">{t('dossier.files.noneRequired')}</Text>
        ) : (
          <List spacing={6} size="sm" center>
            {dossier.requiredDocuments.map((type) => {
              const isMissing = dossier.missingDocuments.includes(type);
              return (
                <List.Item
                  key={type}
                  data-testid={`required-${type}`}
                  data-missing={isMissing}
                  icon={
                    <ThemeIcon color={isMissing ? 'red' : 'green'} variant="light" size={22} radius="xl">
                      {isMissing ? <IconCircleX size={16} aria-hidden /> : <IconCircleCheck size={16} aria-hidden />}
                    </ThemeIcon>
                  }
                >
                  <Text span size="sm" c={isMissing ? 'red.8' : undefined} fw={isMissing ? 600 : undefined}>
                    {t(`dossier.documentTypes.${type}`)}
                    {' – '}
                    {isMissing ? t('dossier.files.missing') : t('dossier.files.present')}
                  </Text>
                </List.Item>
              );
            })}
          </List>
        )}
      </DetailBlock>
      {canAttach && <DossierUploadPanel dossier={dossier} />}
      <DetailBlock title={t('dossier.files.attached', { count: dossier.files.length })} testId="dossier-files">
        {dossier.files.length === 0 ? (
          <Text size="sm" c="dimmed">{t('dossier.files.none')}</Text>
        ) : (
          <FilesTable dossier={dossier} types={types} isRemovable={isRemovable} onRemove={(file) => setRemoving({ file, isOpen: true })} />
        )}
      </DetailBlock>
      <ConfirmModal
        opened={removing?.isOpen ?? false}
        onClose={() => setRemoving((current) => current && { ...current, isOpen: false })}
        title={t('dossier.files.removeTitle')}
        message={t('dossier.files.removeText', { name: removing?.file.fileName ?? '' })}
        confirmLabel={t('dossier.files.remove')}
        isPending={detach.isPending}
        onConfirm={async () => {
          if (!removing) return;
          await detach.mutateAsync(removing.file.id);
          notifySuccess(t('dossier.files.removed', { name: removing.file.fileName }));
        }}
      />
    </Stack>
  );
}

/** One table for every file, a heading row per document type, so the columns line up across types. */
function FilesTable({ dossier, types, isRemovable, onRemove }: {
  dossier: DossierDetail;
  types: DossierDocumentType[];
  isRemovable: (file: DossierFile) => boolean;
  onRemove: (file: DossierFile) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dossier.files.name')}</Table.Th>
            <Table.Th>{t('dossier.files.about')}</Table.Th>
            <Table.Th>{t('dossier.files.round')}</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{t('dossier.files.size')}</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            <Table.Th>{t('dossier.files.addedBy')}</Table.Th>
            <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        {types.map((type) => (
          <Table.Tbody key={type} data-testid={`dossier-files-${type}`}>
            <Table.Tr bg="gray.0">
              <Table.Th colSpan={7} scope="colgroup">{t(`dossier.documentTypes.${type}`)}</Table.Th>
            </Table.Tr>
            {dossier.files.filter((file) => file.documentType === type).map((file) => (
              <Table.Tr key={file.id} data-testid="dossier-file-row">
                <Table.Td style={{ overflowWrap: 'anywhere' }} maw={280}>
                  <Anchor href={dossierFileUrl(dossier.id, file.fileId)} download={file.fileName} size="sm">
                    <Group gap={4} wrap="nowrap" align="flex-start">
                      <IconDownload size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                      <span>{file.fileName}</span>
                    </Group>
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {file.lineNo === null && file.kpiCode === null ? '—' : [
                    file.lineNo !== null ? t('dossier.files.line', { line: file.lineNo }) : null,
                    file.kpiCode !== null ? (dossier.kpis.find((kpi) => kpi.code === file.kpiCode && (file.lineNo === null || kpi.lineNo === file.lineNo))?.name ?? file.kpiCode) : null,
                  ].filter(Boolean).join(' · ')}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {file.round === 0 ? t('dossier.files.firstRound') : t('dossier.files.supplementRound', { round: file.round })}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{fileSizeText(file.size, language)}</Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={file.sha256} multiline maw={300} style={{ overflowWrap: 'anywhere' }}>
                      <Text span className="mono" size="xs">{file.sha256.slice(0, 12)}…</Text>
                    </Tooltip>
                    <CopyButton value={file.sha256}>
                      {({ copied, copy }) => (
                        <Tooltip label={copied ? t('dossier.files.copied') : t('dossier.files.copyHash')}>
                          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} size="sm" onClick={copy} aria-label={t('dossier.files.copyHashOf', { name: file.fileName })}>
                            {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </CopyButton>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{file.addedBy.fullName}</Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(file.addedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  {isRemovable(file) && (
                    <Tooltip label={t('dossier.files.remove')}>
                      <ActionIcon variant="subtle" color="red" onClick={() => onRemove(file)} aria-label={t('dossier.files.removeNamed', { name: file.fileName })}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}
