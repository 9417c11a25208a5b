import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { formatVnd, type DossierDetail, type ErrorDetail, type UpdateDossierBody } from '@nghiemthu/shared';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { notifySuccess } from '../../ui/notify';
import { DetailBlock, WrittenText } from './dossier-detail-block';
import { decimalInput, decimalText, detailsOf, isDecimalInput, messagesByPath } from './dossier-detail-format';
import { useUpdateDossier } from './dossiers.api';

type Props = { dossier: DossierDetail; submitProblems: ErrorDetail[] };

/** The provider's report and self-assessment; while the provider may edit, the form for them and for quantities and KPI actuals. */
export function DossierContentPanel({ dossier, submitProblems }: Props) {
  const { t } = useTranslation();
  if (dossier.allowedActions.includes('edit')) return <ContentForm dossier={dossier} submitProblems={submitProblems} />;
  return (
    <Stack gap="md">
      <DetailBlock title={t('dossier.content.report')} testId="dossier-report">
        <WrittenText text={dossier.completionReport} empty={t('dossier.content.notWritten')} />
      </DetailBlock>
      <DetailBlock title={t('dossier.content.selfAssessment')} testId="dossier-self-assessment">
        <WrittenText text={dossier.selfAssessment} empty={t('dossier.content.notWritten')} />
      </DetailBlock>
    </Stack>
  );
}

type Values = {
  completionReport: string;
  selfAssessment: string;
  lines: { deliveredQuantity: string; remarks: string }[];
  kpis: { actual: string }[];
};

function valuesOf(dossier: DossierDetail): Values {
  return {
    completionReport: dossier.completionReport,
    selfAssessment: dossier.selfAssessment,
    lines: dossier.lines.map((line) => ({ deliveredQuantity: line.deliveredQuantity === null ? '' : decimalText(line.deliveredQuantity), remarks: line.remarks ?? '' })),
    kpis: dossier.kpis.map((kpi) => ({ actual: kpi.actual === null ? '' : decimalText(kpi.actual) })),
  };
}

/**
 * What the provider sends: a blank text, quantity or actual is left out (the API has no "not yet"),
 * with where each row sits in the dossier, so the server's paths point at the right field.
 */
function bodyOf(dossier: DossierDetail, values: Values): { body: UpdateDossierBody; linePaths: number[]; kpiPaths: number[] } {
  const linePaths: number[] = [];
  const kpiPaths: number[] = [];
  const lines: NonNullable<UpdateDossierBody['lines']> = [];
  const kpis: NonNullable<UpdateDossierBody['kpis']> = [];
  dossier.lines.forEach((line, index) => {
    const row = values.lines[index];
    if (!row?.deliveredQuantity.trim()) return;
    linePaths.push(index);
    lines.push({ lineNo: line.lineNo, deliveredQuantity: decimalInput(row.deliveredQuantity), remarks: row.remarks.trim() || null });
  });
  dossier.kpis.forEach((kpi, index) => {
    const row = values.kpis[index];
    if (!row?.actual.trim()) return;
    kpiPaths.push(index);
    kpis.push({ lineNo: kpi.lineNo, code: kpi.code, actual: decimalInput(row.actual) });
  });
  // The API keeps no empty text either: a report left empty is not sent.
  const completionReport = values.completionReport.trim();
  const selfAssessment = values.selfAssessment.trim();
  return {
    body: { ...(completionReport ? { completionReport } : {}), ...(selfAssessment ? { selfAssessment } : {}), lines, kpis },
    linePaths,
    kpiPaths,
  };
}

