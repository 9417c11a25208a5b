import type { Notification, NotificationCount, NotificationPage } from '@nghiemthu/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../app/api-client';

export const NOTIFICATION_READ_FILTERS = ['unread', 'read'] as const;
export type NotificationReadFilter = (typeof NOTIFICATION_READ_FILTERS)[number];

export type NotificationListParams = { page: number; pageSize: number; read?: NotificationReadFilter };

/** How often the bell asks for the unread count. The server does not count it as activity, so idle sessions still end. */
const UNREAD_POLL_MS = 60_000;

export function useUnreadNotificationCount(enabled = true) {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => apiGet<NotificationCount>('/api/notifications/unread-count'),
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

export function useNotificationList(params: NotificationListParams) {
  return useQuery({
    queryKey: ['notifications', 'list', params],
    queryFn: () =>
      apiGet<NotificationPage>('/api/notifications', {
        page: params.page,
        pageSize: params.pageSize,
        unread: params.read === undefined ? undefined : params.read === 'unread',
      }),
    placeholderData: keepPreviousData,
  });
}

/** The newest few, for the bell's menu; loaded when the menu opens. */
export function useLatestNotifications(isOpen: boolean) {
  return useQuery({
    queryKey: ['notifications', 'list', { page: 1, pageSize: 10 }],
    queryFn: () => apiGet<NotificationPage>('/api/notifications', { page: 1, pageSize: 10 }),
    enabled: isOpen,
    staleTime: 0,
  });
}

function useNotificationMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkNotificationRead() {
  return useNotificationMutation((id: string) => apiPost<Notification>(`/api/notifications/${id}/read`));
}

export function useMarkAllNotificationsRead() {
  return useNotificationMutation(() => apiPost<NotificationCount>('/api/notifications/read-all'));
}

/** Where a notification leads: its dossier, else its order, else nowhere. */
export function notificationPath(notification: Pick<Notification, 'dossierId' | 'orderId'>): string | null {
  if (notification.dossierId) return `/dossiers/${notification.dossierId}`;
  if (notification.orderId) return `/orders/${notification.orderId}`;
  return null;
}
