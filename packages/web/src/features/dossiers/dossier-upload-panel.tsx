import { Alert, Button, FileInput, Group, Progress, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { DOSSIER_DOCUMENT_TYPES, type DossierDetail, type DossierDocumentType } from '@nghiemthu/shared';
import { IconAlertTriangle, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { notifySuccess } from '../../ui/notify';
import { DetailBlock } from './dossier-detail-block';
import { detailsOf, messagesByPath } from './dossier-detail-format';
import { useAttachDossierFile, useUploadFile } from './dossiers.api';

/** Types the provider attaches; the ordering side's own documents (appraisal report, council decision) are not offered. */
const PROVIDER_TYPES: readonly DossierDocumentType[] = DOSSIER_DOCUMENT_TYPES.filter((type) => type !== 'appraisal_report' && type !== 'council_decision');

function suggestedType(dossier: DossierDetail): DossierDocumentType {
  if (dossier.state === 'supplement_requested') return 'supplement';
  return dossier.missingDocuments[0] ?? 'other';
}

/** Uploads one file (POST /api/files, with progress), then attaches it to the dossier as a document of a type, optionally for a line or a KPI. */
export function DossierUploadPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const upload = useUploadFile();
  const attach = useAttachDossierFile(dossier.id);
  const [documentType, setDocumentType] = useState<DossierDocumentType>(() => suggestedType(dossier));
  const [lineNo, setLineNo] = useState<string | null>(null);
  const [kpiCode, setKpiCode] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const isBusy = upload.isPending || attach.isPending;
  const kpis = dossier.kpis.filter((kpi) => lineNo === null || kpi.lineNo === Number(lineNo));

  function fail(error: unknown) {
    setErrors(messagesByPath(detailsOf(error)));
    setProblem(errorMessage(error));
    setProgress(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!file) {
      setErrors({ file: t('dossier.upload.chooseFile') });
      return;
    }
    setErrors({});
    setProgress(0);
    upload.mutate({ file, onProgress: setProgress }, {
      onError: fail,
      onSuccess: (stored) => {
        attach.mutate({ fileId: stored.id, documentType, lineNo: lineNo === null ? null : Number(lineNo), kpiCode }, {
          onError: fail,
          onSuccess: (updated) => {
            notifySuccess(t('dossier.upload.done', { name: file.name, type: t(`dossier.documentTypes.${documentType}`) }));
            setFile(null);
            setProgress(null);
            setLineNo(null);
            setKpiCode(null);
            setDocumentType(suggestedType(updated));
          },
        });
      },
    });
  }

  return (
    <DetailBlock title={t('dossier.upload.title')} testId="dossier-upload">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('dossier.upload.intro')}</Text>
          {problem && <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="dossier-upload-problem">{problem}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label={t('dossier.upload.documentType')}
              required
              allowDeselect={false}
              data={PROVIDER_TYPES.map((type) => ({
                value: type,
                label: dossier.missingDocuments.includes(type) ? t('dossier.upload.typeMissing', { type: t(`dossier.documentTypes.${type}`) }) : t(`dossier.documentTypes.${type}`),
              }))}
              value={documentType}
              onChange={(value) => value && setDocumentType(value as DossierDocumentType)}
              error={errors.documentType}
            />
            <Select
              label={t('dossier.upload.line')}
              placeholder={t('dossier.upload.noLine')}
              clearable
              data={dossier.lines.map((line) => ({ value: String(line.lineNo), label: t('dossier.upload.lineOption', { line: line.lineNo, service: line.serviceName }) }))}
              value={lineNo}
              onChange={(value) => {
                setLineNo(value);
                setKpiCode(null);
              }}
              error={errors.lineNo}
            />
            <Select
              label={t('dossier.upload.kpi')}
              placeholder={t('dossier.upload.noKpi')}
              clearable
              disabled={kpis.length === 0}
              // The same KPI code can appear on several lines: the first line's name stands for it until a line is chosen.
              data={[...new Map(kpis.map((kpi) => [kpi.code, { value: kpi.code, label: lineNo === null ? `${kpi.name} (${kpi.code})` : kpi.name }])).values()]}
              value={kpiCode}
              onChange={setKpiCode}
              error={errors.kpiCode}
            />
          </SimpleGrid>
          <FileInput
            label={t('dossier.upload.file')}
            description={t('dossier.upload.fileHint')}
            placeholder={t('common.importPlaceholder')}
            leftSection={<IconPaperclip size={16} aria-hidden />}
            clearable
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setErrors(({ file: _removed, ...rest }) => rest);
              setProblem(null);
            }}
            error={errors.file ?? errors.fileId}
          />
          {progress !== null && (
            <Progress value={Math.round(progress * 100)} animated={upload.isPending} aria-label={t('dossier.upload.progress')} />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={isBusy} leftSection={<IconUpload size={16} aria-hidden />}>
              {t('dossier.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DetailBlock>
  );
}
