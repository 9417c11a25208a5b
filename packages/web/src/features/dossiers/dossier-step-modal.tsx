import { Alert, List, Modal, Stack, Text } from '@mantine/core';
import type { DossierDetail, ErrorDetail } from '@nghiemthu/shared';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { errorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { notifySuccess } from '../../ui/notify';
import { useDossierStep } from './dossiers.api';

export type ConfirmedStep = 'submit' | 'answer_supplement' | 'receive' | 'complete_appraisal';

type Props = {
  dossier: DossierDetail;
  action: ConfirmedStep;
  opened: boolean;
  onClose: () => void;
  /** The server's list of what is missing (submission of an incomplete dossier), for the fields to show. */
  onRefused: (details: ErrorDetail[]) => void;
  onDone: () => void;
};

/** A step without fields: says what happens next, then shows the server's refusal item by item. */
export function DossierStepModal({ dossier, action, opened, onClose, onRefused, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(`dossier.confirmSteps.${action}.title`)} size="lg">
      <StepForm dossier={dossier} action={action} onClose={onClose} onRefused={onRefused} onDone={onDone} />
    </Modal>
  );
}

function StepForm({ dossier, action, onClose, onRefused, onDone }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const step = useDossierStep(dossier.id);
  const [problem, setProblem] = useState<{ message: string; items: string[] } | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    step.mutate({ action }, {
      onSuccess: (updated) => {
        notifySuccess(t(`dossier.confirmSteps.${action}.done`, { code: updated.code ?? '' }));
        onDone();
        onClose();
      },
      onError: (error) => {
        const details = error instanceof ApiError ? error.details : [];
        setProblem({ message: errorMessage(error), items: details.map((detail) => detail.message) });
        onRefused(details);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t(`dossier.confirmSteps.${action}.message`)}</Text>
        {problem && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="dossier-step-problem">
            {problem.message}
            {problem.items.length > 0 && (
              <List size="sm" mt="xs">
                {problem.items.map((item) => <List.Item key={item}>{item}</List.Item>)}
              </List>
            )}
          </Alert>
        )}
        <FormActions onCancel={onClose} submitLabel={t(`dossier.actions.${action}`)} isPending={step.isPending} />
      </Stack>
    </form>
  );
}
