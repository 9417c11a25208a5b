import { Button, EmptyState, Paper, Select, Stack, Group } from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../ui/filter-bar';
import { ListFooter } from '../../ui/list-footer';
import { notifySuccess } from '../../ui/notify';
import { PageLoader } from '../../ui/page-loader';
import { PageTitle } from '../../ui/page-title';
import { QueryError } from '../../ui/query-error';
import { oneOf, useListParams } from '../../ui/use-list-params';
import { NotificationItem } from './notification-item';
import {
  NOTIFICATION_READ_FILTERS,
  useMarkAllNotificationsRead,
  useNotificationList,
  useUnreadNotificationCount,
} from './notifications.api';

const SORTS = ['createdAt'] as const;
const FILTERS = ['read'] as const;

/** All of the signed-in user's notifications, newest first, page by page. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useListParams({ sorts: SORTS, defaultSort: 'createdAt', defaultOrder: 'desc', filters: FILTERS });
  const notifications = useNotificationList({
    page: list.page,
    pageSize: list.pageSize,
    read: oneOf(NOTIFICATION_READ_FILTERS, list.filters.read),
  });
  const unread = useUnreadNotificationCount();
  const markAllRead = useMarkAllNotificationsRead();

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('notifications.title')}</PageTitle>
        <Button
          variant="light"
          leftSection={<IconChecks size={16} aria-hidden />}
          disabled={(unread.data?.count ?? 0) === 0}
          loading={markAllRead.isPending}
          onClick={() =>
            markAllRead.mutate(undefined, {
              onSuccess: ({ count }) => notifySuccess(t('notifications.markedAllRead', { count })),
            })
          }
          data-testid="notifications-mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <FilterBar hasFilters={list.hasFilters} onClear={list.clearFilters}>
        <Select
          label={t('notifications.readFilter')}
          placeholder={t('common.all')}
          data={NOTIFICATION_READ_FILTERS.map((value) => ({ value, label: t(`notifications.${value}`) }))}
          value={list.filters.read || null}
          onChange={(value) => list.setFilter('read', value)}
          clearable
          w={{ base: '100%', sm: 200 }}
          data-testid="notifications-read-filter"
        />
      </FilterBar>
      {notifications.isError && <QueryError error={notifications.error} onRetry={() => void notifications.refetch()} />}
      {notifications.isPending && <PageLoader />}
      {notifications.data && (
        <>
          <Paper
            withBorder
            component="section"
            aria-label={t('notifications.listLabel')}
            aria-busy={notifications.isPlaceholderData}
            style={{ opacity: notifications.isPlaceholderData ? 0.6 : 1 }}
          >
            {notifications.data.items.length === 0 ? (
              <EmptyState
                py="xl"
                size="sm"
                icon={<IconBell aria-hidden />}
                title={t(list.hasFilters ? 'notifications.emptyFiltered' : 'notifications.empty')}
              />
            ) : (
              notifications.data.items.map((notification) => <NotificationItem key={notification.id} notification={notification} />)
            )}
          </Paper>
          <ListFooter page={list.page} pageSize={list.pageSize} total={notifications.data.total} onPageChange={list.setPage} />
        </>
      )}
    </Stack>
  );
}
