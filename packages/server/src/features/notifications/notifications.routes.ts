import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Notification, NotificationCount, NotificationListQuery, NotificationPage } from '@nghiemthu/shared';
import { requestLanguage } from '../../lib/error-handler.js';
import { requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Everyone reads and marks only their own notifications; someone else's answers 404. */
export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { notifications } = app.services;

  app.get('/notifications', {
    schema: { tags: ['notifications'], summary: 'Your notifications, newest first; `unread=true` for the unread ones only', querystring: NotificationListQuery, response: { 200: NotificationPage, ...errors } },
  }, async (request) => notifications.list(requireActor(request), request.query, requestLanguage(request)));

  app.get('/notifications/unread-count', {
    // The bell asks every minute: that alone must not keep an unattended session from timing out.
    config: { isBackgroundPoll: true },
    schema: { tags: ['notifications'], summary: 'How many of your notifications are unread (the bell polls this)', response: { 200: NotificationCount, ...errors } },
  }, async (request) => notifications.unreadCount(requireActor(request)));

  app.post('/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of your notifications read', params: z.strictObject({ id: z.uuid() }), response: { 200: Notification, ...errors } },
  }, async (request) => notifications.markRead(requireActor(request), request.params.id, requestLanguage(request)));

  app.post('/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Mark all your notifications read; answers how many were unread', response: { 200: NotificationCount, ...errors } },
  }, async (request) => notifications.markAllRead(requireActor(request)));
};
