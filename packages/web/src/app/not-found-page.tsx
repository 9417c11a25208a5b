import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../ui/page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <PageTitle>{t('app.notFoundTitle')}</PageTitle>
      <Text>{t('app.notFoundText')}</Text>
      <Button component={Link} to="/">
        {t('app.backHome')}
      </Button>
    </Stack>
  );
}
