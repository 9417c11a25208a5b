import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Said when neither the user directory nor a leader's list of colleagues can be read with this
 * account: only the people already on the dossier can be chosen.
 */
export function PeopleUnavailableAlert() {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} title={t('dossier.people.unavailableTitle')} data-testid="people-unavailable">
      {t('dossier.people.unavailableText')}
    </Alert>
  );
}
