import { Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { SECURITY_LEVELS, translate, type InformationSystem } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { AgencyPicker } from '../agencies/agency-picker';
import { useCreateSystem, useUpdateSystem } from './information-systems.api';
import { SystemComponentsField, componentRow, type ComponentRow } from './system-components-field';

const FIELDS = [
  'code', 'name', 'description', 'ownerAgencyId', 'operatorAgencyId',
  'securityLevel', 'securityDecisionNumber', 'securityDecisionDate', 'components',
] as const;
type Field = (typeof FIELDS)[number];
/** The server's rule for system codes (SystemCode): letters, digits and . _ - */
const CODE_FORM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** The system to edit; without it the form registers a new one. */
  system?: InformationSystem;
};

export function InformationSystemFormModal({ opened, onClose, system }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(system ? 'informationSystems.editTitle' : 'informationSystems.createTitle')} size="xl">
      <SystemForm system={system} onDone={onClose} />
    </Modal>
  );
}

type Values = {
  code: string;
  name: string;
  description: string;
  ownerAgencyId: string | null;
  operatorAgencyId: string | null;
  securityLevel: string | null;
  securityDecisionNumber: string;
  securityDecisionDate: string | null;
  components: ComponentRow[];
};

/** Empty text is "not given" (null): the API refuses empty strings. */
const orNull = (text: string) => text.trim() || null;

function SystemForm({ system, onDone }: { system?: InformationSystem; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors(FIELDS);
  const create = useCreateSystem();
  const update = useUpdateSystem(system?.id ?? '');
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [values, setValues] = useState<Values>({
    code: '',
    name: system?.name ?? '',
    description: system?.description ?? '',
    ownerAgencyId: system?.owner.id ?? null,
    operatorAgencyId: system?.operator?.id ?? null,
    securityLevel: system ? String(system.securityLevel) : null,
    securityDecisionNumber: system?.securityDecisionNumber ?? '',
    securityDecisionDate: system?.securityDecisionDate ?? null,
    components: (system?.components ?? []).map((component) => componentRow(component.name, component.description ?? '')),
  });

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function check(): Partial<Record<Field, string>> {
    const required = t('common.required');
    const problems: Partial<Record<Field, string>> = {};
    if (!system) {
      if (!values.code.trim()) problems.code = required;
      else if (!CODE_FORM.test(values.code.trim())) problems.code = translate(currentLanguage(), 'systemCodeForm');
    }
    if (!values.name.trim()) problems.name = required;
    if (!values.ownerAgencyId) problems.ownerAgencyId = required;
    if (!values.securityLevel) problems.securityLevel = required;
    const missing: Record<number, string> = {};
    values.components.forEach((row, index) => {
      if (!row.name.trim()) missing[index] = required;
    });
    setRowErrors(missing);
    if (Object.keys(missing).length > 0) problems.components = t('informationSystems.componentNameRequired');
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(check()) || !values.ownerAgencyId || !values.securityLevel) return;
    const common = {
      name: values.name.trim(),
      description: orNull(values.description),
      ownerAgencyId: values.ownerAgencyId,
      operatorAgencyId: values.operatorAgencyId,
      securityLevel: Number(values.securityLevel),
      securityDecisionNumber: orNull(values.securityDecisionNumber),
      securityDecisionDate: values.securityDecisionDate,
      components: values.components.map((row) => ({ name: row.name.trim(), description: orNull(row.description) })),
    };
    if (system) {
      update.mutate(common, {
        onSuccess: () => {
          notifySuccess(t('informationSystems.saved'));
          onDone();
        },
        onError: errors.showApiError,
      });
    } else {
      create.mutate({ ...common, code: values.code.trim() }, {
        onSuccess: (created) => {
          notifySuccess(t('informationSystems.created', { name: created.name }));
          onDone();
          void navigate(`/information-systems/${created.id}`);
        },
        onError: errors.showApiError,
      });
    }
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        {!system && (
          <TextInput
            label={t('informationSystems.code')}
            description={t('informationSystems.codeHint')}
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
          label={t('informationSystems.name')}
          name="name"
          required
          data-autofocus={system ? true : undefined}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.fieldErrors.name}
        />
        <Textarea
          label={t('informationSystems.description')}
          name="description"
          autosize
          minRows={2}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.fieldErrors.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <AgencyPicker
            label={t('informationSystems.owner')}
            name="ownerAgencyId"
            required
            isActiveOnly
            value={values.ownerAgencyId}
            onChange={(value) => set('ownerAgencyId', value)}
            error={errors.fieldErrors.ownerAgencyId}
          />
          <AgencyPicker
            label={t('informationSystems.operator')}
            name="operatorAgencyId"
            isActiveOnly
            value={values.operatorAgencyId}
            onChange={(value) => set('operatorAgencyId', value)}
            error={errors.fieldErrors.operatorAgencyId}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('informationSystems.securityLevel')}
            name="securityLevel"
            required
            data={SECURITY_LEVELS.map((level) => ({ value: String(level), label: t('informationSystems.level', { level }) }))}
            value={values.securityLevel}
            onChange={(value) => set('securityLevel', value)}
            error={errors.fieldErrors.securityLevel}
          />
          <TextInput
            label={t('informationSystems.securityDecisionNumber')}
            name="securityDecisionNumber"
            value={values.securityDecisionNumber}
            onChange={(event) => set('securityDecisionNumber', event.currentTarget.value)}
            error={errors.fieldErrors.securityDecisionNumber}
          />
          <DateField
            label={t('informationSystems.securityDecisionDate')}
            name="securityDecisionDate"
            value={values.securityDecisionDate}
            onChange={(value) => set('securityDecisionDate', value)}
            error={errors.fieldErrors.securityDecisionDate}
          />
        </SimpleGrid>
        <SystemComponentsField
          rows={values.components}
          onChange={(rows) => {
            set('components', rows);
            setRowErrors({});
          }}
          rowErrors={rowErrors}
          error={errors.fieldErrors.components}
        />
        <FormActions
          onCancel={onDone}
          submitLabel={t(system ? 'common.save' : 'informationSystems.create')}
          isPending={create.isPending || update.isPending}
        />
      </Stack>
    </form>
  );
}
