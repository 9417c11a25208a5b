import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when a page fails to load or crashes, typically an old tab after an update. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Stack align="flex-start" role="alert">
        <Title order={1} size="h2">
          {t('errors.pageFailedTitle')}
        </Title>
        <Text>{t('errors.pageFailedText')}</Text>
        <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
      </Stack>
    </Container>
  );
}
