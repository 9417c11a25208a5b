import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Task } from '@nghiemthu/shared';
import { requestLanguage } from '../../lib/error-handler.js';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['records'];

/** Fixity checks: re-hash stored files in the background, with progress at /api/tasks/{id}. */
export const integrityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { integrity, records, tasks } = app.services;

  app.post('/records/:id/integrity-check', {
    schema: { tags, summary: 'Re-hash every file of one record now; poll /api/tasks/{id} for progress and the report', params: z.strictObject({ id: z.uuid() }), response: { 202: Task, ...errors } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    await records.get(actor, request.params.id); // 404 unless the actor may read the record
    const taskId = await integrity.start(actor, request.params.id, auditSource(request), requestLanguage(request));
    return reply.status(202).send(await tasks.getForActor(actor, taskId));
  });

  app.post('/integrity-checks', {
    schema: { tags, summary: 'Re-hash every stored file now (administrators); the nightly sweep does the same', response: { 202: Task, ...errors } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const taskId = await integrity.start(actor, null, auditSource(request), requestLanguage(request));
    return reply.status(202).send(await tasks.getForActor(actor, taskId));
  });
};
