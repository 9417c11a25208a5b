import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, ErrorBody, LoginBody, Me, PublicConfig } from '@nghiemthu/shared';
import { auditSource, requireActor } from './actor.js';
import { clearSessionCookie, setSessionCookie } from './session-hooks.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, settings } = app.services;
  const config = app.services.config;

  app.get('/public/config', {
    schema: { tags: ['auth'], summary: 'What the sign-in page shows before anyone signs in', response: { 200: PublicConfig } },
  }, async () => settings.publicConfig());

  app.post('/auth/login', {
    config: { skipCsrf: true, rateLimit: { max: config.login.ratePerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with username and password; sets the session cookie',
      body: LoginBody,
      response: { 200: Me, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const { token, me } = await auth.login(username, password, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(reply, request, token, config);
    return me;
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), 401: ErrorBody } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    await auth.logout(actor, auditSource(request));
    clearSessionCookie(reply, request, config);
    return reply.status(204).send(null);
  });

  app.get('/auth/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user, agency, roles and CSRF token', response: { 200: Me, 401: ErrorBody } },
  }, async (request) => auth.me(requireActor(request)));

  app.post('/auth/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change own password; other sessions of the user end',
      body: ChangePasswordBody,
      response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    await auth.changePassword(actor, request.body.currentPassword, request.body.newPassword, auditSource(request));
    return reply.status(204).send(null);
  });
};
