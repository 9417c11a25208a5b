import { Modal, Select, Stack, Text } from '@mantine/core';
import type { DossierDetail } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { PeopleUnavailableAlert } from './dossier-detail-people';
import { useDossierStep, usePeopleToChoose } from './dossiers.api';

type Props = { dossier: DossierDetail; opened: boolean; onClose: () => void };

/** A leader names the officer of the ordering agency who appraises the dossier. */
export function DossierAssignModal({ dossier, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('dossier.assign.title')} size="lg">
      <AssignForm dossier={dossier} onClose={onClose} />
    </Modal>
  );
}

function AssignForm({ dossier, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errors = useFormErrors(['appraiserId'] as const);
  const step = useDossierStep(dossier.id);
  const choice = usePeopleToChoose(dossier.id, 'appraiser', dossier.appraiser ? [dossier.appraiser] : []);
  const [appraiserId, setAppraiserId] = useState<string | null>(dossier.appraiser?.id ?? null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(appraiserId ? {} : { appraiserId: t('dossier.assign.required') }) || !appraiserId) return;
    step.mutate({ action: 'assign_appraiser', body: { appraiserId } }, {
      onSuccess: (updated) => {
        notifySuccess(t('dossier.assign.done', { name: updated.appraiser?.fullName ?? '' }));
        onClose();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('dossier.assign.intro')}</Text>
        {choice.isUnavailable && <PeopleUnavailableAlert />}
        <FormProblemAlert problem={errors.problem} />
        <Select
          label={t('dossier.assign.appraiser')}
          description={t('dossier.assign.appraiserHint')}
          placeholder={choice.isPending ? t('common.loading') : t('dossier.people.placeholder')}
          required
          searchable
          data-autofocus
          nothingFoundMessage={t('dossier.people.nothingFound')}
          data={choice.people.map((person) => ({ value: person.id, label: `${person.fullName} (${person.username})` }))}
          value={appraiserId}
          onChange={(value) => {
            setAppraiserId(value);
            errors.clearFieldError('appraiserId');
          }}
          error={errors.fieldErrors.appraiserId}
          comboboxProps={{ withinPortal: true }}
        />
        <FormActions onCancel={onClose} submitLabel={t('dossier.actions.assign_appraiser')} isPending={step.isPending} />
      </Stack>
    </form>
  );
}
