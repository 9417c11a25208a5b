import { notifications } from '@mantine/notifications';

/** A short confirmation that something was saved; announced politely to screen readers. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, role: 'status', autoClose: 5000 });
}
