import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddScanBody, ErrorBody, Task } from '@nghiemthu/shared';
import { requestLanguage } from '../../lib/error-handler.js';
import { auditSource, requireActor } from '../auth/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 415: ErrorBody };

/** Digitised paper: a scan uploaded through /api/files is added to a record, then recognised in the background. */
export const scansRoutes: FastifyPluginAsyncZod = async (app) => {
  const { scanIngest, tasks } = app.services;

  app.post('/records/:id/scans', {
    schema: {
      tags: ['records'], summary: 'Add a scanned paper document (≥ 200 dpi) to a record; text recognition runs in the background, poll /api/tasks/{id}',
      params: z.strictObject({ id: z.uuid() }), body: AddScanBody, response: { 202: Task, ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const taskId = await scanIngest.addScan(actor, request.params.id, request.body, auditSource(request), requestLanguage(request));
    return reply.status(202).send(await tasks.getForActor(actor, taskId));
  });
};
