import { ActionIcon, Anchor, Box, Button, Divider, Group, Indicator, Loader, Popover, ScrollArea, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session';
import { QueryError } from '../../ui/query-error';
import { NotificationItem } from './notification-item';
import { useLatestNotifications, useMarkAllNotificationsRead, useUnreadNotificationCount } from './notifications.api';

/** The bell in the header: the unread count (asked every minute and when the window regains focus), the ten newest on click. */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useMe();
  const [isOpen, setOpen] = useState(false);
  const unread = useUnreadNotificationCount(!me.user.mustChangePassword);
  const latest = useLatestNotifications(isOpen);
  const markAllRead = useMarkAllNotificationsRead();
  const count = unread.data?.count ?? 0;
  // Until the password is changed there is nowhere to go from a notification.
  if (me.user.mustChangePassword) return null;

  return (
    <Popover opened={isOpen} onChange={setOpen} position="bottom-end" width={380} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Indicator label={count} maxValue={99} size={18} offset={4} disabled={count === 0} inline>
          <ActionIcon
            variant="subtle"
            size="lg"
            color="gray"
            onClick={() => setOpen((open) => !open)}
            aria-label={t('notifications.bellLabel', { count })}
            aria-expanded={isOpen}
            aria-haspopup="dialog"
            data-testid="notification-bell"
          >
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={t('notifications.menuTitle')}>
        <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {t('notifications.menuTitle')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
            data-testid="notification-mark-all-read"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420}>
          {latest.isPending && (
            <Box p="md" ta="center">
              <Loader size="sm" aria-label={t('common.loading')} />
            </Box>
          )}
          {latest.isError && (
            <Box p="sm">
              <QueryError error={latest.error} onRetry={() => void latest.refetch()} />
            </Box>
          )}
          {latest.data?.items.length === 0 && (
            <Text size="sm" c="dimmed" p="md">
              {t('notifications.empty')}
            </Text>
          )}
          {latest.data?.items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onOpen={() => setOpen(false)} />
          ))}
        </ScrollArea.Autosize>
        <Divider />
        <Box px="sm" py="xs" ta="center">
          <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpen(false)} data-testid="notification-view-all">
            {t('notifications.viewAll')}
          </Anchor>
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}
