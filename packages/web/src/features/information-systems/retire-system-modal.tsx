import type { InformationSystem } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { ReasonConfirmModal } from '../../ui/reason-confirm-modal';
import { useRetireSystem } from './information-systems.api';

/** Stops using a system; it stays on record, with the services that were linked to it. */
export function RetireSystemModal({ opened, onClose, system }: { opened: boolean; onClose: () => void; system: InformationSystem }) {
  const { t } = useTranslation();
  const retire = useRetireSystem(system.id);
  return (
    <ReasonConfirmModal
      opened={opened}
      onClose={onClose}
      title={t('informationSystems.retireTitle', { name: system.name })}
      warning={t('informationSystems.retireWarning')}
      reasonLabel={t('informationSystems.retireReason')}
      confirmLabel={t('informationSystems.retireConfirm')}
      successMessage={t('informationSystems.retired', { name: system.name })}
      onConfirm={(reason) => retire.mutateAsync({ reason })}
      isPending={retire.isPending}
    />
  );
}
