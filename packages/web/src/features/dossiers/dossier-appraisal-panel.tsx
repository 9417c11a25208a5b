import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { formatVnd, type DossierDetail } from '@nghiemthu/shared';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/error-message';
import { notifySuccess } from '../../ui/notify';
import { DetailBlock } from './dossier-detail-block';
import { decimalInput, decimalText, detailsOf, isDecimalInput, messagesByPath } from './dossier-detail-format';
import { useSaveAppraisal } from './dossiers.api';

type Values = { lines: { acceptedQuantity: string; remarks: string }[]; remarks: string };

function valuesOf(dossier: DossierDetail): Values {
  return {
    // A first appraisal starts from what the provider says it delivered.
    lines: dossier.lines.map((line) => ({ acceptedQuantity: decimalText(line.acceptedQuantity ?? line.deliveredQuantity ?? line.plannedQuantity), remarks: line.remarks ?? '' })),
    remarks: dossier.appraisalRemarks ?? '',
  };
}

/**
 * The appraising officer proposes the accepted quantity of each line; the server judges each KPI
 * by the catalogue's rule and computes the deductions, shown in the tables below once saved.
 */
export function DossierAppraisalPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const save = useSaveAppraisal(dossier.id);
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(() => valuesOf(dossier));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  function setLine(index: number, field: 'acceptedQuantity' | 'remarks', text: string) {
    setValues((current) => ({ ...current, lines: current.lines.map((row, i) => (i === index ? { ...row, [field]: text } : row)) }));
    setErrors(({ [`lines.${index}.${field}`]: _removed, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    values.lines.forEach((row, index) => {
      if (!isDecimalInput(row.acceptedQuantity)) found[`lines.${index}.acceptedQuantity`] = t('dossier.content.quantityForm');
    });
    if (!values.remarks.trim()) found.remarks = t('common.required');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    save.mutate({
      lines: dossier.lines.map((line, index) => ({
        lineNo: line.lineNo,
        acceptedQuantity: decimalInput(values.lines[index]?.acceptedQuantity ?? ''),
        remarks: values.lines[index]?.remarks.trim() || null,
      })),
      remarks: values.remarks.trim(),
    }, {
      onSuccess: (updated) => {
        setValues(valuesOf(updated));
        notifySuccess(t('dossier.appraisal.saved', { deduction: formatVnd(updated.deductionTotal ?? 0), accepted: formatVnd(updated.acceptedValue ?? 0) }));
      },
      onError: (error) => {
        setErrors(messagesByPath(detailsOf(error)));
        setProblem(errorMessage(error));
        setAttempt((n) => n + 1);
      },
    });
  }

  return (
    <DetailBlock title={t('dossier.appraisal.title')} testId="dossier-appraisal-form">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('dossier.appraisal.intro')}</Text>
          {problem && <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">{problem}</Alert>}
          {dossier.lines.map((line, index) => (
            <SimpleGrid key={line.lineNo} cols={{ base: 1, sm: 2 }} spacing="sm" data-testid={`dossier-appraisal-line-${line.lineNo}`}>
              <TextInput
                label={t('dossier.appraisal.accepted', { line: line.lineNo, unit: line.unit })}
                description={t('dossier.appraisal.acceptedHint', {
                  service: line.serviceName,
                  planned: decimalText(line.plannedQuantity),
                  delivered: decimalText(line.deliveredQuantity),
                })}
                inputMode="decimal"
                autoComplete="off"
                required
                value={values.lines[index]?.acceptedQuantity ?? ''}
                onChange={(event) => setLine(index, 'acceptedQuantity', event.currentTarget.value)}
                error={errors[`lines.${index}.acceptedQuantity`]}
                styles={{ input: { textAlign: 'right' } }}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              />
              <TextInput
                label={t('dossier.appraisal.lineRemarks', { line: line.lineNo })}
                value={values.lines[index]?.remarks ?? ''}
                onChange={(event) => setLine(index, 'remarks', event.currentTarget.value)}
                error={errors[`lines.${index}.remarks`]}
              />
            </SimpleGrid>
          ))}
          <Textarea
            label={t('dossier.appraisal.remarks')}
            description={t('dossier.appraisal.remarksHint')}
            required
            autosize
            minRows={3}
            value={values.remarks}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setValues((current) => ({ ...current, remarks: text }));
              setErrors(({ remarks: _removed, ...rest }) => rest);
            }}
            error={errors.remarks ?? errors.lines}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              {t('dossier.appraisal.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DetailBlock>
  );
}
