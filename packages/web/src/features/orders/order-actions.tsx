import { Button, Group } from '@mantine/core';
import type { OrderAllowedAction, OrderDetail } from '@nghiemthu/shared';
import {
  IconArchive, IconBan, IconCheck, IconEdit, IconFilePlus, IconFileCertificate, IconPlayerPlay, IconReceipt2, IconSignature, IconVersions,
  type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notifySuccess } from '../../ui/notify';
import { ReasonConfirmModal } from '../../ui/reason-confirm-modal';
import { ConfirmModal } from '../catalogue/confirm-modal';
import { ClosingDocumentModal } from './closing-document-modal';
import { useOrderStep, type SimpleOrderStep } from './orders.api';

type ConfirmedStep = Exclude<SimpleOrderStep, 'cancel'>;
type Open = { kind: 'confirm'; step: ConfirmedStep } | { kind: 'cancel' } | { kind: 'closing'; step: 'liquidate' | 'settle' };

const STEP_ICONS: Record<ConfirmedStep | 'liquidate' | 'settle', Icon> = {
  sign: IconSignature,
  start: IconPlayerPlay,
  complete: IconCheck,
  liquidate: IconFileCertificate,
  settle: IconReceipt2,
  archive: IconArchive,
};

/** The buttons of what the signed-in user may do with the order now (its allowedActions), and their dialogs. */
export function OrderActions({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open | null>(null);
  const step = useOrderStep(order.id);
  const can = (action: OrderAllowedAction) => order.allowedActions.includes(action);
  const close = () => setOpen(null);
  const stepButton = (action: ConfirmedStep | 'liquidate' | 'settle') => {
    const StepIcon = STEP_ICONS[action];
    return (
      <Button
        key={action}
        leftSection={<StepIcon size={16} aria-hidden />}
        onClick={() => setOpen(action === 'liquidate' || action === 'settle' ? { kind: 'closing', step: action } : { kind: 'confirm', step: action })}
      >
        {t(`orders.actions.${action}`)}
      </Button>
    );
  };

  return (
    <>
      <Group gap="sm" data-testid="order-actions">
        {(['sign', 'start', 'complete', 'liquidate', 'settle', 'archive'] as const).filter(can).map(stepButton)}
        {can('createDossier') && (
          <Button component={Link} to={`/dossiers/new?orderId=${order.id}`} leftSection={<IconFilePlus size={16} aria-hidden />}>
            {t('orders.actions.createDossier')}
          </Button>
        )}
        {can('edit') && (
          <Button component={Link} to={`/orders/${order.id}/edit`} variant="default" leftSection={<IconEdit size={16} aria-hidden />}>
            {t('orders.actions.edit')}
          </Button>
        )}
        {can('amend') && (
          <Button component={Link} to={`/orders/${order.id}/amend`} variant="default" leftSection={<IconVersions size={16} aria-hidden />}>
            {t('orders.actions.amend')}
          </Button>
        )}
        {can('cancel') && (
          <Button color="red" variant="light" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setOpen({ kind: 'cancel' })}>
            {t('orders.actions.cancel')}
          </Button>
        )}
      </Group>
      {open?.kind === 'confirm' && (
        <ConfirmModal
          opened
          onClose={close}
          color="blue"
          title={t(`orders.confirm.${open.step}.title`, { code: order.code })}
          message={t(`orders.confirm.${open.step}.message`)}
          confirmLabel={t(`orders.actions.${open.step}`)}
          isPending={step.isPending}
          onConfirm={() => step.mutateAsync({ step: open.step }).then(() => notifySuccess(t(`orders.confirm.${open.step}.done`, { code: order.code })))}
        />
      )}
      <ReasonConfirmModal
        opened={open?.kind === 'cancel'}
        onClose={close}
        title={t('orders.cancelTitle', { code: order.code })}
        warning={t('orders.cancelWarning')}
        reasonLabel={t('orders.cancelReason')}
        confirmLabel={t('orders.actions.cancel')}
        successMessage={t('orders.cancelled', { code: order.code })}
        isPending={step.isPending}
        onConfirm={(reason) => step.mutateAsync({ step: 'cancel', reason })}
      />
      <ClosingDocumentModal step={open?.kind === 'closing' ? open.step : null} onClose={close} order={order} />
    </>
  );
}