function ContentForm({ dossier, submitProblems }: Props) {
  const { t } = useTranslation();
  const update = useUpdateDossier(dossier.id);
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(() => valuesOf(dossier));
  const [saved, setSaved] = useState<Values>(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const isDirty = JSON.stringify(values) !== JSON.stringify(saved);

  // A refused submission names what is missing: those fields show it until they are changed.
  useEffect(() => {
    if (submitProblems.length === 0) return;
    setErrors(messagesByPath(submitProblems));
    setAttempt((n) => n + 1);
  }, [submitProblems]);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  function change(path: string, next: (current: Values) => Values) {
    setValues(next);
    setErrors((current) => {
      if (!current[path]) return current;
      const rest = { ...current };
      delete rest[path];
      return rest;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    values.lines.forEach((row, index) => {
      if (row.deliveredQuantity.trim() && !isDecimalInput(row.deliveredQuantity)) found[`lines.${index}.deliveredQuantity`] = t('dossier.content.quantityForm');
    });
    values.kpis.forEach((row, index) => {
      if (row.actual.trim() && !isDecimalInput(row.actual)) found[`kpis.${index}.actual`] = t('dossier.content.decimalForm');
    });
    setProblem(null);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    const { body, linePaths, kpiPaths } = bodyOf(dossier, values);
    update.mutate(body, {
      onSuccess: (updated) => {
        const next = valuesOf(updated);
        setValues(next);
        setSaved(next);
        notifySuccess(t('dossier.content.saved'));
      },
      onError: (error) => {
        // The server counts rows in what was sent; the form counts them in the dossier.
        const mapped = detailsOf(error).map((detail) => ({
          ...detail,
          path: detail.path
            .replace(/^lines\.(\d+)/, (_, i: string) => `lines.${linePaths[Number(i)] ?? i}`)
            .replace(/^kpis\.(\d+)/, (_, i: string) => `kpis.${kpiPaths[Number(i)] ?? i}`),
        }));
        setErrors(messagesByPath(mapped));
        setProblem(errorMessage(error));
        setAttempt((n) => n + 1);
      },
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="dossier-content-form">
      <Stack gap="md">
        {problem && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">{problem}</Alert>
        )}
        <DetailBlock title={t('dossier.content.reportAndAssessment')}>
          <Stack gap="sm">
            <Textarea
              label={t('dossier.content.report')}
              description={t('dossier.content.reportHint')}
              autosize
              minRows={4}
              maxRows={16}
              value={values.completionReport}
              onChange={(event) => {
                const text = event.currentTarget.value;
                change('completionReport', (current) => ({ ...current, completionReport: text }));
              }}
              error={errors.completionReport}
            />
            <Textarea
              label={t('dossier.content.selfAssessment')}
              description={t('dossier.content.selfAssessmentHint')}
              autosize
              minRows={3}
              maxRows={12}
              value={values.selfAssessment}
              onChange={(event) => {
                const text = event.currentTarget.value;
                change('selfAssessment', (current) => ({ ...current, selfAssessment: text }));
              }}
              error={errors.selfAssessment}
            />
          </Stack>
        </DetailBlock>
        <DetailBlock title={t('dossier.content.quantitiesAndKpis')}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">{t('dossier.content.quantitiesHint')}</Text>
            {dossier.lines.map((line, index) => {
              const kpis = dossier.kpis.map((kpi, kpiIndex) => ({ kpi, kpiIndex })).filter(({ kpi }) => kpi.lineNo === line.lineNo);
              return (
                // A group named by its line, like a fieldset, without a legend drawn over the border (it wraps badly on phones).
                <Paper
                  key={line.lineNo}
                  withBorder
                  bg="gray.0"
                  p="sm"
                  role="group"
                  aria-labelledby={`dossier-line-legend-${line.lineNo}`}
                  data-testid={`dossier-line-edit-${line.lineNo}`}
                >
                  <Stack gap="sm">
                    <Text size="sm" fw={600} id={`dossier-line-legend-${line.lineNo}`}>
                      {t('dossier.content.lineLegend', { line: line.lineNo, service: line.serviceName })}
                    </Text>
                    <Text size="sm" c="dimmed" mt={-8}>
                      {t('dossier.content.planned', { quantity: decimalText(line.plannedQuantity), unit: line.unit, value: formatVnd(line.plannedValue) })}
                    </Text>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <TextInput
                        label={t('dossier.content.delivered', { unit: line.unit })}
                        inputMode="decimal"
                        autoComplete="off"
                        value={values.lines[index]?.deliveredQuantity ?? ''}
                        onChange={(event) => {
                          const text = event.currentTarget.value;
                          change(`lines.${index}.deliveredQuantity`, (current) => ({
                            ...current,
                            lines: current.lines.map((row, i) => (i === index ? { ...row, deliveredQuantity: text } : row)),
                          }));
                        }}
                        error={errors[`lines.${index}.deliveredQuantity`]}
                        styles={{ input: { textAlign: 'right' } }}
                      />
                      <TextInput
                        label={t('dossier.content.lineRemarks')}
                        value={values.lines[index]?.remarks ?? ''}
                        onChange={(event) => {
                          const text = event.currentTarget.value;
                          change(`lines.${index}.remarks`, (current) => ({
                            ...current,
                            lines: current.lines.map((row, i) => (i === index ? { ...row, remarks: text } : row)),
                          }));
                        }}
                        error={errors[`lines.${index}.remarks`]}
                      />
                      {kpis.map(({ kpi, kpiIndex }) => (
                        <TextInput
                          key={kpi.code}
                          label={t('dossier.content.kpiActual', { kpi: kpi.name, unit: kpi.unit })}
                          description={t('dossier.content.kpiTarget', { target: t(`catalogue.directions.${kpi.direction}`, { target: decimalText(kpi.target), unit: kpi.unit }) })}
                          inputMode="decimal"
                          autoComplete="off"
                          value={values.kpis[kpiIndex]?.actual ?? ''}
                          onChange={(event) => {
                            const text = event.currentTarget.value;
                            change(`kpis.${kpiIndex}.actual`, (current) => ({
                              ...current,
                              kpis: current.kpis.map((row, i) => (i === kpiIndex ? { actual: text } : row)),
                            }));
                          }}
                          error={errors[`kpis.${kpiIndex}.actual`]}
                          styles={{ input: { textAlign: 'right' } }}
                        />
                      ))}
                    </SimpleGrid>
                  </Stack>
                </Paper>
              );
            })}
            {dossier.lines.length === 0 && <Text size="sm" c="dimmed">{t('dossier.lines.none')}</Text>}
          </Stack>
        </DetailBlock>
        <Group justify="flex-end" gap="sm">
          {isDirty && <Text size="sm" c="orange.8" role="status">{t('dossier.content.unsaved')}</Text>}
          <Button type="submit" loading={update.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
            {t('dossier.content.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
