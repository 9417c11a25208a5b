import { Box, NavLink, VisuallyHidden } from '@mantine/core';
import { formatDateTime, type Notification } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notificationPath, useMarkNotificationRead } from './notifications.api';

type NotificationItemProps = { notification: Notification; onOpen?: () => void };

/**
 * One notification: a link to its dossier or order when it has one (a plain
 * button otherwise); opening it marks it read. Unread ones are bold with a dot,
 * and say so to screen readers.
 */
export function NotificationItem({ notification, onOpen }: NotificationItemProps) {
  const { t } = useTranslation();
  const markRead = useMarkNotificationRead();
  const isUnread = notification.readAt === null;
  const path = notificationPath(notification);

  function open() {
    if (isUnread) markRead.mutate(notification.id);
    onOpen?.();
  }

  const common = {
    label: notification.title,
    description: formatDateTime(notification.createdAt),
    leftSection: (
      <Box
        w={8}
        h={8}
        aria-hidden
        style={{ borderRadius: '50%', background: isUnread ? 'var(--mantine-primary-color-filled)' : 'transparent' }}
      />
    ),
    rightSection: isUnread ? <VisuallyHidden>{t('notifications.unreadMark')}</VisuallyHidden> : undefined,
    onClick: open,
    styles: { label: { fontWeight: isUnread ? 600 : 400, overflowWrap: 'anywhere' as const }, section: { alignSelf: 'flex-start', marginTop: 6 } },
    'data-testid': 'notification-item',
    'data-unread': isUnread || undefined,
  };
  return path ? <NavLink component={Link} to={path} {...common} /> : <NavLink component="button" type="button" {...common} />;
}
