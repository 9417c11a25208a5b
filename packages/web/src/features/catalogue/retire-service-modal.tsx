import type { CatalogueService } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { ReasonConfirmModal } from '../../ui/reason-confirm-modal';
import { useRetireService } from './catalogue.api';

/** Stops offering a service; it stays on record with its prices. */
export function RetireServiceModal({ opened, onClose, service }: { opened: boolean; onClose: () => void; service: CatalogueService }) {
  const { t } = useTranslation();
  const retire = useRetireService(service.id);
  return (
    <ReasonConfirmModal
      opened={opened}
      onClose={onClose}
      title={t('catalogue.retireTitle', { name: service.name })}
      warning={t('catalogue.retireWarning')}
      reasonLabel={t('catalogue.retireReason')}
      confirmLabel={t('catalogue.retireConfirm')}
      successMessage={t('catalogue.retired', { name: service.name })}
      onConfirm={(reason) => retire.mutateAsync({ reason })}
      isPending={retire.isPending}
    />
  );
}
