import { Alert, DataList, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '@nghiemthu/shared';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { PageTitle } from '../../ui/page-title';
import { RoleBadges } from '../../ui/role-badges';
import { ActiveDelegationAlert } from '../delegations/active-delegation-alert';
import { MyWorkQueue } from './my-work-queue';
import { RecentActivity } from './recent-activity';

export function MyWorkPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack>
      <PageTitle>{t('myWork.title')}</PageTitle>
      <Text size="lg">{t('myWork.greeting', { name: me.user.fullName })}</Text>
      <ActiveDelegationAlert />
      <MyWorkQueue />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="my-work-account">
          <Title order={2} size="h4" mb="sm" id="my-work-account">
            {t('myWork.account')}
          </Title>
          <DataList labelWidth="140px">
            <DataList.Item>
              <DataList.ItemLabel>{t('myWork.agency')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {me.agency.name} (<span className="mono">{me.agency.code}</span>)
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('users.roles')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <RoleBadges roles={me.user.roles} />
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('users.username')}</DataList.ItemLabel>
              <DataList.ItemValue className="mono">{me.user.username}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('myWork.sessionEnds')}</DataList.ItemLabel>
              <DataList.ItemValue>{formatDateTime(me.session.absoluteExpiresAt)}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Paper>
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('myWork.comingTitle')}>
          {t('myWork.comingText')}
        </Alert>
      </SimpleGrid>
      {me.permissions.readAudit && <RecentActivity username={me.user.username} />}
    </Stack>
  );
}
