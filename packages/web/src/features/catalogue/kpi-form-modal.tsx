import { Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { DECIMAL_PATTERN, KPI_DIRECTIONS, translate, type KpiDirection, type ServiceKpi } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useAddKpi, useUpdateKpi } from './catalogue.api';
import { DeductionRuleField, ruleDraft, ruleOf, ruleProblems, type RuleDraft, type RuleErrors } from './deduction-rule-field';
import { CODE_FORM } from './service-form-modal';

const FIELDS = ['code', 'name', 'unit', 'target', 'direction', 'measurement', 'deductionRule'] as const;
type Field = (typeof FIELDS)[number];

type Props = {
  opened: boolean;
  onClose: () => void;
  serviceId: string;
  /** The KPI to edit; without it the form adds one. */
  kpi?: ServiceKpi;
};

export function KpiFormModal({ opened, onClose, serviceId, kpi }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(kpi ? 'catalogue.editKpiTitle' : 'catalogue.addKpiTitle')} size="xl">
      <KpiForm serviceId={serviceId} kpi={kpi} onDone={onClose} />
    </Modal>
  );
}

type Values = {
  code: string;
  name: string;
  unit: string;
  target: string;
  direction: KpiDirection;
  measurement: string;
  rule: RuleDraft;
};

function KpiForm({ serviceId, kpi, onDone }: { serviceId: string; kpi?: ServiceKpi; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const add = useAddKpi(serviceId);
  const update = useUpdateKpi(serviceId, kpi?.id ?? '');
  const [ruleErrors, setRuleErrors] = useState<RuleErrors>({});
  const [values, setValues] = useState<Values>({
    code: kpi?.code ?? '',
    name: kpi?.name ?? '',
    unit: kpi?.unit ?? '',
    target: kpi?.target ?? '',
    direction: kpi?.direction ?? 'at_least',
    measurement: kpi?.measurement ?? '',
    rule: ruleDraft(kpi?.deductionRule),
  });

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    if (name !== 'rule') errors.clearFieldError(name as Field);
  }

  function check(): Partial<Record<Field, string>> {
    const required = t('common.required');
    const decimal = translate(currentLanguage(), 'decimalForm');
    const problems: Partial<Record<Field, string>> = {};
    if (!kpi) {
      if (!values.code.trim()) problems.code = required;
      else if (!CODE_FORM.test(values.code.trim())) problems.code = t('catalogue.codeForm');
    }
    if (!values.name.trim()) problems.name = required;
    if (!values.unit.trim()) problems.unit = required;
    if (!values.target.trim()) problems.target = required;
    else if (!DECIMAL_PATTERN.test(values.target.trim())) problems.target = decimal;
    if (!values.measurement.trim()) problems.measurement = required;
    const rule = ruleProblems(values.rule, {
      required,
      decimal,
      percent: translate(currentLanguage(), 'percentRange'),
      duplicate: translate(currentLanguage(), 'tierThresholdsUnique'),
    });
    setRuleErrors(rule);
    if (Object.keys(rule).length > 0) problems.deductionRule = t('catalogue.ruleHasProblems');
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(check())) return;
    const body = {
      name: values.name.trim(),
      unit: values.unit.trim(),
      target: values.target.trim(),
      direction: values.direction,
      measurement: values.measurement.trim(),
      deductionRule: ruleOf(values.rule),
    };
    const options = {
      onSuccess: () => {
        notifySuccess(t(kpi ? 'catalogue.kpiSaved' : 'catalogue.kpiAdded', { name: body.name }));
        onDone();
      },
      onError: errors.showApiError,
    };
    if (kpi) {
      // The code names the KPI in acceptance records: it is not changed here.
      update.mutate(body, options);
    } else {
      add.mutate({ ...body, code: values.code.trim() }, options);
    }
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {!kpi && (
            <TextInput
              label={t('catalogue.kpiCode')}
              name="code"
              required
              data-autofocus
              classNames={{ input: 'mono' }}
              spellCheck={false}
              value={values.code}
              onChange={(event) => set('code', event.currentTarget.value)}
              error={errors.fieldErrors.code}
            />
          )}
          <TextInput
            label={t('catalogue.kpiName')}
            name="name"
            required
            data-autofocus={kpi ? true : undefined}
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.fieldErrors.name}
            style={{ gridColumn: kpi ? 'span 3' : 'span 2' }}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('catalogue.direction')}
            name="direction"
            required
            allowDeselect={false}
            data={KPI_DIRECTIONS.map((direction) => ({ value: direction, label: t(`catalogue.directionNames.${direction}`) }))}
            value={values.direction}
            onChange={(value) => value && set('direction', value as KpiDirection)}
            error={errors.fieldErrors.direction}
          />
          <TextInput
            label={t('catalogue.target')}
            description={t('catalogue.targetHint')}
            name="target"
            required
            inputMode="decimal"
            value={values.target}
            onChange={(event) => set('target', event.currentTarget.value)}
            error={errors.fieldErrors.target}
          />
          <TextInput
            label={t('catalogue.kpiUnit')}
            description={t('catalogue.kpiUnitHint')}
            name="unit"
            required
            value={values.unit}
            onChange={(event) => set('unit', event.currentTarget.value)}
            error={errors.fieldErrors.unit}
          />
        </SimpleGrid>
        <Textarea
          label={t('catalogue.measurement')}
          description={t('catalogue.measurementHint')}
          name="measurement"
          required
          autosize
          minRows={2}
          value={values.measurement}
          onChange={(event) => set('measurement', event.currentTarget.value)}
          error={errors.fieldErrors.measurement}
        />
        <DeductionRuleField
          value={values.rule}
          onChange={(rule) => {
            set('rule', rule);
            setRuleErrors({});
            errors.clearFieldError('deductionRule');
          }}
          unit={values.unit}
          errors={ruleErrors}
          error={errors.fieldErrors.deductionRule}
        />
        <FormActions onCancel={onDone} submitLabel={t(kpi ? 'common.save' : 'catalogue.addKpi')} isPending={add.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
