import { Button } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** From the records list to the disposition of expired records. */
export function DispositionLink() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/records/disposition" variant="default" leftSection={<IconTrash size={16} aria-hidden />} data-testid="records-disposition">
      {t('disposition.openPage')}
    </Button>
  );
}
