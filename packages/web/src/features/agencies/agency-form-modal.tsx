import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { AGENCY_TYPES, normalizeAgencyCode, translate, type Agency, type AgencyType } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { DateField } from '../../ui/date-field';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useCreateAgency, useUpdateAgency } from './agencies.api';
import { agencyCodeProblem } from './agency-code-check';
import { AgencyPicker } from './agency-picker';
import { FormActions } from '../../ui/form-actions';

const FIELDS = ['code', 'name', 'shortName', 'type', 'parentId', 'validFrom'] as const;
const SHORT_NAME_FORM = /^[0-9A-ZĐ]+$/u;

type AgencyFormModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The agency to edit; without it the form creates a new one. */
  agency?: Agency;
};

export function AgencyFormModal({ opened, onClose, agency }: AgencyFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t(agency ? 'agencies.editTitle' : 'agencies.createTitle')}
      size="lg"
    >
      <AgencyForm agency={agency} onDone={onClose} />
    </Modal>
  );
}

type Values = {
  code: string;
  name: string;
  shortName: string;
  type: AgencyType | null;
  parentId: string | null;
  validFrom: string | null;
};

function AgencyForm({ agency, onDone }: { agency?: Agency; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors(FIELDS);
  const create = useCreateAgency();
  const update = useUpdateAgency(agency?.id ?? '');
  const [values, setValues] = useState<Values>({
    code: '',
    name: agency?.name ?? '',
    shortName: agency?.shortName ?? '',
    type: agency?.type ?? null,
    parentId: agency?.parent?.id ?? null,
    validFrom: todayIsoDate(),
  });

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function check(): Partial<Record<(typeof FIELDS)[number], string>> {
    const required = t('common.required');
    const problems: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!agency) {
      const codeProblem = agencyCodeProblem(values.code);
      if (codeProblem) problems.code = codeProblem;
      if (!values.validFrom) problems.validFrom = required;
    }
    if (!values.name.trim()) problems.name = required;
    if (!values.shortName.trim()) problems.shortName = required;
    else if (!SHORT_NAME_FORM.test(values.shortName.trim())) {
      problems.shortName = translate(currentLanguage(), 'shortNameForm');
    }
    if (!values.type) problems.type = required;
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(check()) || !values.type) return;
    const common = {
      name: values.name.trim(),
      shortName: values.shortName.trim(),
      type: values.type,
      parentId: values.parentId,
    };
    if (agency) {
      update.mutate(common, {
        onSuccess: () => {
          notifySuccess(t('agencies.saved'));
          onDone();
        },
        onError: errors.showApiError,
      });
    } else {
      create.mutate(
        { ...common, code: normalizeAgencyCode(values.code), validFrom: values.validFrom ?? '' },
        {
          onSuccess: (created) => {
            notifySuccess(t('agencies.created', { name: created.name }));
            onDone();
            void navigate(`/agencies/${created.id}`);
          },
          onError: errors.showApiError,
        },
      );
    }
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        {!agency && (
          <TextInput
            label={t('agencies.code')}
            description={t('agencies.codeHint')}
            name="code"
            required
            data-autofocus
            classNames={{ input: 'mono' }}
            autoCapitalize="characters"
            spellCheck={false}
            value={values.code}
            onChange={(event) => set('code', event.currentTarget.value)}
            // Tidying the form (case, spaces) does not change validity: keep any message, so the layout does not jump under the pointer.
            onBlur={() => setValues((current) => ({ ...current, code: normalizeAgencyCode(current.code) }))}
            error={errors.fieldErrors.code}
          />
        )}
        <TextInput
          label={t('agencies.name')}
          name="name"
          required
          data-autofocus={agency ? true : undefined}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.fieldErrors.name}
        />
        <TextInput
          label={t('agencies.shortName')}
          description={t('agencies.shortNameHint')}
          name="shortName"
          required
          value={values.shortName}
          onChange={(event) => set('shortName', event.currentTarget.value.toUpperCase())}
          error={errors.fieldErrors.shortName}
        />
        <Select
          label={t('agencies.type')}
          name="type"
          required
          data={AGENCY_TYPES.map((type) => ({ value: type, label: t(`agencyTypes.${type}`) }))}
          value={values.type}
          onChange={(value) => set('type', value as AgencyType | null)}
          error={errors.fieldErrors.type}
        />
        <AgencyPicker
          label={t('agencies.parent')}
          description={t('agencies.parentHint')}
          name="parentId"
          isActiveOnly
          excludeId={agency?.id}
          value={values.parentId}
          onChange={(value) => set('parentId', value)}
          error={errors.fieldErrors.parentId}
        />
        {!agency && (
          <DateField
            label={t('agencies.validFrom')}
            name="validFrom"
            required
            value={values.validFrom}
            onChange={(value) => set('validFrom', value)}
            error={errors.fieldErrors.validFrom}
          />
        )}
        <FormActions onCancel={onDone} submitLabel={t(agency ? 'common.save' : 'agencies.create')} isPending={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
