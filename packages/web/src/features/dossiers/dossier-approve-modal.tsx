import { Alert, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { formatVnd, type DossierDetail } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { useFormErrors } from '../../ui/use-form-errors';
import { useDossierStep } from './dossiers.api';

type Props = { dossier: DossierDetail; opened: boolean; onClose: () => void };
type Approval = 'accepted' | 'accepted_with_conditions';

/** The leader's decision to accept, with or without conditions, in words that go into the minutes. */
export function DossierApproveModal({ dossier, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('dossier.approve.title')} size="lg">
      <ApproveForm dossier={dossier} onClose={onClose} />
    </Modal>
  );
}

function ApproveForm({ dossier, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const errors = useFormErrors(['conclusion', 'conclusionText'] as const);
  const step = useDossierStep(dossier.id);
  const [conclusion, setConclusion] = useState<Approval>('accepted');
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (errors.showFieldErrors(text.trim() ? {} : { conclusionText: t('common.required') })) return;
    step.mutate({ action: 'approve', body: { conclusion, conclusionText: text.trim() } }, {
      onSuccess: () => {
        notifySuccess(t('dossier.approve.done'));
        onClose();
      },
      onError: errors.showApiError,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
          <Text size="sm">{t('dossier.approve.figures', { accepted: formatVnd(dossier.acceptedValue ?? 0), deduction: formatVnd(dossier.deductionTotal ?? 0) })}</Text>
          {dossier.councilSummary && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {t('dossier.approve.councilSummary', { summary: dossier.councilSummary })}
            </Text>
          )}
        </Alert>
        <FormProblemAlert problem={errors.problem} />
        <Radio.Group
          label={t('dossier.approve.conclusion')}
          required
          value={conclusion}
          onChange={(value) => setConclusion(value === 'accepted_with_conditions' ? value : 'accepted')}
          error={errors.fieldErrors.conclusion}
        >
          <Group mt={6} gap="lg">
            <Radio value="accepted" label={t('dossier.conclusions.accepted')} />
            <Radio value="accepted_with_conditions" label={t('dossier.conclusions.accepted_with_conditions')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('dossier.approve.text')}
          description={t('dossier.approve.textHint')}
          required
          autosize
          minRows={3}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            errors.clearFieldError('conclusionText');
          }}
          error={errors.fieldErrors.conclusionText}
        />
        <FormActions onCancel={onClose} submitLabel={t('dossier.actions.approve')} isPending={step.isPending} color="green" />
      </Stack>
    </form>
  );
}
