import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { normalizeAgencyCode, type Agency } from '@nghiemthu/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/date-field';
import { FormProblemAlert } from '../../ui/form-problem';
import { todayIsoDate } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useChangeAgencyCode } from './agencies.api';
import { agencyCodeProblem } from './agency-code-check';
import { FormActions } from '../../ui/form-actions';

const FIELDS = ['code', 'validFrom', 'reason'] as const;

type ChangeCodeModalProps = { opened: boolean; onClose: () => void; agency: Agency };

/** A new electronic code for the same agency; the current one moves to the code history. */
export function ChangeCodeModal({ opened, onClose, agency }: ChangeCodeModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('agencies.changeCodeTitle', { name: agency.name })} size="lg">
      <ChangeCodeForm agency={agency} onDone={onClose} />
    </Modal>
  );
}

function ChangeCodeForm({ agency, onDone }: { agency: Agency; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors(FIELDS);
  const changeCode = useChangeAgencyCode(agency.id);
  const [code, setCode] = useState('');
  const [validFrom, setValidFrom] = useState<string | null>(todayIsoDate());
  const [reason, setReason] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('common.required');
    const codeProblem = agencyCodeProblem(code);
    const problems = {
      ...(codeProblem ? { code: codeProblem } : {}),
      ...(validFrom ? {} : { validFrom: required }),
      ...(reason.trim() ? {} : { reason: required }),
    };
    if (errors.showFieldErrors(problems) || !validFrom) return;
    changeCode.mutate(
      { code: normalizeAgencyCode(code), validFrom, reason: reason.trim() },
      {
        onSuccess: (changed) => {
          notifySuccess(t('agencies.codeChanged', { code: changed.code }));
          onDone();
        },
        onError: errors.showApiError,
      },
    );
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t('agencies.currentCode')}: <span className="mono">{agency.code}</span>
        </Text>
        <FormProblemAlert problem={errors.problem} />
        <TextInput
          label={t('agencies.newCode')}
          description={t('agencies.codeHint')}
          name="code"
          required
          data-autofocus
          classNames={{ input: 'mono' }}
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            errors.clearFieldError('code');
          }}
          onBlur={() => code && setCode(normalizeAgencyCode(code))}
          error={errors.fieldErrors.code}
        />
        <DateField
          label={t('agencies.codeValidFrom')}
          name="validFrom"
          required
          value={validFrom}
          onChange={(value) => {
            setValidFrom(value);
            errors.clearFieldError('validFrom');
          }}
          error={errors.fieldErrors.validFrom}
        />
        <Textarea
          label={t('agencies.codeChangeReason')}
          description={t('agencies.codeChangeReasonHint')}
          name="reason"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            errors.clearFieldError('reason');
          }}
          error={errors.fieldErrors.reason}
        />
        <FormActions onCancel={onDone} submitLabel={t('agencies.changeCode')} isPending={changeCode.isPending} />
      </Stack>
    </form>
  );
}
