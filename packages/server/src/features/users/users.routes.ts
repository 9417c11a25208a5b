import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateUserBody, ErrorBody, ResetPasswordBody, UpdateUserBody, User, UserListQuery, UserPage } from '@nghiemthu/shared';
import { auditSource, requireActor } from '../auth/actor.js';

const IdParams = z.strictObject({ id: z.uuid() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.services;

  app.get('/users', {
    schema: { tags: ['users'], summary: 'Users within your reach', querystring: UserListQuery, response: { 200: UserPage, ...errors } },
  }, async (request) => users.list(requireActor(request), request.query));

  app.get('/users/:id', {
    schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User, ...errors } },
  }, async (request) => users.get(requireActor(request), request.params.id));

  app.post('/users', {
    schema: { tags: ['users'], summary: 'Create a user (must change the password at first sign-in)', body: CreateUserBody, response: { 201: User, ...errors } },
  }, async (request, reply) => {
    const user = await users.create(requireActor(request), request.body, auditSource(request));
    return reply.status(201).send(user);
  });

  app.patch('/users/:id', {
    schema: { tags: ['users'], summary: 'Change name, e-mail, roles or active state', params: IdParams, body: UpdateUserBody, response: { 200: User, ...errors } },
  }, async (request) => users.update(requireActor(request), request.params.id, request.body, auditSource(request)));

  app.post('/users/:id/password', {
    schema: { tags: ['users'], summary: 'Set a new password for a user; their sessions end', params: IdParams, body: ResetPasswordBody, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await users.resetPassword(requireActor(request), request.params.id, request.body, auditSource(request));
    return reply.status(204).send(null);
  });

  app.post('/users/:id/unlock', {
    schema: { tags: ['users'], summary: 'Lift a lockout after failed sign-ins', params: IdParams, response: { 200: User, ...errors } },
  }, async (request) => users.unlock(requireActor(request), request.params.id, auditSource(request)));
};
