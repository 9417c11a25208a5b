import { Modal } from '@mantine/core';
import type { DossierDetail, UserBrief } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { CouncilForm } from '../councils/council-form';
import { usePeopleToChoose, useSetupCouncil } from './dossiers.api';

type Props = { dossier: DossierDetail; opened: boolean; onClose: () => void };

/** The dossier's own council, set up by decision. Replaceable until someone votes. */
export function DossierCouncilModal({ dossier, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t(dossier.council ? 'dossier.councilForm.changeTitle' : 'dossier.councilForm.title')} size="xl">
      <DossierCouncilForm dossier={dossier} onClose={onClose} />
    </Modal>
  );
}

function DossierCouncilForm({ dossier, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const setup = useSetupCouncil(dossier.id);
  const known: UserBrief[] = dossier.council?.members.map((member) => member.user) ?? [];
  const choice = usePeopleToChoose(dossier.id, 'council', known);
  return <CouncilForm existing={dossier.council} choice={choice} setup={setup} intro={t('dossier.councilForm.intro')} onClose={onClose} />;
}
