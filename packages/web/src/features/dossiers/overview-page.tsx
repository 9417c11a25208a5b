import { Button, EmptyState, Group, Stack, Text } from '@mantine/core';
import { IconChartBar, IconList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { useDossierOverview } from './dossiers.api';
import { OverviewStats } from './overview-stats';
import { OverviewGroups } from './overview-tables';

/** For leaders and officers: where the acceptance work stands, every figure a way into the dossiers behind it. */
export function OverviewPage() {
  const { t } = useTranslation();
  const overview = useDossierOverview();
  const isEmpty = overview.data?.byState.every((entry) => entry.count === 0) ?? false;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('dossierOverview.title')}</PageTitle>
        <Button component={Link} to="/dossiers" variant="default" leftSection={<IconList size={16} aria-hidden />}>
          {t('dossiers.title')}
        </Button>
      </Group>
      {overview.isPending && <PageLoader />}
      {overview.isError && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {overview.data && isEmpty && (
        <EmptyState py="xl" icon={<IconChartBar aria-hidden />} title={t('dossierOverview.empty')} />
      )}
      {overview.data && !isEmpty && (
        <>
          <Text c="dimmed" size="sm">{t('dossierOverview.intro')}</Text>
          <OverviewStats overview={overview.data} />
          <OverviewGroups by="provider" />
          <OverviewGroups by="order" />
          <Text size="xs" c="dimmed">{t('dossierOverview.limitNote')}</Text>
        </>
      )}
    </Stack>
  );
}
