import { Button, Group, type ButtonProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { DossierAction, DossierAllowedAction, DossierDetail, ErrorDetail } from '@nghiemthu/shared';
import {
  IconArrowBackUp, IconCalendarPlus, IconCash, IconCheck, IconFileCertificate, IconFileImport, IconGavel, IconInbox, IconSend,
  IconUserCheck, IconUsersGroup, IconX, type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonConfirmModal } from '../../ui/reason-confirm-modal';
import { DossierApproveModal } from './dossier-approve-modal';
import { DossierAssignModal } from './dossier-assign-modal';
import { DossierCloseCouncilModal } from './dossier-close-council-modal';
import { DossierExtendModal } from './dossier-extend-modal';
import { DossierMinutesModal } from './dossier-minutes-modal';
import { DossierPaymentModal } from './dossier-payment-modal';
import { DossierStepModal, type ConfirmedStep } from './dossier-step-modal';
import { useDossierStep } from './dossiers.api';

type ReasonStep = 'withdraw' | 'request_supplement' | 'reject' | 'send_back';
type Open = DossierAction | 'extendDeadline';

/** Every workflow step in the order a dossier goes through them; the bar shows those the server allows. */
const STEPS: { action: DossierAction; icon: Icon; look: ButtonProps }[] = [
  { action: 'submit', icon: IconSend, look: {} },
  { action: 'answer_supplement', icon: IconSend, look: {} },
  { action: 'receive', icon: IconInbox, look: {} },
  { action: 'request_supplement', icon: IconFileImport, look: { variant: 'light', color: 'orange' } },
  { action: 'assign_appraiser', icon: IconUserCheck, look: {} },
  { action: 'complete_appraisal', icon: IconCheck, look: {} },
  { action: 'close_council_review', icon: IconUsersGroup, look: {} },
  { action: 'approve', icon: IconGavel, look: { color: 'green' } },
  { action: 'send_back', icon: IconArrowBackUp, look: { variant: 'light', color: 'orange' } },
  { action: 'reject', icon: IconX, look: { variant: 'light', color: 'red' } },
  { action: 'issue_minutes', icon: IconFileCertificate, look: {} },
  { action: 'record_final_payment', icon: IconCash, look: {} },
  { action: 'withdraw', icon: IconX, look: { variant: 'subtle', color: 'red' } },
];

const REASON_STEPS: readonly ReasonStep[] = ['withdraw', 'request_supplement', 'reject', 'send_back'];
const CONFIRMED_STEPS: readonly ConfirmedStep[] = ['submit', 'answer_supplement', 'receive', 'complete_appraisal'];

/** The buttons of what the signed-in user may do with the dossier now (its allowedActions), and their dialogs. */
export function DossierDetailActions({ dossier, onSubmitRefused }: { dossier: DossierDetail; onSubmitRefused: (details: ErrorDetail[]) => void }) {
  const { t } = useTranslation();
  // The dialog stays chosen while it closes, so its title does not empty itself on the way out.
  const [chosen, setChosen] = useState<{ what: Open; isOpen: boolean } | null>(null);
  const step = useDossierStep(dossier.id);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const can = (action: DossierAllowedAction) => dossier.allowedActions.includes(action);
  const open = chosen?.isOpen ? chosen.what : null;
  const setOpen = (what: Open) => setChosen({ what, isOpen: true });
  const close = () => setChosen((current) => current && { ...current, isOpen: false });
  const shown = STEPS.filter(({ action }) => can(action));
  if (shown.length === 0 && !can('extendDeadline')) return null;
  const reasonStep = REASON_STEPS.find((action) => action === chosen?.what);
  const confirmedStep = CONFIRMED_STEPS.find((action) => action === chosen?.what);
  const name = dossier.code ?? t('dossier.titleDraft');

  return (
    <>
      <Group gap="xs" justify={isPhone ? 'flex-start' : 'flex-end'} data-testid="dossier-actions">
        {shown.map(({ action, icon: StepIcon, look }) => (
          <Button key={action} leftSection={<StepIcon size={16} aria-hidden />} {...look} onClick={() => setOpen(action)}>
            {t(`dossier.actions.${action}`)}
          </Button>
        ))}
        {can('extendDeadline') && (
          <Button variant="default" leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setOpen('extendDeadline')}>
            {t('dossier.actions.extendDeadline')}
          </Button>
        )}
      </Group>
      <DossierStepModal
        dossier={dossier}
        action={confirmedStep ?? 'submit'}
        opened={confirmedStep !== undefined && open === confirmedStep}
        onClose={close}
        onRefused={(details) => confirmedStep === 'submit' && onSubmitRefused(details)}
        onDone={() => onSubmitRefused([])}
      />
      <ReasonConfirmModal
        opened={reasonStep !== undefined && open === reasonStep}
        onClose={close}
        title={reasonStep ? t(`dossier.reasonSteps.${reasonStep}.title`, { name }) : ''}
        warning={reasonStep ? t(`dossier.reasonSteps.${reasonStep}.warning`) : ''}
        reasonLabel={reasonStep ? t(`dossier.reasonSteps.${reasonStep}.label`) : ''}
        confirmLabel={reasonStep ? t(`dossier.actions.${reasonStep}`) : ''}
        successMessage={reasonStep ? t(`dossier.reasonSteps.${reasonStep}.done`, { name }) : ''}
        isPending={step.isPending}
        onConfirm={(reason) => step.mutateAsync({ action: reasonStep ?? 'withdraw', body: { reason } })}
      />
      <DossierAssignModal dossier={dossier} opened={open === 'assign_appraiser'} onClose={close} />
      <DossierCloseCouncilModal dossier={dossier} opened={open === 'close_council_review'} onClose={close} />
      <DossierApproveModal dossier={dossier} opened={open === 'approve'} onClose={close} />
      <DossierMinutesModal dossier={dossier} opened={open === 'issue_minutes'} onClose={close} />
      <DossierPaymentModal dossier={dossier} kind="final" opened={open === 'record_final_payment'} onClose={close} />
      <DossierExtendModal dossier={dossier} opened={open === 'extendDeadline'} onClose={close} />
    </>
  );
}
