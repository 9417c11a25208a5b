import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Task } from '@nghiemthu/shared';
import { requireActor } from '../auth/actor.js';

export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/tasks/:id', {
    schema: {
      tags: ['tasks'],
      summary: 'Progress and outcome of a background task you started',
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: Task, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (request) => app.services.tasks.getForActor(requireActor(request), request.params.id));
};
