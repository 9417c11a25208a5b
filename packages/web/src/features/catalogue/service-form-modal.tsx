import { Modal, MultiSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { ORDERING_METHODS, translate, type CatalogueService, type OrderingMethod } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useCreateService, useUpdateService } from './catalogue.api';

const FIELDS = ['code', 'name', 'unit', 'orderingMethods', 'normReference'] as const;
type Field = (typeof FIELDS)[number];
/** The server's rule for service codes (ServiceCode): letters, digits and . _ - */
export const CODE_FORM = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** The service to edit; without it the form adds a new one. */
  service?: CatalogueService;
};

export function ServiceFormModal({ opened, onClose, service }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(service ? 'catalogue.editTitle' : 'catalogue.createTitle')} size="lg">
      <ServiceForm service={service} onDone={onClose} />
    </Modal>
  );
}

type Values = { code: string; name: string; unit: string; orderingMethods: OrderingMethod[]; normReference: string };

function ServiceForm({ service, onDone }: { service?: CatalogueService; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors(FIELDS);
  const create = useCreateService();
  const update = useUpdateService(service?.id ?? '');
  const [values, setValues] = useState<Values>({
    code: '',
    name: service?.name ?? '',
    unit: service?.unit ?? '',
    orderingMethods: service?.orderingMethods ?? [],
    normReference: service?.normReference ?? '',
  });

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clearFieldError(name);
  }

  function check(): Partial<Record<Field, string>> {
    const required = t('common.required');
    const problems: Partial<Record<Field, string>> = {};
    if (!service) {
      if (!values.code.trim()) problems.code = required;
      else if (!CODE_FORM.test(values.code.trim())) problems.code = translate(currentLanguage(), 'systemCodeForm');
    }
    if (!values.name.trim()) problems.name = required;
    if (!values.unit.trim()) problems.unit = required;
    if (values.orderingMethods.length === 0) problems.orderingMethods = t('catalogue.orderingMethodsRequired');
    return problems;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(check())) return;
    const common = {
      name: values.name.trim(),
      unit: values.unit.trim(),
      orderingMethods: values.orderingMethods,
      normReference: values.normReference.trim() || null,
    };
    if (service) {
      update.mutate(common, {
        onSuccess: () => {
          notifySuccess(t('catalogue.saved'));
          onDone();
        },
        onError: errors.showApiError,
      });
    } else {
      create.mutate({ ...common, code: values.code.trim() }, {
        onSuccess: (created) => {
          notifySuccess(t('catalogue.created', { name: created.name }));
          onDone();
          void navigate(`/catalogue/${created.id}`);
        },
        onError: errors.showApiError,
      });
    }
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblemAlert problem={errors.problem} />
        {!service && (
          <TextInput
            label={t('catalogue.code')}
            description={t('catalogue.codeHint')}
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
        <Textarea
          label={t('catalogue.name')}
          name="name"
          required
          autosize
          minRows={1}
          data-autofocus={service ? true : undefined}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.fieldErrors.name}
        />
        <TextInput
          label={t('catalogue.unit')}
          description={t('catalogue.unitHint')}
          name="unit"
          required
          value={values.unit}
          onChange={(event) => set('unit', event.currentTarget.value)}
          error={errors.fieldErrors.unit}
        />
        <MultiSelect
          label={t('catalogue.orderingMethods')}
          name="orderingMethods"
          required
          data={ORDERING_METHODS.map((method) => ({ value: method, label: t(`catalogue.methods.${method}`) }))}
          value={values.orderingMethods}
          onChange={(value) => set('orderingMethods', value as OrderingMethod[])}
          error={errors.fieldErrors.orderingMethods}
        />
        <Textarea
          label={t('catalogue.normReference')}
          description={t('catalogue.normReferenceHint')}
          name="normReference"
          autosize
          minRows={2}
          value={values.normReference}
          onChange={(event) => set('normReference', event.currentTarget.value)}
          error={errors.fieldErrors.normReference}
        />
        <FormActions onCancel={onDone} submitLabel={t(service ? 'common.save' : 'catalogue.create')} isPending={create.isPending || update.isPending} />
      </Stack>
    </form>
  );
}
