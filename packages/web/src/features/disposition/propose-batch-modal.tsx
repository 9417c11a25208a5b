import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { DispositionBatchDetail, Record as RecordItem } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useProposeBatch } from './disposition.api';

const FIELDS = ['decisionNumber', 'decisionDate', 'archiveOpinion', 'recordIds'] as const;

type Props = { records: RecordItem[]; onClose: () => void; onProposed: (batch: DispositionBatchDetail) => void };

/** The appraisal decision and the archive authority's opinion that a disposition batch rests on. */
export function ProposeBatchModal({ records, onClose, onProposed }: Props) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const propose = useProposeBatch();
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState<string | null>(todayIsoDate());
  const [archiveOpinion, setArchiveOpinion] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing = Object.fromEntries(
      ([['decisionNumber', decisionNumber.trim()], ['decisionDate', decisionDate], ['archiveOpinion', archiveOpinion.trim()]] as const)
        .filter(([, value]) => !value).map(([field]) => [field, t('common.required')]),
    );
    if (errors.showFieldErrors(missing)) return;
    propose.mutate(
      { recordIds: records.map((r) => r.id), decisionNumber: decisionNumber.trim(), decisionDate: decisionDate!, archiveOpinion: archiveOpinion.trim() },
      {
        onSuccess: (batch) => {
          notifySuccess(t('disposition.proposed', { count: records.length }));
          onProposed(batch);
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('disposition.proposeTitle')} size="lg">
      <form ref={errors.formRef} onSubmit={submit} noValidate data-testid="propose-form">
        <Stack gap="sm">
          <FormProblemAlert problem={errors.problem} />
          <Text size="sm">{t('disposition.proposeHint', { count: records.length })}</Text>
          <Text size="sm" className="mono">{records.map((r) => r.code).join(', ')}</Text>
          <TextInput
            label={t('disposition.decisionNumber')} placeholder={t('disposition.decisionNumberPlaceholder')} required data-autofocus
            value={decisionNumber} error={errors.fieldErrors.decisionNumber}
            onChange={(event) => { setDecisionNumber(event.currentTarget.value); errors.clearFieldError('decisionNumber'); }}
          />
          <DateField
            label={t('disposition.decisionDate')} required value={decisionDate} error={errors.fieldErrors.decisionDate}
            onChange={(value) => { setDecisionDate(value); errors.clearFieldError('decisionDate'); }}
          />
          <Textarea
            label={t('disposition.archiveOpinion')} placeholder={t('disposition.archiveOpinionPlaceholder')} required autosize minRows={2}
            value={archiveOpinion} error={errors.fieldErrors.archiveOpinion}
            onChange={(event) => { setArchiveOpinion(event.currentTarget.value); errors.clearFieldError('archiveOpinion'); }}
          />
          <FormActions onCancel={onClose} submitLabel={t('disposition.proposeConfirm')} isPending={propose.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
